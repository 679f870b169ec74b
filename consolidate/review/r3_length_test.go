package review

import (
	"strings"
	"testing"
)

func TestR3Length(t *testing.T) {
	long := strings.Repeat("长", 101)
	runRuleCases(t, "R3", []ruleCase{
		{name: "good 100 characters", sub: form(2024, "1", row{"产出指标", "数量指标", strings.Repeat("长", 100), "≥5次"})},
		{name: "bad 101 characters", sub: form(2024, "1", row{"产出指标", "数量指标", long, "≥5次"}), want: []string{"C10", "C10"}},
	})
}
