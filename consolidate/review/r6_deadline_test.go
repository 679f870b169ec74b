package review

import "testing"

func TestR6Deadline(t *testing.T) {
	runRuleCases(t, "R6", []ruleCase{
		{name: "good in the year", sub: form(2024, "1", seedTime, row{"产出指标", "时效指标", "完成时限", "2024年6月30日前"}, row{"产出指标", "时效指标", "时限", "12月底前"})},
		{name: "bad next year", sub: form(2024, "1", row{"产出指标", "时效指标", "完成时限", "2025年6月30日前"}), want: []string{"E10"}},
		{name: "bad last year", sub: form(2024, "1", row{"产出指标", "时效指标", "完成时限", "2023年12月31日前"}), want: []string{"E10"}},
		{name: "good no budget year known", sub: form(0, "1", row{"产出指标", "时效指标", "完成时限", "2025年6月30日前"})},
	})
}
