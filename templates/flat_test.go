package templates

import (
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"jixiao/convert"
)

// csvBook parses CSV text into a one-sheet workbook as convert.ReadCSV would.
func csvBook(t testing.TB, path, text string) *convert.Workbook {
	t.Helper()
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	rows, err := r.ReadAll()
	if err != nil {
		t.Skipf("csv: %v", err)
	}
	stem := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	return &convert.Workbook{Path: path, Format: "csv", Sheets: []convert.Sheet{{Name: stem, Rows: rows}}}
}

// flatSummary renders submissions compactly: township, unit and year, then
// per project code|name|budget|fiscal|other|4 plans (元, "-" blank)|indicators.
func flatSummary(subs []*Submission) string {
	money := func(m Money) string {
		if m.Blank {
			return "-"
		}
		return m.Yuan.String()
	}
	var b strings.Builder
	for _, s := range subs {
		fmt.Fprintf(&b, "%s %s %d\n", s.Township.Value, s.Unit, s.Year)
		for _, p := range s.Projects {
			fmt.Fprintf(&b, "  %s|%s|%s|%s|%s", p.Code.Value, p.Name.Value, money(p.Budget), money(p.Fiscal), money(p.Other))
			for _, m := range p.Plan {
				b.WriteString("|" + money(m))
			}
			fmt.Fprintf(&b, "|%d\n", len(p.Indicators))
		}
	}
	return b.String()
}

func TestReadFlat(t *testing.T) {
	tests := []struct {
		name string
		path string
		text string
		want string
	}{
		{
			name: "one row per project, unit line, township column split",
			path: "县汇总.csv",
			text: "2024年项目预算表\n单位：元\n乡镇,项目编号,项目名称,预算金额,财政拨款,其他资金,3月底,12月底\n" +
				"王官营镇人民政府,P1,非税收入,49200.00,49200.00,,,49200\n丰登坞镇,P2,办公经费,10000,8000,2000,1000,10000\n",
			want: "王官营镇 元 2024\n  P1|非税收入|49200|49200|-|-|-|-|49200|0\n丰登坞镇 元 2024\n  P2|办公经费|10000|8000|2000|1000|-|-|10000|0\n",
		},
		{
			name: "one row per indicator, project columns repeated, unit in header",
			path: "王官营镇.csv",
			text: "项目代码,项目名称,预算数（万元）,一级绩效指标,二级指标,指标名称,指标值\n" +
				"P1,非税收入,4.92,产出指标,数量指标,收缴次数,≥5次\nP1,非税收入,4.92,,,及时性,100%\nP2,培训,1,满意度指标,服务对象满意度指标,满意度,≥95%\n",
			want: "王官营镇 万元 0\n  P1|非税收入|49200|-|-|-|-|-|-|2\n  P2|培训|10000|-|-|-|-|-|-|1\n",
		},
		{
			name: "project columns blank under the first row",
			path: "2024王官营镇.csv",
			text: "项目编码,项目名称,金额(元),三级指标,指标值\nP1,非税收入,49200,收缴次数,≥5次\n,,,及时性,100%\n,,,满意度,≥95%\n",
			want: "王官营镇 元 2024\n  P1|非税收入|49200|-|-|-|-|-|-|3\n",
		},
		{
			name: "total row skipped, title states the unit",
			path: "丰登坞镇.csv",
			text: "县级预算项目汇总表（单位：万元）\n项目编码,项目名称,预算数\nP1,甲,1.5\n合计,,1.5\n",
			want: "丰登坞镇 万元 0\n  P1|甲|15000|-|-|-|-|-|-|0\n",
		},
		{
			name: "township from a 填报单位 line",
			path: "legacy.csv",
			text: "填报单位：石各庄镇人民政府\n项目编码,项目名称,预算数\nP9,乙,2\n",
			want: "石各庄镇 万元 0\n  P9|乙|20000|-|-|-|-|-|-|0\n",
		},
		{
			name: "project without code keyed by name",
			path: "沙流河镇.csv",
			text: "项目名称,预算数,三级指标\n甲,1,a\n甲,1,b\n",
			want: "沙流河镇 万元 0\n  |甲|10000|-|-|-|-|-|-|2\n",
		},
		{
			name: "header only",
			path: "七树庄镇.csv",
			text: "项目编码,项目名称,预算数\n",
			want: "七树庄镇 万元 0\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			subs, ok := ReadFlat(csvBook(t, tt.path, tt.text))
			if !ok {
				t.Fatal("no flat table found")
			}
			if got := flatSummary(subs); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			for _, s := range subs {
				for _, p := range s.Problems {
					if p.Severity == Error {
						t.Errorf("unexpected problem %v", p)
					}
				}
			}
		})
	}
}

