package convert

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// OpenBytes reads only the bytes it is given: the file may be overwritten
// or gone meanwhile, and the workbook is still that of the bytes read, as
// Open read it before.
func TestOpenBytesReadsOnlyItsBytes(t *testing.T) {
	for _, src := range []string{
		filepath.Join("..", "samples", "2024", "王官营镇.xlsx"),
		filepath.Join("testdata", "xls", "projects.xls"),
		filepath.Join("testdata", "csv", "seed_gbk.csv"),
		filepath.Join("testdata", "csv", "seed_utf16le.txt"),
		filepath.Join("testdata", "docx", "form.docx"),
		filepath.Join("testdata", "html", "王官营镇绩效目标导出.xls"),
	} {
		t.Run(filepath.Base(src), func(t *testing.T) {
			orig, err := os.ReadFile(src)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), filepath.Base(src))
			if err := os.WriteFile(path, orig, 0o644); err != nil {
				t.Fatal(err)
			}
			want, err := Open(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			data, err := ReadInput(path)
			if err != nil {
				t.Fatal(err)
			}
			// another file in its place, then none
			if err := os.WriteFile(path, []byte("序号,项目名称\n1,别的\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			got, err := OpenBytes(path, data, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Error("OpenBytes read something other than its bytes")
			}
			os.Remove(path)
			if got, err := OpenBytes(path, data, Options{}); err != nil || !reflect.DeepEqual(got, want) {
				t.Errorf("with the file gone: %v", err)
			}
		})
	}
	// the excelize path too (taken for packages the fast reader leaves)
	src := filepath.Join("..", "samples", "2024", "王官营镇.xlsx")
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	want, err := readXLSXLibrary(src, data, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	gone := filepath.Join(t.TempDir(), "王官营镇.xlsx")
	if got, err := readXLSXLibrary(gone, data, nil, nil); err != nil || len(got.Sheets) != len(want.Sheets) {
		t.Errorf("excelize path without the file: %v", err)
	}
}

// ReadInput refuses a file beyond MaxInputBytes before reading it, and an
// empty or missing file is unreadable.
func TestReadInputLimits(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "大.xlsx")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	// sparse: takes no room on disk
	if err := f.Truncate(MaxInputBytes + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	empty := filepath.Join(dir, "空.csv")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, path string
		want       error
	}{
		{"too large", big, ErrTooLarge},
		{"missing", filepath.Join(dir, "无.xlsx"), ErrUnreadable},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadInput(tc.path)
			var le *LocatedError
			if !errors.Is(err, tc.want) || !errors.As(err, &le) || le.File != tc.path {
				t.Errorf("err = %v, want %v naming the file", err, tc.want)
			}
			if _, err := Open(tc.path, Options{}); !errors.Is(err, tc.want) {
				t.Errorf("Open: err = %v, want %v", err, tc.want)
			}
		})
	}
	// a missing file is not called damaged
	if _, err := ReadInput(filepath.Join(dir, "无.xlsx")); !errors.Is(err, ErrNotFound) || strings.Contains(err.Error(), "损坏") {
		t.Errorf("missing file: err = %v, want ErrNotFound, not 损坏", err)
	}
	data, err := ReadInput(empty)
	if err != nil || len(data) != 0 {
		t.Fatalf("empty file: %d bytes, %v", len(data), err)
	}
	if _, err := OpenBytes(empty, data, Options{}); !errors.Is(err, ErrUnreadable) {
		t.Errorf("empty file: err = %v, want ErrUnreadable", err)
	}
}

// Bytes no reader knows are ErrUnknownFormat; under the name of a format
// jixiao reads they are called damaged or misnamed, not a format to convert.
func TestUnknownFormatAdvice(t *testing.T) {
	cases := []struct {
		name    string
		damaged bool
	}{
		{"坏.xlsx", true},
		{"坏.docx", true},
		{"坏.ods", true},
		{"坏.abc", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := OpenBytes(c.name, []byte("\x00\x01garbage"), Options{})
			if !errors.Is(err, ErrUnknownFormat) {
				t.Fatalf("err = %v, want ErrUnknownFormat", err)
			}
			if got := strings.Contains(err.Error(), "损坏"); got != c.damaged {
				t.Errorf("%v: says damaged %v, want %v", err, got, c.damaged)
			}
		})
	}
}
