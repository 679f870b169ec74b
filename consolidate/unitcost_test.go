package consolidate

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/shopspring/decimal"

	"jixiao/consolidate/internal/exact"
	"jixiao/consolidate/internal/spill"
	"jixiao/consolidate/pivot"
	"jixiao/convert"
)

// ucCost is a numeric 成本指标 of a test project.
type ucCost struct{ level3, desc, num, unit string }

// ucProject is a test project: its name is its 类别.
type ucProject struct {
	name, code string
	costs      []ucCost
}

// ucTown is a test township and its projects.
type ucTown struct {
	name     string
	projects []ucProject
}

// unitCostResult is a run over towns, in the order given.
func unitCostResult(t *testing.T, towns []ucTown) *Result {
	t.Helper()
	res := &Result{Unit: convert.UnitWan, store: newSubmissionStore(-1), records: &spill.Records{}, in: newInterner()}
	t.Cleanup(func() { res.Close() })
	for _, town := range towns {
		var ps []projectTally
		for i, p := range town.projects {
			pt := projectTally{name: p.name, code: p.code}
			for j, c := range p.costs {
				text := res.in.costText(costText{level3: c.level3, desc: c.desc, raw: "≤" + c.num + c.unit, op: "≤", unit: c.unit})
				pt.costs = append(pt.costs, costTally{costText: text, num: exact.Pack(decimal.RequireFromString(c.num)),
					at: res.in.place(templatesSource(fmt.Sprintf("项目%d", i+1), fmt.Sprintf("F%d", 20+j)))})
			}
			ps = append(ps, pt)
		}
		ref, err := res.records.Put(appendProjects(nil, ps))
		if err != nil {
			t.Fatal(err)
		}
		res.counted = append(res.counted, &tally{township: town.name, file: town.name + ".xlsx", record: ref})
	}
	return res
}

// unitCostRows gives x's rows as "类别 三级指标 描述 单位 | 乡镇 编码 数值 个数 中位数 来源",
// a group's first row marked with *.
func unitCostRows(x *unitCostIndex) ([]string, error) {
	var rows []string
	err := x.eachGroup(pivot.DefaultThreshold, func(r UnitCostRow, first bool) error {
		mark := ""
		if first {
			mark = "*"
		}
		rows = append(rows, fmt.Sprintf("%s%s %s %s %s | %s %s %s %d %s %s", mark, r.Category, r.Level3, r.Desc, r.Unit,
			r.Township, r.Code, r.Value, r.Count, r.Median, r.Src.Sheet+"!"+r.Src.Cell))
		return nil
	})
	return rows, err
}

