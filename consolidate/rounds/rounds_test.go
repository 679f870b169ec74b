package rounds_test

import (
	"fmt"
	"testing"

	"github.com/shopspring/decimal"

	"jixiao/consolidate/rounds"
	"jixiao/templates"
)

// TestCompare: a problem still found is 未整改, one gone 已整改 (but 未整改
// with a note when its township did not submit), one not found before 新增;
// the same indicator in another cell is the same problem; 预算数 are paired
// by township.
func TestCompare(t *testing.T) {
	prev := &rounds.Previous{
		Problems: []rounds.PreviousProblem{
			{Level: "错误", Township: "甲镇", Sheet: "表", Cell: "C5", Project: "P1", Rule: "R3 长度", Message: "指标「满意度」过短"},
			{Level: "错误", Township: "甲镇", Project: "P2", Rule: "资金来源合计", Message: "不等"},
			{Level: "警告", Township: "丙镇", Project: "P9", Rule: "资金来源合计", Message: "不等"},
		},
		Budgets: map[string]decimal.Decimal{"甲镇": decimal.NewFromInt(100), "丙镇": decimal.NewFromInt(5)},
	}
	problems := []templates.Problem{
		{Severity: templates.Error, Township: "甲镇", Project: "P1", RuleID: "R3", Rule: "长度", Message: "指标「满意度」过短（改后）",
			Src: templates.Source{Sheet: "表", Cell: "C7"}},
		{Severity: templates.Warning, Township: "乙镇", Project: "P4", Rule: "指标值", Message: "无法识别"},
	}
	budgets := []rounds.Budget{{Township: "甲镇", Budget: decimal.NewFromInt(120)}, {Township: "乙镇", Budget: decimal.NewFromInt(7)}}
	rc := rounds.Compare(prev, problems, budgets)
	if rc.Fixed != 1 || rc.Open != 2 || rc.New != 1 {
		t.Fatalf("fixed %d open %d new %d, want 1, 2, 1: %+v", rc.Fixed, rc.Open, rc.New, rc.Rows)
	}
	got := map[string]rounds.Row{}
	for _, r := range rc.Rows {
		got[r.Township+" "+r.Project] = r
	}
	if r := got["甲镇 P1"]; r.Status != rounds.StatusOpen || r.Before != "表!C5" || r.After != "表!C7" || r.Indicator != "满意度" {
		t.Errorf("moved problem: %+v", r)
	}
	if r := got["甲镇 P2"]; r.Status != rounds.StatusFixed {
		t.Errorf("gone problem: %+v", r)
	}
	if r := got["丙镇 P9"]; r.Status != rounds.StatusOpen || r.Note == "" {
		t.Errorf("township not submitted: %+v", r)
	}
	if r := got["乙镇 P4"]; r.Status != rounds.StatusNew || r.Level != "警告" {
		t.Errorf("new problem: %+v", r)
	}
	want := []string{"丙镇 -5 false", "乙镇 7 true", "甲镇 20 true"}
	if len(rc.Budgets) != len(want) {
		t.Fatalf("budgets %+v", rc.Budgets)
	}
	for i, b := range rc.Budgets {
		line := fmt.Sprintf("%s %s %v", b.Township, b.After.Sub(b.Before), b.HasAfter)
		if line != want[i] {
			t.Errorf("budget %d: %s, want %s", i, line, want[i])
		}
	}
}
