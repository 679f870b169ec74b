package review

import "jixiao/templates"

// RuleCount is a rule as configured for a run and how often it was broken:
// its findings and the submissions (file and township) they are in.
type RuleCount struct {
	RuleState
	Findings  int
	Townships int
}

// Count counts the findings among ps by rule, for rules in their order. A
// problem is a finding of the rule its RuleID names; problems of other
// checks have none.
//
//	counts := review.Count(cfg.Rules(), problems)
func Count(rules []RuleState, ps []templates.Problem) []RuleCount {
	type submission struct{ rule, file, township string }
	findings, townships := map[string]int{}, map[string]int{}
	seen := map[submission]bool{}
	for _, p := range ps {
		if p.RuleID == "" {
			continue
		}
		findings[p.RuleID]++
		if k := (submission{p.RuleID, p.Src.File, p.Township}); !seen[k] {
			seen[k] = true
			townships[p.RuleID]++
		}
	}
	out := make([]RuleCount, len(rules))
	for i, s := range rules {
		out[i] = RuleCount{RuleState: s, Findings: findings[s.ID], Townships: townships[s.ID]}
	}
	return out
}
