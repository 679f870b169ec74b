package consolidate

import (
	"regexp"
)

// countyPrefix finds a county in a township's 单位名称 that names it first:
// 丰润区王官营镇, 滦南县倴城镇人民政府.
var countyPrefix = regexp.MustCompile(`^(\p{Han}{1,6}?(?:自治县|县|区|市|旗))\p{Han}+?(?:镇|乡|街道|苏木)`)

// County is the county the townships' names agree on (丰润区 for
// 丰润区王官营镇 and 丰润区左家坞镇), or "" when no name carries one or two
// carry different ones.
//
//	res.County() // "丰润区"
func (r *Result) County() string {
	county := ""
	for _, t := range r.counted {
		m := countyPrefix.FindStringSubmatch(t.township)
		if m == nil {
			continue
		}
		if county != "" && county != m[1] {
			return ""
		}
		county = m[1]
	}
	return county
}
