package review

import (
	"fmt"

	"jixiao/templates"
)

// R1: 三级指标 and 指标值 are filled, and 指标值 is no placeholder.
func ruleR1() Rule {
	return Rule{ID: "R1", Name: "指标须填写完整", Severity: templates.Error, Basis: basisEntry, check: checkR1}
}

func checkR1(c *checker, p *templates.Project) {
	for i := range p.Indicators {
		ind := &p.Indicators[i]
		if ind.Level3.Value == "" {
			c.flag(p, ind.Level3.Src, "三级指标未填写", "填写三级指标名称，写明衡量什么，如“采购办公用品次数”")
		}
		switch v := ind.Value.Value; {
		case v == "":
			c.flag(p, ind.Value.Src, fmt.Sprintf("指标「%s」的指标值未填写", ind.Level3.Value), "填写指标值，如 "+c.example(ind))
		case c.isEmpty(i):
			c.flag(p, ind.Value.Src, fmt.Sprintf("指标「%s」的指标值「%s」是占位符，没有给出目标", ind.Level3.Value, v),
				"把「"+v+"」改为具体目标值，如 "+c.example(ind))
		}
	}
}
