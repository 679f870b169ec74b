package convert

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// checkNormalFast fails when the allocation-free path would give another
// result than the full normalisation.
func checkNormalFast(t *testing.T, s string) {
	t.Helper()
	if isNormalValue(s) {
		if got := normalizeValue(s); got != s {
			t.Fatalf("isNormalValue(%q) but normalizeValue gives %q", s, got)
		}
	}
}

func TestNormalizeValueFastPath(t *testing.T) {
	for _, s := range []string{
		"", "a", "4.92", "≥95%", "优", "项目编码", "其中：财政资金", "其中:财政资金", "４．９２", "（一）",
		"ｶﾞ", "a b", "a\tb", "a\nb", "\u00a0", "\u3000", "\u200b", "\ufeff", "\x00", "\x7f", "\xff", "a\xc3",
		"\u2028", "\u0085", "€", "￥", "¥", "＄", "￠", "ⅰ", "①", "한글", "ｱ", "\U0001F600",
	} {
		checkNormalFast(t, s)
	}
	for r := rune(0); r <= 0x2FFFF; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		s := string(r)
		checkNormalFast(t, s)
		checkNormalFast(t, "x"+s+"文")
	}
	// every cell of the sample workbooks' CSV exports
	paths, _ := filepath.Glob(filepath.Join("..", "samples", "*", "*.csv"))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		checkNormalFast(t, string(data))
	}
}

func FuzzNormalizeValueFastPath(f *testing.F) {
	for _, s := range []string{"4.92", "其中：财政    资金", "ｶﾞ", "\xff", "≥95%"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkNormalFast(t, s) })
}
