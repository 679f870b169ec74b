package templates_test

import (
	"context"
	"path/filepath"
	"testing"

	"jixiao/convert"
	"jixiao/templates"
)

// TestTemplatePrefilledFromSamples enters each 2024 sample submission into a
// template (as a converter of old files does) and reads it back unchanged.
func TestTemplatePrefilledFromSamples(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "samples", "2024", "*.xlsx"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no samples: %v", err)
	}
	ctx := context.Background()
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			want, err := templates.ReadFile(ctx, file, templates.ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), filepath.Base(file))
			if err := templates.WriteTemplate(out, templates.TemplateOptions{Prefill: want}); err != nil {
				t.Fatal(err)
			}
			got, err := templates.ReadFile(ctx, out, templates.ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			compareSubmissions(t, got, want)
		})
	}
}

func compareSubmissions(t *testing.T, got, want *templates.Submission) {
	t.Helper()
	eq := func(what, g, w string) {
		t.Helper()
		if g != w {
			t.Errorf("%s = %q, want %q", what, g, w)
		}
	}
	eq("单位名称", got.Township.Value, want.Township.Value)
	eq("行政区划代码", got.Code.Value, want.Code.Value)
	if got.Year != want.Year || got.Unit != want.Unit {
		t.Errorf("年度 %d 单位 %v, want %d %v", got.Year, got.Unit, want.Year, want.Unit)
	}
	eq("总体绩效目标", got.Overall.Summary.Value, want.Overall.Summary.Value)
	eq("工作保障措施", got.Overall.Measures.Value, want.Overall.Measures.Value)
	eq("填报人", got.Filler.Value, want.Filler.Value)
	eq("联系电话", got.Phone.Value, want.Phone.Value)
	eq("填报日期", got.FilledOn.Value, want.FilledOn.Value)
	if len(got.Overall.Items) != len(want.Overall.Items) {
		t.Errorf("%d 分项, want %d", len(got.Overall.Items), len(want.Overall.Items))
	} else {
		for i, g := range got.Overall.Items {
			w := want.Overall.Items[i]
			if g.No.Value != w.No.Value && w.No.Value != "" || g.Name.Value != w.Name.Value || g.Goal.Value != w.Goal.Value || g.Indicator.Value != w.Indicator.Value {
				t.Errorf("分项 %d = %q %q, want %q %q", i+1, g.No.Value, g.Name.Value, w.No.Value, w.Name.Value)
			}
		}
	}
	if len(got.Projects) != len(want.Projects) {
		t.Fatalf("%d projects, want %d", len(got.Projects), len(want.Projects))
	}
	for i, g := range got.Projects {
		w := want.Projects[i]
		eq("项目编码", g.Code.Value, w.Code.Value)
		eq("项目名称", g.Name.Value, w.Name.Value)
		eq("资金用途", g.Purpose.Value, w.Purpose.Value)
		eq("绩效目标", g.Goal.Value, w.Goal.Value)
		ms := [][2]templates.Money{{g.Budget, w.Budget}, {g.Fiscal, w.Fiscal}, {g.Other, w.Other}}
		for k := range g.Plan {
			ms = append(ms, [2]templates.Money{g.Plan[k], w.Plan[k]})
		}
		for k, m := range ms {
			if m[0].Blank != m[1].Blank || !m[0].Yuan.Equal(m[1].Yuan) {
				t.Errorf("%s amount %d = %s (blank %v), want %s (blank %v)", w.Name.Value, k, m[0].Yuan, m[0].Blank, m[1].Yuan, m[1].Blank)
			}
		}
		if len(g.Indicators) != len(w.Indicators) {
			t.Errorf("%s: %d indicators, want %d", w.Name.Value, len(g.Indicators), len(w.Indicators))
			continue
		}
		for k, gi := range g.Indicators {
			wi := w.Indicators[k]
			gv := [6]string{gi.Level1.Value, gi.Level2.Value, gi.Level3.Value, gi.Desc.Value, gi.Value.Value, gi.Basis.Value}
			wv := [6]string{wi.Level1.Value, wi.Level2.Value, wi.Level3.Value, wi.Desc.Value, wi.Value.Value, wi.Basis.Value}
			if gv != wv {
				t.Errorf("%s indicator %d = %q, want %q", w.Name.Value, k+1, gv, wv)
			}
		}
	}
}

// TestTemplatePrefilledContact: 填报人, 联系电话 and 填报日期 of the pre-fill
// are entered (the date as a date) and read back.
func TestTemplatePrefilledContact(t *testing.T) {
	want := &templates.Submission{Township: templates.Text{Value: "王官营镇"}, Year: 2024, Unit: convert.UnitWan,
		Filler: templates.Text{Value: "张三"}, Phone: templates.Text{Value: "0315-5123456"}, FilledOn: templates.Text{Value: "2024-01-15"},
		Overall: templates.Overall{Measures: templates.Text{Value: "一、加强组织领导。"}}}
	out := filepath.Join(t.TempDir(), "王官营镇.xlsx")
	if err := templates.WriteTemplate(out, templates.TemplateOptions{Prefill: want}); err != nil {
		t.Fatal(err)
	}
	got, err := templates.ReadFile(context.Background(), out, templates.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	compareSubmissions(t, got, want)
}
