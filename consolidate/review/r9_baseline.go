package review

import (
	"fmt"

	"jixiao/convert"
	"jixiao/templates"
)

// R9: with last year's forms as a baseline, a target for the same project
// and 三级指标 set lower than last year's is flagged. Only minimum targets
// (≥, >, =, a range's lower bound) in the same unit are compared; a lower
// ceiling (≤) is a stricter target, not a weaker one.
func ruleR9() Rule {
	return Rule{ID: "R9", Name: "目标不低于上年", Severity: templates.Warning, Basis: "省级系统智能审核：与上年目标比较（需 --baseline）", check: checkR9}
}

func checkR9(c *checker, p *templates.Project) {
	t := c.cfg.Baseline
	if t == nil {
		return
	}
	for i := range p.Indicators {
		ind := &p.Indicators[i]
		v := ind.Parsed
		if !ind.ParsedOK || !v.HasNum || !isMinimum(v.Op) {
			continue
		}
		base, ok := t.find(c.sub.Township.Value, p, ind.Level3.Value)
		if !ok || base.unit != v.Unit || !v.Num.LessThan(base.num) {
			continue
		}
		last := base.String()
		c.flag(p, ind.Value.Src, fmt.Sprintf("指标「%s」的目标「%s」低于上年的「%s」", ind.Level3.Value, ind.Value.Value, last),
			"不低于上年目标（"+last+"），或在指标值确定依据中说明下调原因")
	}
}

// isMinimum reports whether op states a minimum to reach.
func isMinimum(op string) bool {
	return op == convert.OpGE || op == convert.OpGT || op == convert.OpEQ || op == convert.OpRange
}
