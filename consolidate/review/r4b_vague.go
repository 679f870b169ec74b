package review

import (
	"fmt"
	"strings"

	"jixiao/templates"
)

// R4b: a qualitative value is a grade (优/良/中/差, 合格/不合格, 是/否), not a
// vague word (较好, 明显, 有效, 提高, 进一步, …; the list is configurable).
// 数量指标 are R4's.
func ruleR4b() Rule {
	return Rule{ID: "R4b", Name: "定性指标须分级", Severity: templates.Warning, Basis: basisLocal, check: checkR4b}
}

func checkR4b(c *checker, p *templates.Project) {
	for i := range p.Indicators {
		ind := &p.Indicators[i]
		v := ind.Value.Value
		if kindOf(ind) == kindQuantity || ind.Parsed.HasNum || ind.Parsed.Date != "" || c.isEmpty(i) {
			continue
		}
		for _, w := range c.cfg.vague {
			if strings.Contains(v, w) {
				c.flag(p, ind.Value.Src, fmt.Sprintf("指标「%s」的指标值「%s」含糊（「%s」），无法衡量是否完成", ind.Level3.Value, v, w),
					"改为分级（优/良/中/差、合格/不合格、是/否）或可衡量的数值，如 ≥95%")
				break
			}
		}
	}
}
