package consolidate

import (
	"bytes"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/shopspring/decimal"

	"jixiao/templates"
)

// DefaultKeepInMemory is how many full submissions a run keeps in memory
// unless Options.KeepInMemory says otherwise (about 100 KB each); the rest
// wait in a temporary file until the workbook is written.
const DefaultKeepInMemory = 200

// tally is what stays in memory of a submission read: what the summary and
// aggregate sheets need (汇总, 分类汇总, 乡镇差异, 单位成本) and the checks
// across townships. The full submission is either held too, or spilled to
// the run's temporary file and read back for the detail sheets.
type tally struct {
	township string
	file     string
	year     int
	totals   Totals // without problem counts
	projects []projectTally
	// problems are the submission's own, given back with it when it is
	// read from the spill file.
	problems []templates.Problem
	full     *templates.Submission // nil when spilled
	spilled  spillRef
}

// projectTally is what stays in memory of a project.
type projectTally struct {
	name    string
	code    templates.Text
	budget  decimal.Decimal
	costNum []templates.Indicator // numeric 成本指标 (see UnitCosts)
}

func newTally(sub *templates.Submission) *tally {
	t := &tally{township: sub.Township.Value, file: sub.File, year: sub.Year, totals: TownshipTotals(sub),
		problems: sub.Problems, projects: make([]projectTally, len(sub.Projects))}
	for i, p := range sub.Projects {
		pt := projectTally{name: p.Name.Value, code: p.Code, budget: p.Budget.Yuan}
		for _, ind := range p.Indicators {
			if isUnitCost(ind) {
				pt.costNum = append(pt.costNum, ind)
			}
		}
		t.projects[i] = pt
	}
	return t
}

// submissionStore holds the full submissions of a run: the first keep in
// memory, the others in a temporary file, one gob record each. It is safe
// for concurrent use.
type submissionStore struct {
	mu   sync.Mutex
	keep int
	held int
	file *os.File // nil until the first spill
	name string   // the file's name; "" when unnamed
	size int64
}

// spillRef locates a spilled submission in the store's file.
type spillRef struct {
	off, n int64
}

func newSubmissionStore(keep int) *submissionStore {
	if keep == 0 {
		keep = DefaultKeepInMemory
	}
	return &submissionStore{keep: max(keep, 0)}
}

// put keeps sub in t, or spills it.
func (s *submissionStore) put(t *tally, sub *templates.Submission) error {
	s.mu.Lock()
	if s.held < s.keep {
		s.held++
		s.mu.Unlock()
		t.full = sub
		return nil
	}
	s.mu.Unlock()
	var buf bytes.Buffer
	stripped := *sub
	stripped.Problems = nil // restored from the tally; their errors do not encode
	if err := gob.NewEncoder(&buf).Encode(&stripped); err != nil {
		return fmt.Errorf("暂存乡镇「%s」的数据：%w", sub.Township.Value, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.file == nil {
		if err := s.create(); err != nil {
			return fmt.Errorf("创建临时文件：%w", err)
		}
	}
	if _, err := s.file.WriteAt(buf.Bytes(), s.size); err != nil {
		return fmt.Errorf("写临时文件：%w", err)
	}
	t.spilled = spillRef{off: s.size, n: int64(buf.Len())}
	s.size += int64(buf.Len())
	return nil
}

// create opens the spill file in the system's temporary folder: unnamed
// where possible, so that it vanishes with the process however it ends.
func (s *submissionStore) create() error {
	dir := os.TempDir()
	if f, err := openUnnamed(dir); err == nil {
		s.file = f
		return nil
	}
	f, err := os.CreateTemp(dir, "jixiao-submissions-*.tmp")
	if err != nil {
		return err
	}
	s.file, s.name = f, f.Name()
	return nil
}

// get returns t's full submission.
func (s *submissionStore) get(t *tally) (*templates.Submission, error) {
	if t.full != nil {
		return t.full, nil
	}
	if s == nil || s.file == nil || t.spilled.n == 0 {
		return nil, errClosed
	}
	var sub templates.Submission
	r := io.NewSectionReader(s.file, t.spilled.off, t.spilled.n)
	if err := gob.NewDecoder(r).Decode(&sub); err != nil {
		return nil, fmt.Errorf("读回乡镇「%s」的暂存数据：%w", t.township, err)
	}
	sub.Problems = t.problems
	return &sub, nil
}

// close removes the spill file.
func (s *submissionStore) close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.file == nil {
		return nil
	}
	err := s.file.Close()
	if s.name != "" {
		if rerr := os.Remove(s.name); err == nil {
			err = rerr
		}
	}
	s.file, s.name, s.size = nil, "", 0
	return err
}

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

// Close releases the full submissions and removes the run's temporary
// file. Afterwards the totals, problems and sources remain (the summary
// sheets and the report can still be made) but EachSubmission fails. Close
// may be called more than once.
func (r *Result) Close() error {
	if r == nil || r.store == nil {
		return nil
	}
	for _, t := range r.counted {
		t.full = nil
	}
	return r.store.close()
}
