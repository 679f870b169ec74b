package consolidate

import (
	"encoding/binary"
	"fmt"

	"jixiao/consolidate/internal/spill"
	"jixiao/consolidate/review"
	"jixiao/convert"
	"jixiao/templates"
)

// A finished run keeps its sources (来源清单) and problems (校验问题) not as
// structs but as compact records in the run's records (see spill.Log), a
// chunk of records at a time: with thousands of townships the structs and
// their messages would be most of what the run holds while the workbook is
// written. They are read back in order, one chunk at a time. Errors do not
// encode; they stay in memory by position (only unreadable files have one).

// resultLog is the sources and problems of a finished run.
type resultLog struct {
	recs              *spill.Records
	sources, problems logSection
}

// logSection is one list: its records and the errors of the records that
// have one, by position.
type logSection struct {
	log  spill.Log
	errs map[int]error
}

// newResultLog stores sources and problems in recs, in chunks of about
// chunk bytes (spill.DefaultChunk when 0).
func newResultLog(recs *spill.Records, sources []SourceFile, problems []templates.Problem, chunk int) (*resultLog, error) {
	l := &resultLog{recs: recs}
	err := logAll(recs, chunk, &l.sources, sources, appendSourceFile, func(s SourceFile) error { return s.Err })
	if err == nil {
		err = logAll(recs, chunk, &l.problems, problems, appendProblem, func(p templates.Problem) error { return p.Err })
	}
	if err != nil {
		return nil, err
	}
	return l, nil
}

// logAll stores items in sec, each encoded by enc, with its error errOf.
func logAll[T any](recs *spill.Records, chunk int, sec *logSection, items []T, enc func([]byte, T) []byte, errOf func(T) error) error {
	w := sec.log.Writer(recs, chunk)
	var rec []byte
	for i, it := range items {
		if err := errOf(it); err != nil {
			if sec.errs == nil {
				sec.errs = map[int]error{}
			}
			sec.errs[i] = err
		}
		rec = enc(rec[:0], it)
		if err := w.Add(rec); err != nil {
			return err
		}
	}
	return w.Flush()
}

func appendSourceFile(b []byte, s SourceFile) []byte {
	for _, str := range [...]string{s.Path, s.Township, s.Format, s.Encoding, s.SHA256, s.Status} {
		b = spill.AppendString(b, str)
	}
	b = binary.AppendUvarint(b, uint64(s.Unit))
	return binary.AppendUvarint(b, uint64(s.Projects))
}

func appendProblem(b []byte, p templates.Problem) []byte {
	b = binary.AppendUvarint(b, uint64(p.Severity))
	for _, str := range [...]string{p.Rule, p.Township, p.Src.File, p.Src.Sheet, p.Src.Cell, p.Project, p.Message,
		p.RuleID, p.ProjectName, p.Suggestion} {
		b = spill.AppendString(b, str)
	}
	return b
}

// sourceFile decodes a record of appendSourceFile; err is its error.
func (d *recordDecoder) sourceFile(err error) SourceFile {
	s := SourceFile{Err: err}
	s.Path, s.Township, s.Format, s.Encoding, s.SHA256, s.Status = d.Str(), d.Str(), d.Str(), d.Str(), d.Str(), d.Str()
	s.Unit = convert.Unit(d.Uvarint())
	s.Projects = int(d.Uvarint())
	return s
}

// problem decodes a record of appendProblem; err is its error.
func (d *recordDecoder) problem(err error) templates.Problem {
	p := templates.Problem{Err: err}
	p.Severity = templates.Severity(d.Uvarint())
	p.Rule, p.Township = d.Str(), d.Str()
	p.Src.File, p.Src.Sheet, p.Src.Cell = d.Str(), d.Str(), d.Str()
	p.Project, p.Message = d.Str(), d.Str()
	p.RuleID, p.ProjectName, p.Suggestion = d.Str(), d.Str(), d.Str()
	return p
}

// eachLogged decodes the records of sec in order with dec, given each
// record's error, and calls fn with each.
func eachLogged[T any](l *resultLog, sec *logSection, what string, dec func(*recordDecoder, error) T, fn func(T) error) error {
	i := 0
	for rec, err := range sec.log.All(l.recs) {
		if err != nil {
			return fmt.Errorf("读回%s：%w", what, err)
		}
		d := newRecordDecoder(rec, nil)
		v := dec(&d, sec.errs[i])
		if err := d.End(); err != nil {
			return fmt.Errorf("读回%s：%w", what, err)
		}
		if err := fn(v); err != nil {
			return err
		}
		i++
	}
	return nil
}

// finish counts the problems, then moves the sources and problems into the
// log.
func (r *Result) finish(chunk int) error {
	r.countProblems()
	r.ruleCounts = review.Count(r.rules, r.problems)
	l, err := newResultLog(r.records, r.sources, r.problems, chunk)
	if err != nil {
		return fmt.Errorf("暂存来源清单和校验问题：%w", err)
	}
	r.log, r.sources, r.problems = l, nil, nil
	return nil
}

// Errors counts the problems of severity Error.
func (r *Result) Errors() int { return r.errors }

// Warnings counts the problems of severity Warning.
func (r *Result) Warnings() int { return r.warnings }

// SourceCount is the number of sources: every input file, one per township
// of a flat file holding several.
func (r *Result) SourceCount() int {
	if r.log == nil {
		return 0
	}
	return r.log.sources.log.Len()
}

// ProblemCount is the number of problems.
func (r *Result) ProblemCount() int {
	if r.log == nil {
		return 0
	}
	return r.log.problems.log.Len()
}

// EachSource calls fn with every input file and what became of it (the rows
// of 来源清单), in path order, read back from the run's records one chunk at
// a time. It stops at the first error.
//
//	err := res.EachSource(func(s consolidate.SourceFile) error { … })
func (r *Result) EachSource(fn func(SourceFile) error) error {
	if r.log == nil {
		return nil
	}
	return eachLogged(r.log, &r.log.sources, "来源清单", (*recordDecoder).sourceFile, fn)
}

// EachProblem calls fn with every problem (the rows of 校验问题), ordered by
// file, sheet, cell and rule, read back from the run's records one chunk at
// a time. It stops at the first error.
//
//	err := res.EachProblem(func(p templates.Problem) error { … })
func (r *Result) EachProblem(fn func(templates.Problem) error) error {
	if r.log == nil {
		return nil
	}
	return eachLogged(r.log, &r.log.problems, "校验问题", (*recordDecoder).problem, fn)
}

// AllSources returns every source at once: for small runs and tests;
// EachSource scales.
func (r *Result) AllSources() ([]SourceFile, error) {
	out := make([]SourceFile, 0, r.SourceCount())
	err := r.EachSource(func(s SourceFile) error {
		out = append(out, s)
		return nil
	})
	return out, err
}

// AllProblems returns every problem at once: for small runs and tests;
// EachProblem scales.
func (r *Result) AllProblems() ([]templates.Problem, error) {
	out := make([]templates.Problem, 0, r.ProblemCount())
	err := r.EachProblem(func(p templates.Problem) error {
		out = append(out, p)
		return nil
	})
	return out, err
}
