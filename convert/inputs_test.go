package convert

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestListInputsNotFound(t *testing.T) {
	_, _, err := ListInputs([]string{filepath.Join(t.TempDir(), "没有.xlsx")})
	var le *LocatedError
	if !errors.Is(err, ErrNotFound) || !errors.As(err, &le) || errors.Is(err, ErrUnreadable) {
		t.Errorf("err = %v, want ErrNotFound located at the path, not ErrUnreadable", err)
	}
}

// A folder's inputs are listed in order; everything else in it is listed as
// skipped, with a reason where the name alone does not say it.
func TestListInputs(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"b.xlsx", "a.csv", "readme.md", "~$a.xlsx", ".hidden.xlsx", "sub/c.xls", ".git/d.xlsx"} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files, skipped, err := ListInputs([]string{dir, filepath.Join(dir, "a.csv")})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.xlsx"), filepath.Join(dir, "sub", "c.xls")}
	if !slices.Equal(files, want) {
		t.Errorf("files = %q, want %q", files, want)
	}
	var names []string
	for _, s := range skipped {
		names = append(names, filepath.Base(s.Path))
		if s.Unreadable || s.Err != nil {
			t.Errorf("%s: skipped for its name, got unreadable=%v err=%v", s.Path, s.Unreadable, s.Err)
		}
	}
	if want := []string{".hidden.xlsx", "readme.md", "~$a.xlsx"}; !slices.Equal(names, want) {
		t.Errorf("skipped = %q, want %q", names, want)
	}
}

func TestWithoutPaths(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.xlsx"), filepath.Join(dir, "汇总.xlsx")
	tests := []struct {
		name       string
		files      []string
		drop, want []string
	}{
		{"nothing to drop", []string{a, b}, nil, []string{a, b}},
		{"stdout drops nothing", []string{a, b}, []string{"-", ""}, []string{a, b}},
		{"output dropped", []string{a, b}, []string{b}, []string{a}},
		{"relative spelling of the same path", []string{a, b}, []string{filepath.Join(dir, ".", "sub", "..", "汇总.xlsx")}, []string{a}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := WithoutPaths(tt.files, tt.drop); !slices.Equal(got, tt.want) {
				t.Errorf("WithoutPaths = %q, want %q", got, tt.want)
			}
		})
	}
}
