package review

import (
	"testing"

	"jixiao/templates"
)

// TestSeedValuesPass: the seed's values, and the other good forms of the
// domain notes, raise nothing under any rule.
func TestSeedValuesPass(t *testing.T) {
	good := []row{
		{"产出指标", "数量指标", "宣传次数", "≥30次"}, {"产出指标", "数量指标", "覆盖村数", "≥27个"},
		{"产出指标", "数量指标", "走访户数", "≥20户"}, {"产出指标", "数量指标", "人数", "≥5人"},
		{"产出指标", "成本指标", "补助标准", "≤2500元"}, {"产出指标", "成本指标", "调查员补贴成本", "≤500元/月"},
		{"产出指标", "成本指标", "资金使用成本", "≤3万元"}, {"产出指标", "质量指标", "验收合格率", "90%-95%"},
		{"效益指标", "社会效益指标", "群众知晓率", "不低于90%"}, {"产出指标", "质量指标", "物资合格率", "100%"},
		{"效益指标", "生态效益指标", "火灾发生次数", "0次"}, {"效益指标", "可持续影响指标", "长效机制", "好"},
	}
	sub := form(2024, "4.92", append(seedRows(), good...)...)
	if ps := Check(sub, Default()); len(ps) > 0 {
		for _, p := range ps {
			t.Error(p.Error())
		}
	}
}

func TestDetectFramework(t *testing.T) {
	classic := form(2024, "1", seedRows()...)
	if fw := DetectFramework(classic); fw.Name != "classic" {
		t.Errorf("seed form detected as %s", fw.Name)
	}
	f2021 := form(2024, "1", row{"成本指标", "经济成本指标", "资金使用成本", "≤0.5万元"})
	if fw := DetectFramework(f2021); fw.Name != "2021" {
		t.Errorf("2021 form detected as %s", fw.Name)
	}
}

func TestRulesAreDescribed(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range All() {
		if r.ID == "" || r.Name == "" || r.Basis == "" || r.check == nil || r.Severity == 0 {
			t.Errorf("rule %+v is not fully described", r)
		}
		if seen[r.ID] {
			t.Errorf("rule id %s twice", r.ID)
		}
		seen[r.ID] = true
		if got, ok := Lookup(r.ID); !ok || got.Name != r.Name {
			t.Errorf("Lookup(%s) = %v, %v", r.ID, got.Name, ok)
		}
	}
	// inferences are warnings
	for _, id := range []string{"R6", "R7", "R9"} {
		if r, _ := Lookup(id); r.Severity != templates.Warning {
			t.Errorf("%s is an inference and must be a warning", id)
		}
	}
}

// FuzzCheck: any 指标值 under any 二级指标 is reviewed without a panic, and
// every finding is located at a cell of its row.
func FuzzCheck(f *testing.F) {
	for _, s := range [][2]string{{"数量指标", "较好"}, {"时效指标", "2025年6月30日前"}, {"成本指标", "≤95%"}, {"成本指标", "≤880万元"},
		{"服务对象满意度指标", "≥90"}, {"质量指标", "——"}, {"成本指标", "100万元-200万元"}, {"时效指标", "12月底前"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, level2, value string) {
		sub := form(2024, "3", row{"产出指标", level2, "指标", value})
		for _, p := range Check(sub, Default()) {
			if p.Src.Cell == "" || p.Src.Cell[1:] != "10" {
				t.Fatalf("finding not on the indicator's row: %+v", p)
			}
		}
	})
}
