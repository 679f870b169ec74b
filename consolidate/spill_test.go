package consolidate_test

import (
	"bytes"
	"context"
	"os"
	"testing"

	"jixiao/consolidate"
	"jixiao/consolidate/baseline"
	"jixiao/templates"
)

// all returns what list gives, failing the test on its error.
func all[T any](t *testing.T, list func() ([]T, error)) []T {
	t.Helper()
	v, err := list()
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// subsOf returns res's counted submissions.
func subsOf(t *testing.T, res *consolidate.Result) []*templates.Submission {
	t.Helper()
	return all(t, res.AllSubmissions)
}

// problemsOf returns every problem of res.
func problemsOf(t *testing.T, res *consolidate.Result) []templates.Problem {
	t.Helper()
	return all(t, res.AllProblems)
}

// sourcesOf returns every source of res.
func sourcesOf(t *testing.T, res *consolidate.Result) []consolidate.SourceFile {
	t.Helper()
	return all(t, res.AllSources)
}

// The county workbook is the same bytes whether the submissions were held in
// memory, all spilled to the temporary file, or some of each.
func TestSameBytesWhetherSpilledOrHeld(t *testing.T) {
	base, err := baseline.Load(context.Background(), []string{wbSamples("2023")}, consolidate.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var outs [][]byte
	for _, keep := range []int{1000, -1, 3} {
		res := wbRun(t, consolidate.Options{KeepInMemory: keep}, wbSamples("2024"))
		_, path := wbWrite(t, res, consolidate.WriteOptions{Baseline: base})
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		outs = append(outs, data)
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Error("spilling every submission changed the workbook")
	}
	if !bytes.Equal(outs[0], outs[2]) {
		t.Error("spilling some submissions changed the workbook")
	}
}
