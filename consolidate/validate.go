package consolidate

import (
	"fmt"
	"regexp"

	"github.com/shopspring/decimal"

	"jixiao/convert"
	"jixiao/templates"
)

// Rule identifiers used in 校验问题. They are stable: tests and users filter on them.
const (
	RuleCodeMissing   = "项目编码缺失"
	RuleCodeFormat    = "项目编码格式"
	RuleNameMissing   = "项目名称缺失"
	RuleBudgetMissing = "预算数缺失"
	RuleFundingSum    = "资金来源合计"
	RulePlanDecrease  = "支出计划递减"
	RulePlanExceeds   = "支出计划超预算"
	RulePlanYearEnd   = "12月底不等于预算数"
	RuleIndicatorKind = "指标类别缺失"
	// RuleIndicatorRow is no longer raised: blank indicator cells are the
	// review's R1 (consolidate/review).
	RuleIndicatorRow  = "指标行不完整"
	RuleDuplicateCode = "项目编码重复"
	RuleNoProjects    = "未找到项目"
	RuleUnreadable    = "文件无法读取"
	RuleDuplicateTown = "乡镇重复提交"
	RuleSharedCode    = "项目编码跨乡镇重复"
	RuleSkipped       = "文件已跳过"
)

var codePattern = regexp.MustCompile(`^[0-9A-Z]+$`)

// Validate checks one submission against the form's rules and returns the
// problems found (reading problems are already in sub.Problems and are not
// repeated). Amounts in messages are shown in unit u.
//
//	for _, p := range consolidate.Validate(sub, convert.UnitWan) { fmt.Println(p) }
func Validate(sub *templates.Submission, u convert.Unit) []templates.Problem {
	v := validator{sub: sub, unit: u}
	if len(sub.Projects) == 0 {
		v.add(templates.Error, RuleNoProjects, templates.Source{File: sub.File}, "",
			"文件中没有找到“项目编码”标签，未读到任何项目绩效目标表", nil)
		v.suggest("检查是否发错了文件；或请该乡镇按标准模板（jixiao template 生成）填写后重新提交")
	}
	seen := map[string]templates.Source{}
	for i := range sub.Projects {
		p := &sub.Projects[i]
		v.project(p)
		if c := p.Code.Value; c != "" {
			if first, dup := seen[c]; dup {
				v.add(templates.Error, RuleDuplicateCode, p.Code.Src, c,
					fmt.Sprintf("项目编码 %s 在本乡镇重复出现（首次见 %s）", c, first.Cell), nil)
				v.suggest(fmt.Sprintf("核对两个项目的编码，改正抄错的一个；同一项目只填一张表（首次见 %s）", first.Cell))
			} else {
				seen[c] = p.Code.Src
			}
		}
	}
	return v.out
}

type validator struct {
	sub  *templates.Submission
	unit convert.Unit
	out  []templates.Problem
	// name is the 项目名称 of the project being checked.
	name string
}

func (v *validator) add(sev templates.Severity, rule string, src templates.Source, code, msg string, err error) {
	v.out = append(v.out, templates.Problem{Severity: sev, Rule: rule, Township: v.sub.Township.Value,
		Src: src, Project: code, ProjectName: v.name, Message: msg, Err: err})
}

// suggest sets the 处理建议 of the problem just added.
func (v *validator) suggest(s string) {
	v.out[len(v.out)-1].Suggestion = s
}

// amt renders an amount in the validator's unit with its unit name.
func (v *validator) amt(d decimal.Decimal) string {
	return convert.FormatAmount(convert.FromYuan(d, v.unit)) + " " + v.unit.String()
}

func (v *validator) project(p *templates.Project) {
	v.name = p.Name.Value
	code := p.Code.Value
	label := code
	if label == "" {
		label = p.Name.Value
	}
	switch {
	case code == "":
		v.add(templates.Error, RuleCodeMissing, p.Code.Src, label, "项目编码未填写", nil)
		v.suggest("填写预算系统中该项目的编码（通常 21 位，由数字和大写字母组成）")
	case !codePattern.MatchString(code):
		v.add(templates.Error, RuleCodeFormat, p.Code.Src, code, fmt.Sprintf("项目编码「%s」只能由数字和大写字母组成", code), nil)
		v.suggest("按预算系统中的编码填写，只用数字和大写字母，去掉空格、横线和小写字母")
	case len(code) != 21:
		v.add(templates.Warning, RuleCodeFormat, p.Code.Src, code, fmt.Sprintf("项目编码「%s」为 %d 位，通常为 21 位", code, len(code)), nil)
		v.suggest("与预算系统中的编码核对，是否漏抄或多抄了字符")
	}
	if p.Name.Value == "" {
		v.add(templates.Error, RuleNameMissing, p.Name.Src, label, "项目名称未填写", nil)
		v.suggest("填写与预算系统一致的项目名称")
	}
	if p.Budget.Blank {
		v.add(templates.Error, RuleBudgetMissing, p.Budget.Src, label, "预算数未填写", nil)
		v.suggest("填写该项目的预算数（金额单位与表头的“单位：万元/元”一致）")
	} else {
		v.funding(p, label)
		v.plan(p, label)
	}
	v.indicators(p, label)
}

