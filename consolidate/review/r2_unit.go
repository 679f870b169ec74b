package review

import (
	"fmt"
	"strings"

	"jixiao/convert"
	"jixiao/templates"
)

// R2: a quantitative value carries a unit or %; with a minimum 满意度 set,
// a 满意度 target is not below it.
func ruleR2() Rule {
	return Rule{ID: "R2", Name: "定量指标须有计量单位", Severity: templates.Error, Basis: basisEntry + "（定量指标须有计量单位）", check: checkR2}
}

func checkR2(c *checker, p *templates.Project) {
	for i := range p.Indicators {
		ind := &p.Indicators[i]
		v := ind.Parsed
		if !ind.ParsedOK || !v.HasNum {
			continue
		}
		raw := strings.TrimSpace(ind.Value.Value)
		if v.Unit == "" {
			if isRate(ind) {
				c.flag(p, ind.Value.Src, fmt.Sprintf("指标「%s」是比率或满意度，指标值「%s」没有百分号", ind.Level3.Value, raw),
					"改为 "+raw+"%")
			} else {
				c.flag(p, ind.Value.Src, fmt.Sprintf("指标「%s」的指标值「%s」没有计量单位", ind.Level3.Value, raw),
					"补上计量单位，如 "+raw+"次、"+raw+"个、"+raw+"人 或 "+raw+"%")
			}
			continue
		}
		min, ok := c.cfg.MinSatisfaction()
		if !ok || v.Unit != "%" || !isSatisfaction(ind) {
			continue
		}
		if (v.Op == convert.OpGE || v.Op == convert.OpGT || v.Op == convert.OpEQ || v.Op == convert.OpRange) && v.Num.LessThan(min) {
			c.flag(p, ind.Value.Src, fmt.Sprintf("满意度目标「%s」低于设定的最低满意度 %s%%", raw, min),
				fmt.Sprintf("改为 ≥%s%%", min))
		}
	}
}

// isSatisfaction reports whether an indicator is a 满意度.
func isSatisfaction(ind *templates.Indicator) bool {
	return templates.Level1Kind(ind.Level1.Value) == "满意度" || strings.Contains(ind.Level3.Value, "满意度")
}
