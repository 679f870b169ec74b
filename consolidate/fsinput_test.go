//go:build linux

package consolidate

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"jixiao/convert"
	"jixiao/internal/deepdir"
	"jixiao/templates"
)

func copySample(t testing.TB, name, dir string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "samples", "2024", name))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestOddEntries: a named pipe among the inputs is listed as skipped (never
// opened: it would block for ever) and a subfolder that cannot be listed as
// unreadable; both are named in the problems and the township beside them
// is consolidated.
func TestOddEntries(t *testing.T) {
	dir := t.TempDir()
	copySample(t, "王官营镇.xlsx", dir)
	fifo := filepath.Join(dir, "管道.csv")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	deep := deepdir.Make(t, dir)

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	res, err := Run(ctx, []string{dir}, Options{Jobs: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer res.Close()
	if res.Townships() != 1 {
		t.Errorf("%d townships consolidated, want 1", res.Townships())
	}
	sources, err := res.AllSources()
	if err != nil {
		t.Fatal(err)
	}
	status := map[string]string{}
	for _, s := range sources {
		status[s.Path] = s.Status
	}
	if status[fifo] != StatusSkipped {
		t.Errorf("pipe listed as %q, want %q", status[fifo], StatusSkipped)
	}
	unreadable := ""
	for p, st := range status {
		if strings.HasPrefix(p, deep) && st == StatusUnreadable {
			unreadable = p
		}
	}
	if unreadable == "" {
		t.Errorf("no unreadable folder under the deep chain listed: %v", status)
	}
	problems, err := res.AllProblems()
	if err != nil {
		t.Fatal(err)
	}
	var sawPipe, sawFolder bool
	for _, p := range problems {
		switch {
		case p.Src.File == fifo && p.Severity == templates.Warning && p.Rule == RuleSkipped:
			sawPipe = strings.Contains(p.Message, "命名管道")
		case p.Src.File == unreadable && p.Severity == templates.Error && p.Rule == RuleUnreadable:
			sawFolder = strings.Contains(p.Message, "文件夹无法读取")
		}
	}
	if !sawPipe || !sawFolder {
		t.Errorf("pipe named %v, folder named %v in the problems", sawPipe, sawFolder)
	}
}

// TestReadInputNotRegular: a pipe, a device or a folder given as a file is
// refused at once with ErrNotRegular, never opened for reading.
func TestReadInputNotRegular(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "管道.xlsx")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{fifo, os.DevNull, t.TempDir()} {
		done := make(chan error, 1)
		go func() { _, err := convert.ReadInput(p); done <- err }()
		select {
		case err := <-done:
			var le *convert.LocatedError
			if !errors.Is(err, convert.ErrNotRegular) || !errors.As(err, &le) || le.File != p {
				t.Errorf("%s: err = %v, want ErrNotRegular naming it", p, err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: reading blocked", p)
		}
	}
}
