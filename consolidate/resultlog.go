package consolidate

import (
	"encoding/binary"
	"fmt"

	"jixiao/convert"
	"jixiao/templates"
)

// A finished run keeps its sources (来源清单) and problems (校验问题) not as
// structs but as compact records in the run's record file (see recordFile),
// a chunk of records at a time: with thousands of townships the structs and
// their messages would be most of what the run holds while the workbook is
// written. They are read back in order, one chunk at a time. Errors do not
// encode; they stay in memory by position (only unreadable files have one).

// defaultLogChunk is the size (in bytes) a chunk of records reaches before it
// is stored.
const defaultLogChunk = 64 << 10

// resultLog is the sources and problems of a finished run.
type resultLog struct {
	recs              *recordFile
	sources, problems logSection
}

// logSection is one list: where its chunks are, how many records it holds
// and the errors of the records that have one, by position.
type logSection struct {
	chunks []spillRef
	n      int
	errs   map[int]error
}

// logWriter appends records to a section, storing a chunk whenever it
// reaches chunk bytes.
type logWriter struct {
	recs  *recordFile
	sec   *logSection
	buf   []byte
	chunk int
}

// add ends the record in w.buf (appended by the caller since the last add)
// and stores the chunk when it is full; err is the record's error, if any.
func (w *logWriter) add(err error) error {
	if err != nil {
		if w.sec.errs == nil {
			w.sec.errs = map[int]error{}
		}
		w.sec.errs[w.sec.n] = err
	}
	w.sec.n++
	if len(w.buf) >= w.chunk {
		return w.flush()
	}
	return nil
}

// flush stores the records added since the last flush as one chunk.
func (w *logWriter) flush() error {
	if len(w.buf) == 0 {
		return nil
	}
	ref, err := w.recs.put(w.buf)
	if err != nil {
		return err
	}
	w.sec.chunks = append(w.sec.chunks, ref)
	w.buf = w.buf[:0]
	return nil
}

// newResultLog stores sources and problems in recs, in chunks of about
// chunk bytes (defaultLogChunk when 0).
func newResultLog(recs *recordFile, sources []SourceFile, problems []templates.Problem, chunk int) (*resultLog, error) {
	if chunk <= 0 {
		chunk = defaultLogChunk
	}
	l := &resultLog{recs: recs}
	w := &logWriter{recs: recs, chunk: chunk}
	err := logAll(w, &l.sources, sources, appendSourceFile, func(s SourceFile) error { return s.Err })
	if err == nil {
		err = logAll(w, &l.problems, problems, appendProblem, func(p templates.Problem) error { return p.Err })
	}
	if err != nil {
		return nil, err
	}
	return l, nil
}

// logAll stores items in sec through w, each encoded by enc, with its error
// errOf.
func logAll[T any](w *logWriter, sec *logSection, items []T, enc func([]byte, T) []byte, errOf func(T) error) error {
	w.sec = sec
	for _, it := range items {
		w.buf = enc(w.buf, it)
		if err := w.add(errOf(it)); err != nil {
			return err
		}
	}
	return w.flush()
}

func appendSourceFile(b []byte, s SourceFile) []byte {
	for _, str := range [...]string{s.Path, s.Township, s.Format, s.Encoding, s.SHA256, s.Status} {
		b = appendString(b, str)
	}
	b = binary.AppendUvarint(b, uint64(s.Unit))
	return binary.AppendUvarint(b, uint64(s.Projects))
}

func appendProblem(b []byte, p templates.Problem) []byte {
	b = binary.AppendUvarint(b, uint64(p.Severity))
	for _, str := range [...]string{p.Rule, p.Township, p.Src.File, p.Src.Sheet, p.Src.Cell, p.Project, p.Message,
		p.RuleID, p.ProjectName, p.Suggestion} {
		b = appendString(b, str)
	}
	return b
}

// sourceFile decodes a record of appendSourceFile; err is its error.
func (d *recordDecoder) sourceFile(err error) SourceFile {
	s := SourceFile{Err: err}
	s.Path, s.Township, s.Format, s.Encoding, s.SHA256, s.Status = d.str(), d.str(), d.str(), d.str(), d.str(), d.str()
	s.Unit = convert.Unit(d.uvarint())
	s.Projects = int(d.uvarint())
	return s
}

// problem decodes a record of appendProblem; err is its error.
func (d *recordDecoder) problem(err error) templates.Problem {
	p := templates.Problem{Err: err}
	p.Severity = templates.Severity(d.uvarint())
	p.Rule, p.Township = d.str(), d.str()
	p.Src.File, p.Src.Sheet, p.Src.Cell = d.str(), d.str(), d.str()
	p.Project, p.Message = d.str(), d.str()
	p.RuleID, p.ProjectName, p.Suggestion = d.str(), d.str(), d.str()
	return p
}

// eachLogged decodes the records of sec in order with dec, given each
// record's error, and calls fn with each.
func eachLogged[T any](l *resultLog, sec *logSection, what string, dec func(*recordDecoder, error) T, fn func(T) error) error {
	var buf []byte
	i := 0
	for _, ref := range sec.chunks {
		b, err := l.recs.get(ref, buf)
		if err != nil {
			return fmt.Errorf("读回%s：%w", what, err)
		}
		if cap(b) > cap(buf) {
			buf = b // the buffer get grew (a record in memory is never written to)
		}
		d := recordDecoder{b: b}
		for len(d.b) > 0 {
			if i >= sec.n {
				return fmt.Errorf("读回%s：%w", what, errRecord)
			}
			v := dec(&d, sec.errs[i])
			if d.err != nil {
				return fmt.Errorf("读回%s：%w", what, d.err)
			}
			if err := fn(v); err != nil {
				return err
			}
			i++
		}
	}
	if i != sec.n {
		return fmt.Errorf("读回%s：%w", what, errRecord)
	}
	return nil
}

// finish counts the problems, then moves the sources and problems into the
// log.
func (r *Result) finish(chunk int) error {
	r.countProblems()
	r.review.count(r.problems)
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
	return r.log.sources.n
}

// ProblemCount is the number of problems.
func (r *Result) ProblemCount() int {
	if r.log == nil {
		return 0
	}
	return r.log.problems.n
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
