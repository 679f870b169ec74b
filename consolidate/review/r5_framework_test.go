package review

import "testing"

func TestR5Framework(t *testing.T) {
	runRuleCases(t, "R5", []ruleCase{
		{name: "good classic seed", sub: form(2024, "1", seedRows()...)},
		{name: "good 2021 with short names", sub: form(2024, "1", row{"产出", "数量", "次数", "≥5次"},
			row{"成本指标", "经济成本指标", "资金使用成本", "≤0.5万元"}, row{"满意度指标", "服务对象满意度", "满意度", "≥95%"})},
		{name: "good 一级 repeated as 二级", sub: form(2024, "1", row{"成本指标", "成本指标", "资金使用成本", "≤0.5万元"})},
		{name: "good 一级 with a note", sub: form(2024, "1", row{"产出指标（50分）", "数量指标", "次数", "≥5次"})},
		{name: "bad 数量指标 under 效益指标", sub: form(2024, "1", row{"产出指标", "质量指标", "质量", "优"},
			row{"效益指标", "数量指标", "受益人数", "≥20人"}), want: []string{"C11"}},
		{name: "bad 成本指标 under 产出 in a 2021 form", sub: form(2024, "1", row{"产出指标", "成本指标", "资金使用成本", "≤0.5万元"},
			row{"成本指标", "经济成本指标", "单位成本", "≤500元"}), want: []string{"C10"}},
		{name: "bad unknown 一级", sub: form(2024, "1", row{"其他指标", "数量指标", "次数", "≥5次"}), want: []string{"C10"}},
	})
}
