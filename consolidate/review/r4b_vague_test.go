package review

import "testing"

func TestR4bVague(t *testing.T) {
	runRuleCases(t, "R4b", []ruleCase{
		{name: "good grades", sub: form(2024, "1", seedQuality, row{"效益指标", "可持续影响指标", "长效机制", "好"},
			row{"产出指标", "质量指标", "验收", "合格"}, row{"效益指标", "社会效益指标", "是否完成", "是"})},
		{name: "bad vague words", sub: form(2024, "1", row{"效益指标", "社会效益指标", "村容村貌", "明显改善"},
			row{"产出指标", "质量指标", "服务质量", "进一步提高"}), want: []string{"E10", "E11"}},
		{name: "good 数量指标 left to R4", sub: form(2024, "1", row{"产出指标", "数量指标", "宣传次数", "较好"})},
	})
}
