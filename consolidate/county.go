package consolidate

import (
	"regexp"
)

// countyPrefix finds a county in a township's 单位名称 that names it first:
// 丰润区王官营镇, 滦南县倴城镇人民政府.
var countyPrefix = regexp.MustCompile(`^(\p{Han}{1,6}?(?:自治县|县|区|市|旗))\p{Han}+?(?:镇|乡|街道|苏木)`)

// County is the county the forms agree on: named before the township in a
// 单位名称 (丰润区 for 丰润区王官营镇) or in a title (丰润区丰登坞镇2024年预算
// 项目绩效目标表); "" when no form names one or two name different ones.
//
//	res.County() // "丰润区"
func (r *Result) County() string {
	county := ""
	for _, t := range r.counted {
		for _, c := range []string{t.county, countyOfName(t.township)} {
			if c == "" {
				continue
			}
			if county != "" && county != c {
				return ""
			}
			county = c
		}
	}
	return county
}

// countyOfName is the county a township's 单位名称 names first ("" when
// none).
func countyOfName(name string) string {
	if m := countyPrefix.FindStringSubmatch(name); m != nil {
		return m[1]
	}
	return ""
}

// CountedTownship is a counted township and the file it was read from.
type CountedTownship struct {
	Name, File string
}

// CountedTownships lists the counted townships in township order (the order
// of Totals and EachSubmission).
func (r *Result) CountedTownships() []CountedTownship {
	out := make([]CountedTownship, len(r.counted))
	for i, t := range r.counted {
		out[i] = CountedTownship{Name: t.township, File: t.file}
	}
	return out
}
