package convert

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"
)

// maxQuickMerges bounds the overlapping merged ranges handed to the
// library, which joins overlapping ranges by comparing every pair again and
// again: past it, a sheet whose ranges overlap is refused with ErrBudget.
// Ranges that do not overlap are read in O(n log n) however many there are.
const maxQuickMerges = 2000

// errManyOverlaps refuses a sheet with more than maxQuickMerges merged
// ranges of which some overlap.
var errManyOverlaps = fmt.Errorf("%w：合并单元格超过 %d 个且相互重叠，请取消多余的合并后再提交", ErrBudget, maxQuickMerges)

// sheetMerges returns the merged ranges of a sheet. The library's
// GetMergeCells parses the whole worksheet into memory, which costs more than
// reading every cell with the row iterator; the <mergeCells> element alone is
// read from the part's bytes where the library holds them, and the library is
// asked only when they are not at hand or the ranges are unusual (malformed,
// overlapping, very many), so that the result is always the same.
func sheetMerges(f *excelize.File, sheet, part string) ([]Merge, error) {
	data, held := heldPart(f, part)
	if held {
		if ms, ok := partMerges(data); ok {
			return ms, nil
		}
	}
	if n := bytes.Count(data, []byte("mergeCell ")); n > maxQuickMerges {
		return nil, errManyOverlaps
	}
	cells, err := f.GetMergeCells(sheet, true)
	if err != nil {
		return nil, err
	}
	var out []Merge
	for _, m := range cells {
		l, t, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		r, b, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil {
			continue
		}
		out = append(out, Merge{Top: t - 1, Left: l - 1, Bottom: b - 1, Right: r - 1})
	}
	return out, nil
}

// heldPart returns the bytes of a worksheet part the library holds; held
// is false when it holds none under that name.
func heldPart(f *excelize.File, part string) (data []byte, held bool) {
	if part == "" {
		return nil, false
	}
	v, ok := f.Pkg.Load(part)
	if !ok {
		return nil, false
	}
	data, held = v.([]byte)
	return data, held
}

// partMerges reads the <mergeCells> element of a worksheet's XML. ok is false
// when the ranges are not plain, distinct, non-overlapping "A1:B2" refs.
func partMerges(data []byte) (out []Merge, ok bool) {
	at := mergeCellsStart(data)
	if at < 0 {
		return nil, true
	}
	d := xml.NewDecoder(bytes.NewReader(data[at:]))
	depth := 0
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return nil, false
		}
		if err != nil {
			return nil, false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if t.Name.Local != "mergeCell" || depth != 2 {
				continue
			}
			m, ok := mergeRef(attr(t, "ref"))
			if !ok {
				return nil, false
			}
			out = append(out, m)
		case xml.EndElement:
			depth--
			if depth == 0 {
				if overlaps(out) {
					return nil, false
				}
				return out, true
			}
		}
	}
}

// mergeCellsStart finds the "<mergeCells" (or "<x:mergeCells") start tag.
func mergeCellsStart(data []byte) int {
	for from := 0; ; {
		i := bytes.Index(data[from:], []byte("mergeCells"))
		if i < 0 {
			return -1
		}
		i += from
		from = i + len("mergeCells")
		if from >= len(data) || !strings.ContainsRune(" \t\r\n>/", rune(data[from])) {
			continue
		}
		j := i - 1
		if j >= 0 && data[j] == ':' {
			for j--; j >= 0 && isNameByte(data[j]); j-- {
			}
		}
		if j >= 0 && data[j] == '<' {
			return j
		}
	}
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.'
}

// mergeRef parses "A1:B2" (corners in any order) into a Merge.
func mergeRef(ref string) (Merge, bool) {
	a, b, found := strings.Cut(ref, ":")
	if !found || strings.Contains(b, ":") {
		return Merge{}, false
	}
	c1, r1, err1 := excelize.CellNameToCoordinates(a)
	c2, r2, err2 := excelize.CellNameToCoordinates(b)
	if err1 != nil || err2 != nil {
		return Merge{}, false
	}
	return Merge{Top: min(r1, r2) - 1, Left: min(c1, c2) - 1, Bottom: max(r1, r2) - 1, Right: max(c1, c2) - 1}, true
}

// overlaps reports whether two of the ranges ms share a cell, in
// O(n log n): a sweep over the columns keeps, in a segment tree over the
// rows, how many open ranges cover each row, and a range that starts where
// a row is already covered overlaps another.
func overlaps(ms []Merge) bool {
	if len(ms) < 2 {
		return false
	}
	ys := make([]int, 0, 2*len(ms))
	for _, m := range ms {
		ys = append(ys, m.Top, m.Bottom)
	}
	slices.Sort(ys)
	ys = slices.Compact(ys)
	type event struct{ x, open, i int } // open 0 (a range ends) sorts first
	ev := make([]event, 0, 2*len(ms))
	for i, m := range ms {
		ev = append(ev, event{m.Left, 1, i}, event{m.Right + 1, 0, i})
	}
	slices.SortFunc(ev, func(a, b event) int {
		return cmp.Or(cmp.Compare(a.x, b.x), cmp.Compare(a.open, b.open))
	})
	t := coverTree{n: len(ys), max: make([]int32, 4*len(ys)), add: make([]int32, 4*len(ys))}
	for _, e := range ev {
		m := ms[e.i]
		lo, _ := slices.BinarySearch(ys, m.Top)
		hi, _ := slices.BinarySearch(ys, m.Bottom)
		if e.open == 0 {
			t.update(1, 0, t.n-1, lo, hi, -1)
			continue
		}
		if t.query(1, 0, t.n-1, lo, hi) > 0 {
			return true
		}
		t.update(1, 0, t.n-1, lo, hi, 1)
	}
	return false
}

// coverTree is a segment tree over n points: add a count to a span of
// points, ask the largest count in a span.
type coverTree struct {
	n        int
	max, add []int32
}

func (t *coverTree) update(node, l, r, lo, hi int, v int32) {
	if hi < l || r < lo {
		return
	}
	if lo <= l && r <= hi {
		t.max[node] += v
		t.add[node] += v
		return
	}
	mid := (l + r) / 2
	t.update(2*node, l, mid, lo, hi, v)
	t.update(2*node+1, mid+1, r, lo, hi, v)
	t.max[node] = max(t.max[2*node], t.max[2*node+1]) + t.add[node]
}

func (t *coverTree) query(node, l, r, lo, hi int) int32 {
	if hi < l || r < lo {
		return 0
	}
	if lo <= l && r <= hi {
		return t.max[node]
	}
	mid := (l + r) / 2
	return max(t.query(2*node, l, mid, lo, hi), t.query(2*node+1, mid+1, r, lo, hi)) + t.add[node]
}
