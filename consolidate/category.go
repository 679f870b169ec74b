package consolidate

import (
	"regexp"
	"strings"

	"jixiao/convert"
)

// leadingPeriod matches a project name's leading year or period:
// "2024年", "2023年1-9月", "2023年度", "2022—2023年".
var leadingPeriod = regexp.MustCompile(`^(?:\d{4}(?:[-—~至]\d{4})?年度?)(?:\d{1,2}(?:[-—~至]\d{1,2})?月(?:份)?)?(?:度)?`)

// Category derives a project's 类别 from its name by removing a leading year
// or period, so the same kind of project groups across townships and years.
//
//	consolidate.Category("2023年1-9月非税收入") // "非税收入"
//	consolidate.Category("2024年村级转移支付")  // "村级转移支付"
func Category(name string) string {
	s := convert.CleanText(name)
	folded := convert.NormalizeLabel(s)
	if loc := leadingPeriod.FindStringIndex(folded); loc != nil && loc[1] < len(folded) {
		return strings.TrimLeft(folded[loc[1]:], " ")
	}
	return convert.NormalizeLabel(s)
}
