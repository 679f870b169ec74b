package templates

import (
	"path/filepath"
	"strings"
	"testing"

	"jixiao/convert"
)

// gridText renders a sheet as fuzz input: rows split by "\n", cells by "\t".
func gridText(sh convert.Sheet) string {
	var b strings.Builder
	for _, row := range sh.Rows {
		b.WriteString(strings.Join(row, "\t"))
		b.WriteByte('\n')
	}
	return b.String()
}

// fuzzWorkbook builds a one-sheet workbook from fuzz input; each byte pair of
// flags marks a cell (row, column) as a formula without a cached value or as
// an error value.
func fuzzWorkbook(text string, flags []byte) *convert.Workbook {
	sh := convert.Sheet{Name: "项目绩效目标表"}
	for _, line := range strings.Split(text, "\n") {
		sh.Rows = append(sh.Rows, strings.Split(line, "\t"))
	}
	for i := 0; i+1 < len(flags); i += 2 {
		kind := convert.FlagFormulaNoValue
		if flags[i]&0x80 != 0 {
			kind = convert.FlagErrorValue
		}
		sh.SetFlag(int(flags[i]&0x7f)%(len(sh.Rows)+1), int(flags[i+1])%16, kind)
	}
	return &convert.Workbook{Path: "乡镇/fuzz.xlsx", Format: "xlsx", Sheets: []convert.Sheet{sh}}
}

// FuzzRead runs the form reader over random grids: it must never panic,
// every problem must name the file and a known severity, amount problems the
// sheet and cell, and no amount may be negative.
func FuzzRead(f *testing.F) {
	for _, name := range []string{"王官营镇.xlsx", "李钊庄镇.xlsx", "石各庄镇.xlsx"} {
		wb, err := convert.ReadXLSX(filepath.Join("..", "samples", "2024", name))
		if err != nil {
			f.Fatal(err)
		}
		for _, sh := range wb.Sheets {
			text := gridText(sh)
			if len(text) > 4000 {
				text = text[:4000]
			}
			f.Add(text, []byte{4, 2, 0x85, 2})
		}
	}
	f.Add("项目编码\t1\n预算数\t#DIV/0!\t财政资金\t\t其他资金\n资金支出计划（%）\t3月底\t6月底\t10月底\t12月底\n\t1\t-2\t3e9\t４.5万元", []byte{1, 1, 0x81, 3})
	f.Add("单位：元\n项目编码\t\n一级指标\t二级指标\t三级指标\t绩效指标描述\t指标值\t指标值确定依据\n\t\t\t\t≥5次", []byte{})
	f.Fuzz(func(t *testing.T, text string, flags []byte) {
		wb := fuzzWorkbook(text, flags)
		sub := Read(wb)
		for _, p := range sub.Problems {
			if p.Src.File != wb.Path || p.Rule == "" || p.Severity != Error && p.Severity != Warning {
				t.Fatalf("problem without file, rule or severity: %+v", p)
			}
			if p.Rule == "金额格式" || p.Rule == "公式无缓存值" {
				if p.Src.Sheet == "" {
					t.Fatalf("amount problem without sheet: %+v", p)
				}
				if _, err := convert.ParseCellName(p.Src.Cell); err != nil {
					t.Fatalf("amount problem without a cell: %+v", p)
				}
			}
		}
		for _, p := range sub.Projects {
			for _, m := range append([]Money{p.Budget, p.Fiscal, p.Other}, p.Plan[:]...) {
				if m.Yuan.IsNegative() {
					t.Fatalf("negative amount %s from %q", m.Yuan, m.Raw)
				}
			}
		}
	})
}
