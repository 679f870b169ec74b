package review

import (
	"fmt"
	"unicode/utf8"

	"jixiao/templates"
)

// maxText is the longest 三级指标 or 绩效指标描述 the entry rules allow.
const maxText = 100

// R3: 三级指标 and 绩效指标描述 are at most 100 characters.
func ruleR3() Rule {
	return Rule{ID: "R3", Name: "指标名称和描述不超过100字", Severity: templates.Error, Basis: basisEntry, check: checkR3}
}

func checkR3(c *checker, p *templates.Project) {
	for i := range p.Indicators {
		ind := &p.Indicators[i]
		for _, f := range []struct {
			what string
			t    templates.Text
		}{{"三级指标", ind.Level3}, {"绩效指标描述", ind.Desc}} {
			if len(f.t.Value) <= maxText {
				continue // no more characters than bytes
			}
			if n := utf8.RuneCountInString(f.t.Value); n > maxText {
				c.flag(p, ind.Level3.Src, fmt.Sprintf("%s有 %d 字，超过 %d 字", f.what, n, maxText),
					fmt.Sprintf("把%s精简到 %d 字以内，细节写入绩效目标或指标值确定依据", f.what, maxText))
			}
		}
	}
}
