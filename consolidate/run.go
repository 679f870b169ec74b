package consolidate

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"

	"jixiao/consolidate/internal/spill"
	"jixiao/consolidate/review"
	"jixiao/convert"
	"jixiao/templates"
)

// Options tune a consolidation run.
type Options struct {
	// Unit is the money unit of the county workbook (default 万元).
	Unit convert.Unit
	// Jobs is the number of files read in parallel (default: all cores).
	Jobs int
	// Encoding forces the encoding of CSV/HTML inputs ("auto" by default).
	Encoding string
	// Progress, when set, is called after each file is read, from one
	// goroutine at a time.
	Progress func(Progress)
	// KeepInMemory is how many full submissions are kept in memory; the
	// others wait in a temporary file until the detail sheets are written.
	// 0 means DefaultKeepInMemory, a negative number none. The result is the
	// same either way.
	KeepInMemory int
	// Rules is the review rule set run over every submission (nil:
	// review.Default(); review.None() runs none).
	Rules *review.Config
	// Townships, when set, is the county's list of townships: names read
	// are matched against it and a name not on it is an error.
	Townships *templates.TownshipList
	// Outputs are the paths this run writes (the county workbook, the JSON
	// report); they are never read as inputs.
	Outputs []string
	// logChunk is the size of the chunks in which the sources and problems
	// are stored (0: spill.DefaultChunk); tests make it small.
	logChunk int
}

// Progress reports how far reading has come.
type Progress struct {
	Done, Total int
	File        string
}

// Source statuses in 来源清单.
const (
	StatusOK         = "已汇总"
	StatusProblems   = "已汇总（有错误）"
	StatusUnreadable = "无法读取"
	StatusDuplicate  = "重复提交，未计入"
	StatusSkipped    = "已跳过"
)

// SourceFile is one input file and what became of it (a row of 来源清单).
type SourceFile struct {
	Path     string
	Township string
	Format   string
	Encoding string
	Unit     convert.Unit
	Projects int
	SHA256   string
	Status   string
	// Err is why the file could not be read, when it could not.
	Err error
	// tally is what is kept of the file's content; nil when unreadable or
	// skipped.
	tally *tally
	// filled is the stated 填报日期 as YYYY-MM-DD, "" when none: it decides
	// between two files of one township (see duplicateRule).
	filled string
}

// Result is a whole consolidation: every input file (see EachSource), the
// submissions that count (one per township, sorted by township; see
// EachSubmission), and every problem (see EachProblem). Close removes its
// temporary file.
type Result struct {
	Unit convert.Unit
	Year int
	// sources and problems are the lists while Run makes them; then they
	// move to log.
	sources  []SourceFile
	problems []templates.Problem
	log      *resultLog
	// errors and warnings count the problems by severity.
	errors, warnings int
	// counted are the submissions that count, sorted by township.
	counted []*tally
	store   *submissionStore
	// records holds the projects of every tally; in numbers their cost
	// texts and places.
	records *spill.Records
	// infos holds each tally's particulars (TownshipInfo) for the report.
	infos *spill.Records
	in    *interner
	// rules are the review rules as configured; ruleCounts, once the
	// problems are known, how often each was broken.
	rules      []review.RuleState
	ruleCounts []review.RuleCount
}

// ErrNoInput means no file to read was found under the paths given.
var ErrNoInput = errors.New("没有找到可读取的文件")

// ErrNotFound means an input path does not exist (convert.ErrNotFound).
var ErrNotFound = convert.ErrNotFound

// ErrInternal marks a file whose reading failed on a fault in jixiao itself
// (a recovered panic), not in the file; it is reported with ErrUnreadable.
var ErrInternal = errors.New("jixiao 内部错误，请将该文件报告给维护人员")

// Run reads every input under paths, validates each submission, resolves
// duplicates and returns the consolidated result. Files that cannot be read
// are listed with their reason and do not stop the others. The result does
// not depend on the order in which parallel reads finish.
//
//	res, err := consolidate.Run(ctx, []string{"samples/2024"}, consolidate.Options{Unit: convert.UnitWan})
func Run(ctx context.Context, paths []string, opt Options) (*Result, error) {
	if opt.Unit == convert.UnitUnknown {
		opt.Unit = convert.UnitWan
	}
	if opt.Rules == nil {
		opt.Rules = review.Default()
	}
	files, listed, err := convert.ListInputs(paths)
	if err != nil {
		return nil, err
	}
	files = convert.WithoutPaths(files, opt.Outputs)
	skipped := make([]SourceFile, len(listed))
	for i, s := range listed {
		skipped[i] = SourceFile{Path: s.Path, Status: StatusSkipped, Err: s.Err}
		if s.Unreadable {
			skipped[i].Status = StatusUnreadable
		}
	}
	if len(files) == 0 {
		for _, s := range skipped {
			if s.Err != nil { // why nothing could be read
				return nil, fmt.Errorf("%w：%s（%v）", ErrNoInput, strings.Join(paths, "、"), s.Err)
			}
		}
		return nil, fmt.Errorf("%w：%s", ErrNoInput, strings.Join(paths, "、"))
	}
	res := &Result{Unit: opt.Unit, store: newSubmissionStore(opt.KeepInMemory), records: &spill.Records{Pattern: "jixiao-tallies-*.tmp"},
		infos: &spill.Records{Pattern: "jixiao-info-*.tmp"}, in: newInterner(),
		rules: opt.Rules.Rules()}
	sources, problems, err := readAll(ctx, files, opt, res)
	if err != nil {
		res.store.close()
		res.records.Remove()
		res.infos.Remove()
		return nil, err
	}
	n := len(skipped)
	for i := range sources {
		n += max(len(problems[i]), 1)
	}
	res.problems = make([]templates.Problem, 0, n)
	for i := range sources {
		src := &sources[i]
		if src.Err != nil {
			res.problems = append(res.problems, unreadableProblem(src))
			continue
		}
		res.problems = append(res.problems, problems[i]...)
	}
	for _, s := range skipped {
		sources = append(sources, s)
		switch {
		case s.Status == StatusUnreadable:
			res.problems = append(res.problems, unreadableProblem(&s))
		case s.Err != nil:
			res.problems = append(res.problems, templates.Problem{Severity: templates.Warning, Rule: RuleSkipped,
				Src: templates.Source{File: s.Path}, Message: errors.Unwrap(s.Err).Error(), Err: s.Err})
		default:
			res.problems = append(res.problems, templates.Problem{Severity: templates.Warning, Rule: RuleSkipped,
				Src: templates.Source{File: s.Path}, Message: "不是可汇总的文件（扩展名不支持、Office 临时文件或隐藏文件），未读取"})
		}
	}
	res.sources = sources
	sources, problems = nil, nil
	res.resolveDuplicates()
	err = res.checkSharedCodes()
	if err == nil {
		res.setStatuses()
		res.Year = commonYear(res.counted)
		sortProblems(res.problems)
		err = res.finish(opt.logChunk)
	}
	if err != nil {
		res.store.close()
		res.records.Remove()
		res.infos.Remove()
		return nil, err
	}
	return res, nil
}

