// Rule 项目编码跨乡镇重复: one 项目编码 in two townships.

package consolidate

import (
	"cmp"
	"fmt"
	"hash/maphash"
	"slices"

	"jixiao/templates"
)

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