func TestReadFlatProblems(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		sentinel error
		line     int
		col      int
		want     string // summary of what was still read
	}{
		{
			name: "project field disagrees across rows", sentinel: ErrFlatConflict, line: 3, col: 3,
			text: "项目编码,项目名称,预算数,三级指标\nP1,甲,4.92,a\nP1,甲,5.00,b\nP2,乙,1,c\n",
			want: "王官营镇 万元 0\n  P1|甲|49200|-|-|-|-|-|-|2\n  P2|乙|10000|-|-|-|-|-|-|1\n",
		},
		{
			name: "row without project", sentinel: ErrFlatRow, line: 2, col: 1,
			text: "项目编码,项目名称,预算数,三级指标\n,,3,a\nP2,乙,1,c\n",
			want: "王官营镇 万元 0\n  P2|乙|10000|-|-|-|-|-|-|1\n",
		},
		{
			name: "amount is no number", sentinel: convert.ErrAmount, line: 3, col: 3,
			text: "标题\n项目编码,项目名称,预算数\nP1,甲,四点九二x\nP2,乙,1\n",
			want: "王官营镇 万元 0\n  P1|甲|-|-|-|-|-|-|-|0\n  P2|乙|10000|-|-|-|-|-|-|0\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			subs, ok := ReadFlat(csvBook(t, "王官营镇.csv", tt.text))
			if !ok {
				t.Fatal("no flat table found")
			}
			if got := flatSummary(subs); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			var errs []Problem
			for _, p := range subs[0].Problems {
				if p.Severity == Error {
					errs = append(errs, p)
				}
			}
			if len(errs) != 1 {
				t.Fatalf("problems %v, want one error", subs[0].Problems)
			}
			var le *convert.LocatedError
			if !errors.Is(errs[0], tt.sentinel) || !errors.As(errs[0], &le) {
				t.Fatalf("problem %v does not wrap %v in a LocatedError", errs[0], tt.sentinel)
			}
			if le.File != "王官营镇.csv" || le.Line != tt.line || le.Col != tt.col {
				t.Errorf("located at %s:%d:%d, want line %d col %d", le.File, le.Line, le.Col, tt.line, tt.col)
			}
			if errs[0].Township != "王官营镇" {
				t.Errorf("township %q", errs[0].Township)
			}
		})
	}
}

// TestReadFlatBOM: a byte-order mark before the header must not cost the
// first column (gocsv would silently drop a column named "\ufeff乡镇").
func TestReadFlatBOM(t *testing.T) {
	text := "乡镇,项目编码,项目名称,预算数\n丰登坞镇,P1,甲,1\n"
	tests := []struct {
		name string
		wb   func(t *testing.T) *convert.Workbook
	}{
		{"file with utf-8 bom", func(t *testing.T) *convert.Workbook {
			path := filepath.Join(t.TempDir(), "王官营镇.csv")
			if err := os.WriteFile(path, append([]byte{0xEF, 0xBB, 0xBF}, text...), 0o644); err != nil {
				t.Fatal(err)
			}
			wb, err := convert.ReadCSV(path, convert.Options{})
			if err != nil {
				t.Fatal(err)
			}
			return wb
		}},
		{"bom left in the header cell", func(t *testing.T) *convert.Workbook {
			return csvBook(t, "王官营镇.csv", "\ufeff"+text)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			subs, ok := ReadFlat(tt.wb(t))
			if !ok || len(subs) != 1 || subs[0].Township.Value != "丰登坞镇" {
				t.Fatalf("got %s", flatSummary(subs))
			}
		})
	}
}

// TestReadFlatJoinsTables: a project table and an indicator table (as in a
// county workbook's 项目明细 and 指标明细) combine by 项目编码.
func TestReadFlatJoinsTables(t *testing.T) {
	projects := csvBook(t, "项目明细.csv", "乡镇,项目编码,项目名称,预算数,12月底\n王官营镇,P1,甲,1,1\n丰登坞镇,P2,乙,2,2\n")
	indicators := csvBook(t, "指标明细.csv", "乡镇,项目编码,项目名称,一级指标,二级指标,三级指标,指标值\n"+
		"王官营镇,P1,甲,产出指标,数量指标,a,≥1次\n丰登坞镇,P2,乙,产出指标,数量指标,b,≥2次\n丰登坞镇,P2,乙,,,c,优\n")
	subs, ok := ReadFlat(projects, indicators)
	if !ok {
		t.Fatal("no flat table")
	}
	want := "王官营镇 万元 0\n  P1|甲|10000|-|-|-|-|-|10000|1\n丰登坞镇 万元 0\n  P2|乙|20000|-|-|-|-|-|20000|2\n"
	if got := flatSummary(subs); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	ind := subs[1].Projects[0].Indicators[1]
	if ind.Level1.Value != "产出指标" || ind.Level2.Value != "数量指标" || !ind.ParsedOK {
		t.Errorf("carried indicator %+v", ind)
	}
}

// TestReadFlatLeavesFormsAlone: no form layout is taken for a flat table.
func TestReadFlatLeavesFormsAlone(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "samples", "*", "*.xlsx"))
	if len(files) == 0 {
		t.Skip("no samples")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			wb, err := convert.Open(f, convert.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if subs, ok := ReadFlat(wb); ok {
				t.Errorf("form read as flat: %s", flatSummary(subs))
			}
		})
	}
}

