package review

import (
	"fmt"
	"strings"

	"jixiao/templates"
)

// R2: a quantitative value carries a unit or %.
func ruleR2() Rule {
	return Rule{ID: "R2", Name: "定量指标须有计量单位", Severity: templates.Error, Basis: basisEntry + "（定量指标须有计量单位）", check: checkR2}
}

func checkR2(c *checker, p *templates.Project) {
	for i := range p.Indicators {
		ind := &p.Indicators[i]
		if !ind.ParsedOK || !ind.Parsed.HasNum || ind.Parsed.Unit != "" {
			continue
		}
		raw := strings.TrimSpace(ind.Value.Value)
		if isRate(ind) {
			c.flag(p, ind.Value.Src, fmt.Sprintf("指标「%s」是比率或满意度，指标值「%s」没有百分号", ind.Level3.Value, raw),
				"改为 "+raw+"%")
		} else {
			c.flag(p, ind.Value.Src, fmt.Sprintf("指标「%s」的指标值「%s」没有计量单位", ind.Level3.Value, raw),
				"补上计量单位，如 "+raw+"次、"+raw+"个、"+raw+"人 或 "+raw+"%")
		}
	}
}
