package consolidate

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"jixiao/consolidate/category"
	"jixiao/consolidate/internal/exact"
	"jixiao/consolidate/internal/nameorder"
	"jixiao/consolidate/internal/spill"
	"jixiao/consolidate/pivot"
	"jixiao/convert"
)

// unitCostChunk is how many bytes of records newUnitCostIndex puts in
// order at a time.
const unitCostChunk = 1 << 20

// unitCostIndex is every numeric 成本指标 of the counted townships, grouped
// by 类别, 三级指标, 绩效指标描述 and unit (money in the index's unit). Each
// indicator is a record in a temporary file (its township, project, code,
// 指标值 and source), the file ordered by group, then township, then
// 项目编码, so the order does not depend on reading order (see
// spill.Buckets). In memory are only the groups: nothing per indicator.
// The rows, each with its group's median and its 偏离率, are made one group
// at a time, never all at once. close removes the file.
type unitCostIndex struct {
	groups []unitCostKey  // by number, in order of first appearance
	order  []int32        // the groups' numbers in the sheet's order
	recs   *spill.Buckets // the records by group; nil after close
	n      int            // the number of records
	res    *Result
	u      convert.Unit
}

// unitCostKey is what a group's indicators share.
type unitCostKey struct{ category, level3, desc, unit string }

// newUnitCostIndex reads the records of the counted townships and makes
// the index (see unitCostIndex).
func newUnitCostIndex(res *Result, cat *category.Categorizer, u convert.Unit) (*unitCostIndex, error) {
	return buildUnitCostIndex(res, cat, u, unitCostChunk)
}

// buildUnitCostIndex is newUnitCostIndex putting about chunk bytes of
// records in order at a time.
func buildUnitCostIndex(res *Result, cat *category.Categorizer, u convert.Unit, chunk int) (*unitCostIndex, error) {
	x := &unitCostIndex{res: res, u: u, recs: &spill.Buckets{Pattern: "jixiao-unitcost-*.tmp"}}
	err := x.collect(cat)
	if err == nil && x.n > 0 {
		x.sortGroups()
		err = x.recs.Arrange(x.order, chunk)
	}
	if err != nil {
		x.close()
		return nil, fmt.Errorf("整理单位成本：%w", err)
	}
	return x, nil
}

// collect adds the record of every numeric 成本指标 to the index's
// buckets, township by township and within a township by 项目编码, each to
// its group.
func (x *unitCostIndex) collect(cat *category.Categorizer) error {
	ids := map[unitCostKey]int32{}
	type cost struct {
		p, c int
		g    int32
	}
	var (
		costs []cost
		rec   []byte
	)
	return x.res.eachProjects(func(town int, _ *tally, ps []projectTally) error {
		costs = costs[:0]
		for pi, p := range ps {
			if len(p.costs) == 0 {
				continue
			}
			c := cat.Category(p.name)
			for ci, ind := range p.costs {
				_, unit := IndicatorInUnit(ind.value(), x.u)
				k := unitCostKey{c, ind.level3, ind.desc, unit}
				id, ok := ids[k]
				if !ok {
					id = int32(len(x.groups))
					ids[k] = id
					x.groups = append(x.groups, k)
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
			rec = spill.AppendString(rec, p.name)
			rec = spill.AppendString(rec, p.code)
			rec = binary.AppendUvarint(rec, uint64(ind.costText.id))
			rec = appendExact(rec, ind.num)
			rec = appendPlace(rec, ind.at)
			if err := x.recs.Add(int(c.g), rec); err != nil {
				return err
			}
			x.n++
		}
		return nil
	})
}

// sortGroups puts the groups in the sheet's order: by 类别, 三级指标,
// description and unit.
func (x *unitCostIndex) sortGroups() {
	x.order = make([]int32, len(x.groups))
	for i := range x.order {
		x.order[i] = int32(i)
	}
	o := nameorder.New()
	slices.SortFunc(x.order, func(i, j int32) int {
		a, b := x.groups[i], x.groups[j]
		return cmp.Or(o.Compare(a.category, b.category), o.Compare(a.level3, b.level3),
			o.Compare(a.desc, b.desc), o.Compare(a.unit, b.unit))
	})
}

// len is the number of rows.
func (x *unitCostIndex) len() int { return x.n }

// close removes the index's temporary files.
func (x *unitCostIndex) close() error {
	if x.recs == nil {
		return nil
	}
	err := x.recs.Close()
	x.recs = nil
	return err
}

// row decodes record b of group g as its row (without the group's figures).
func (x *unitCostIndex) row(g *unitCostKey, b []byte) (UnitCostRow, error) {
	d := newRecordDecoder(b, x.res.in)
	town := d.Uvarint()
	name, code := d.Str(), d.Str()
	text := x.res.in.costByID(d.Uvarint())
	num, at := d.exact(), d.place()
	if d.End() != nil || text == nil || town >= uint64(len(x.res.counted)) {
		return UnitCostRow{}, errRecord
	}
	t := x.res.counted[town]
	ind := costTally{costText: text, num: num, at: at}
	v, _ := IndicatorInUnit(ind.value(), x.u)
	return UnitCostRow{Category: g.category, Level3: g.level3, Desc: g.desc, Unit: g.unit,
		Township: t.township, Project: name, Code: code, Raw: text.raw, Op: text.op, Value: v,
		Src: at.source(t.file)}, nil
}

// value decodes of record b only its value, in the index's unit (see row).
func (x *unitCostIndex) value(b []byte) (decimal.Decimal, error) {
	d := newRecordDecoder(b, x.res.in)
	d.Uvarint() // township
	d.Skip()    // project name
	d.Skip()    // 项目编码
	text := x.res.in.costByID(d.Uvarint())
	num := d.exact()
	if d.Err() != nil || text == nil {
		return decimal.Decimal{}, errRecord
	}
	v, _ := IndicatorInUnit(costTally{costText: text, num: num}.value(), x.u)
	return v, nil
}

// eachGroup calls fn with the rows of each group in turn, with the group's
// median and each row's 偏离率 and flag. A group is read twice: for its
// values, then for its rows one at a time, so that only the values of the
// largest group are held at once. fn is called with every row of a group
// before the next group's; first is true for a group's first row.
func (x *unitCostIndex) eachGroup(threshold decimal.Decimal, fn func(r UnitCostRow, first bool) error) error {
	if x.n == 0 {
		return nil
	}
	if x.recs == nil {
		return fmt.Errorf("读回单位成本：%w", errClosed)
	}
	var vals []exact.Num
	for _, gi := range x.order {
		g := &x.groups[gi]
		vals = vals[:0]
		for rec, err := range x.recs.Group(int(gi)) {
			if err == nil {
				var v decimal.Decimal
				v, err = x.value(rec)
				vals = append(vals, exact.Pack(v))
			}
			if err != nil {
				return fmt.Errorf("读回单位成本：%w", err)
			}
		}
		med, count := exact.Median(vals), x.recs.Count(int(gi))
		first := true
		for rec, err := range x.recs.Group(int(gi)) {
			var r UnitCostRow
			if err == nil {
				r, err = x.row(g, rec)
			}
			if err != nil {
				return fmt.Errorf("读回单位成本：%w", err)
			}
			r.Median, r.Count = med, count
			r.Deviation, r.HasDeviation = pivot.Deviation(r.Value, med)
			r.Flag = pivot.Flag(r.Deviation, r.HasDeviation, threshold)
			if err := fn(r, first); err != nil {
				return err
			}
			first = false
		}
	}
	return nil
}
