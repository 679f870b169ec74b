// Totals: the exact amounts of a township and of the county.

package consolidate

import (
	"github.com/shopspring/decimal"

	"jixiao/templates"
)

// Totals are the amounts of one township (or the county), exact, in 元.
type Totals struct {
	Projects   int
	Budget     decimal.Decimal
	Fiscal     decimal.Decimal
	Other      decimal.Decimal
	Plan       [templates.PlanPeriods]decimal.Decimal
	Indicators int
	Errors     int
	Warnings   int
}

// TownshipTotals sums a submission's projects. Blank amounts add nothing.
//
//	t := consolidate.TownshipTotals(sub) // t.Budget in 元
func TownshipTotals(sub *templates.Submission) Totals {
	var t Totals
	for _, p := range sub.Projects {
		t.Projects++
		t.Budget = t.Budget.Add(p.Budget.Yuan)
		t.Fiscal = t.Fiscal.Add(p.Fiscal.Yuan)
		t.Other = t.Other.Add(p.Other.Yuan)
		for i := range p.Plan {
			t.Plan[i] = t.Plan[i].Add(p.Plan[i].Yuan)
		}
		t.Indicators += len(p.Indicators)
	}
	return t
}

// Add returns the sum of two totals.
func (t Totals) Add(o Totals) Totals {
	t.Projects += o.Projects
	t.Budget = t.Budget.Add(o.Budget)
	t.Fiscal = t.Fiscal.Add(o.Fiscal)
	t.Other = t.Other.Add(o.Other)
	for i := range t.Plan {
		t.Plan[i] = t.Plan[i].Add(o.Plan[i])
	}
	t.Indicators += o.Indicators
	t.Errors += o.Errors
	t.Warnings += o.Warnings
	return t
}

// Totals returns each counted township's totals (in township order) with
// its problem counts, and the county total.
func (r *Result) Totals() ([]Totals, Totals) {
	var county Totals
	out := make([]Totals, len(r.counted))
	for i, sub := range r.counted {
		out[i] = sub.totalsWithCounts()
		county = county.Add(out[i])
	}
	return out, county
}

// countProblems counts the problems by severity, in all and for each counted
// submission (see problemKey).
func (r *Result) countProblems() {
	byKey := make(map[string]*tally, len(r.counted))
	for _, t := range r.counted {
		byKey[problemKey(t.file, t.township)] = t
	}
	for _, p := range r.problems {
		t := byKey[problemKey(p.Src.File, p.Township)]
		if p.Severity == templates.Error {
			r.errors++
			if t != nil {
				t.errors++
			}
		} else {
			r.warnings++
			if t != nil {
				t.warnings++
			}
		}
	}
}

// totalsWithCounts are t's totals with its problem counts.
func (t *tally) totalsWithCounts() Totals {
	tt := t.totals.totals()
	tt.Errors, tt.Warnings = int(t.errors), int(t.warnings)
	return tt
}

// problemKey identifies a submission among problems: its file and township
// (a flat file can hold several townships).
func problemKey(file, township string) string { return file + "\x00" + township }
