package consolidate

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"

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
func subsOf(t *testing.T, res *Result) []*templates.Submission {
	t.Helper()
	return all(t, res.AllSubmissions)
}

// Submissions read back from the spill file are the ones read, field for
// field, problems included, in the same order, however often read.
func TestSpilledSubmissionsAreTheOnesRead(t *testing.T) {
	paths := []string{filepath.Join("..", "samples", "2024"), filepath.Join("..", "samples", "variants")}
	run := func(keep int) *Result {
		res, err := Run(context.Background(), paths, Options{KeepInMemory: keep})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { res.Close() })
		return res
	}
	held, spilled, mixed := run(1000), run(-1), run(2)
	if held.store.values.Spilled() != 0 {
		t.Fatal("KeepInMemory 1000: a spill file was created")
	}
	if spilled.store.values.Spilled() == 0 || spilled.store.values.Held() != 0 {
		t.Fatal("KeepInMemory -1: nothing was spilled")
	}
	if mixed.store.values.Held() != 2 || mixed.store.values.Spilled() == 0 {
		t.Fatalf("KeepInMemory 2: %d held", mixed.store.values.Held())
	}
	want := subsOf(t, held)
	if len(want) < 3 {
		t.Fatalf("%d submissions: the test needs more than 2", len(want))
	}
	for name, res := range map[string]*Result{"spilled": spilled, "mixed": mixed, "spilled, read again": spilled} {
		got := subsOf(t, res)
		if len(got) != len(want) {
			t.Fatalf("%s: %d submissions, want %d", name, len(got), len(want))
		}
		for i := range want {
			if g, w := fmt.Sprintf("%+v", *got[i]), fmt.Sprintf("%+v", *want[i]); g != w {
				t.Errorf("%s: submission %d (%s) differs after spilling", name, i, want[i].Township.Value)
			}
		}
		if fmt.Sprint(problemsOf(t, res)) != fmt.Sprint(problemsOf(t, held)) {
			t.Errorf("%s: problems differ", name)
		}
	}
}

// After Close the full submissions are gone, the totals are not.
func TestClosedResultKeepsTotals(t *testing.T) {
	res, err := Run(context.Background(), []string{filepath.Join("..", "samples", "2024")}, Options{KeepInMemory: 3})
	if err != nil {
		t.Fatal(err)
	}
	_, before := res.Totals()
	if err := res.Close(); err != nil {
		t.Fatal(err)
	}
	if err := res.EachSubmission(func(*templates.Submission) error { return nil }); !errors.Is(err, errClosed) {
		t.Errorf("EachSubmission after Close: %v, want errClosed", err)
	}
	if _, after := res.Totals(); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("totals after Close %v, want %v", after, before)
	}
	if err := res.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}
