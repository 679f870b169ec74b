package convert

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalizeValue(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{name: "plain", in: "4.92", want: "4.92"},
		{name: "full-width digits", in: "　４．９２ ", want: "4.92"},
		{name: "full-width parens and colon", in: "其中：财政资金（万元）", want: "其中:财政资金(万元)"},
		{name: "full-width percent", in: "≥９５％", want: "≥95%"},
		{name: "full-width comparison", in: "＞＝95", want: ">=95"},
		{name: "full-width letters", in: "ＡＢｃ", want: "ABc"},
		{name: "nbsp", in: "4.92\u00a0", want: "4.92"},
		{name: "inner spaces collapse", in: "财政    资金", want: "财政 资金"},
		{name: "tab and em space", in: "a\t\u2003b", want: "a b"},
		{name: "zero-width removed", in: "4.9\u200b2\ufeff", want: "4.92"},
		{name: "soft hyphen removed", in: "预\u00ad算", want: "预算"},
		{name: "NUL removed", in: "4\x00.92", want: "4.92"},
		{name: "CRLF inside", in: "1.补充办公经费\r\n2.维持乡镇正常运转", want: "1.补充办公经费\n2.维持乡镇正常运转"},
		{name: "CR inside", in: "a\rb", want: "a\nb"},
		{name: "line separator", in: "a\u2028b", want: "a\nb"},
		{name: "blank lines dropped", in: "a\n\n \nb\n", want: "a\nb"},
		{name: "spaces around break", in: "a  \n  b", want: "a\nb"},
		{name: "Chinese kept", in: "王官营镇、施家营。", want: "王官营镇、施家营。"},
		{name: "empty", in: "", want: ""},
		{name: "only spaces", in: " \u3000\t\n", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NormalizeValue(tt.in); got != tt.want {
				t.Errorf("NormalizeValue(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNormalizeLabel(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{name: "seed label", in: "其中：财政    资金", want: "其中:财政资金"},
		{name: "line break in label", in: "指标值确定\n依据", want: "指标值确定依据"},
		{name: "ideographic space", in: "项目\u3000名称", want: "项目名称"},
		{name: "full-width unit", in: "预算数（万元）", want: "预算数(万元)"},
		{name: "zero width", in: "项\u200b目", want: "项目"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NormalizeLabel(tt.in); got != tt.want {
				t.Errorf("NormalizeLabel(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSplitLabelUnit(t *testing.T) {
	tests := []struct {
		name  string
		label string
		base  string
		unit  Unit
		ok    bool
	}{
		{name: "full-width 元", label: "预算数（元）", base: "预算数", unit: UnitYuan, ok: true},
		{name: "ascii 万元", label: "预算金额(万元)", base: "预算金额", unit: UnitWan, ok: true},
		{name: "单位 inside", label: "金额（单位：元）", base: "金额", unit: UnitYuan, ok: true},
		{name: "单位 万元 spaced", label: "预算数 （ 单位：万元 ）", base: "预算数", unit: UnitWan, ok: true},
		{name: "square brackets", label: "财政资金【万元】", base: "财政资金", unit: UnitWan, ok: true},
		{name: "slash", label: "预算数/万元", base: "预算数", unit: UnitWan, ok: true},
		{name: "percent is no money unit", label: "资金支出计划（%）", base: "资金支出计划(%)", unit: UnitUnknown, ok: false},
		{name: "no unit", label: "项目名称", base: "项目名称", unit: UnitUnknown, ok: false},
		{name: "per month is no unit", label: "成本(元/月)", base: "成本(元/月)", unit: UnitUnknown, ok: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base, u, ok := SplitLabelUnit(tt.label)
			if base != tt.base || u != tt.unit || ok != tt.ok {
				t.Errorf("SplitLabelUnit(%q) = %q, %v, %v; want %q, %v, %v", tt.label, base, u, ok, tt.base, tt.unit, tt.ok)
			}
		})
	}
}

func TestParseUnit(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Unit
		ok   bool
	}{
		{name: "seed line", in: "单位：万元", want: UnitWan, ok: true},
		{name: "元", in: "元", want: UnitYuan, ok: true},
		{name: "万", in: "万", want: UnitWan, ok: true},
		{name: "brackets", in: "（元）", want: UnitYuan, ok: true},
		{name: "金额单位", in: "金额单位：元", want: UnitYuan, ok: true},
		{name: "人民币", in: "单位：人民币万元", want: UnitWan, ok: true},
		{name: "spaced", in: "单位 ： 万元", want: UnitWan, ok: true},
		{name: "bracketed 单位", in: "（单位：元）", want: UnitYuan, ok: true},
		{name: "percent", in: "%", want: UnitUnknown, ok: false},
		{name: "empty", in: "", want: UnitUnknown, ok: false},
		{name: "other", in: "单位：个", want: UnitUnknown, ok: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, ok := ParseUnit(tt.in)
			if u != tt.want || ok != tt.ok {
				t.Errorf("ParseUnit(%q) = %v, %v; want %v, %v", tt.in, u, ok, tt.want, tt.ok)
			}
		})
	}
}

func FuzzNormalizeLabel(f *testing.F) {
	for _, s := range []string{
		"其中：财政    资金", "　４．９２ ", "预算数（元）", "1.补充办公经费\r\n2.维持乡镇正常运转",
		"≥９５％", "＞＝", "\u200b\ufeff\u00a0", "ｶﾞ", "\x00\xff", "a\u2028b", "优 ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v := NormalizeValue(s)
		if again := NormalizeValue(v); again != v {
			t.Fatalf("NormalizeValue not idempotent: %q → %q → %q", s, v, again)
		}
		if strings.TrimSpace(v) != v || strings.Contains(v, "  ") || strings.ContainsAny(v, "\r\t\x00") {
			t.Fatalf("NormalizeValue(%q) = %q keeps stray space", s, v)
		}
		l := NormalizeLabel(s)
		if again := NormalizeLabel(l); again != l {
			t.Fatalf("NormalizeLabel not idempotent: %q → %q → %q", s, l, again)
		}
		if strings.ContainsAny(l, " \n") {
			t.Fatalf("NormalizeLabel(%q) = %q keeps whitespace", s, l)
		}
		if l != NormalizeLabel(v) {
			t.Fatalf("NormalizeLabel(%q) = %q differs from NormalizeLabel(NormalizeValue) %q", s, l, NormalizeLabel(v))
		}
		if !utf8.ValidString(v) {
			t.Fatalf("NormalizeValue(%q) = %q is not UTF-8", s, v)
		}
		SplitLabelUnit(s)
		ParseUnit(s)
	})
}
