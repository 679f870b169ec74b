package review

import (
	"strings"
	"testing"
	"unsafe"
)

func TestR9Baseline(t *testing.T) {
	last := form(2023, "1", row{"产出指标", "数量指标", "采购办公用品次数", "≥6次"}, row{"效益指标", "社会效益指标", "社会认可率", "≥95%"},
		row{"产出指标", "成本指标", "资金使用成本", "≤0.4万元"})
	last.Projects[0].Name.Value = "2023年非税收入"
	byName := func(s string) string { return strings.TrimPrefix(strings.TrimPrefix(s, "2023年"), "2024年") }
	targets := NewTargets(byName)
	targets.Add("测试镇", &last.Projects[0])
	cfg := Default()
	cfg.Baseline = targets
	renamed := form(2024, "1", row{"产出指标", "数量指标", "采购办公用品次数", "≥5次"})
	renamed.Projects[0].Code.Value = "13020824P999999999999"
	runRuleCases(t, "R9", []ruleCase{
		{name: "good no baseline", sub: form(2024, "1", row{"产出指标", "数量指标", "采购办公用品次数", "≥5次"})},
		{name: "good same or higher, cost ceiling lowered", cfg: cfg, sub: form(2024, "1", row{"产出指标", "数量指标", "采购办公用品次数", "≥6次"},
			row{"效益指标", "社会效益指标", "社会认可率", "≥98%"}, row{"产出指标", "成本指标", "资金使用成本", "≤0.5万元"})},
		{name: "bad lower than last year by code", cfg: cfg, sub: form(2024, "1", row{"产出指标", "数量指标", "采购办公用品次数", "≥5次"},
			row{"效益指标", "社会效益指标", "社会认可率", "≥90%"}), want: []string{"E10", "E11"}},
		{name: "bad lower than last year by name", cfg: cfg, sub: renamed, want: []string{"E10"}},
	})
}

// TestTargetSize: a baseline target stays 16 bytes (a county's 基期 holds
// one or two per indicator).
func TestTargetSize(t *testing.T) {
	if n := unsafe.Sizeof(target{}); n != 16 {
		t.Errorf("target is %d bytes, want 16", n)
	}
}
