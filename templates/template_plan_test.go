package templates_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/shopspring/decimal"

	"jixiao/consolidate"
	"jixiao/convert"
	"jixiao/templates"
)

// TestPlannedTemplatesConsolidate writes one pre-filled template per sample
// township from the townships list and plan under testdata, consolidates
// them untouched, and compares each township with its plan and with the
// 2024 samples the plan was taken from.
func TestPlannedTemplatesConsolidate(t *testing.T) {
	ts, err := templates.ReadTownships(filepath.Join("testdata", "townships.csv"))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := templates.ReadPlan(filepath.Join("testdata", "plan.csv"))
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

func TestReadPlan(t *testing.T) {
	tests := []struct {
		name    string
		csv     string
		wantErr bool
		// want is the budget (in 元) of the first project of 王官营镇.
		want string
	}{
		{"amounts in 万元 by default", "乡镇,项目编码,项目名称,预算数,财政资金,其他资金\n王官营镇,13020824P000010100133,2022年非税收入,4.92,4.92,\n", false, "49200"},
		{"amounts in 元 by header", "乡镇,项目编码,项目名称,预算数（元）,财政资金（元）\n王官营镇人民政府,13020824P000010100133,2022年非税收入,49200.5,49200.5\n", false, "49200.5"},
		{"title row above the header", "2024年项目计划\n乡镇名称,项目编码,项目名称,预算数\n王官营镇,X1,办公经费,1\n", false, "10000"},
		{"missing 预算数 column", "乡镇,项目编码,项目名称\n王官营镇,X1,办公经费\n", true, ""},
		{"amount is not a number", "乡镇,项目编码,项目名称,预算数\n王官营镇,X1,办公经费,四点九二x\n", true, ""},
		{"budget left blank", "乡镇,项目编码,项目名称,预算数\n王官营镇,X1,办公经费,\n", true, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "plan.csv")
			if err := os.WriteFile(path, []byte(tc.csv), 0o644); err != nil {
				t.Fatal(err)
			}
			plan, err := templates.ReadPlan(path)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, want error %v", err, tc.wantErr)
			}
			if err != nil {
				if !errors.Is(err, templates.ErrPlanTable) {
					t.Errorf("error %v does not wrap ErrPlanTable", err)
				}
				return
			}
			ps := plan["王官营镇"]
			if len(ps) != 1 || !ps[0].Budget.Yuan.Equal(decimal.RequireFromString(tc.want)) {
				t.Errorf("plan = %+v, want one project of %s 元", plan, tc.want)
			}
		})
	}
}

func TestPlannedSubmissionsUnlistedTownship(t *testing.T) {
	ts := []templates.TownshipEntry{{Township: "王官营镇"}}
	plan := map[string][]templates.Project{"王官营镇": nil, "丰登坞镇": {{}}}
	if _, err := templates.PlannedSubmissions(ts, plan, 2024); !errors.Is(err, templates.ErrPlanTable) {
		t.Errorf("err = %v, want ErrPlanTable for a township not on the list", err)
	}
}

// subsOf returns res's counted submissions.
func subsOf(t *testing.T, res *consolidate.Result) []*templates.Submission {
	t.Helper()
	subs, err := res.AllSubmissions()
	if err != nil {
		t.Fatal(err)
	}
	return subs
}
