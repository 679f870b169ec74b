package consolidate

import (
	"cmp"
	"fmt"
	"hash/maphash"
	"slices"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"jixiao/templates"
)

// resolveDuplicates keeps one submission per township, chosen by
// duplicateRule (later 填报日期, then a name marking a revision, then path
// order). Every other file for the same township is an error naming both
// files, which one is counted and why, and is not counted, so nothing is
// double-counted.
func (r *Result) resolveDuplicates() {
	kept := map[string]int{}
	var order []string
	for i := range r.sources {
		src := &r.sources[i]
		if src.tally == nil {
			continue
		}
		j, dup := kept[src.Township]
		if !dup {
			kept[src.Township] = i
			order = append(order, src.Township)
			continue
		}
		if first, _ := preferred(&r.sources[j], src); !first {
			kept[src.Township] = i
		}
	}
	for i := range r.sources {
		src := &r.sources[i]
		if src.tally == nil {
			continue
		}
		t := src.Township
		k := kept[t]
		if k == i {
			continue
		}
		winner := &r.sources[k]
		var why string
		if k < i {
			_, why = preferred(winner, src)
		} else {
			_, why = preferred(src, winner)
		}
		src.Status = StatusDuplicate
		r.problems = append(r.problems, templates.Problem{Severity: templates.Error, Rule: RuleDuplicateTown,
			Township: t, Src: templates.Source{File: src.Path}, Message: duplicateMessage(t, winner, src, why)})
	}
	for _, t := range order {
		r.counted = append(r.counted, r.sources[kept[t]].tally)
	}
	sortByName(r.counted, func(t *tally) string { return t.township })
}

// checkSharedCodes warns when one 项目编码 appears in two townships: every
// use after the first township's names that township. Only a hash of each
// code is held for all townships at once; the codes of townships whose
// hashes meet are read again to compare them.
func (r *Result) checkSharedCodes() error {
	type use struct {
		h          uint64
		town, proj int32
	}
	seed := maphash.MakeSeed()
	var uses []use
	err := r.eachProjects(func(i int, _ *tally, ps []projectTally) error {
		for j, p := range ps {
			if p.code != "" {
				uses = append(uses, use{maphash.String(seed, p.code), int32(i), int32(j)})
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	slices.SortFunc(uses, func(a, b use) int {
		return cmp.Or(cmp.Compare(a.h, b.h), cmp.Compare(a.town, b.town), cmp.Compare(a.proj, b.proj))
	})
	type warning struct {
		town, proj int32
		p          templates.Problem
	}
	var warnings []warning
	var buf []byte
	for start := 0; start < len(uses); {
		end := start + 1
		for end < len(uses) && uses[end].h == uses[start].h {
			end++
		}
		run := uses[start:end]
		start = end
		if run[0].town == run[len(run)-1].town {
			continue // one township
		}
		// the run's codes, in township and project order; equal hashes of
		// different codes are told apart here
		owner := map[string]int32{}
		var projects []projectTally
		last := int32(-1)
		for _, u := range run {
			if u.town != last {
				ps, err := r.projectsOf(r.counted[u.town], &buf)
				if err != nil {
					return err
				}
				projects, last = ps, u.town
			}
			p := projects[u.proj]
			o, ok := owner[p.code]
			if !ok {
				owner[p.code] = u.town
				continue
			}
			if o == u.town {
				continue
			}
			sub, first := r.counted[u.town], r.counted[o]
			warnings = append(warnings, warning{u.town, u.proj, templates.Problem{Severity: templates.Warning,
				Rule: RuleSharedCode, Township: sub.township, Src: p.codeAt.source(sub.file), Project: p.code,
				Message: fmt.Sprintf("项目编码 %s 同时出现在「%s」（%s）和「%s」", p.code, first.township, first.file, sub.township)}})
		}
	}
	slices.SortFunc(warnings, func(a, b warning) int {
		return cmp.Or(cmp.Compare(a.town, b.town), cmp.Compare(a.proj, b.proj))
	})
	for _, w := range warnings {
		r.problems = append(r.problems, w.p)
	}
	return nil
}

// setStatuses marks each read, counted file as clean or with errors.
func (r *Result) setStatuses() {
	withErrors := map[string]bool{}
	for _, p := range r.problems {
		if p.Severity == templates.Error {
			withErrors[p.Src.File] = true
		}
	}
	for i := range r.sources {
		s := &r.sources[i]
		if s.Status != "" {
			continue
		}
		s.Status = StatusOK
		if withErrors[s.Path] {
			s.Status = StatusProblems
		}
	}
}

// commonYear is the most frequent stated year of the submissions (ties: the later).
func commonYear(subs []*tally) int {
	count := map[int]int{}
	best := 0
	for _, s := range subs {
		if s.year == 0 {
			continue
		}
		count[s.year]++
		if count[s.year] > count[best] || count[s.year] == count[best] && s.year > best {
			best = s.year
		}
	}
	return best
}

// sortProblems orders problems by file, sheet, cell position, then rule, so
// output is stable whatever order files were read in.
func sortProblems(ps []templates.Problem) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.Src.File != b.Src.File {
			return a.Src.File < b.Src.File
		}
		if a.Src.Sheet != b.Src.Sheet {
			return a.Src.Sheet < b.Src.Sheet
		}
		if ka, kb := cellKey(a.Src.Cell), cellKey(b.Src.Cell); ka != kb {
			return ka < kb
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Message < b.Message
	})
}

// cellKey orders A1 names by row, then column.
func cellKey(cell string) string {
	i := strings.IndexAny(cell, "0123456789")
	if i < 0 {
		return cell
	}
	return fmt.Sprintf("%08s%4s", cell[i:], cell[:i])
}

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
