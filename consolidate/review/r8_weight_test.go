package review

import (
	"testing"

	"jixiao/templates"
)

// weighted gives the rows of sub the weights ws, in order.
func weighted(sub *templates.Submission, ws ...string) *templates.Submission {
	for i, w := range ws {
		sub.Projects[0].Indicators[i].Weight.Value = w
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
