package templates_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jixiao/convert"
	"jixiao/templates"
)

// formBlock is one project block in the seed layout, columns A–G.
func formBlock() [][]string {
	return [][]string{
		{"", "", "", "", "", "", "单位：万元"},
		{"项目编码", "13020824P000010100133", "", "项目名称", "2022年非税收入"},
		{"预算规模及资金用途", "预算数", "4.92", "其中：财政    资金", "4.92", "其他资金", ""},
		{"", "补充乡镇办公经费，保障工作正常运转。"},
		{"资金支出计划（%）", "3月底", "6月底", "10月底", "12月底"},
		{"", "", "2.46", "", "4.92"},
		{"绩效目标", "1.补充办公经费"},
		{},
		{"一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"},
		{"产出指标", "数量指标", "采购办公用品次数", "采购办公用品次数", "≥5次", "年初计划"},
		{"效益指标", "社会效益指标", "社会认可率", "社会认可率", "≥95%", "工作标准"},
		{"满意度指标", "服务对象满意度指标", "满意度", "群众满意度", "≥95%", "问卷调查"},
	}
}

// TestFlaggedCells: a formula stored without its result, or an error value,
// is reported at its own cell and taken as missing — never skipped so that a
// neighbouring cell is read in its place.
func TestFlaggedCells(t *testing.T) {
	cases := []struct {
		name     string
		blank    [][2]int // cells whose stored text is empty
		flag     convert.CellFlag
		rule     string
		cell     string
		severity templates.Severity
	}{
		{"budget formula without value", [][2]int{{2, 2}}, convert.FlagFormulaNoValue, "公式无缓存值", "C3", templates.Warning},
		{"budget error value", nil, convert.FlagErrorValue, "金额格式", "C3", templates.Error},
		{"trailing other-funds formula", [][2]int{{2, 6}}, convert.FlagFormulaNoValue, "公式无缓存值", "G3", templates.Warning},
		{"whole plan row of formulas", [][2]int{{5, 2}, {5, 4}}, convert.FlagFormulaNoValue, "公式无缓存值", "C6", templates.Warning},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rows := formBlock()
			sh := convert.Sheet{Name: "项目", Rows: rows}
			cells := c.blank
			if c.flag == convert.FlagErrorValue {
				rows[2][2] = "#DIV/0!"
				cells = [][2]int{{2, 2}}
			}
			for _, rc := range cells {
				if rc[1] < len(rows[rc[0]]) {
					rows[rc[0]][rc[1]] = map[bool]string{true: "#DIV/0!", false: ""}[c.flag == convert.FlagErrorValue]
				}
				sh.SetFlag(rc[0], rc[1], c.flag)
			}
			if c.name == "trailing other-funds formula" {
				rows[2] = rows[2][:6] // the row's stored text ends before G
			}
			sub := templates.Read(&convert.Workbook{Path: "t.xlsx", Format: "xlsx", Sheets: []convert.Sheet{sh}})
			if len(sub.Projects) != 1 {
				t.Fatalf("%d projects", len(sub.Projects))
			}
			found := false
			for _, p := range sub.Problems {
				if p.Rule == c.rule && p.Src.Cell == c.cell && p.Severity == c.severity {
					found = true
				}
				if p.Rule == "金额格式" && c.rule != "金额格式" {
					t.Errorf("a neighbouring cell was read as an amount: %v", p)
				}
			}
			if !found {
				t.Errorf("no %s problem at %s: %v", c.rule, c.cell, sub.Problems)
			}
			p := sub.Projects[0]
			if c.name == "whole plan row of formulas" && (!p.Plan[1].Blank || !p.Plan[3].Blank) {
				t.Errorf("plan = %+v, want blanks", p.Plan)
			}
		})
	}
}

// TestDamagedUTF8Warns: a UTF-8 CSV with one invalid byte is read as UTF-8
// (not garbled as GB18030) and the submission carries an encoding warning.
func TestDamagedUTF8Warns(t *testing.T) {
	var b strings.Builder
	for _, row := range formBlock() {
		b.WriteString(strings.Join(row, ","))
		b.WriteString("\n")
	}
	data := append([]byte(b.String()), 0xB0, '\n')
	path := filepath.Join(t.TempDir(), "王官营镇.csv")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	sub, err := templates.ReadFile(context.Background(), path, templates.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if sub.Encoding != convert.EncUTF8Damaged || len(sub.Projects) != 1 || sub.Projects[0].Name.Value != "2022年非税收入" {
		t.Fatalf("encoding %q, projects %+v", sub.Encoding, sub.Projects)
	}
	found := false
	for _, p := range sub.Problems {
		if errors.Is(p, convert.ErrEncoding) && p.Severity == templates.Warning && p.Src.File == path {
			found = true
		}
	}
	if !found {
		t.Errorf("no encoding warning: %v", sub.Problems)
	}
}

// TestAmountProblems: an amount that is not a number is an error at its
// cell; a 万元 form whose amounts look like 元 (or the reverse) gets a warning.
func TestAmountProblems(t *testing.T) {
	cases := []struct {
		name     string
		unit     string
		budget   string
		rule     string
		severity templates.Severity
		sentinel error
	}{
		{"not a number", "单位：万元", "4.9二", "金额格式", templates.Error, convert.ErrAmount},
		{"negative", "单位：万元", "-4.92", "金额格式", templates.Error, convert.ErrNegative},
		{"yuan figures on a 万元 form", "单位：万元", "49200000", "金额单位", templates.Warning, nil},
		{"万元 figures on a 元 form", "单位：元", "4.92", "金额单位", templates.Warning, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rows := formBlock()
			rows[0][6] = c.unit
			rows[2][2] = c.budget
			sub := templates.Read(&convert.Workbook{Path: "t.xlsx", Sheets: []convert.Sheet{{Name: "项目", Rows: rows}}})
			var got []templates.Problem
			for _, p := range sub.Problems {
				if p.Rule == c.rule {
					got = append(got, p)
				}
			}
			if len(got) != 1 || got[0].Severity != c.severity || got[0].Src.Cell != "C3" || got[0].Project != "13020824P000010100133" {
				t.Fatalf("problems = %v", sub.Problems)
			}
			if c.sentinel != nil {
				var le *convert.LocatedError
				if !errors.Is(got[0], c.sentinel) || !errors.As(got[0], &le) || le.Cell != "C3" || le.Sheet != "项目" {
					t.Errorf("error %v does not wrap %v at 项目!C3", got[0].Err, c.sentinel)
				}
			}
		})
	}
}
