package consolidate

import (
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"jixiao/consolidate/internal/exact"
	"jixiao/consolidate/internal/spill"
	"jixiao/convert"
	"jixiao/templates"
)

// recordProjects are projects as a record holds them, with texts and places
// from in.
func recordProjects(in *interner) []projectTally {
	cost := in.costText(costText{level3: "人均成本", desc: "人均补助", raw: "≤2500元", op: "≤", unit: "元"})
	month := in.costText(costText{level3: "月平均资金使用成本", raw: "≤0.5万元", op: "≤", unit: "元/月"})
	return []projectTally{
		{name: "村级组织运转经费", code: "530381241000000000001", codeAt: in.place(templatesSource("项目1", "B3")),
			budget: exact.Pack(decimal.RequireFromString("318340")),
			costs: []costTally{
				{costText: cost, num: exact.Pack(decimal.RequireFromString("2500")), at: in.place(templatesSource("项目1", "F20"))},
				{costText: month, num: exact.Pack(decimal.RequireFromString("5000")), at: nil},
			}},
		{name: "", code: "", codeAt: nil, budget: exact.Num{}},
		{name: "巨额", code: "X", budget: exact.Pack(decimal.RequireFromString("123456789012345678901234567890.12")),
			costs: []costTally{{costText: cost, num: exact.Pack(decimal.RequireFromString("-98765432109876543210987"))}}},
	}
}

func sameProjects(t *testing.T, got, want []projectTally) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d projects, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.name != w.name || g.code != w.code || g.codeAt != w.codeAt || !sameExact(g.budget, w.budget) || len(g.costs) != len(w.costs) {
			t.Fatalf("project %d: %+v, want %+v", i, g, w)
		}
		for j, wc := range w.costs {
			gc := g.costs[j]
			if gc.costText != wc.costText || gc.at != wc.at || !sameExact(gc.num, wc.num) {
				t.Errorf("project %d cost %d: %+v, want %+v", i, j, gc, wc)
			}
		}
	}
}

// sameExact compares the stored forms: coefficient and exponent, not only
// the value. (Comparing values would rescale, which takes as long as the
// exponents are far apart: a damaged record may hold any exponent.)
func sameExact(a, b exact.Num) bool {
	ac, ae, ab := a.Parts()
	bc, be, bb := b.Parts()
	if (ab == nil) != (bb == nil) {
		return false
	}
	if ab == nil {
		return ac == bc && ae == be
	}
	return ab.Coefficient().Cmp(bb.Coefficient()) == 0 && ab.Exponent() == bb.Exponent()
}

func TestProjectRecordRoundTrip(t *testing.T) {
	in := newInterner()
	ps := recordProjects(in)
	for _, tc := range []struct {
		name string
		ps   []projectTally
	}{
		{"none", nil},
		{"one", ps[:1]},
		{"blank fields", ps[1:2]},
		{"beyond int64", ps[2:]},
		{"all", ps},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newRecordDecoder(appendProjects(nil, tc.ps), in)
			got := d.projects()
			if d.Err() != nil {
				t.Fatal(d.Err())
			}
			sameProjects(t, got, tc.ps)
		})
	}
}

// A damaged record is refused with errRecord, never read as other figures.
func TestProjectRecordDamaged(t *testing.T) {
	in := newInterner()
	rec := appendProjects(nil, recordProjects(in))
	for n := range len(rec) {
		d := newRecordDecoder(rec[:n], in)
		if ps := d.projects(); !errors.Is(d.Err(), errRecord) || ps != nil {
			t.Fatalf("cut at %d of %d: %d projects, err %v", n, len(rec), len(ps), d.Err())
		}
	}
	for name, b := range map[string][]byte{
		"trailing byte":         append(slices.Clone(rec), 0),
		"unknown place":         appendProjects(nil, []projectTally{{codeAt: &place{id: 99}}}),
		"unknown cost":          appendProjects(nil, []projectTally{{costs: []costTally{{costText: &costText{id: 99}}}}}),
		"unknown kind":          {1, 0, 0, 0, 7},
		"length too long":       {1, 200, 'a'},
		"exponent beyond int32": append([]byte{1, 0, 0, 0, 0, 2}, binary.AppendVarint(nil, 1<<40)...),
	} {
		d := newRecordDecoder(b, in)
		if ps := d.projects(); !errors.Is(d.Err(), errRecord) || ps != nil {
			t.Errorf("%s: %d projects, err %v", name, len(ps), d.Err())
		}
	}
}

