package review

import "testing"

func TestR7Cost(t *testing.T) {
	runRuleCases(t, "R7", []ruleCase{
		{name: "good seed costs", sub: form(2024, "4.92", seedCost, row{"产出指标", "成本指标", "补助", "≤2500元"},
			row{"产出指标", "成本指标", "调查员补贴成本", "≤500元/月"})},
		{name: "bad percentage", sub: form(2024, "3", row{"产出指标", "成本指标", "成本控制", "≤95%"}), want: []string{"E10"}},
		{name: "bad above the budget", sub: form(2024, "3", row{"产出指标", "成本指标", "资金使用成本", "≤880万元"}), want: []string{"E10"}},
		{name: "bad 2021 成本 above the budget", sub: form(2024, "3", row{"成本指标", "经济成本指标", "资金使用成本", "≤5万元"}), want: []string{"E10"}},
		{name: "good at the budget", sub: form(2024, "3", row{"产出指标", "成本指标", "资金使用成本", "≤3万元"})},
	})
}
