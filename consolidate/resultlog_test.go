package consolidate

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"jixiao/consolidate/internal/spill"
	"jixiao/convert"
	"jixiao/templates"
)

// problemsOf is every problem of res.
func problemsOf(t *testing.T, res *Result) []templates.Problem {
	t.Helper()
	return all(t, res.AllProblems)
}

// sourcesOf is every source of res.
func sourcesOf(t *testing.T, res *Result) []SourceFile {
	t.Helper()
	return all(t, res.AllSources)
}

// logFixture is a few sources and problems, some with errors.
func logFixture() ([]SourceFile, []templates.Problem) {
	bad := &convert.LocatedError{File: "坏.xlsx", Err: convert.ErrUnreadable}
	sources := []SourceFile{
		{Path: "2024/王官营镇.xlsx", Township: "王官营镇", Format: "xlsx", Encoding: "", Unit: convert.UnitWan, Projects: 13,
			SHA256: strings.Repeat("ab", 32), Status: StatusProblems},
		{Path: "2024/坏.xlsx", Status: StatusUnreadable, Err: bad},
		{Path: "2024/~$临时.xlsx", Status: StatusSkipped},
		{Path: "2024/乡镇.csv", Township: "石门乡", Format: "csv", Encoding: "gb18030", Unit: convert.UnitYuan, Projects: 2, Status: StatusOK},
	}
	problems := []templates.Problem{
		{Severity: templates.Error, Rule: RulePlanYearEnd, Township: "王官营镇",
			Src: templates.Source{File: "2024/王官营镇.xlsx", Sheet: "项目12", Cell: "F9"}, Project: "13020824P00000810014W",
			Message: "12月底累计支出计划 1.00 万元，与预算数 2.00 万元不一致"},
		{Severity: templates.Error, Rule: RuleUnreadable, Src: templates.Source{File: "2024/坏.xlsx"}, Message: "无法读取", Err: bad},
		{Severity: templates.Warning, Rule: RuleSkipped, Src: templates.Source{File: "2024/~$临时.xlsx"}},
	}
	return sources, problems
}

func TestResultLogRoundTrip(t *testing.T) {
	sources, problems := logFixture()
	for _, tc := range []struct {
		name   string
		chunk  int
		loaded bool // the records moved into memory, as after Close
	}{
		{"a chunk per record", 1, false},
		{"a few records a chunk", 100, false},
		{"default chunks", 0, false},
		{"a chunk per record, loaded", 1, true},
		{"default chunks, loaded", 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			recs := &spill.Records{}
			t.Cleanup(func() { recs.Remove() })
			l, err := newResultLog(recs, sources, problems, tc.chunk)
			if err != nil {
				t.Fatal(err)
			}
			if tc.chunk == 1 && l.sources.log.Chunks() != len(sources) {
				t.Errorf("%d chunks of sources, want one a record", l.sources.log.Chunks())
			}
			if tc.loaded {
				if err := recs.Load(); err != nil {
					t.Fatal(err)
				}
			}
			res := &Result{log: l}
			if got := sourcesOf(t, res); !reflect.DeepEqual(got, sources) {
				t.Errorf("sources\n got %+v\nwant %+v", got, sources)
			}
			got := problemsOf(t, res)
			if !reflect.DeepEqual(got, problems) {
				t.Errorf("problems\n got %+v\nwant %+v", got, problems)
			}
			if !errors.Is(got[1].Err, convert.ErrUnreadable) {
				t.Errorf("the unreadable file's problem lost its error: %v", got[1].Err)
			}
			if res.SourceCount() != len(sources) || res.ProblemCount() != len(problems) {
				t.Errorf("counts %d, %d", res.SourceCount(), res.ProblemCount())
			}
			stop := errors.New("stop")
			n := 0
			if err := res.EachProblem(func(templates.Problem) error { n++; return stop }); err != stop || n != 1 {
				t.Errorf("EachProblem went on after fn's error: %v, %d calls", err, n)
			}
		})
	}
}

// A damaged or removed record file is an error, never a short list.
func TestResultLogDamaged(t *testing.T) {
	sources, problems := logFixture()
	for _, tc := range []struct {
		name   string
		damage func(l *resultLog)
		want   error
	}{
		// records that are not problems (the log's own faults are
		// spill's: see TestLogDamaged)
		{"records of another kind", func(l *resultLog) { l.problems = l.sources }, errRecord},
		{"file removed", func(l *resultLog) { l.recs.Remove() }, spill.ErrClosed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			recs := &spill.Records{}
			t.Cleanup(func() { recs.Remove() })
			l, err := newResultLog(recs, sources, problems, 0)
			if err != nil {
				t.Fatal(err)
			}
			tc.damage(l)
			_, err = (&Result{log: l}).AllProblems()
			if !errors.Is(err, tc.want) {
				t.Errorf("error %v, want %v", err, tc.want)
			}
		})
	}
}

// Errors, Warnings and each township's counts come from the problems.
func TestCountProblems(t *testing.T) {
	a := &tally{township: "王官营镇", file: "2024/王官营镇.xlsx"}
	b := &tally{township: "石门乡", file: "2024/乡镇.csv"}
	_, problems := logFixture()
	problems = append(problems, templates.Problem{Severity: templates.Warning, Township: "石门乡", Src: templates.Source{File: "2024/乡镇.csv"}},
		templates.Problem{Severity: templates.Error, Township: "王官营镇", Src: templates.Source{File: "2024/另一个.xlsx"}})
	res := &Result{counted: []*tally{a, b}, problems: problems, records: &spill.Records{}}
	t.Cleanup(func() { res.records.Remove() })
	if err := res.finish(0); err != nil {
		t.Fatal(err)
	}
	if res.Errors() != 3 || res.Warnings() != 2 || res.problems != nil || res.ProblemCount() != 5 {
		t.Errorf("errors %d, warnings %d, count %d", res.Errors(), res.Warnings(), res.ProblemCount())
	}
	if a.errors != 1 || a.warnings != 0 || b.errors != 0 || b.warnings != 1 {
		t.Errorf("王官营镇 %d/%d, 石门乡 %d/%d; want 1/0, 0/1", a.errors, a.warnings, b.errors, b.warnings)
	}
}

// A run gives the same sources and problems whatever the chunk size, and
// they survive Close.
func TestRunLogChunks(t *testing.T) {
	var want string
	for _, chunk := range []int{0, 1, 200} {
		res, err := Run(context.Background(), []string{filepath.Join("..", "samples", "2024")}, Options{logChunk: chunk})
		if err != nil {
			t.Fatal(err)
		}
		if chunk == 1 && res.log.problems.log.Chunks() != res.ProblemCount() {
			t.Errorf("chunk 1: %d chunks for %d problems", res.log.problems.log.Chunks(), res.ProblemCount())
		}
		if err := res.Close(); err != nil {
			t.Fatal(err)
		}
		got := fmt.Sprintf("%+v\n%+v", sourcesOf(t, res), problemsOf(t, res))
		if res.ProblemCount() == 0 || res.SourceCount() < 7 {
			t.Fatalf("chunk %d: %d problems, %d sources", chunk, res.ProblemCount(), res.SourceCount())
		}
		if chunk == 0 {
			want = got
		} else if got != want {
			t.Errorf("chunk %d: sources and problems differ from the default chunks", chunk)
		}
	}
}
