package consolidate

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"jixiao/convert"
	"jixiao/templates"
)

// DefaultThreshold is the |偏离率| above which a figure is marked (50%).
var DefaultThreshold = decimal.New(5, -1)

// ratioPlaces is how many decimals a 偏离率 or 变动率 keeps.
const ratioPlaces = 12

// ErrThreshold means a --threshold value could not be understood.
var ErrThreshold = errors.New("偏离率阈值无效")

// ParseThreshold reads a 偏离率 threshold: "50%", "0.5" or "50" (a bare
// number above 1 is taken as a percentage).
//
//	t, _ := consolidate.ParseThreshold("30%") // 0.3
func ParseThreshold(s string) (decimal.Decimal, error) {
	s = strings.TrimSpace(convert.NormalizeLabel(s))
	pct := strings.HasSuffix(s, "%")
	d, err := decimal.NewFromString(strings.TrimSuffix(s, "%"))
	if err != nil || d.IsNegative() {
		return decimal.Zero, fmt.Errorf("%w：「%s」，应为百分数，如 50%%", ErrThreshold, s)
	}
	if pct || d.GreaterThan(decimal.NewFromInt(1)) {
		d = d.Shift(-2)
	}
	return d, nil
}

// Median returns the median of ds, exactly; for an even count it is the mean
// of the middle two. It returns zero for no values.
//
//	consolidate.Median([]decimal.Decimal{a, b, c, d}) // (b+c)/2 after sorting
func Median(ds []decimal.Decimal) decimal.Decimal {
	if len(ds) == 0 {
		return decimal.Zero
	}
	s := append([]decimal.Decimal(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i].LessThan(s[j]) })
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return s[n/2-1].Add(s[n/2]).Div(decimal.NewFromInt(2))
}

// Mean returns the arithmetic mean of ds; it is exact when the division
// terminates and otherwise rounded to 16 decimals (far below a 分).
func Mean(ds []decimal.Decimal) decimal.Decimal {
	if len(ds) == 0 {
		return decimal.Zero
	}
	return decimal.Sum(decimal.Zero, ds...).DivRound(decimal.NewFromInt(int64(len(ds))), 16)
}

// deviation is (v − median) / median, rounded to ratioPlaces; ok is false
// when the median is zero and no ratio exists.
func deviation(v, median decimal.Decimal) (decimal.Decimal, bool) {
	if median.IsZero() {
		return decimal.Zero, false
	}
	return v.Sub(median).DivRound(median, ratioPlaces), true
}

// flag marks a deviation beyond the threshold: 偏高 or 偏低.
func flag(dev decimal.Decimal, ok bool, threshold decimal.Decimal) string {
	switch {
	case !ok || dev.Abs().LessThanOrEqual(threshold):
		return ""
	case dev.IsPositive():
		return "偏高"
	}
	return "偏低"
}

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

// eachVarianceGroup compares townships within each 类别: it calls fn with
// each row, a 类别 at a time (categories in the pivot's order, townships in
// pivot order within one), first true for a 类别's first row. Only the
// amounts of one 类别 are held at once, never its rows.
func eachVarianceGroup(p *Pivot, threshold decimal.Decimal, fn func(r VarianceRow, first bool) error) error {
	var vals []exact
	for _, c := range p.Categories {
		vals = vals[:0]
		sum := decimal.Zero
		for _, t := range p.Townships {
			if cell := p.cell(c, t); cell.projects > 0 {
				vals = append(vals, cell.amount)
				sum = sum.Add(cell.amount.decimal())
			}
		}
		if len(vals) == 0 {
			continue
		}
		count := len(vals)
		med := medianExact(vals)
		mean := sum.DivRound(decimal.NewFromInt(int64(count)), 16)
		first := true
		for _, t := range p.Townships {
			cell := p.cell(c, t)
			if cell.projects == 0 {
				continue
			}
			r := VarianceRow{Category: c, Township: t, Amount: cell.amount.decimal(), Count: count, Median: med, Mean: mean}
			r.Deviation, r.HasDeviation = deviation(r.Amount, med)
			r.Flag = flag(r.Deviation, r.HasDeviation, threshold)
			if err := fn(r, first); err != nil {
				return err
			}
			first = false
		}
	}
	return nil
}

// cellCount is the number of 类别 × 乡镇 cells with projects: the rows
// eachVarianceGroup gives.
func (p *Pivot) cellCount() int {
	n := 0
	for ci, col := range p.cols {
		for _, e := range col {
			if p.entryCell(int32(ci), e).projects > 0 {
				n++
			}
		}
	}
	return n
}

// UnitCostRow is one cost indicator (成本指标) with a number, expressed in the
// workbook unit when it is money, compared with the same indicator of the same
// 类别 in the other townships.
type UnitCostRow struct {
	Category string
	Level3   string // 三级指标
	Desc     string // 绩效指标描述
	Unit     string // unit of Value, e.g. 万元, 万元/月, 人
	Township string
	Project  string
	Code     string
	Raw      string // 指标值 as written
	Op       string
	Value    decimal.Decimal
	Median   decimal.Decimal
	// Count is the number of values in the group.
	Count        int
	Deviation    decimal.Decimal
	HasDeviation bool
	Flag         string
	Src          templates.Source
}

// isCostIndicator reports whether an indicator is a 成本指标 (classic 二级
// 成本指标, or the 2021 framework's 一级 成本指标 with 经济/社会/生态环境成本指标).
func isCostIndicator(ind templates.Indicator) bool {
	return templates.Level1Kind(ind.Level1.Value) == "成本" || strings.Contains(ind.Level2.Value, "成本")
}

// isUnitCost reports whether an indicator is a numeric 成本指标 that 单位成本
// compares (a single number, not a range).
func isUnitCost(ind templates.Indicator) bool {
	return ind.ParsedOK && ind.Parsed.HasNum && ind.Parsed.Op != "区间" && isCostIndicator(ind)
}

// medianExact is Median of compact values; it sorts vals.
func medianExact(vals []exact) decimal.Decimal {
	if len(vals) == 0 {
		return decimal.Zero
	}
	slices.SortFunc(vals, func(a, b exact) int { return a.cmp(b) })
	n := len(vals)
	if n%2 == 1 {
		return vals[n/2].decimal()
	}
	return vals[n/2-1].decimal().Add(vals[n/2].decimal()).Div(decimal.NewFromInt(2))
}
