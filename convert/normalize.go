package convert

import (
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// NormalizeValue folds full-width ASCII (digits, letters, punctuation such as
// ４．９２ or ％) to half-width, turns non-breaking and ideographic spaces into
// plain spaces and trims the ends. Chinese text is kept as it is.
//
//	convert.NormalizeValue("　４．９２ ") // "4.92"
func NormalizeValue(s string) string {
	s = width.Fold.String(s)
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\u00a0', '\u3000', '\u2002', '\u2003', '\u2009', '\u200b', '\ufeff':
			return ' '
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// NormalizeLabel prepares a cell text for matching against the form's labels:
// NormalizeValue, then every space and line break removed.
//
//	convert.NormalizeLabel("其中：财政    资金") // "其中:财政资金"
func NormalizeLabel(s string) string {
	s = NormalizeValue(s)
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
