// 基期差异: this year's 预算数 by 乡镇 and 类别 against the 基期's.

package pivot

import (
	"cmp"
	"slices"

	"github.com/shopspring/decimal"

	"jixiao/consolidate/internal/nameorder"
)

// Baseline statuses in 基期差异.
const (
	StatusNew     = "新增" // in the current year only
	StatusDropped = "减少" // in the 基期 only
)

// BaselineRow is one 乡镇 × 类别 line of 基期差异, amounts in 元.
type BaselineRow struct {
	Township, Category string
	Current, Base      decimal.Decimal
	HasCurrent         bool
	HasBase            bool
	// Change is Current − Base; Rate is Change / Base (HasRate false when the
	// 基期 is zero or absent).
	Change  decimal.Decimal
	Rate    decimal.Decimal
	HasRate bool
	// Status is 新增, 减少 or "" when present in both.
	Status string
}

// Compare lines up the current pivot with the 基期 by 乡镇 and 类别, sorted
// by 乡镇 then 类别.
//
//	rows := pivot.Compare(cur, base) // cur: this year's, base: the 基期's
func Compare(cur, base *Pivot) []BaselineRow {
	type key struct{ Category, Township string }
	keys := map[key]bool{}
	mark := func(category, township string, _ decimal.Decimal, projects int) {
		if projects > 0 {
			keys[key{category, township}] = true
		}
	}
	cur.Each(mark)
	base.Each(mark)
	sorted := make([]key, 0, len(keys))
	for k := range keys {
		sorted = append(sorted, k)
	}
	o := nameorder.New()
	slices.SortFunc(sorted, func(a, b key) int {
		return cmp.Or(o.Compare(a.Township, b.Township), o.Compare(a.Category, b.Category))
	})
	out := make([]BaselineRow, 0, len(sorted))
	for _, k := range sorted {
		r := BaselineRow{Township: k.Township, Category: k.Category}
		r.Current, r.HasCurrent = cur.Amount(k.Category, k.Township)
		r.Base, r.HasBase = base.Amount(k.Category, k.Township)
		r.Change = r.Current.Sub(r.Base)
		if r.HasBase && !r.Base.IsZero() {
			r.Rate, r.HasRate = r.Change.DivRound(r.Base, RatioPlaces), true
		}
		switch {
		case !r.HasBase:
			r.Status = StatusNew
		case !r.HasCurrent:
			r.Status = StatusDropped
		}
		out = append(out, r)
	}
	return out
}
