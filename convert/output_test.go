package convert

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
)

// TestCheckOutput: each output problem is found before anything is
// written, as a *LocatedError naming the output and wrapping its sentinel.
func TestCheckOutput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "王官营镇.xlsx")
	existing := filepath.Join(dir, "县级汇总.xlsx")
	linked := filepath.Join(dir, "另一个名字.xlsx")
	for _, p := range []string{in, existing} {
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Link(in, linked); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		path  string
		force bool
		want  error
	}{
		{"new file", filepath.Join(dir, "新.xlsx"), false, nil},
		{"missing folder", filepath.Join(dir, "没有", "县级汇总.xlsx"), false, ErrOutputPath},
		{"a folder", dir, true, ErrOutputPath},
		{"folder is a file", filepath.Join(existing, "x.xlsx"), false, ErrOutputPath},
		{"exists", existing, false, ErrOutputExists},
		{"exists, --force", existing, true, nil},
		{"an input", in, true, ErrOutputIsInput},
		{"an input by another name", linked, true, ErrOutputIsInput},
		{"an input through a relative path", filepath.Join(dir, ".", "王官营镇.xlsx"), true, ErrOutputIsInput},
	}
	if runtime.GOOS == "linux" {
		tests = append(tests, struct {
			name  string
			path  string
			force bool
			want  error
		}{"folder that cannot be written", "/proc/县级汇总.xlsx", false, ErrOutputPath})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckOutput(tt.path, SaveOptions{Force: tt.force, Inputs: []string{in}})
			if tt.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var le *LocatedError
			if !errors.Is(err, tt.want) || !errors.As(err, &le) || le.File != tt.path {
				t.Fatalf("err = %v, want %v naming %s", err, tt.want, tt.path)
			}
		})
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 {
		t.Errorf("checking left %d entries in the folder, want 3", len(entries))
	}
}

// TestSaveFileNoReplace: without Force, a file that appears under the
// output's name while it is written is never replaced: saving fails with
// ErrOutputExists and the other file stays as it is; with Force it is
// replaced. A failed write leaves nothing behind.
func TestSaveFileNoReplace(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "县级汇总.json")
	err := SaveFile(context.Background(), out, SaveOptions{}, func(w io.Writer) error {
		if err := os.WriteFile(out, []byte("other run"), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := io.WriteString(w, "this run")
		return err
	})
	if !errors.Is(err, ErrOutputExists) {
		t.Fatalf("err = %v, want ErrOutputExists", err)
	}
	if b, _ := os.ReadFile(out); string(b) != "other run" {
		t.Errorf("output = %q, want the other run's", b)
	}
	err = SaveFile(context.Background(), out, SaveOptions{Force: true}, func(w io.Writer) error {
		_, err := io.WriteString(w, "this run")
		return err
	})
	if b, _ := os.ReadFile(out); err != nil || string(b) != "this run" {
		t.Errorf("with Force: err %v, output %q", err, b)
	}
	boom := errors.New("boom")
	if err := SaveFile(context.Background(), filepath.Join(dir, "失败.csv"), SaveOptions{}, func(w io.Writer) error { return boom }); !errors.Is(err, boom) {
		t.Errorf("err = %v, want the write's", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("folder holds %d entries, want only the output", len(entries))
	}
}

// TestSaveFileConcurrent: of several saves of one new output without
// Force, exactly one succeeds.
func TestSaveFileConcurrent(t *testing.T) {
	out := filepath.Join(t.TempDir(), "县级汇总.xlsx")
	const n = 8
	var wg sync.WaitGroup
	var mu sync.Mutex
	ok, exists := 0, 0
	start := make(chan struct{})
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := SaveFile(context.Background(), out, SaveOptions{}, func(w io.Writer) error {
				<-start
				_, err := io.WriteString(w, "data")
				return err
			})
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				ok++
			case errors.Is(err, ErrOutputExists):
				exists++
			default:
				t.Error(err)
			}
		}()
	}
	close(start)
	wg.Wait()
	if ok != 1 || exists != n-1 {
		t.Errorf("%d saves succeeded and %d found the output existing, want 1 and %d", ok, exists, n-1)
	}
}

// TestRenameNoReplace: the named temporary's path (where unnamed files are
// not available) never replaces an existing file either.
func TestRenameNoReplace(t *testing.T) {
	dir := t.TempDir()
	from, to := filepath.Join(dir, "tmp"), filepath.Join(dir, "out")
	for p, data := range map[string]string{from: "new", to: "old"} {
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := renameNoReplace(from, to); !errors.Is(err, ErrOutputExists) {
		t.Fatalf("err = %v, want ErrOutputExists", err)
	}
	if b, _ := os.ReadFile(to); string(b) != "old" {
		t.Errorf("existing file now %q", b)
	}
	os.Remove(to)
	if err := renameNoReplace(from, to); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(to); string(b) != "new" {
		t.Errorf("renamed file holds %q", b)
	}
	if _, err := os.Stat(from); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("temporary still there: %v", err)
	}
}
