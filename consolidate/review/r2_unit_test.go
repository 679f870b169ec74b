package review

import "testing"

func TestR2Unit(t *testing.T) {
	runRuleCases(t, "R2", []ruleCase{
		{name: "good seed values", sub: form(2024, "1", seedRows()...)},
		{name: "bad 满意度 without %", sub: form(2024, "1", row{"满意度指标", "服务对象满意度指标", "群众满意度", "≥90"}), want: []string{"E10"}},
		{name: "bad count without unit", sub: form(2024, "1", row{"产出指标", "数量指标", "培训场次", "≥5"}), want: []string{"E10"}},
	})
}

func TestR2MinSatisfaction(t *testing.T) {
	cfg, err := ParseConfig("审核规则.csv", "最低满意度,90%\n")
	if err != nil {
		t.Fatal(err)
	}
	runRuleCases(t, "R2", []ruleCase{
		{name: "good no minimum by default", sub: form(2024, "1", row{"满意度指标", "服务对象满意度指标", "群众满意度", "≥80%"})},
		{name: "good at the minimum", sub: form(2024, "1", row{"满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"}), cfg: cfg},
		{name: "bad below the minimum", sub: form(2024, "1", row{"满意度指标", "服务对象满意度指标", "群众满意度", "≥80%"}), cfg: cfg,
			want: []string{"E10"}},
	})
}
