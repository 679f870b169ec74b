package convert

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
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

// referenceNormalizeValue is NormalizeValue as first written: fold the whole
// text, then classify each rune.
func referenceNormalizeValue(s string) string {
	s = width.Fold.String(s)
	var b strings.Builder
	space, lineBreak := false, false
	for _, r := range s {
		switch referenceClassify(r) {
		case runeDrop:
			continue
		case runeSpace:
			space = true
			continue
		case runeBreak:
			space, lineBreak = false, true
			continue
		}
		if b.Len() > 0 {
			switch {
			case lineBreak:
				b.WriteByte('\n')
			case space:
				b.WriteByte(' ')
			}
		}
		space, lineBreak = false, false
		b.WriteRune(r)
	}
	return b.String()
}

func referenceClassify(r rune) runeClass {
	switch r {
	case '\n', '\r', '\v', '\f', '\u0085', '\u2028', '\u2029':
		return runeBreak
	case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u180e':
		return runeDrop
	}
	switch {
	case unicode.IsSpace(r):
		return runeSpace
	case unicode.IsControl(r), unicode.Is(unicode.Cf, r):
		return runeDrop
	}
	return runeKeep
}

func checkReference(t *testing.T, s string) {
	t.Helper()
	if got, want := NormalizeValue(s), referenceNormalizeValue(s); got != want {
		t.Fatalf("NormalizeValue(%q) = %q, reference %q", s, got, want)
	}
}

func TestNormalizeValueMatchesReference(t *testing.T) {
	for _, s := range []string{
		"", "　４．９２ ", "其中：财政    资金", "1.补充办公经费\r\n2.维持", "ｶﾞｷﾞ", "\xe4\xbd\xef\xbc\xa1", "\xff（一）",
		"a\u2028 b", "\u200b优\ufeff", "\ud7ff\ue000", "≥９５％\t", "\xed\xa0\x80Ａ",
	} {
		checkReference(t, s)
	}
	for r := rune(0); r <= 0x2FFFF; r++ {
		s := string(r)
		checkReference(t, s)
		checkReference(t, "Ａ"+s+" 文")
	}
}

func FuzzNormalizeValueMatchesReference(f *testing.F) {
	for _, s := range []string{"4.92", "其中：财政    资金", "ｶﾞ", "\xff", "≥９５％", "\xe4\xbdＡ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkReference(t, s) })
}
