package templates

import (
	"context"
	"errors"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jixiao/convert"
)

// listValues returns the values of a defined name's range on the lists sheet.
func listValues(t *testing.T, f *excelize.File, names map[string]string, name string) []string {
	t.Helper()
	ref, ok := names[name]
	if !ok {
		t.Fatalf("defined name %q missing", name)
	}
	m := regexp.MustCompile(`^'(.+)'!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)$`).FindStringSubmatch(ref)
	if m == nil {
		t.Fatalf("defined name %q refers to %q, not a column range", name, ref)
	}
	if m[1] != SheetLists || m[2] != m[4] {
		t.Fatalf("defined name %q refers to %q", name, ref)
	}
	cols, err := f.GetCols(m[1])
	if err != nil {
		t.Fatal(err)
	}
	col, _ := excelize.ColumnNameToNumber(m[2])
	var out []string
	for _, v := range cols[col-1] {
		if v != "" {
			out = append(out, v)
		}
	}
	if n, _ := strconv.Atoi(m[5]); m[3] != "1" || n != len(out) {
		t.Errorf("defined name %q covers rows %s to %s, the list has %d values", name, m[3], m[5], len(out))
	}
	return out
}

func TestTemplateDropdowns(t *testing.T) {
	tests := []struct {
		name string
		fw   Framework
		// cost is the standard cost row (一级, 二级) of the framework.
		cost [2]string
	}{
		{"classic", Classic(), [2]string{"产出指标", "成本指标"}},
		{"2021", Framework2021(), [2]string{"成本指标", "经济成本指标"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			const blocks = 3
			f, err := BuildTemplate(TemplateOptions{Framework: tc.fw, Projects: blocks, Year: 2024})
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			names := map[string]string{}
			for _, dn := range f.GetDefinedName() {
				names[dn.Name] = dn.RefersTo
			}
			if got := listValues(t, f, names, ListLevel1); !slices.Equal(got, tc.fw.Level1Names()) {
				t.Errorf("一级指标 list = %v, want %v", got, tc.fw.Level1Names())
			}
			for _, g := range tc.fw.Groups {
				if got := listValues(t, f, names, g.Level1); !slices.Equal(got, g.Level2) {
					t.Errorf("二级指标 list of %s = %v, want %v", g.Level1, got, g.Level2)
				}
			}
			if got := listValues(t, f, names, ListBases); !slices.Equal(got, IndicatorBases()) {
				t.Errorf("确定依据 list = %v, want %v", got, IndicatorBases())
			}
			if visible, _ := f.GetSheetVisible(SheetLists); visible {
				t.Errorf("sheet %s is visible", SheetLists)
			}

			dvs, err := f.GetDataValidations(SheetProjects)
			if err != nil {
				t.Fatal(err)
			}
			byFormula := map[string][]*excelize.DataValidation{}
			indirect := regexp.MustCompile(`^INDIRECT\(\$A(\d+)\)$`)
			var l2 []*excelize.DataValidation
			for _, dv := range dvs {
				if indirect.MatchString(dv.Formula1) {
					l2 = append(l2, dv)
					continue
				}
				byFormula[dv.Formula1] = append(byFormula[dv.Formula1], dv)
			}
			if n := len(byFormula[ListLevel1]); n != blocks {
				t.Errorf("%d 一级指标 dropdowns, want %d", n, blocks)
			}
			if n := len(byFormula[ListBases]); n != blocks {
				t.Errorf("%d 确定依据 dropdowns, want %d", n, blocks)
			}
			if len(l2) != blocks {
				t.Fatalf("%d dependent 二级指标 dropdowns, want %d", len(l2), blocks)
			}
			for _, dv := range byFormula["0"] {
				if dv.Type != "decimal" || dv.Operator != "greaterThanOrEqual" || !dv.ShowInputMessage || !dv.ShowErrorMessage {
					t.Errorf("amount validation %s: type %s operator %s", dv.Sqref, dv.Type, dv.Operator)
				}
			}
			if n := len(byFormula["0"]); n != blocks {
				t.Errorf("%d amount validations, want %d", n, blocks)
			}

			// Follow each dependent dropdown as Excel does: the 一级指标 in
			// column A of the row names the list of allowed 二级指标.
			for b, dv := range l2 {
				first := indirect.FindStringSubmatch(dv.Formula1)[1]
				if !strings.HasPrefix(dv.Sqref, "B"+first+":B") {
					t.Errorf("block %d: dependent dropdown on %s refers to $A%s", b+1, dv.Sqref, first)
				}
				start, end, _ := strings.Cut(dv.Sqref, ":")
				_, r1, _ := excelize.CellNameToCoordinates(start)
				_, r2, _ := excelize.CellNameToCoordinates(end)
				var pairs [][2]string
				for row := r1; row <= r2; row++ {
					l1, _ := f.GetCellValue(SheetProjects, cell(1, row))
					l2v, _ := f.GetCellValue(SheetProjects, cell(2, row))
					if l1 == "" {
						continue
					}
					allowed := listValues(t, f, names, l1)
					if !slices.Contains(allowed, l2v) {
						t.Errorf("block %d row %d: 二级指标 %q not in the list of %s %v", b+1, row, l2v, l1, allowed)
					}
					pairs = append(pairs, [2]string{l1, l2v})
				}
				if len(pairs) != 6 || pairs[3] != tc.cost {
					t.Errorf("block %d: pre-labelled rows %v, want six with cost row %v", b+1, pairs, tc.cost)
				}
			}

			basic, err := f.GetDataValidations(SheetBasic)
			if err != nil {
				t.Fatal(err)
			}
			var unitDV *excelize.DataValidation
			for _, dv := range basic {
				if dv.Sqref == cell(2, unitRow) {
					unitDV = dv
				}
			}
			if unitDV == nil || unitDV.Type != "list" || unitDV.Formula1 != `"万元,元"` {
				t.Errorf("金额单位 dropdown = %+v", unitDV)
			}
			if v, _ := f.GetCellValue(SheetBasic, cell(2, unitRow)); v != convert.UnitWan.String() {
				t.Errorf("金额单位 = %q, want 万元", v)
			}
		})
	}
}

