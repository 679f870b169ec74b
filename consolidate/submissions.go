package consolidate

import (
	"errors"
	"fmt"

	"jixiao/consolidate/internal/spill"
	"jixiao/templates"
)

// DefaultKeepInMemory is how many full submissions a run keeps in memory
// unless Options.KeepInMemory says otherwise (about 100 KB each); the rest
// wait in a temporary file until the workbook is written.
const DefaultKeepInMemory = 50

// submissionStore holds the full submissions of a run: the first keep in
// their tallies, the others in a temporary file (see spill.Values). It is
// safe for concurrent use.
type submissionStore struct {
	values *spill.Values[templates.Submission]
}

func newSubmissionStore(keep int) *submissionStore {
	if keep == 0 {
		keep = DefaultKeepInMemory
	}
	return &submissionStore{values: spill.NewValues[templates.Submission](keep, "jixiao-submissions-*.tmp")}
}

// put keeps sub in t, or spills it.
func (s *submissionStore) put(t *tally, sub *templates.Submission) error {
	if s.values.Hold() {
		t.full = sub
		return nil
	}
	stripped := *sub
	stripped.Problems = nil // restored from the tally; their errors do not encode
	ref, err := s.values.Put(&stripped, "乡镇「"+sub.Township.Value+"」的数据")
	t.spilled = ref
	return err
}

// get returns t's full submission.
func (s *submissionStore) get(t *tally) (*templates.Submission, error) {
	if t.full != nil {
		return t.full, nil
	}
	if s == nil || t.spilled == (spill.Ref{}) {
		return nil, errClosed
	}
	sub, err := s.values.Get(t.spilled)
	if errors.Is(err, spill.ErrClosed) {
		return nil, errClosed
	}
	if err != nil {
		return nil, fmt.Errorf("读回乡镇「%s」的暂存数据：%w", t.township, err)
	}
	sub.Problems = t.problems
	return sub, nil
}

// close removes the spill file.
func (s *submissionStore) close() error { return s.values.Close() }

var errClosed = errors.New("汇总结果已关闭，乡镇的完整数据不再可用")

// Townships is the number of counted submissions (one per township).
func (r *Result) Townships() int { return len(r.counted) }

// EachSubmission calls fn with each counted submission in township order,
// one at a time; a submission not held in memory is read back from the
// run's temporary file for the call. fn must not keep it when memory
// matters. It stops at the first error.
//
//	err := res.EachSubmission(func(sub *templates.Submission) error { … })
func (r *Result) EachSubmission(fn func(*templates.Submission) error) error {
	for _, t := range r.counted {
		sub, err := r.store.get(t)
		if err != nil {
			return err
		}
		if err := fn(sub); err != nil {
			return err
		}
	}
	return nil
}

// AllSubmissions returns every counted submission in township order, all in
// memory at once: for small runs and tests; EachSubmission scales.
func (r *Result) AllSubmissions() ([]*templates.Submission, error) {
	out := make([]*templates.Submission, 0, len(r.counted))
	err := r.EachSubmission(func(sub *templates.Submission) error {
		out = append(out, sub)
		return nil
	})
	return out, err
}

// eachProjects calls fn with each counted tally, in township order, with
// its projects read from its record. fn must not keep ps.
func (r *Result) eachProjects(fn func(i int, t *tally, ps []projectTally) error) error {
	var buf []byte
	for i, t := range r.counted {
		ps, err := r.projectsOf(t, &buf)
		if err != nil {
			return err
		}
		if err := fn(i, t, ps); err != nil {
			return err
		}
	}
	return nil
}

// projectsOf reads t's projects from its record, using *buf.
func (r *Result) projectsOf(t *tally, buf *[]byte) ([]projectTally, error) {
	b, err := r.records.Get(t.record, *buf)
	if err != nil {
		return nil, fmt.Errorf("读回乡镇「%s」的项目：%w", t.township, err)
	}
	if cap(b) > cap(*buf) {
		*buf = b
	}
	d := newRecordDecoder(b, r.in)
	ps := d.projects()
	if d.Err() != nil {
		return nil, fmt.Errorf("读回乡镇「%s」的项目：%w", t.township, d.Err())
	}
	return ps, nil
}

// Close releases the full submissions and removes the run's temporary
// files; the records of the projects, the sources and the problems move
// into memory (a few hundred bytes a township). Afterwards the totals,
// problems and sources remain (the summary sheets and the report can still
// be made) but EachSubmission and EachInfo fail. With thousands of townships, make the
// report before Close: until then it reads them from the file, a township
// at a time. Close may be called more than once.
func (r *Result) Close() error {
	if r == nil || r.store == nil {
		return nil
	}
	for _, t := range r.counted {
		t.full = nil
	}
	err := r.records.Load()
	if serr := r.store.close(); err == nil {
		err = serr
	}
	if r.infos != nil {
		if ierr := r.infos.Remove(); err == nil {
			err = ierr
		}
	}
	return err
}
