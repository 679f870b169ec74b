package consolidate

import (
	"fmt"
	"sort"
	"strings"

	"jixiao/templates"
)

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
