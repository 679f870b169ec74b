// Package nameorder orders names (乡镇, 类别, 指标) as Excel and WPS sort
// Chinese text: by pinyin (白官屯镇, 丰登坞镇, 李钊庄镇, …), then by code
// point, so that no two different names tie and the order never depends on
// input order.
package nameorder

import (
	"bytes"
	"slices"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Order compares names. It is not safe for concurrent use: make one per
// sort.
//
//	o := nameorder.New()
//	o.Compare("王官营镇", "白官屯镇") // 1: bái before wáng
type Order struct{ c *collate.Collator }

// New returns an Order.
func New() Order { return Order{c: collate.New(language.Chinese)} }

// Compare is -1, 0 or +1 as a sorts before, with or after b.
func (o Order) Compare(a, b string) int {
	if r := o.c.CompareString(a, b); r != 0 {
		return r
	}
	return strings.Compare(a, b)
}

// Sort sorts names in name order.
func Sort(names []string) {
	SortBy(names, func(s string) string { return s })
}

// SortBy sorts items stably by their names. Each name's collation key is
// made once, so that thousands of townships sort quickly.
func SortBy[T any](items []T, name func(T) string) {
	o := New()
	var buf collate.Buffer
	type keyed struct {
		key  []byte
		name string
		item T
	}
	ks := make([]keyed, len(items))
	for i, it := range items {
		n := name(it)
		ks[i] = keyed{key: bytes.Clone(o.c.KeyFromString(&buf, n)), name: n, item: it}
		buf.Reset()
	}
	slices.SortStableFunc(ks, func(a, b keyed) int {
		if r := bytes.Compare(a.key, b.key); r != 0 {
			return r
		}
		return strings.Compare(a.name, b.name)
	})
	for i, k := range ks {
		items[i] = k.item
	}
}
