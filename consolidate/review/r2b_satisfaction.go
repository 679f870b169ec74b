package review

import (
	"fmt"
	"strings"

	"jixiao/convert"
	"jixiao/templates"
)

// R2b: with a minimum 满意度 set in the rules file (最低满意度; none by
// default, as no source gives one), a 满意度 target is not below it.
func ruleR2b() Rule {
	return Rule{ID: "R2b", Name: "满意度不低于设定下限", Severity: templates.Error,
		Basis: "财政局自定（审核规则文件的“" + SettingMinSatisfied + "”，默认不设）", check: checkR2b}
}

func checkR2b(c *checker, p *templates.Project) {
	min, ok := c.cfg.MinSatisfaction()
	if !ok {
		return
	}
	for i := range p.Indicators {
		ind := &p.Indicators[i]
		v := ind.Parsed
		if !ind.ParsedOK || !v.HasNum || v.Unit != "%" || !isSatisfaction(ind) {
			continue
		}
		if (v.Op == convert.OpGE || v.Op == convert.OpGT || v.Op == convert.OpEQ || v.Op == convert.OpRange) && v.Num.LessThan(min) {
			c.flag(p, ind.Value.Src, fmt.Sprintf("满意度目标「%s」低于设定的最低满意度 %s%%", strings.TrimSpace(ind.Value.Value), min),
				fmt.Sprintf("改为 ≥%s%%", min))
		}
	}
}

// isSatisfaction reports whether an indicator is a 满意度.
func isSatisfaction(ind *templates.Indicator) bool {
	return templates.Level1Kind(ind.Level1.Value) == "满意度" || strings.Contains(ind.Level3.Value, "满意度")
}
