package review

import (
	"fmt"

	"jixiao/templates"
)

// R4: a 数量指标 states a number with a unit, not a grade or a phrase.
func ruleR4() Rule {
	return Rule{ID: "R4", Name: "数量指标须定量", Severity: templates.Error, Basis: basisLocal, check: checkR4}
}

func checkR4(c *checker, p *templates.Project) {
	for i := range p.Indicators {
		ind := &p.Indicators[i]
		if kindOf(ind) != kindQuantity || c.isEmpty(i) {
			continue
		}
		if ind.ParsedOK && ind.Parsed.HasNum {
			continue // a missing unit is R2's
		}
		c.flag(p, ind.Value.Src, fmt.Sprintf("数量指标「%s」的指标值「%s」不是数量", ind.Level3.Value, ind.Value.Value),
			"改为具体数量和计量单位，如 ≥5次、≥27个、≥20户")
	}
}