func (v *validator) funding(p *templates.Project, label string) {
	if p.Fiscal.Blank && p.Other.Blank {
		v.add(templates.Warning, RuleFundingSum, p.Fiscal.Src, label, "财政资金和其他资金均未填写，无法核对资金来源", nil)
		v.suggest(fmt.Sprintf("填写财政资金和其他资金（没有的填 0），两者之和应等于预算数 %s", v.amt(p.Budget.Yuan)))
		return
	}
	sum := p.Fiscal.Yuan.Add(p.Other.Yuan)
	if !sum.Equal(p.Budget.Yuan) {
		v.add(templates.Error, RuleFundingSum, p.Budget.Src, label,
			fmt.Sprintf("财政资金 %s + 其他资金 %s = %s，不等于预算数 %s",
				v.amt(p.Fiscal.Yuan), v.amt(p.Other.Yuan), v.amt(sum), v.amt(p.Budget.Yuan)), nil)
		v.suggest(fmt.Sprintf("改正财政资金或其他资金，使两者之和为预算数 %s；或核实预算数", v.amt(p.Budget.Yuan)))
	}
}

// plan checks the cumulative 资金支出计划: stated figures never decrease, none
// exceeds the budget, and 12月底 equals the budget. A blank states no figure
// and is skipped, never taken as zero.
func (v *validator) plan(p *templates.Project, label string) {
	var prev *templates.Money
	prevIdx := 0
	for i := range p.Plan {
		m := &p.Plan[i]
		if m.Blank {
			continue
		}
		if prev != nil && m.Yuan.LessThan(prev.Yuan) {
			v.add(templates.Error, RulePlanDecrease, m.Src, label,
				fmt.Sprintf("资金支出计划为累计数，%s %s 小于 %s %s", templates.PlanLabel(i), v.amt(m.Yuan), templates.PlanLabel(prevIdx), v.amt(prev.Yuan)), nil)
			v.suggest(fmt.Sprintf("按截至%s的累计金额填写（不小于%s的 %s），或核实%s", templates.PlanLabel(i), templates.PlanLabel(prevIdx), v.amt(prev.Yuan), templates.PlanLabel(prevIdx)))
		}
		if m.Yuan.GreaterThan(p.Budget.Yuan) {
			v.add(templates.Error, RulePlanExceeds, m.Src, label,
				fmt.Sprintf("%s 支出计划 %s 超过预算数 %s", templates.PlanLabel(i), v.amt(m.Yuan), v.amt(p.Budget.Yuan)), nil)
			v.suggest(fmt.Sprintf("把%s累计支出计划改为不超过 %s 的金额，或核实预算数", templates.PlanLabel(i), v.amt(p.Budget.Yuan)))
		}
		prev, prevIdx = m, i
	}
	dec := p.Plan[templates.PlanDec]
	switch {
	case dec.Blank:
		v.add(templates.Warning, RulePlanYearEnd, dec.Src, label, "12月底支出计划未填写，无法核对全年支出", nil)
		v.suggest(fmt.Sprintf("填写12月底累计支出计划，应等于预算数 %s", v.amt(p.Budget.Yuan)))
	case !dec.Yuan.Equal(p.Budget.Yuan):
		v.add(templates.Error, RulePlanYearEnd, dec.Src, label,
			fmt.Sprintf("12月底累计支出计划 %s 不等于预算数 %s", v.amt(dec.Yuan), v.amt(p.Budget.Yuan)), nil)
		v.suggest(fmt.Sprintf("把12月底累计支出计划改为 %s，或核实预算数", v.amt(p.Budget.Yuan)))
	}
}

func (v *validator) indicators(p *templates.Project, label string) {
	kinds := map[string]bool{}
	// a blank 三级指标 or 指标值 is the review's (R1 指标须填写完整)
	for _, ind := range p.Indicators {
		kinds[templates.Level1Kind(ind.Level1.Value)] = true
	}
	for _, k := range []string{"产出", "效益", "满意度"} {
		if !kinds[k] {
			v.add(templates.Error, RuleIndicatorKind, p.Anchor, label, fmt.Sprintf("缺少%s指标（每个项目须设置产出、效益和满意度指标）", k), nil)
			v.suggest(fmt.Sprintf("增加至少一行一级指标为“%s指标”的绩效指标，写明二级、三级指标和指标值", k))
		}
	}
}
