package review

import "testing"

func TestR2bMinSatisfaction(t *testing.T) {
	cfg, err := ParseConfig("审核规则.csv", "最低满意度,90%\n")
	if err != nil {
		t.Fatal(err)
	}
	runRuleCases(t, "R2b", []ruleCase{
		{name: "good no minimum by default", sub: form(2024, "1", row{"满意度指标", "服务对象满意度指标", "群众满意度", "≥80%"})},
		{name: "good at the minimum", sub: form(2024, "1", row{"满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"}), cfg: cfg},
		{name: "bad below the minimum", sub: form(2024, "1", row{"满意度指标", "服务对象满意度指标", "群众满意度", "≥80%"}), cfg: cfg,
			want: []string{"E10"}},
	})
}
