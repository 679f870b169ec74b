package templates_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"jixiao/convert"
	"jixiao/samples/seed"
	"jixiao/templates"
)

func samplePath(parts ...string) string {
	return filepath.Join(append([]string{"..", "samples"}, parts...)...)
}

func readSample(t *testing.T, parts ...string) *templates.Submission {
	t.Helper()
	sub, err := templates.ReadFile(context.Background(), samplePath(parts...), templates.ReadOptions{})
	if err != nil {
		t.Fatalf("read %v: %v", parts, err)
	}
	return sub
}

// wantYuan converts a transcribed amount in unit into 元; "" is blank.
func wantYuan(t *testing.T, s, unit string) (decimal.Decimal, bool) {
	t.Helper()
	if s == "" {
		return decimal.Zero, true
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		t.Fatalf("bad transcription amount %q", s)
	}
	if unit == "元" {
		return d, false
	}
	return d.Shift(4), false
}

func checkMoney(t *testing.T, what string, got templates.Money, want, unit string) {
	t.Helper()
	y, blank := wantYuan(t, want, unit)
	if got.Blank != blank || !got.Yuan.Equal(y) {
		t.Errorf("%s: got %s 元 (blank %v, raw %q at %s), want %q %s", what, got.Yuan, got.Blank, got.Raw, got.Src, want, unit)
	}
	if !blank && got.Src.Cell == "" {
		t.Errorf("%s: no source cell", what)
	}
}

// compareDocument checks every field the reader returns against the
// transcription it was generated from.
func compareDocument(t *testing.T, sub *templates.Submission, doc seed.Document, checkOverall bool) {
	t.Helper()
	if got := sub.Township.Value; got != doc.Township {
		t.Errorf("township = %q, want %q", got, doc.Township)
	}
	if len(sub.Projects) != len(doc.Projects) {
		t.Fatalf("%d projects, want %d", len(sub.Projects), len(doc.Projects))
	}
	for i, want := range doc.Projects {
		got := sub.Projects[i]
		name := fmt.Sprintf("project %d (%s)", i+1, want.Code)
		eq := func(field, got, want string) {
			t.Helper()
			if got != strings.TrimSpace(want) {
				t.Errorf("%s %s = %q, want %q", name, field, got, want)
			}
		}
		eq("项目编码", got.Code.Value, want.Code)
		eq("项目名称", got.Name.Value, want.Name)
		eq("资金用途", got.Purpose.Value, want.Purpose)
		eq("绩效目标", got.Goal.Value, want.Goal)
		checkMoney(t, name+" 预算数", got.Budget, want.Budget, doc.Unit)
		checkMoney(t, name+" 财政资金", got.Fiscal, want.Fiscal, doc.Unit)
		checkMoney(t, name+" 其他资金", got.Other, want.Other, doc.Unit)
		for k := range want.Plan {
			checkMoney(t, name+" "+templates.PlanLabel(k), got.Plan[k], want.Plan[k], doc.Unit)
		}
		if len(got.Indicators) != len(want.Indicators) {
			t.Errorf("%s: %d indicators, want %d", name, len(got.Indicators), len(want.Indicators))
			continue
		}
		for j, wi := range want.Indicators {
			gi := got.Indicators[j]
			row := fmt.Sprintf("indicator %d", j+1)
			eq(row+" 一级指标", gi.Level1.Value, wi.L1)
			eq(row+" 二级指标", gi.Level2.Value, wi.L2)
			eq(row+" 三级指标", gi.Level3.Value, wi.L3)
			eq(row+" 绩效指标描述", gi.Desc.Value, wi.Desc)
			eq(row+" 指标值", gi.Value.Value, wi.Value)
			eq(row+" 指标值确定依据", gi.Basis.Value, wi.Basis)
			if !gi.ParsedOK {
				t.Errorf("%s %s: 指标值 %q not parsed", name, row, wi.Value)
			}
		}
	}
	if !checkOverall {
		return
	}
	if sub.Overall.Summary.Value != doc.Overall {
		t.Errorf("总体绩效目标 = %q…, want %q…", head(sub.Overall.Summary.Value), head(doc.Overall))
	}
	if sub.Overall.Measures.Value != doc.Measures {
		t.Errorf("工作保障措施 = %q…, want %q…", head(sub.Overall.Measures.Value), head(doc.Measures))
	}
	if len(sub.Overall.Items) != len(doc.Items) {
		t.Fatalf("%d 分项, want %d", len(sub.Overall.Items), len(doc.Items))
	}
	for i, want := range doc.Items {
		got := sub.Overall.Items[i]
		if got.No.Value != want.No || got.Name.Value != want.Name || got.Goal.Value != want.Goal || got.Indicator.Value != want.Indicator {
			t.Errorf("分项 %d = %q %q %q %q, want %q %q %q %q", i+1, got.No.Value, got.Name.Value, head(got.Goal.Value),
				head(got.Indicator.Value), want.No, want.Name, head(want.Goal), head(want.Indicator))
		}
	}
}

