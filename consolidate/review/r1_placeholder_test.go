package review

import "testing"

func TestR1Placeholder(t *testing.T) {
	runRuleCases(t, "R1", []ruleCase{
		{name: "good seed values and a range", sub: form(2024, "1", append(seedRows(), row{"产出指标", "质量指标", "合格率", "90%-95%"})...)},
		{name: "bad dash placeholder", sub: form(2024, "1", row{"产出指标", "数量指标", "次数", "——"}), want: []string{"E10"}},
		{name: "bad 无 and slash", sub: form(2024, "1", row{"产出指标", "数量指标", "次数", "无"}, row{"产出指标", "质量指标", "质量", "/"}),
			want: []string{"E10", "E11"}},
		{name: "bad blank value and blank 三级", sub: form(2024, "1", row{"产出指标", "数量指标", "次数", ""}, row{"产出指标", "质量指标", "", "优"}),
			want: []string{"E10", "C11"}},
	})
}

func TestR1PlaceholderList(t *testing.T) {
	cfg, err := ParseConfig("审核规则.csv", "占位符,待补充\n")
	if err != nil {
		t.Fatal(err)
	}
	runRuleCases(t, "R1", []ruleCase{
		{name: "bad configured placeholder", sub: form(2024, "1", row{"产出指标", "数量指标", "次数", "待补充"}), cfg: cfg, want: []string{"E10"}},
		{name: "good 无 once not listed", sub: form(2024, "1", row{"产出指标", "质量指标", "质量", "无"}), cfg: cfg},
	})
}
