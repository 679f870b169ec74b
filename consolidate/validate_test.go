package consolidate_test

import (
	"sort"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"jixiao/consolidate"
	"jixiao/consolidate/review"
	"jixiao/convert"
	"jixiao/templates"
)

// wan builds a Money from a 万元 figure; "" is blank.
func wan(s string) templates.Money {
	if s == "" {
		return templates.Money{Blank: true}
	}
	return templates.Money{Yuan: decimal.RequireFromString(s).Shift(4), Raw: s}
}

func indicators(levels ...string) []templates.Indicator {
	var out []templates.Indicator
	for _, l := range levels {
		out = append(out, templates.Indicator{Level1: templates.Text{Value: l}, Level3: templates.Text{Value: "x"}, Value: templates.Text{Value: "≥1次"}})
	}
	return out
}

// sound returns a project that passes every rule; cases break one thing.
func sound() templates.Project {
	return templates.Project{
		Code: templates.Text{Value: "13020824P000010100133"}, Name: templates.Text{Value: "2022年非税收入"},
		Budget: wan("4.92"), Fiscal: wan("4.92"), Other: wan(""),
		Plan:       [4]templates.Money{wan(""), wan("2.46"), wan(""), wan("4.92")},
		Indicators: indicators("产出指标", "效益指标", "满意度指标"),
	}
}

func TestValidateRules(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(*templates.Project)
		want   []string // rules expected, sorted
	}{
		{"sound project", func(*templates.Project) {}, nil},
		{"blank plan months are not zeros", func(p *templates.Project) { p.Plan = [4]templates.Money{wan(""), wan(""), wan(""), wan("4.92")} }, nil},
		{"code missing", func(p *templates.Project) { p.Code.Value = "" }, []string{consolidate.RuleCodeMissing}},
		{"code with bad characters", func(p *templates.Project) { p.Code.Value = "1302 08-24" }, []string{consolidate.RuleCodeFormat}},
		{"code of unusual length", func(p *templates.Project) { p.Code.Value = "130208" }, []string{consolidate.RuleCodeFormat}},
		{"name missing", func(p *templates.Project) { p.Name.Value = "" }, []string{consolidate.RuleNameMissing}},
		{"budget missing", func(p *templates.Project) { p.Budget = wan("") }, []string{consolidate.RuleBudgetMissing}},
		{"funding does not add up", func(p *templates.Project) { p.Other = wan("0.01") }, []string{consolidate.RuleFundingSum}},
		{"funding split adds up", func(p *templates.Project) { p.Fiscal, p.Other = wan("4.00"), wan("0.92") }, nil},
		{"no funding stated", func(p *templates.Project) { p.Fiscal = wan("") }, []string{consolidate.RuleFundingSum}},
		{"plan decreases", func(p *templates.Project) { p.Plan[0] = wan("3.00") }, []string{consolidate.RulePlanDecrease}},
		{"plan exceeds budget", func(p *templates.Project) { p.Plan[2] = wan("5.00") },
			[]string{consolidate.RulePlanDecrease, consolidate.RulePlanExceeds}},
		{"seed table 12: 12月底 below budget", func(p *templates.Project) {
			p.Budget, p.Fiscal = wan("2.00"), wan("2.00")
			p.Plan = [4]templates.Money{wan(""), wan("1.00"), wan(""), wan("1.00")}
		}, []string{consolidate.RulePlanYearEnd}},
		{"12月底 blank", func(p *templates.Project) { p.Plan[3] = wan("") }, []string{consolidate.RulePlanYearEnd}},
		{"no satisfaction indicator", func(p *templates.Project) { p.Indicators = indicators("产出指标", "效益指标") },
			[]string{consolidate.RuleIndicatorKind}},
		{"no indicators at all", func(p *templates.Project) { p.Indicators = nil },
			[]string{consolidate.RuleIndicatorKind, consolidate.RuleIndicatorKind, consolidate.RuleIndicatorKind}},
		{"2021 framework with 成本指标", func(p *templates.Project) {
			p.Indicators = indicators("产出指标", "成本指标", "效益指标", "满意度指标")
		}, nil},
		{"indicator without value: left to the review's R1", func(p *templates.Project) { p.Indicators[0].Value.Value = "" }, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := sound()
			c.mutate(&p)
			sub := &templates.Submission{Township: templates.Text{Value: "王官营镇"}, Projects: []templates.Project{p}}
			var got []string
			for _, pr := range consolidate.Validate(sub, convert.UnitWan) {
				got = append(got, pr.Rule)
				if pr.Township != "王官营镇" {
					t.Errorf("problem without township: %+v", pr)
				}
				if pr.Suggestion == "" {
					t.Errorf("%s: no 处理建议", pr.Rule)
				}
			}
			sort.Strings(got)
			want := append([]string(nil), c.want...)
			sort.Strings(want)
			if strings.Join(got, ",") != strings.Join(want, ",") {
				t.Errorf("rules = %v, want %v", got, want)
			}
		})
	}
}

// TestBlankIndicatorIsReviewed: the blank 指标值 Validate leaves alone is
// flagged by the review (R1) at its cell, as an error.
func TestBlankIndicatorIsReviewed(t *testing.T) {
	p := sound()
	p.Indicators[0].Value.Value = ""
	p.Indicators[0].Value.Src = templates.Source{File: "王官营镇.xlsx", Sheet: "项目绩效目标表", Cell: "E12"}
	sub := &templates.Submission{Township: templates.Text{Value: "王官营镇"}, Projects: []templates.Project{p}}
	var got []string
	for _, pr := range review.Check(sub, review.Default()) {
		if pr.RuleID == "R1" && pr.Severity == templates.Error {
			got = append(got, pr.Src.Cell)
		}
	}
	if strings.Join(got, ",") != "E12" {
		t.Errorf("R1 flagged %v, want E12", got)
	}
}

func TestValidateDuplicateCodeAndEmpty(t *testing.T) {
	sub := &templates.Submission{Projects: []templates.Project{sound(), sound()}}
	ps := consolidate.Validate(sub, convert.UnitWan)
	if len(ps) != 1 || ps[0].Rule != consolidate.RuleDuplicateCode || ps[0].Severity != templates.Error {
		t.Errorf("duplicate code: %v", ps)
	}
	ps = consolidate.Validate(&templates.Submission{}, convert.UnitWan)
	if len(ps) != 1 || ps[0].Rule != consolidate.RuleNoProjects {
		t.Errorf("empty submission: %v", ps)
	}
}

// TestValidateSuggestion: the 处理建议 says what to change the cell to.
func TestValidateSuggestion(t *testing.T) {
	p := sound()
	p.Budget, p.Fiscal = wan("2.00"), wan("2.00")
	p.Plan = [4]templates.Money{wan(""), wan("1.00"), wan(""), wan("1.00")}
	sub := &templates.Submission{Township: templates.Text{Value: "王官营镇"}, Projects: []templates.Project{p}}
	ps := consolidate.Validate(sub, convert.UnitWan)
	if len(ps) != 1 {
		t.Fatalf("problems %v, want the 12月底 one", ps)
	}
	if want := "把12月底累计支出计划改为 2.00 万元，或核实预算数"; ps[0].Suggestion != want {
		t.Errorf("处理建议 %q, want %q", ps[0].Suggestion, want)
	}
}
