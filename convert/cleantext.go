package convert

import "strings"

// CleanText tidies a free-text cell (资金用途, 绩效目标, names) without changing
// its characters: Windows and old Mac line breaks become "\n", non-breaking
// and ideographic spaces at the ends are trimmed with ordinary ones, and
// trailing spaces on each line are removed. Full-width Chinese punctuation is
// kept as written, unlike NormalizeValue.
//
//	convert.CleanText("补充办公经费，保障运转。\u3000") // "补充办公经费，保障运转。"
func CleanText(s string) string {
	if s == "" {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	const spaces = " \t\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff"
	if strings.Contains(s, "\n") {
		lines := strings.Split(s, "\n")
		for i, l := range lines {
			lines[i] = strings.TrimRight(l, spaces)
		}
		s = strings.Join(lines, "\n")
	}
	return strings.Trim(s, spaces+"\n")
}