// readAll reads files with a pool of opt.Jobs workers; results are stored by
// input index, so their order never depends on scheduling. problems[i] are
// the problems of sources[i]'s content (see readOne).
func readAll(ctx context.Context, files []string, opt Options, res *Result) (sources []SourceFile, problems [][]templates.Problem, err error) {
	jobs := opt.Jobs
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	if jobs > len(files) {
		jobs = len(files)
	}
	out := make([]readResult, len(files))
	idx := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range idx {
				out[i] = readOne(ctx, files[i], opt, res)
				if opt.Progress != nil {
					mu.Lock()
					done++
					opt.Progress(Progress{Done: done, Total: len(files), File: files[i]})
					mu.Unlock()
				}
			}
		}()
	}
feed:
	for i := range files {
		select {
		case idx <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(idx)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	n := 0
	for _, r := range out {
		n += len(r.sources)
	}
	sources, problems = make([]SourceFile, 0, n), make([][]templates.Problem, 0, n)
	for _, r := range out {
		sources = append(sources, r.sources...)
		problems = append(problems, r.problems...)
	}
	return sources, problems, nil
}

// readResult is what readOne gives of a file: a SourceFile per submission
// in it, and the problems of each submission's content: its own and its
// validation's.
type readResult struct {
	sources  []SourceFile
	problems [][]templates.Problem
}

// readOne reads and validates one file: one SourceFile per submission in it
// (a flat table of several townships gives several, all with the file's
// path). Each submission goes into res's store, the record of its projects
// into res's records.
func readOne(ctx context.Context, path string, opt Options, res *Result) (out readResult) {
	unreadable := func(err error) readResult {
		return readResult{sources: []SourceFile{{Path: path, Status: StatusUnreadable, Err: err}}, problems: [][]templates.Problem{nil}}
	}
	defer func() {
		if r := recover(); r != nil {
			out = unreadable(&convert.LocatedError{File: path, Err: fmt.Errorf("%w（%w）: %v", convert.ErrUnreadable, ErrInternal, r)})
		}
	}()
	subs, err := templates.ReadFileAll(ctx, path, templates.ReadOptions{Encoding: opt.Encoding})
	if err != nil {
		return unreadable(err)
	}
	for _, sub := range subs {
		if sf, p, ok := nonSubmission(path, sub); ok {
			out.sources = append(out.sources, sf)
			out.problems = append(out.problems, []templates.Problem{p})
			continue
		}
		opt.Townships.Apply(sub)
		sf := SourceFile{Path: path, filled: dateKey(sub.FilledOn.Value)}
		sf.Township, sf.Format, sf.Encoding = sub.Township.Value, sub.Format, sub.Encoding
		sf.Unit, sf.Projects, sf.SHA256 = sub.Unit, len(sub.Projects), sub.SHA256
		problems := append(append([]templates.Problem(nil), sub.Problems...), Validate(sub, opt.Unit)...)
		problems = withReview(problems, review.Check(sub, opt.Rules))
		t, err := newTally(sub, res.in, res.records)
		if err == nil {
			t.info, err = res.infos.Put(appendInfo(nil, InfoOf(sub)))
		}
		if err == nil {
			err = res.store.put(t, sub)
		}
		if err != nil {
			return unreadable(&convert.LocatedError{File: path, Err: err})
		}
		t.unitMismatch = unitMismatch(problems)
		sf.tally = t
		out.sources = append(out.sources, sf)
		out.problems = append(out.problems, problems)
	}
	return out
}

func unreadableProblem(src *SourceFile) templates.Problem {
	p := templates.Problem{Severity: templates.Error, Rule: RuleUnreadable, Src: templates.Source{File: src.Path},
		Message: src.Err.Error(), Err: src.Err}
	var le *convert.LocatedError
	if errors.As(src.Err, &le) {
		p.Src.Sheet, p.Src.Cell = le.Sheet, le.Cell
		if le.Err != nil {
			p.Message = le.Err.Error()
		}
	}
	return p
}