func head(s string) string {
	r := []rune(s)
	if len(r) > 16 {
		return string(r[:16])
	}
	return s
}

func TestReadSeedSample(t *testing.T) {
	sub := readSample(t, "2024", "王官营镇.xlsx")
	doc := seed.WangGuanYing()
	compareDocument(t, sub, doc, true)
	if sub.Unit != convert.UnitWan {
		t.Errorf("unit = %v, want 万元", sub.Unit)
	}
	if sub.Year != 2024 {
		t.Errorf("year = %d, want 2024", sub.Year)
	}
	var total decimal.Decimal
	n := 0
	for _, p := range sub.Projects {
		total = total.Add(p.Budget.Yuan)
		n += len(p.Indicators)
	}
	if !total.Equal(decimal.RequireFromString("3183400")) || n != 78 {
		t.Errorf("total %s 元, %d indicators; want 3183400 元, 78", total, n)
	}
	noProblemsButFileName(t, sub)
}

func TestReadAllSampleTownships(t *testing.T) {
	for _, dir := range []string{"2024", "2023"} {
		docs := seed.All()
		if dir == "2023" {
			docs = seed.Baseline2023()
		}
		for _, doc := range docs {
			t.Run(dir+"/"+doc.Township, func(t *testing.T) {
				sub := readSample(t, dir, doc.Township+".xlsx")
				compareDocument(t, sub, doc, false)
				noProblemsButFileName(t, sub)
			})
		}
	}
}

// TestReadVariants: every layout twin of 王官营镇 reads to exactly the
// canonical projects, amounts and indicators.
func TestReadVariants(t *testing.T) {
	doc := seed.WangGuanYing()
	cases := []struct {
		file    string
		overall bool
		unit    string
	}{
		{"王官营镇-两行标题.xlsx", true, "万元"},
		{"王官营镇-空行.xlsx", true, "万元"},
		{"王官营镇-右移.xlsx", true, "万元"},
		{"王官营镇-每表一页.xlsx", true, "万元"},
		{"王官营镇-合并单元格.xlsx", true, "万元"},
		{"王官营镇-全角.xlsx", true, "万元"},
		{"王官营镇-元.xlsx", true, "元"},
		{"基本信息-别名.xlsx", true, "万元"},
		{"王官营镇-旧版.xls", true, "万元"},
		{"王官营镇.docx", true, "万元"},
		{"王官营镇-LibreOffice.docx", true, "万元"},
		{"王官营镇-ODF.ods", true, "万元"},
		{"王官营镇-XML表格.xls", true, "万元"},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			sub := readSample(t, "variants", c.file)
			want := doc
			if c.unit == "元" {
				want = seed.InYuan(doc)
			}
			compareDocument(t, sub, want, c.overall)
			noProblemsButFileName(t, sub)
		})
	}
}

// noProblemsButFileName fails on any reading problem except the one warning
// that the township was taken from the file name, which must be there when
// the form states no township (王官营镇's original states none).
func noProblemsButFileName(t *testing.T, sub *templates.Submission) {
	t.Helper()
	fromFile := sub.Township.Src.Sheet == ""
	warned := false
	for _, p := range sub.Problems {
		if fromFile && !warned && p.Rule == templates.RuleTownshipSource && p.Severity == templates.Warning &&
			strings.Contains(p.Message, "按文件名计为「"+sub.Township.Value+"」") {
			warned = true
			continue
		}
		t.Errorf("unexpected reading problem: %v", p)
	}
	if fromFile && !warned {
		t.Errorf("township %q taken from the file name without a warning", sub.Township.Value)
	}
}
