package review

import "testing"

func TestR4Quantity(t *testing.T) {
	runRuleCases(t, "R4", []ruleCase{
		{name: "good counts", sub: form(2024, "1", seedQuantity, row{"产出指标", "数量指标", "覆盖率", "≥95%"})},
		{name: "bad 较好 as a 数量指标", sub: form(2024, "1", row{"产出指标", "数量指标", "宣传次数", "较好"}), want: []string{"E10"}},
		{name: "bad phrase", sub: form(2024, "1", row{"产出指标", "数量指标", "培训人数", "全覆盖"}), want: []string{"E10"}},
		{name: "good placeholder left to R1", sub: form(2024, "1", row{"产出指标", "数量指标", "次数", "——"})},
	})
}
