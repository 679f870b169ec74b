package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// weakCell is a planted weakness: the cell edited, its new value, and the
// rule that must flag the indicator at cell flag of the same row.
type weakCell struct {
	what, cell, value, rule, flag string
}

// plantedWeaknesses are the ordinary weak targets of a township form, put
// into a copy of the seed (王官营镇 2024): projects 1 (4.92 万元) and 2 (made
// 3.00 万元).
var plantedWeaknesses = []weakCell{
	{"数量指标「较好」", "E11", "较好", "R4", "E11"},
	{"时效 date in the next year", "E13", "2025年6月30日前", "R6", "E13"},
	{"成本指标「≤95%」", "E14", "≤95%", "R7", "E14"},
	{"指标值「——」", "E30", "——", "R1", "E30"},
	{"成本 880 万元 on a 3 万元 project", "E32", "≤880万元", "R7", "E32"},
	{"二级「数量指标」under 一级「效益指标」", "B33", "数量指标", "R5", "C33"},
	{"满意度「≥90」without %", "E34", "≥90", "R2", "E34"},
}

// weakTownship writes the fixture township 弱目标镇.xlsx into dir: the seed
// with the planted weaknesses, and project 2's 预算数 made 3.00 万元 (its
// funding and plan to match, so that only the targets are weak).
func weakTownship(t *testing.T, dir string, weak []weakCell) string {
	t.Helper()
	f, err := excelize.OpenFile(samplePath("2024", "王官营镇.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const sheet = "项目绩效目标表"
	for cell, v := range map[string]float64{"C22": 3, "E22": 3, "C25": 1.5, "E25": 3} {
		if err := f.SetCellFloat(sheet, cell, v, 2, 64); err != nil {
			t.Fatal(err)
		}
	}
	for _, w := range weak {
		if err := f.SetCellStr(sheet, w.cell, w.value); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, "弱目标镇.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// jsonProblems runs consolidate with --json - and returns the report.
func jsonReport(t *testing.T, args ...string) (reviewJSON, int) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "县级汇总.xlsx")
	stdout, stderr, code := runBinary(t, append([]string{"consolidate", "-q", "-o", out, "--json", "-"}, args...)...)
	var rep reviewJSON
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("exit %d: %v\nstdout: %s\nstderr: %s", code, err, stdout, stderr)
	}
	rep.workbook = out
	return rep, code
}

// reviewJSON is the part of --json the review tests read.
type reviewJSON struct {
	Townships []struct {
		Name       string `json:"name"`
		Errors     int    `json:"errors"`
		Conclusion string `json:"conclusion"`
	} `json:"townships"`
	Rules []struct {
		ID       string `json:"id"`
		Findings int    `json:"findings"`
	} `json:"rules"`
	Problems []struct {
		Level       string `json:"level"`
		Rule        string `json:"rule"`
		RuleID      string `json:"rule_id"`
		Township    string `json:"township"`
		File        string `json:"file"`
		Sheet       string `json:"sheet"`
		Cell        string `json:"cell"`
		Project     string `json:"project"`
		ProjectName string `json:"project_name"`
		Suggestion  string `json:"suggestion"`
		Basis       string `json:"basis"`
	} `json:"problems"`
	workbook string
}

// TestBinaryReviewPlantedWeaknesses: each planted weakness is flagged at the
// row of its indicator with the township, file, sheet, 项目编码, 项目名称, rule
// id, 处理建议 and basis; nothing else of the form is flagged by the review;
// 汇总 says the township must revise and 审核情况 counts the rules.
func TestBinaryReviewPlantedWeaknesses(t *testing.T) {
	path := weakTownship(t, t.TempDir(), plantedWeaknesses)
	rep, code := jsonReport(t, path)
	if code != 1 {
		t.Errorf("exit %d, want 1 (errors found)", code)
	}
	found := map[string]bool{}
	for _, p := range rep.Problems {
		if p.RuleID == "" && p.Cell == "E30" {
			t.Errorf("the placeholder at E30 is listed twice: %+v", p)
		}
		if p.RuleID == "" {
			continue
		}
		found[p.RuleID+" "+p.Cell] = true
		if p.Township != "弱目标镇" || p.File != path || p.Sheet != "项目绩效目标表" || p.Project == "" || p.ProjectName == "" ||
			p.Suggestion == "" || p.Basis == "" {
			t.Errorf("finding not fully located: %+v", p)
		}
	}
	for _, w := range plantedWeaknesses {
		if !found[w.rule+" "+w.flag] {
			t.Errorf("%s: no %s finding at %s", w.what, w.rule, w.flag)
		}
		delete(found, w.rule+" "+w.flag)
	}
	for k := range found {
		t.Errorf("unexpected review finding %s", k)
	}
	if len(rep.Townships) != 1 || !strings.HasPrefix(rep.Townships[0].Conclusion, "需修改：") {
		t.Errorf("townships = %+v, want 需修改", rep.Townships)
	}
	f, err := excelize.OpenFile(rep.workbook)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("汇总")
	col := -1
	for i, h := range rows[1] {
		if h == "审核结论" {
			col = i
		}
	}
	if col < 0 || col >= len(rows[2]) {
		t.Fatalf("汇总 has no 审核结论 column: %q", rows[1])
	}
	if got := rows[2][col]; got != rep.Townships[0].Conclusion {
		t.Errorf("汇总 审核结论 %q, want %q", got, rep.Townships[0].Conclusion)
	}
	counts, _ := f.GetRows("审核情况")
	r7 := ""
	for _, r := range counts {
		if len(r) > 5 && r[0] == "R7" {
			r7 = r[5]
		}
	}
	if r7 != "2" {
		t.Errorf("审核情况 R7 问题数 %q, want 2", r7)
	}
}

// TestBinaryReviewBaseline: with last year's form as the baseline, a target
// set lower than last year's is flagged (R9) at its 指标值.
func TestBinaryReviewBaseline(t *testing.T) {
	last := weakTownship(t, t.TempDir(), nil)
	cur := weakTownship(t, t.TempDir(), []weakCell{{"认可率 below last year", "E15", "≥90%", "R9", "E15"}})
	// last year as township files, then as the county workbook made of them
	lastBook := filepath.Join(t.TempDir(), "县级汇总_上年.xlsx")
	if _, stderr, code := runBinary(t, "consolidate", "-q", "-o", lastBook, last); code > 1 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, base := range []string{last, lastBook} {
		rep, _ := jsonReport(t, "--baseline", base, cur)
		var got []string
		for _, p := range rep.Problems {
			if p.RuleID == "R9" {
				got = append(got, p.Cell)
			}
		}
		if strings.Join(got, ",") != "E15" {
			t.Errorf("baseline %s: R9 at %v, want E15", filepath.Base(base), got)
		}
	}
}

// TestBinaryReviewRulesFile: a rules file switches a rule off and changes a
// severity; a mistake in it is a usage error naming its line.
func TestBinaryReviewRulesFile(t *testing.T) {
	dir := t.TempDir()
	path := weakTownship(t, dir, plantedWeaknesses)
	rules := filepath.Join(dir, "审核规则.csv")
	if err := os.WriteFile(rules, []byte("规则,设置\nR4,关闭\nR6,错误\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, _ := jsonReport(t, "--rules", rules, path)
	for _, p := range rep.Problems {
		if p.RuleID == "R4" {
			t.Errorf("R4 is off but flagged %s", p.Cell)
		}
		if p.RuleID == "R6" && p.Level != "错误" {
			t.Errorf("R6 made an error, got %s", p.Level)
		}
	}
	if err := os.WriteFile(rules, []byte("R1,关闭\nR99,关闭\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := runBinary(t, "validate", "--rules", rules, path)
	if code != 2 || !strings.Contains(stderr, "第2行") || !strings.Contains(stderr, "R99") {
		t.Errorf("exit %d, stderr %q: want a usage error at line 2", code, stderr)
	}
}

// TestBinaryRulesCommand: jixiao rules lists every rule with its name,
// severity and basis, the columns aligned by display width.
func TestBinaryRulesCommand(t *testing.T) {
	stdout, _, code := runBinary(t, "rules")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(stdout, "\n")
	col := -1
	for _, id := range []string{"R1", "R2", "R2b", "R3", "R4", "R4b", "R5", "R6", "R7", "R8", "R9"} {
		line := ""
		for _, l := range lines {
			if strings.HasPrefix(l, id+" ") {
				line = l
			}
		}
		if line == "" {
			t.Fatalf("rule %s not listed:\n%s", id, stdout)
		}
		i := strings.Index(line, "错误")
		if j := strings.Index(line, "警告"); i < 0 || j >= 0 && j < i {
			i = j
		}
		if w := displayWidth(line[:i]); col < 0 {
			col = w
		} else if w != col {
			t.Errorf("rule %s: 级别 at column %d, want %d", id, w, col)
		}
	}
}

// TestBinaryReviewWeights: a 分值 column beside the indicators is read, and
// weights that do not sum to 100 are flagged (R8) at the first weight.
func TestBinaryReviewWeights(t *testing.T) {
	weights := []weakCell{{"分值 header", "G10", "分值", "", ""}}
	for i, w := range []string{"20", "20", "10", "10", "20", "10"} { // 90
		weights = append(weights, weakCell{"分值", fmt.Sprintf("G%d", 11+i), w, "", ""})
	}
	path := weakTownship(t, t.TempDir(), weights)
	rep, _ := jsonReport(t, path)
	var got []string
	for _, p := range rep.Problems {
		if p.RuleID == "R8" {
			got = append(got, p.Cell)
		}
	}
	if strings.Join(got, ",") != "G11" {
		t.Errorf("R8 at %v, want G11", got)
	}
}