func FuzzProjectRecord(f *testing.F) {
	in := newInterner()
	ps := recordProjects(in)
	f.Add(appendProjects(nil, ps))
	f.Add(appendProjects(nil, ps[2:]))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		d := newRecordDecoder(b, in)
		got := d.projects()
		if d.Err() != nil {
			return
		}
		again := newRecordDecoder(appendProjects(nil, got), in)
		sameProjects(t, again.projects(), got)
		if again.Err() != nil {
			t.Fatal(again.Err())
		}
	})
}

// sharedCodeResult is a run over townships given as code lists, one
// project per code, each code read at 项目N!B3.
func sharedCodeResult(t *testing.T, towns map[string][]string) *Result {
	t.Helper()
	res := &Result{Unit: convert.UnitWan, store: newSubmissionStore(-1), records: &spill.Records{}, in: newInterner()}
	t.Cleanup(func() { res.Close() })
	for _, town := range slices.Sorted(maps.Keys(towns)) {
		sub := &templates.Submission{File: town + ".xlsx", Township: templates.Text{Value: town}}
		for i, c := range towns[town] {
			sub.Projects = append(sub.Projects, templates.Project{Name: templates.Text{Value: "项目"},
				Code: templates.Text{Value: c, Src: templates.Source{File: sub.File, Sheet: fmt.Sprintf("项目%d", i+1), Cell: "B3"}}})
		}
		tl, err := newTally(sub, res.in, res.records)
		if err != nil {
			t.Fatal(err)
		}
		res.counted = append(res.counted, tl)
	}
	return res
}

func TestCheckSharedCodes(t *testing.T) {
	for _, tc := range []struct {
		name  string
		towns map[string][]string
		want  []string // township, cell, owner of each warning
	}{
		{"none shared", map[string][]string{"甲镇": {"1", "2"}, "乙镇": {"3", ""}, "丙镇": {""}}, nil},
		{"twice in one township", map[string][]string{"甲镇": {"1", "1"}, "乙镇": {"2"}}, nil},
		{"two townships", map[string][]string{"甲镇": {"1", "2"}, "乙镇": {"3", "2"}},
			// 乙镇 comes first in code-point order
			[]string{"甲镇 项目2!B3 乙镇"}},
		{"three townships name the first", map[string][]string{"甲镇": {"7"}, "乙镇": {"7"}, "丙镇": {"8", "7"}},
			// townships in code-point order: 丙镇, 乙镇, 甲镇
			[]string{"乙镇 项目1!B3 丙镇", "甲镇 项目1!B3 丙镇"}},
		{"twice in a later township", map[string][]string{"甲镇": {"5", "5"}, "乙镇": {"5"}},
			[]string{"甲镇 项目1!B3 乙镇", "甲镇 项目2!B3 乙镇"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := sharedCodeResult(t, tc.towns)
			if err := res.checkSharedCodes(); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range res.problems {
				if p.Rule != RuleSharedCode || p.Severity != templates.Warning {
					t.Fatalf("unexpected problem %+v", p)
				}
				owner := ""
				for _, town := range []string{"甲镇", "乙镇", "丙镇"} {
					if strings.Contains(p.Message, "「"+town+"」（") {
						owner = town
					}
				}
				got = append(got, fmt.Sprintf("%s %s!%s %s", p.Township, p.Src.Sheet, p.Src.Cell, owner))
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("warnings %q, want %q", got, tc.want)
			}
		})
	}
}