func TestTemplateCellsAndProtection(t *testing.T) {
	f, err := BuildTemplate(TemplateOptions{Projects: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	style := func(sheet, c string) *excelize.Style {
		t.Helper()
		id, err := f.GetCellStyle(sheet, c)
		if err != nil {
			t.Fatal(err)
		}
		s, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	top := 1
	tests := []struct {
		name     string
		sheet    string
		cell     string
		value    string
		unlocked bool
		numFmt   int
	}{
		{"项目编码 label", SheetProjects, cell(colA, top+offCode), "项目编码", false, 0},
		{"项目编码 input is text", SheetProjects, cell(colB, top+offCode), "", true, 49},
		{"预算数 input", SheetProjects, cell(colC, top+offBudget), "", true, 0},
		{"12月底 input", SheetProjects, cell(colE, top+offPlanVal), "", true, 0},
		{"绩效目标 input", SheetProjects, cell(colB, top+offGoal), "", true, 0},
		{"行政区划代码 input is text", SheetBasic, "B3", "", true, 49},
		{"单位名称 label", SheetBasic, "A2", "单位名称", false, 0},
		{"总体绩效目标 input", SheetOverall, "B2", "", true, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, _ := f.GetCellValue(tc.sheet, tc.cell)
			if v != tc.value {
				t.Errorf("%s!%s = %q, want %q", tc.sheet, tc.cell, v, tc.value)
			}
			s := style(tc.sheet, tc.cell)
			locked := s.Protection == nil || s.Protection.Locked
			if locked == tc.unlocked {
				t.Errorf("%s!%s locked = %v", tc.sheet, tc.cell, locked)
			}
			if tc.numFmt != 0 && s.NumFmt != tc.numFmt {
				t.Errorf("%s!%s number format %d, want %d", tc.sheet, tc.cell, s.NumFmt, tc.numFmt)
			}
			if tc.unlocked && (len(s.Fill.Color) == 0 || s.Fill.Color[0] != inputFill) {
				t.Errorf("%s!%s fill %v, want tinted", tc.sheet, tc.cell, s.Fill.Color)
			}
		})
	}
	formula, err := f.GetCellFormula(SheetProjects, cell(colG, top+offUnit))
	if err != nil || !strings.Contains(formula, SheetBasic) {
		t.Errorf("unit line formula = %q, %v", formula, err)
	}
}

func TestBuildTemplateOptions(t *testing.T) {
	tests := []struct {
		name    string
		opt     TemplateOptions
		wantErr bool
	}{
		{"defaults", TemplateOptions{}, false},
		{"negative projects", TemplateOptions{Projects: -1}, true},
		{"too many projects", TemplateOptions{Projects: MaxProjects + 1}, true},
		{"bad year", TemplateOptions{Year: 1999}, true},
		{"bad unit", TemplateOptions{Unit: convert.Unit(9)}, true},
		{"framework without 二级", TemplateOptions{Framework: Framework{Groups: []FrameworkGroup{{Level1: "产出指标"}}}}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := BuildTemplate(tc.opt)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, want error %v", err, tc.wantErr)
			}
			if err != nil {
				if !errors.Is(err, ErrTemplateOptions) {
					t.Errorf("error %v does not wrap ErrTemplateOptions", err)
				}
				return
			}
			f.Close()
		})
	}
}

