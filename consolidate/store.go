package consolidate

import (
	"bufio"
	"bytes"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"sync"

	"jixiao/convert"
	"jixiao/templates"
)

// DefaultKeepInMemory is how many full submissions a run keeps in memory
// unless Options.KeepInMemory says otherwise (about 100 KB each); the rest
// wait in a temporary file until the workbook is written.
const DefaultKeepInMemory = 50

// tally is what stays in memory of a submission read: its township, file,
// year and totals (汇总). What the other summary sheets (分类汇总, 乡镇差异,
// 单位成本) and the checks across townships need of its projects is in
// its record (see recordFile, Result.eachProjects). The full submission is
// either held too, or spilled to the run's temporary file and read back
// for the detail sheets.
type tally struct {
	township string
	county   string // the county the form's title names (templates.Submission.County)
	file     string
	year     int
	totals   packedTotals // without problem counts
	// errors and warnings count the problems of the submission.
	errors, warnings int32
	record           spillRef // its projects, in the run's records
	// problems are the submission's own, given back with it when it is
	// read from the spill file.
	problems []templates.Problem
	full     *templates.Submission // nil when spilled
	spilled  spillRef
	// unitMismatch marks a submission whose amounts are as a whole in
	// another unit than stated (marked in 汇总).
	unitMismatch bool
}

// projectTally is what the record of a tally holds of a project.
type projectTally struct {
	name   string
	code   string
	codeAt *place // where the code was read
	budget exact
	costs  []costTally // its numeric 成本指标 (see unitCostIndex)
}

// costTally is what 单位成本 needs of a numeric 成本指标: its texts, and of its
// parsed value the comparison, the number and the unit.
type costTally struct {
	*costText
	num exact
	at  *place // where its 指标值 was read
}

// value is the parsed 指标值 as far as 单位成本 uses it.
func (c costTally) value() convert.IndicatorValue {
	return convert.IndicatorValue{Raw: c.raw, Op: c.op, Num: c.num.decimal(), HasNum: true, Unit: c.unit}
}

// newTally keeps what the run needs in memory of sub and puts the record of
// its projects in recs; repeated texts and places are shared through in.
func newTally(sub *templates.Submission, in *interner, recs *recordFile) (*tally, error) {
	t := &tally{township: sub.Township.Value, county: sub.County, file: sub.File, year: sub.Year, totals: packTotals(TownshipTotals(sub)),
		problems: sub.Problems}
	projects := make([]projectTally, len(sub.Projects))
	for i, p := range sub.Projects {
		pt := projectTally{name: p.Name.Value, code: p.Code.Value, codeAt: in.place(p.Code.Src),
			budget: packDecimal(p.Budget.Yuan)}
		n := 0
		for _, ind := range p.Indicators {
			if isUnitCost(ind) {
				n++
			}
		}
		if n > 0 {
			pt.costs = make([]costTally, 0, n)
			for _, ind := range p.Indicators {
				if isUnitCost(ind) {
					text := in.costText(costText{level3: ind.Level3.Value, desc: ind.Desc.Value,
						raw: ind.Value.Value, op: ind.Parsed.Op, unit: ind.Parsed.Unit})
					pt.costs = append(pt.costs, costTally{costText: text, num: packDecimal(ind.Parsed.Num),
						at: in.place(ind.Value.Src)})
				}
			}
		}
		projects[i] = pt
	}
	ref, err := recs.put(appendProjects(nil, projects))
	if err != nil {
		return nil, err
	}
	t.record = ref
	return t, nil
}

// submissionStore holds the full submissions of a run: the first keep in
// memory, the others in a temporary file. The file is one gob stream: the
// first record also describes the types, the others are values only, so
// each is small and quick to decode; any record is read back by a decoder
// that has first been shown the first one. It is safe for concurrent use.
type submissionStore struct {
	mu    sync.Mutex
	keep  int
	held  int
	file  *scratch // nil until the first spill
	size  int64
	buf   bytes.Buffer
	enc   *gob.Encoder
	first spillRef // the record with the type descriptions
	dec   *gob.Decoder
	in    *recordReader
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
	defer s.mu.Unlock()
	if s.file == nil {
		if err := s.create(); err != nil {
			return fmt.Errorf("创建临时文件：%w", err)
		}
		s.enc = gob.NewEncoder(&s.buf)
	}
	if s.enc == nil {
		return errors.New("临时文件写入失败，不能再暂存")
	}
	stripped := *sub
	stripped.Problems = nil // restored from the tally; their errors do not encode
	s.buf.Reset()
	if err := s.enc.Encode(&stripped); err != nil {
		// the stream's state is unknown: no further records
		s.enc = nil
		return fmt.Errorf("暂存乡镇「%s」的数据：%w", sub.Township.Value, err)
	}
	if _, err := s.file.WriteAt(s.buf.Bytes(), s.size); err != nil {
		s.enc = nil
		return fmt.Errorf("写临时文件：%w", err)
	}
	t.spilled = spillRef{off: s.size, n: int64(s.buf.Len())}
	if s.size == 0 {
		s.first = t.spilled
	}
	s.size += int64(s.buf.Len())
	return nil
}

