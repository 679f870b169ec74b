package review

import (
	"fmt"
	"testing"

	"jixiao/templates"
)

// weighted gives the rows of sub the weights ws, in order.
func weighted(sub *templates.Submission, ws ...string) *templates.Submission {
	p := &sub.Projects[0]
	p.Weights = make([]templates.Text, len(p.Indicators))
	for i := range p.Weights {
		p.Weights[i].Src = templates.Source{File: "测试镇.xlsx", Sheet: "项目绩效目标表", Cell: fmt.Sprintf("G%d", 10+i)}
	}
	for i, w := range ws {
		p.Weights[i].Value = w
	}
	return sub
}

func TestR8Weight(t *testing.T) {
	runRuleCases(t, "R8", []ruleCase{
		{name: "good no weights", sub: form(2024, "1", seedRows()...)},
		{name: "good weights sum to 100", sub: weighted(form(2024, "1", seedRows()...), "20", "20", "10", "10", "30", "10分")},
		{name: "bad weights sum to 90", sub: weighted(form(2024, "1", seedRows()...), "20", "20", "10", "10", "20", "10"), want: []string{"G10"}},
		{name: "bad weight not a number", sub: weighted(form(2024, "1", seedRows()...), "二十"), want: []string{"G10"}},
	})
}
