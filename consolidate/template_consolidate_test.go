package consolidate_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/shopspring/decimal"

	"jixiao/consolidate"
	"jixiao/convert"
	"jixiao/internal/filledform"
	"jixiao/templates"
)

// TestPlannedTemplatesConsolidate writes one pre-filled template per sample
// township from the townships list and plan under testdata, consolidates
// them untouched, and compares each township with its plan and with the
// 2024 samples the plan was taken from.
func TestPlannedTemplatesConsolidate(t *testing.T) {
	ts, err := templates.ReadTownships(filepath.Join("..", "templates", "testdata", "townships.csv"))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := templates.ReadPlan(filepath.Join("..", "templates", "testdata", "plan.csv"))
	if err != nil {
		t.Fatal(err)
	}
	subs, err := templates.PlannedSubmissions(ts, plan, 2024)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, sub := range subs {
		if err := templates.WriteTemplate(filepath.Join(dir, sub.Township.Value+".xlsx"), templates.TemplateOptions{Prefill: sub}); err != nil {
			t.Fatal(err)
		}
	}
	ctx := context.Background()
	res, err := consolidate.Run(ctx, []string{dir}, consolidate.Options{Unit: convert.UnitWan})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { res.Close() })
	samples, err := consolidate.Run(ctx, []string{filepath.Join("..", "samples", "2024")}, consolidate.Options{Unit: convert.UnitWan})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { samples.Close() })
	sampleTotals := map[string]consolidate.Totals{}
	for _, s := range subsOf(t, samples) {
		sampleTotals[s.Township.Value] = consolidate.TownshipTotals(s)
	}
	if res.Townships() != len(ts) {
		t.Fatalf("consolidated %d townships, want %d", res.Townships(), len(ts))
	}
	for _, sub := range subsOf(t, res) {
		t.Run(sub.Township.Value, func(t *testing.T) {
			for _, p := range sub.Problems {
				t.Errorf("reading problem: %v", p)
			}
			want := plan[sub.Township.Value]
			var entry templates.TownshipEntry
			for _, e := range ts {
				if e.Township == sub.Township.Value {
					entry = e
				}
			}
			if sub.Code.Value != entry.RegionCode || sub.Year != 2024 {
				t.Errorf("行政区划代码 %q 年度 %d, want %q 2024", sub.Code.Value, sub.Year, entry.RegionCode)
			}
			if len(sub.Projects) != len(want) {
				t.Fatalf("%d projects, want %d", len(sub.Projects), len(want))
			}
			sum := decimal.Zero
			for i, p := range sub.Projects {
				w := want[i]
				sum = sum.Add(w.Budget.Yuan)
				if p.Code.Value != w.Code.Value || p.Name.Value != w.Name.Value {
					t.Errorf("project %d = %s %s, want %s %s", i+1, p.Code.Value, p.Name.Value, w.Code.Value, w.Name.Value)
				}
				for _, m := range []struct {
					what      string
					got, want templates.Money
				}{
					{"预算数", p.Budget, w.Budget}, {"财政资金", p.Fiscal, w.Fiscal}, {"其他资金", p.Other, w.Other},
					{"12月底", p.Plan[templates.PlanDec], w.Budget},
				} {
					if m.got.Blank != m.want.Blank || !m.got.Yuan.Equal(m.want.Yuan) {
						t.Errorf("%s %s = %s (blank %v), want %s (blank %v)", p.Name.Value, m.what, m.got.Yuan, m.got.Blank, m.want.Yuan, m.want.Blank)
					}
				}
			}
			got := consolidate.TownshipTotals(sub)
			if !got.Budget.Equal(sum) {
				t.Errorf("预算数合计 %s 元, want %s 元", got.Budget, sum)
			}
			if st, ok := sampleTotals[sub.Township.Value]; !ok || !st.Budget.Equal(got.Budget) || st.Projects != got.Projects {
				t.Errorf("预算数合计 %s 元 over %d projects; the 2024 sample has %s 元 over %d", got.Budget, got.Projects, st.Budget, st.Projects)
			}
		})
	}
}

// TestFilledTemplateConsolidates: a template filled in as a township would
// (in either framework and either unit) is consolidated without an error,
// reads back to exactly what was typed, and the county total is the sum of
// its budgets. templates' tests check the same form read on its own.
func TestFilledTemplateConsolidates(t *testing.T) {
	for _, tc := range filledform.Variants() {
		t.Run(tc.Name, func(t *testing.T) {
			form := filledform.Sample(tc.Unit, tc.Cost)
			path := filledform.Write(t, t.TempDir(), templates.TemplateOptions{Projects: 4, Framework: tc.Framework}, form)
			unit, _ := convert.ParseUnit(tc.Unit)

			res, err := consolidate.Run(context.Background(), []string{path}, consolidate.Options{Unit: convert.UnitWan})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { res.Close() })
			if n := res.Errors(); n != 0 {
				ps, _ := res.AllProblems()
				t.Errorf("consolidate found %d errors: %v", n, ps)
			}
			if res.Townships() != 1 {
				t.Fatalf("consolidate counted %d submissions, want 1", res.Townships())
			}
			filledform.Check(t, subsOf(t, res)[0], form, unit)
			_, county := res.Totals()
			want := decimal.Zero
			for _, p := range form.Projects {
				want = want.Add(convert.ToYuan(decimal.RequireFromString(p.Budget), unit))
			}
			if !county.Budget.Equal(want) || county.Projects != len(form.Projects) {
				t.Errorf("county total %s 元 over %d projects, want %s 元 over %d", county.Budget, county.Projects, want, len(form.Projects))
			}
		})
	}
}
