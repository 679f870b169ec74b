package convert

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

func TestAtomicFileCommitAndDiscard(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "县级汇总.xlsx")
	if err := os.WriteFile(out, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, named := range []bool{false, true} {
		create := createAtomic
		if named {
			create = createNamed
		}
		a, err := create(out)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.Write([]byte("half")); err != nil {
			t.Fatal(err)
		}
		a.discard()
		if b, _ := os.ReadFile(out); string(b) != "old" {
			t.Fatalf("discard changed the output to %q", b)
		}
		a, err = create(out)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.Write([]byte("new")); err != nil {
			t.Fatal(err)
		}
		if err := a.commit(); err != nil {
			t.Fatal(err)
		}
		a.discard()
		if b, _ := os.ReadFile(out); string(b) != "new" {
			t.Fatalf("output = %q after commit", b)
		}
		os.WriteFile(out, []byte("old"), 0o644)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("folder holds %d files, want only the output", len(entries))
	}
}

func TestSweepTemps(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.xlsx")
	dead := filepath.Join(dir, ".out.xlsx.999999999-1.tmp")
	live := filepath.Join(dir, ".out.xlsx."+strconv.Itoa(os.Getppid())+"-1.tmp")
	other := filepath.Join(dir, ".other.xlsx.999999999-1.tmp")
	for _, p := range []string{dead, live, other} {
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sweepTemps(out)
	for p, want := range map[string]bool{dead: false, live: true, other: true} {
		if _, err := os.Stat(p); (err == nil) != want {
			t.Errorf("%s exists = %v, want %v", filepath.Base(p), err == nil, want)
		}
	}
}
