// 乡镇差异: each township's 预算数 in a 类别 against the 类别's median.

package pivot

import (
	"github.com/shopspring/decimal"

	"jixiao/consolidate/internal/exact"
)

// VarianceRow is one line of 乡镇差异: a township's 预算数 for a 类别 against
// the county median and mean of that 类别 (townships that have it). Amounts
// are in 元.
type VarianceRow struct {
	Category, Township string
	Amount             decimal.Decimal
	// Count is how many townships have the 类别.
	Count        int
	Median, Mean decimal.Decimal
	// Deviation is (Amount − Median) / Median; HasDeviation is false when the
	// median is zero.
	Deviation    decimal.Decimal
	HasDeviation bool
	// Flag is 偏高 or 偏低 when |Deviation| exceeds the threshold.
	Flag string
}

// EachVariance compares townships within each 类别: it calls fn with each
// row, a 类别 at a time (categories in the pivot's order, townships in pivot
// order within one), first true for a 类别's first row. Only the amounts of
// one 类别 are held at once, never its rows.
func (p *Pivot) EachVariance(threshold decimal.Decimal, fn func(r VarianceRow, first bool) error) error {
	var vals []exact.Num
	for _, c := range p.Categories {
		vals = vals[:0]
		sum := decimal.Zero
		for _, t := range p.Townships {
			if cell := p.cell(c, t); cell.projects > 0 {
				vals = append(vals, cell.amount)
				sum = sum.Add(cell.amount.Decimal())
			}
		}
		if len(vals) == 0 {
			continue
		}
		count := len(vals)
		med := exact.Median(vals)
		mean := sum.DivRound(decimal.NewFromInt(int64(count)), 16)
		first := true
		for _, t := range p.Townships {
			cell := p.cell(c, t)
			if cell.projects == 0 {
				continue
			}
			r := VarianceRow{Category: c, Township: t, Amount: cell.amount.Decimal(), Count: count, Median: med, Mean: mean}
			r.Deviation, r.HasDeviation = Deviation(r.Amount, med)
			r.Flag = Flag(r.Deviation, r.HasDeviation, threshold)
			if err := fn(r, first); err != nil {
				return err
			}
			first = false
		}
	}
	return nil
}