// create opens the spill file (see scratchFile).
func (s *submissionStore) create() error {
	f, err := scratchFile("jixiao-submissions-*.tmp")
	if err != nil {
		return err
	}
	s.file = f
	return nil
}

// get returns t's full submission.
func (s *submissionStore) get(t *tally) (*templates.Submission, error) {
	if t.full != nil {
		return t.full, nil
	}
	if s == nil || t.spilled.n == 0 {
		return nil, errClosed
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.file == nil {
		return nil, errClosed
	}
	sub, err := s.decode(t.spilled)
	if err != nil {
		s.dec = nil // its state is unknown: start afresh next time
		return nil, fmt.Errorf("读回乡镇「%s」的暂存数据：%w", t.township, err)
	}
	sub.Problems = t.problems
	return sub, nil
}

// decode reads the record at ref.
func (s *submissionStore) decode(ref spillRef) (*templates.Submission, error) {
	if ref == s.first && s.dec != nil {
		// the decoder has seen its type descriptions: they may not come again
		var sub templates.Submission
		err := gob.NewDecoder(bufio.NewReader(io.NewSectionReader(s.file, ref.off, ref.n))).Decode(&sub)
		return &sub, err
	}
	if s.dec == nil {
		s.in = &recordReader{}
		s.dec = gob.NewDecoder(s.in)
		if ref != s.first {
			s.in.r = bufio.NewReader(io.NewSectionReader(s.file, s.first.off, s.first.n))
			var types templates.Submission
			if err := s.dec.Decode(&types); err != nil {
				return nil, err
			}
		}
	}
	s.in.r = bufio.NewReader(io.NewSectionReader(s.file, ref.off, ref.n))
	var sub templates.Submission
	if err := s.dec.Decode(&sub); err != nil {
		return nil, err
	}
	if _, err := s.in.r.ReadByte(); err != io.EOF {
		return nil, errors.New("记录未读完")
	}
	return &sub, nil
}

// recordReader gives a gob decoder one record after another. It is a
// ByteReader, so the decoder reads no further than each message it decodes.
type recordReader struct {
	r *bufio.Reader
}

func (rr *recordReader) Read(p []byte) (int, error) { return rr.r.Read(p) }
func (rr *recordReader) ReadByte() (byte, error)    { return rr.r.ReadByte() }

// close removes the spill file.
func (s *submissionStore) close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.file == nil {
		return nil
	}
	err := s.file.remove()
	s.file, s.size = nil, 0
	s.enc, s.dec, s.in = nil, nil, nil
	s.buf = bytes.Buffer{}
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
	b, err := r.records.get(t.record, *buf)
	if err != nil {
		return nil, fmt.Errorf("读回乡镇「%s」的项目：%w", t.township, err)
	}
	if cap(b) > cap(*buf) {
		*buf = b
	}
	d := recordDecoder{b: b, in: r.in}
	ps := d.projects()
	if d.err != nil {
		return nil, fmt.Errorf("读回乡镇「%s」的项目：%w", t.township, d.err)
	}
	return ps, nil
}

// Close releases the full submissions and removes the run's temporary
// files; the records of the projects, the sources and the problems move
// into memory (a few hundred bytes a township). Afterwards the totals,
// problems and sources remain (the summary sheets and the report can still
// be made) but EachSubmission fails. With thousands of townships, make the
// report before Close: until then it reads them from the file, a township
// at a time. Close may be called more than once.
func (r *Result) Close() error {
	if r == nil || r.store == nil {
		return nil
	}
	for _, t := range r.counted {
		t.full = nil
	}
	err := r.records.load()
	if serr := r.store.close(); err == nil {
		err = serr
	}
	return err
}
