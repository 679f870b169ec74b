package review

import (
	"fmt"
	"strconv"

	"jixiao/templates"
)

// R6: a 时效 date falls inside the form's budget year.
func ruleR6() Rule {
	return Rule{ID: "R6", Name: "时效指标须在预算年度内", Severity: templates.Warning, Basis: basisInference + "（可行性）", check: checkR6}
}

func checkR6(c *checker, p *templates.Project) {
	year := c.sub.Year
	if year == 0 {
		return
	}
	for i := range p.Indicators {
		ind := &p.Indicators[i]
		d := ind.Parsed.Date
		if !ind.ParsedOK || len(d) != len("2006-01-02") {
			continue
		}
		y, err := strconv.Atoi(d[:4])
		if err != nil || y == year {
			continue
		}
		c.flag(p, ind.Value.Src, fmt.Sprintf("指标「%s」的时限「%s」不在预算年度 %d 年内", ind.Level3.Value, ind.Value.Value, year),
			fmt.Sprintf("改为 %d 年内的日期，如 %s", year, c.yearEnd()))
	}
}
