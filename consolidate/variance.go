package consolidate

import (
	"cmp"
	"encoding/binary"
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

// unitCostIndex is every numeric 成本指标 of the counted townships, grouped
// by 类别, 三级指标, 绩效指标描述 and unit (money in the index's unit). Each
// indicator is a record in a temporary file (its township, project, code,
// 指标值 and source); in memory are only where each record is and its
// group, sorted: by group, then township, then 项目编码, so the order does
// not depend on reading order. The rows, each with its group's median and
// its 偏离率, are made one group at a time, never all at once. close
// removes the file.
type unitCostIndex struct {
	entries []unitCostEntry
	groups  []unitCostGroup
	records recordFile
	res     *Result
	u       convert.Unit
}

// unitCostEntry is where an indicator's record is, and its group.
type unitCostEntry struct {
	off int64
	n   uint32
	g   int32
}

// unitCostGroup is what a group's indicators share.
type unitCostGroup struct{ category, level3, desc, unit string }

func newUnitCostIndex(res *Result, cat *Categorizer, u convert.Unit) (*unitCostIndex, error) {
	x := &unitCostIndex{res: res, u: u}
	ids := map[unitCostGroup]int32{}
	type cost struct {
		p, c int
		g    int32
	}
	var costs []cost
	var rec []byte
	err := res.eachProjects(func(town int, _ *tally, ps []projectTally) error {
		costs = costs[:0]
		for pi, p := range ps {
			if len(p.costs) == 0 {
				continue
			}
			c := cat.Category(p.name)
			for ci, ind := range p.costs {
				_, unit := IndicatorInUnit(ind.value(), u)
				g := unitCostGroup{c, ind.level3, ind.desc, unit}
				id, ok := ids[g]
				if !ok {
					id = int32(len(x.groups))
					ids[g] = id
					x.groups = append(x.groups, g)
				}
				costs = append(costs, cost{pi, ci, id})
			}
		}
		// within a township, by 项目编码 (see the order above)
		slices.SortStableFunc(costs, func(a, b cost) int { return strings.Compare(ps[a.p].code, ps[b.p].code) })
		for _, c := range costs {
			p := ps[c.p]
			ind := p.costs[c.c]
			rec = binary.AppendUvarint(rec[:0], uint64(town))
			rec = appendString(rec, p.name)
			rec = appendString(rec, p.code)
			rec = binary.AppendUvarint(rec, uint64(ind.costText.id))
			rec = appendExact(rec, ind.num)
			rec = appendPlace(rec, ind.at)
			ref, err := x.records.put(rec)
			if err != nil {
				return err
			}
			x.entries = append(x.entries, unitCostEntry{off: ref.off, n: uint32(ref.n), g: c.g})
		}
		return nil
	})
	if err != nil {
		x.close()
		return nil, err
	}
	order := make([]int32, len(x.groups))
	for i := range order {
		order[i] = int32(i)
	}
	o := newNameOrder()
	slices.SortFunc(order, func(i, j int32) int {
		a, b := x.groups[i], x.groups[j]
		return cmp.Or(o.compare(a.category, b.category), o.compare(a.level3, b.level3),
			o.compare(a.desc, b.desc), o.compare(a.unit, b.unit))
	})
	rank := make([]int32, len(x.groups))
	for r, g := range order {
		rank[g] = int32(r)
	}
	// the entries are in township order, then 项目编码: a stable sort by
	// group keeps that order within each group
	slices.SortStableFunc(x.entries, func(a, b unitCostEntry) int { return cmp.Compare(rank[a.g], rank[b.g]) })
	return x, nil
}

// len is the number of rows.
func (x *unitCostIndex) len() int { return len(x.entries) }

// close removes the index's temporary file.
func (x *unitCostIndex) close() error { return x.records.remove() }

// row reads entry e's row (without the group's figures), using *buf.
func (x *unitCostIndex) row(e unitCostEntry, buf *[]byte) (UnitCostRow, error) {
	b, err := x.records.get(spillRef{off: e.off, n: int64(e.n)}, *buf)
	if err != nil {
		return UnitCostRow{}, err
	}
	*buf = b
	d := recordDecoder{b: b, in: x.res.in}
	town := d.uvarint()
	name, code := d.str(), d.str()
	text := x.res.in.costByID(d.uvarint())
	num, at := d.exact(), d.place()
	if d.err != nil || text == nil || town >= uint64(len(x.res.counted)) || len(d.b) != 0 {
		return UnitCostRow{}, errRecord
	}
	t := x.res.counted[town]
	ind := costTally{costText: text, num: num, at: at}
	v, _ := IndicatorInUnit(ind.value(), x.u)
	g := x.groups[e.g]
	return UnitCostRow{Category: g.category, Level3: g.level3, Desc: g.desc, Unit: g.unit,
		Township: t.township, Project: name, Code: code, Raw: text.raw, Op: text.op, Value: v,
		Src: at.source(t.file)}, nil
}

// eachGroup calls fn with the rows of each group in turn, with the group's
// median and each row's 偏离率 and flag. A group is read twice: for its
// values, then for its rows one at a time, so that only the values of the
// largest group are held at once. fn is called with every row of a group
// before the next group's; first is true for a group's first row.
func (x *unitCostIndex) eachGroup(threshold decimal.Decimal, fn func(r UnitCostRow, first bool) error) error {
	var vals []exact
	var buf []byte
	for start := 0; start < len(x.entries); {
		end := start
		vals = vals[:0]
		for end < len(x.entries) && x.entries[end].g == x.entries[start].g {
			r, err := x.row(x.entries[end], &buf)
			if err != nil {
				return fmt.Errorf("读回单位成本：%w", err)
			}
			vals = append(vals, packDecimal(r.Value))
			end++
		}
		med := medianExact(vals)
		for i := start; i < end; i++ {
			r, err := x.row(x.entries[i], &buf)
			if err != nil {
				return fmt.Errorf("读回单位成本：%w", err)
			}
			r.Median, r.Count = med, end-start
			r.Deviation, r.HasDeviation = deviation(r.Value, med)
			r.Flag = flag(r.Deviation, r.HasDeviation, threshold)
			if err := fn(r, i == start); err != nil {
				return err
			}
		}
		start = end
	}
	return nil
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
