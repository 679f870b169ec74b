package convert

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// NormalizeValue cleans a cell's text without changing what it says:
// full-width ASCII (digits, letters, punctuation such as ４．９２, （）, ：, ％,
// ＞＝) folds to half-width; non-breaking, ideographic and other Unicode
// spaces and tabs become one plain space per run; zero-width characters,
// soft hyphens, NULs and other control characters are removed; line breaks
// (CR LF, CR, U+2028, …) become "\n" with the spaces around them trimmed and
// blank lines dropped; the ends are trimmed. Chinese text is kept as it is.
//
//	convert.NormalizeValue("　４．９２ ")              // "4.92"
//	convert.NormalizeValue("1.补充办公经费\r\n2.维持") // "1.补充办公经费\n2.维持"
func NormalizeValue(s string) string {
	if isNormalValue(s) {
		return s
	}
	return normalizeValue(s)
}

// normalizeValue folds each rune as it goes; only text that is not valid
// UTF-8 is folded first as a whole, since the folding copies stray bytes
// where ranging over them yields U+FFFD.
func normalizeValue(s string) string {
	valid := utf8.ValidString(s)
	if !valid {
		s = width.Fold.String(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	space, lineBreak := false, false
	for _, r := range s {
		if valid && r >= utf8.RuneSelf {
			if f := width.LookupRune(r).Folded(); f != 0 {
				r = f
			}
		}
		switch cls := classifyRune(r); cls {
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

// NormalizeLabel prepares a cell text for matching against the form's
// labels: NormalizeValue, then every space and line break removed.
//
//	convert.NormalizeLabel("其中：财政    资金") // "其中:财政资金"
func NormalizeLabel(s string) string {
	s = NormalizeValue(s)
	if !strings.ContainsAny(s, " \n") {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\n' {
			return -1
		}
		return r
	}, s)
}

// isNormalValue reports whether NormalizeValue leaves s as it is: valid
// UTF-8 with nothing to fold, drop, or turn into a space or line break. Most
// cells are, and are then returned without an allocation.
func isNormalValue(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c <= ' ' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || classifyRune(r) != runeKeep || width.LookupRune(r).Folded() != 0 {
			return false
		}
		i += size
	}
	return true
}

type runeClass int

const (
	runeKeep runeClass = iota
	runeDrop
	runeSpace
	runeBreak
)

// classifyRune sorts a rune (after width folding) for NormalizeValue.
func classifyRune(r rune) runeClass {
	if r > ' ' && r < 0x7f || r >= 0x4e00 && r <= 0x9fff { // printable ASCII, CJK ideographs
		return runeKeep
	}
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

// SplitLabelUnit splits a column label that states its money unit in
// brackets at the end into the bare label and the unit. The label is
// normalised as by NormalizeLabel; ok is false (and base the normalised
// label) when no unit is stated.
//
//	base, u, ok := convert.SplitLabelUnit("预算数（元）")       // "预算数", UnitYuan, true
//	base, u, ok = convert.SplitLabelUnit("金额（单位：万元）") // "金额", UnitWan, true
func SplitLabelUnit(label string) (base string, u Unit, ok bool) {
	s := NormalizeLabel(label)
	for _, p := range [][2]string{{"(", ")"}, {"【", "】"}, {"[", "]"}, {"〔", "〕"}} {
		if !strings.HasSuffix(s, p[1]) {
			continue
		}
		open := strings.LastIndex(s, p[0])
		if open < 0 {
			continue
		}
		inner := s[open+len(p[0]) : len(s)-len(p[1])]
		if u, ok := ParseUnit(inner); ok {
			return s[:open], u, true
		}
	}
	// "预算数/万元"
	if i := strings.LastIndex(s, "/"); i > 0 {
		if u, ok := ParseUnit(s[i+1:]); ok {
			return s[:i], u, true
		}
	}
	return s, UnitUnknown, false
}
