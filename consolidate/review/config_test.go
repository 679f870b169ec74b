package review

import (
	"errors"
	"testing"

	"jixiao/convert"
	"jixiao/templates"
)

func TestParseConfig(t *testing.T) {
	cfg, err := ParseConfig("审核规则.csv", "项目,设置\nR1,关闭\nr6,错误\n# 注释\n\n含糊词,较好、明显\n最低满意度,85%\n")
	if err != nil {
		t.Fatal(err)
	}
	states := map[string]RuleState{}
	for _, r := range cfg.Rules() {
		states[r.ID] = r
	}
	if states["R1"].Enabled || states["R6"].Severity != templates.Error || !states["R2"].Enabled {
		t.Errorf("states = %+v", states)
	}
	if v := cfg.Vague(); len(v) != 2 || v[1] != "明显" {
		t.Errorf("vague = %v", v)
	}
	if m, ok := cfg.MinSatisfaction(); !ok || m.String() != "85" {
		t.Errorf("min = %v %v", m, ok)
	}
	if _, ok := Default().MinSatisfaction(); ok {
		t.Error("a minimum 满意度 by default")
	}
}

func TestParseConfigErrors(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		line, col  int
	}{
		{"unknown rule", "R1,关闭\nR10,关闭\n", 2, 1},
		{"bad setting", "R1,关掉\n", 1, 2},
		{"bad minimum", "规则,设置\n最低满意度,九十\n", 2, 2},
		{"empty list", "含糊词,\n", 1, 2},
		{"broken csv", "R1,\"关闭\n", 1, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseConfig("审核规则.csv", tc.text)
			var le *convert.LocatedError
			if !errors.Is(err, ErrRules) || !errors.As(err, &le) {
				t.Fatalf("err = %v, want a located ErrRules", err)
			}
			if le.Line != tc.line || tc.col != 0 && le.Col != tc.col {
				t.Errorf("at line %d col %d, want %d %d (%v)", le.Line, le.Col, tc.line, tc.col, err)
			}
		})
	}
}

// FuzzParseConfig: any text gives a rule set or a located ErrRules, never a
// panic; a rule set parsed has every rule.
func FuzzParseConfig(f *testing.F) {
	for _, s := range []string{"规则,设置\nR1,关闭\nR6,错误\n", "含糊词,较好、明显\n最低满意度,90%\n", "占位符,\"*,—\"\n",
		"R1,\"关闭\n", "\xef\xbb\xbfR4b,警告\r\n", ",\n#,x\n", "最低满意度,100\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		cfg, err := ParseConfig("审核规则.csv", text)
		if err != nil {
			var le *convert.LocatedError
			if !errors.Is(err, ErrRules) || !errors.As(err, &le) {
				t.Fatalf("error %v is not a located ErrRules", err)
			}
			return
		}
		if len(cfg.Rules()) != len(All()) {
			t.Fatalf("%d rules, want %d", len(cfg.Rules()), len(All()))
		}
	})
}
