package review

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"jixiao/convert"
	"jixiao/templates"
)

// full is the total the weights of a project's indicators make.
var full = decimal.NewFromInt(100)

// R8: where weights (分值/权重) are given, they sum to 100.
func ruleR8() Rule {
	return Rule{ID: "R8", Name: "指标分值合计须为100", Severity: templates.Error, Basis: basisEntry, check: checkR8}
}

func checkR8(c *checker, p *templates.Project) {
	var sum decimal.Decimal
	first := -1
	for i, wt := range p.Weights {
		w := strings.TrimSpace(wt.Value)
		if w == "" || i >= len(p.Indicators) {
			continue
		}
		if first < 0 {
			first = i
		}
		d, err := decimal.NewFromString(strings.TrimRight(convert.NormalizeLabel(w), "分%"))
		if err != nil {
			c.flag(p, wt.Src, fmt.Sprintf("指标「%s」的分值「%s」不是数字", p.Indicators[i].Level3.Value, w), "填写数字分值，如 10")
			return
		}
		sum = sum.Add(d)
	}
	if first >= 0 && !sum.Equal(full) {
		c.flag(p, p.Weights[first].Src, fmt.Sprintf("各指标分值合计 %s，不等于 100", sum),
			fmt.Sprintf("调整各指标分值，使合计为 100（现差 %s）", full.Sub(sum)))
	}
}