func TestUnitCostIndexOrder(t *testing.T) {
	per := func(num string) ucCost { return ucCost{"人均成本", "人均补助", num, "人"} }
	money := func(num string) ucCost { return ucCost{"人均成本", "人均补助", num, "元"} }
	month := func(num string) ucCost { return ucCost{"月均成本", "", num, "元/月"} }
	for _, tc := range []struct {
		name  string
		towns []ucTown
		want  []string
	}{
		{"none", []ucTown{{"甲镇", []ucProject{{"甲", "1", nil}}}, {"乙镇", nil}}, nil},
		{"one group", []ucTown{
			{"乙镇", []ucProject{{"甲", "2", []ucCost{per("3")}}, {"甲", "1", []ucCost{per("1")}}}},
			{"甲镇", []ucProject{{"甲", "1", []ucCost{per("2"), per("5")}}}},
		}, []string{
			// township order as read, within one by 项目编码
			"*甲 人均成本 人均补助 人 | 乙镇 1 1 4 2.5 项目2!F20",
			"甲 人均成本 人均补助 人 | 乙镇 2 3 4 2.5 项目1!F20",
			"甲 人均成本 人均补助 人 | 甲镇 1 2 4 2.5 项目1!F20",
			"甲 人均成本 人均补助 人 | 甲镇 1 5 4 2.5 项目1!F21",
		}},
		{"groups interleaved", []ucTown{
			{"甲镇", []ucProject{
				{"乙", "3", []ucCost{per("10")}},
				{"甲", "1", []ucCost{per("5"), month("7000")}},
				{"乙", "2", []ucCost{per("20"), money("2500")}},
				{"乙", "2", []ucCost{per("21")}}, // the same code: kept in project order
			}},
			{"乙镇", []ucProject{
				{"甲", "9", []ucCost{per("6")}},
				{"乙", "1", []ucCost{per("30")}},
				{"丙", "5", []ucCost{per("1")}},
			}},
			{"丙镇", nil},
			{"丁镇", []ucProject{{"乙", "0", []ucCost{money("3000")}}}},
		}, []string{
			// groups by 类别 (丙 bǐng, 甲 jiǎ, 乙 yǐ), 三级指标, description, unit (人 before 万元)
			"*丙 人均成本 人均补助 人 | 乙镇 5 1 1 1 项目3!F20",
			"*甲 人均成本 人均补助 人 | 甲镇 1 5 2 5.5 项目2!F20",
			"甲 人均成本 人均补助 人 | 乙镇 9 6 2 5.5 项目1!F20",
			"*甲 月均成本  万元/月 | 甲镇 1 0.7 1 0.7 项目2!F21",
			"*乙 人均成本 人均补助 人 | 甲镇 2 20 4 20.5 项目3!F20",
			"乙 人均成本 人均补助 人 | 甲镇 2 21 4 20.5 项目4!F20",
			"乙 人均成本 人均补助 人 | 甲镇 3 10 4 20.5 项目1!F20",
			"乙 人均成本 人均补助 人 | 乙镇 1 30 4 20.5 项目2!F20",
			"*乙 人均成本 人均补助 万元 | 甲镇 2 0.25 2 0.275 项目3!F21",
			"乙 人均成本 人均补助 万元 | 丁镇 0 0.3 2 0.275 项目1!F20",
		}},
	} {
		for _, loaded := range []bool{false, true} {
			for _, chunk := range []int{1, 2, 17, 64, unitCostChunk} {
				t.Run(fmt.Sprintf("%s/loaded=%v/chunk=%d", tc.name, loaded, chunk), func(t *testing.T) {
					res := unitCostResult(t, tc.towns)
					if loaded {
						if err := res.records.Load(); err != nil {
							t.Fatal(err)
						}
					}
					x, err := buildUnitCostIndex(res, nil, convert.UnitWan, chunk)
					if err != nil {
						t.Fatal(err)
					}
					defer x.close()
					if x.len() != len(tc.want) {
						t.Errorf("len %d, want %d", x.len(), len(tc.want))
					}
					got, err := unitCostRows(x)
					if err != nil {
						t.Fatal(err)
					}
					if !slices.Equal(got, tc.want) {
						t.Errorf("rows\n%q\nwant\n%q", got, tc.want)
					}
					// read twice: the index is not used up
					if again, err := unitCostRows(x); err != nil || !slices.Equal(again, got) {
						t.Errorf("second read: %q, %v", again, err)
					}
					if err := x.close(); err != nil {
						t.Errorf("close: %v", err)
					}
				})
			}
		}
	}
}

func TestUnitCostIndexFaults(t *testing.T) {
	towns := []ucTown{
		{"甲镇", []ucProject{{"甲", "1", []ucCost{{"人均成本", "", "1", "人"}, {"人均成本", "", "2", "人"}}}}},
		{"乙镇", []ucProject{{"乙", "1", []ucCost{{"人均成本", "", "3", "人"}}}}},
	}
	stop := errors.New("stop")
	for _, tc := range []struct {
		name  string
		spoil func(x *unitCostIndex)
		fn    func(UnitCostRow, bool) error
		want  error // nil: any error
	}{
		{"closed index", func(x *unitCostIndex) { x.close() }, nil, errClosed},
		// the file's own faults are spill's: see TestBucketsFaults
		{"damaged record", func(x *unitCostIndex) {
			// an empty record in place of the first group's
			b := &spill.Buckets{}
			t.Cleanup(func() { b.Close() })
			for g := range x.groups {
				for range x.recs.Count(g) {
					if err := b.Add(g, nil); err != nil {
						t.Fatal(err)
					}
				}
			}
			if err := b.Arrange(x.order, 1); err != nil {
				t.Fatal(err)
			}
			x.recs = b
		}, nil, errRecord},
		{"fn fails", func(*unitCostIndex) {}, func(UnitCostRow, bool) error { return stop }, stop},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x, err := buildUnitCostIndex(unitCostResult(t, towns), nil, convert.UnitWan, 1)
			if err != nil {
				t.Fatal(err)
			}
			defer x.close()
			tc.spoil(x)
			fn := tc.fn
			if fn == nil {
				fn = func(UnitCostRow, bool) error { return nil }
			}
			err = x.eachGroup(pivot.DefaultThreshold, fn)
			if err == nil || tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("eachGroup: %v, want %v", err, tc.want)
			}
		})
	}
	t.Run("records gone", func(t *testing.T) {
		res := unitCostResult(t, towns)
		if err := res.records.Remove(); err != nil {
			t.Fatal(err)
		}
		if x, err := buildUnitCostIndex(res, nil, convert.UnitWan, 1); err == nil {
			x.close()
			t.Error("index built without records")
		}
	})
}