func TestChineseNumber(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{{1, "一"}, {10, "十"}, {12, "十二"}, {20, "二十"}, {35, "三十五"}}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			if got := chineseNumber(tc.n); got != tc.want {
				t.Errorf("chineseNumber(%d) = %q, want %q", tc.n, got, tc.want)
			}
		})
	}
}

// TestBlankTemplateReadsEmpty reads untouched templates: no project, no
// problem, and no cell of 填报说明 that the reader could take for a label.
func TestBlankTemplateReadsEmpty(t *testing.T) {
	tests := []struct {
		name string
		opt  TemplateOptions
	}{
		{"classic", TemplateOptions{}},
		{"2021 in 元 with password", TemplateOptions{Framework: Framework2021(), Unit: convert.UnitYuan, Password: "secret", Year: 2025}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "模板.xlsx")
			if err := WriteTemplate(path, tc.opt); err != nil {
				t.Fatal(err)
			}
			sub, err := ReadFile(context.Background(), path, ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(sub.Projects) != 0 || len(sub.Problems) != 0 || len(sub.Overall.Items) != 0 || sub.Overall.Summary.Value != "" {
				t.Errorf("blank template read as %d projects, %d items, summary %q, problems %v",
					len(sub.Projects), len(sub.Overall.Items), sub.Overall.Summary.Value, sub.Problems)
			}
			want := tc.opt.Unit
			if want == convert.UnitUnknown {
				want = convert.UnitWan
			}
			if sub.Unit != want || sub.Year != tc.opt.Year {
				t.Errorf("unit %v year %d, want %v %d", sub.Unit, sub.Year, want, tc.opt.Year)
			}
			wb, err := convert.Open(path, convert.Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, sh := range wb.Sheets {
				if sh.Name != SheetGuide {
					continue
				}
				for r, row := range sh.Rows {
					for c, v := range row {
						if m := MatchLabel(v); m.Field != FieldNone {
							t.Errorf("填报说明!%s %q reads as a label", convert.CellName(r, c), v)
						}
						if _, ok := UnitLine(v); ok {
							t.Errorf("填报说明!%s %q reads as a unit line", convert.CellName(r, c), v)
						}
					}
				}
			}
		})
	}
}
