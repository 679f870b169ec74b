package review

import "testing"

func TestR2Unit(t *testing.T) {
	runRuleCases(t, "R2", []ruleCase{
		{name: "good seed values", sub: form(2024, "1", seedRows()...)},
		{name: "bad 满意度 without %", sub: form(2024, "1", row{"满意度指标", "服务对象满意度指标", "群众满意度", "≥90"}), want: []string{"E10"}},
		{name: "bad count without unit", sub: form(2024, "1", row{"产出指标", "数量指标", "培训场次", "≥5"}), want: []string{"E10"}},
	})
}
