package review

import (
	"fmt"
	"strings"

	"jixiao/convert"
	"jixiao/templates"
)

// R7: a 成本指标 is money (万元/元, per unit time allowed: ≤500元/月), not a
// percentage, and a single 成本 target is not above the project's 预算数.
func ruleR7() Rule {
	return Rule{ID: "R7", Name: "成本指标须为金额且不超预算", Severity: templates.Warning, Basis: basisInference + "（适当性）", check: checkR7}
}

func checkR7(c *checker, p *templates.Project) {
	for i := range p.Indicators {
		ind := &p.Indicators[i]
		v := ind.Parsed
		if kindOf(ind) != kindCost || !ind.ParsedOK || !v.HasNum {
			continue
		}
		raw := strings.TrimSpace(ind.Value.Value)
		if v.Unit == "%" {
			c.flag(p, ind.Value.Src, fmt.Sprintf("成本指标「%s」的指标值「%s」是百分比，不是金额", ind.Level3.Value, raw),
				"改为金额上限，如 ≤0.5万元 或 ≤500元/月")
			continue
		}
		// parsed with 元 as the money unit: "元" is a single amount,
		// "元/月" a rate, which is not compared with the budget
		if v.Unit != "元" || p.Budget.Blank || !p.Budget.Yuan.IsPositive() {
			continue
		}
		top := v.Num
		if v.Op == convert.OpRange {
			top = v.Max
		}
		if !top.GreaterThan(p.Budget.Yuan) {
			continue
		}
		budget := convert.FormatAmount(convert.FromYuan(p.Budget.Yuan, p.Unit)) + " " + p.Unit.String()
		fix := "改为不超过项目预算数 " + budget + " 的金额"
		if strings.Contains(raw, "万元") && !top.Shift(-4).GreaterThan(p.Budget.Yuan) {
			op := v.Op
			if op == convert.OpRange {
				op = convert.OpLE
			}
			fix += fmt.Sprintf("；如是按元填写，应为 %s%s元", op, top.Shift(-4))
		}
		c.flag(p, ind.Value.Src, fmt.Sprintf("成本指标「%s」的指标值「%s」超过项目预算数 %s", ind.Level3.Value, raw, budget), fix)
	}
}