// TestReadWorkbooks: a flat table among the workbooks makes them all flat
// tables; else each workbook gives its form, in order.
func TestReadWorkbooks(t *testing.T) {
	flat := csvBook(t, "项目明细.csv", "乡镇,项目编码,项目名称,预算数,12月底\n王官营镇,P1,甲,1,1\n丰登坞镇,P2,乙,2,2\n")
	other := csvBook(t, "说明.csv", "说明\n本表无项目\n")
	subs, ok := ReadWorkbooks(other, flat)
	if !ok || len(subs) != 2 {
		t.Fatalf("flat %v, %d submissions; want 2 from the flat table", ok, len(subs))
	}
	want := "王官营镇 万元 0\n  P1|甲|10000|-|-|-|-|-|10000|0\n丰登坞镇 万元 0\n  P2|乙|20000|-|-|-|-|-|20000|0\n"
	if got := flatSummary(subs); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	files, _ := filepath.Glob(filepath.Join("..", "samples", "2024", "*.xlsx"))
	if len(files) < 2 {
		t.Skip("no samples")
	}
	var wbs []*convert.Workbook
	for _, f := range files[:2] {
		wb, err := convert.Open(f, convert.Options{})
		if err != nil {
			t.Fatal(err)
		}
		wbs = append(wbs, wb)
	}
	wbs = append(wbs, other)
	subs, ok = ReadWorkbooks(wbs...)
	if ok || len(subs) != len(wbs) {
		t.Fatalf("flat %v, %d submissions; want one form per workbook", ok, len(subs))
	}
	for i, sub := range subs {
		if want := Read(wbs[i]); sub.Township.Value != want.Township.Value || len(sub.Projects) != len(want.Projects) {
			t.Errorf("workbook %d read as %s with %d projects, want %s with %d", i, sub.Township.Value, len(sub.Projects), want.Township.Value, len(want.Projects))
		}
	}
	if len(subs[2].Projects) != 0 || len(subs[0].Projects) == 0 {
		t.Errorf("projects %d, %d, %d: want the forms' and none of the note", len(subs[0].Projects), len(subs[1].Projects), len(subs[2].Projects))
	}
}

func TestFlatRecordTags(t *testing.T) {
	typ := reflect.TypeOf(flatRecord{})
	if typ.NumField() != len(flatFields) {
		t.Fatalf("%d record fields, %d flat fields", typ.NumField(), len(flatFields))
	}
	for i, f := range flatFields {
		if tag := typ.Field(i).Tag.Get("csv"); tag != Label(f) {
			t.Errorf("field %s has tag %q, want %q", typ.Field(i).Name, tag, Label(f))
		}
	}
}

func TestFlatColumn(t *testing.T) {
	tests := []struct {
		cell string
		f    Field
		u    convert.Unit
	}{
		{"预算金额(元)", FieldBudget, convert.UnitYuan},
		{"预算数（万元）", FieldBudget, convert.UnitWan},
		{"金额/元", FieldBudget, convert.UnitYuan},
		{"单位名称", FieldTownship, 0},
		{"乡镇", FieldTownship, 0},
		{"其中：财政资金", FieldFiscal, 0},
		{"资金支出计划-12月底(元)", FieldPlanDec, convert.UnitYuan},
		{"3月底", FieldPlanMar, 0},
		{"一级绩效指标", FieldLevel1, 0},
		{"序号", FieldNone, 0},
		{"来源", FieldNone, 0},
		{"", FieldNone, 0},
	}
	for _, tt := range tests {
		t.Run(tt.cell, func(t *testing.T) {
			f, u := flatColumn(tt.cell)
			if f != tt.f || u != tt.u {
				t.Errorf("got %v %v, want %v %v", f, u, tt.f, tt.u)
			}
		})
	}
}

// FuzzReadFlat: any CSV text is read without a panic, and every problem is
// located.
func FuzzReadFlat(f *testing.F) {
	for _, s := range []string{
		"项目编码,项目名称,预算数\nP1,甲,1\n",
		"单位：元\n乡镇,项目编码,预算金额(元),三级指标\n王官营镇,P1,49200,a\n,,,b\n合计,,1\n",
		"项目编码,预算数,预算数,一级指标\nP1,1,2,x\nP1,3,,y\n,,,,,\n",
		"项目名称,一级指标\n,a\n\"\",\n",
		"项目编码\t预算数\nP1\t1e400\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		wb := csvBook(t, "乡镇.csv", s)
		subs, ok := ReadFlat(wb)
		if !ok {
			return
		}
		for _, sub := range subs {
			for _, p := range sub.Problems {
				var le *convert.LocatedError
				if p.Severity == Error && !errors.As(p, &le) {
					t.Errorf("unlocated problem %v", p)
				}
			}
		}
	})
}
