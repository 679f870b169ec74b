package review

import (
	"fmt"
	"strings"

	"jixiao/templates"
)

// R5: each 二级指标 belongs to its 一级指标 in the form's framework (classic:
// 产出→数量/质量/时效/成本, 效益→经济/社会/生态/可持续影响, 满意度→服务对象满意度;
// 2021: 成本 is a 一级 with 经济/社会/生态环境成本). A 二级 name outside both
// frameworks is left alone.
func ruleR5() Rule {
	return Rule{ID: "R5", Name: "二级指标须属于一级指标", Severity: templates.Error, Basis: basisFramework, check: checkR5}
}

func checkR5(c *checker, p *templates.Project) {
	for i := range p.Indicators {
		ind := &p.Indicators[i]
		l1, l2 := frameworkName(ind.Level1.Value), frameworkName(ind.Level2.Value)
		if l1 == "" || l2 == "" {
			continue
		}
		if k := templates.Level1Kind(l1); k != "" {
			l1 = k + "指标" // "产出指标（50分）" is 产出指标
		}
		fwName := "经典指标体系"
		if c.fw.Name == "2021" {
			fwName = "2021年指标体系"
		}
		if c.fw.Level2(l1) == nil {
			c.flag(p, ind.Level3.Src, fmt.Sprintf("一级指标「%s」不属于%s（%s）", ind.Level1.Value, fwName, strings.Join(c.fw.Level1Names(), "、")),
				"改为 "+strings.Join(c.fw.Level1Names(), "、")+" 之一")
			continue
		}
		if l2 == l1 {
			continue // the 一级 repeated in the 二级 column: says nothing wrong
		}
		if c.fw.Level2(l2) != nil {
			c.flag(p, ind.Level3.Src, fmt.Sprintf("「%s」在%s中是一级指标，不能作为「%s」的二级指标", ind.Level2.Value, fwName, ind.Level1.Value),
				fmt.Sprintf("把该行的一级指标改为「%s」，二级指标改为 %s 之一", l2, strings.Join(c.fw.Level2(l2), "、")))
			continue
		}
		owner := ownerOf(c.fw, l2)
		if owner == "" || owner == l1 {
			continue
		}
		c.flag(p, ind.Level3.Src, fmt.Sprintf("二级指标「%s」属于「%s」，不应放在一级指标「%s」下", ind.Level2.Value, owner, ind.Level1.Value),
			fmt.Sprintf("把一级指标改为「%s」，或把二级指标改为 %s 之一", owner, strings.Join(c.fw.Level2(l1), "、")))
	}
}

// ownerOf is the 一级指标 a 二级指标 belongs to in fw, "" when none.
func ownerOf(fw templates.Framework, level2 string) string {
	for _, g := range fw.Groups {
		for _, n := range g.Level2 {
			if n == level2 {
				return g.Level1
			}
		}
	}
	return ""
}
