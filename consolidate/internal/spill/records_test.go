package spill

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
)

// Records are read back from the file, then from memory once loaded, and
// are gone once removed.
func TestRecords(t *testing.T) {
	var f Records
	var refs []Ref
	for i := range 5 {
		ref, err := f.Put([]byte(strings.Repeat(fmt.Sprint(i), i)))
		if err != nil {
			t.Fatal(err)
		}
		refs = append(refs, ref)
	}
	check := func(when string) {
		t.Helper()
		var buf []byte
		for i, ref := range refs {
			b, err := f.Get(ref, buf)
			if err != nil || string(b) != strings.Repeat(fmt.Sprint(i), i) {
				t.Fatalf("%s: record %d = %q, %v", when, i, b, err)
			}
			buf = b
		}
	}
	check("in the file")
	if f.file == nil {
		t.Fatal("no file")
	}
	if err := f.Load(); err != nil {
		t.Fatal(err)
	}
	if f.file != nil {
		t.Fatal("the file is kept after load")
	}
	check("loaded")
	ref, err := f.Put([]byte("after"))
	if err != nil {
		t.Fatal(err)
	}
	refs = append(refs, ref)
	if b, err := f.Get(ref, nil); err != nil || string(b) != "after" {
		t.Fatalf("put after load: %q, %v", b, err)
	}
	if _, err := f.Get(Ref{off: ref.off, n: ref.n + 1}, nil); !errors.Is(err, ErrDamaged) {
		t.Errorf("a record beyond the end: %v", err)
	}
	if err := f.Remove(); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Get(refs[1], nil); !errors.Is(err, ErrClosed) {
		t.Errorf("get after remove: %v", err)
	}
}

// With nothing put, Load leaves the records in memory, and nothing is
// created.
func TestRecordsEmpty(t *testing.T) {
	var f Records
	if err := f.Load(); err != nil || f.file != nil {
		t.Fatalf("load: %v", err)
	}
	ref, err := f.Put([]byte("a"))
	if b, gerr := f.Get(ref, nil); err != nil || gerr != nil || string(b) != "a" || f.file != nil {
		t.Fatalf("put after load: %q, %v, %v", b, err, gerr)
	}
	if b, err := f.Get(Ref{}, nil); err != nil || len(b) != 0 {
		t.Errorf("the zero Ref: %q, %v", b, err)
	}
}

// A fault of the file is an error naming the temporary file, and after a
// failed write no record is taken.
func TestRecordsFaults(t *testing.T) {
	for _, tc := range []struct {
		name string
		op   func(f *Records, ref Ref) error
		want string
	}{
		{"read", func(f *Records, ref Ref) error { _, err := f.Get(ref, nil); return err }, "读临时文件"},
		{"load", func(f *Records, _ Ref) error { return f.Load() }, "读临时文件"},
		{"write", func(f *Records, _ Ref) error { _, err := f.Put([]byte("b")); return err }, "写临时文件"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := &Records{}
			ref, err := f.Put([]byte("a"))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { f.Remove() })
			f.file.File.Close() // closed underneath
			if err := tc.op(f, ref); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %s", err, tc.want)
			}
		})
	}
	f := &Records{}
	if _, err := f.Put([]byte("a")); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Remove() })
	f.file.File.Close()
	_, first := f.Put([]byte("b"))
	if _, err := f.Put([]byte("c")); err == nil || err != first {
		t.Errorf("put after a failed write: %v, want %v", err, first)
	}
}

// A scratch file is gone once removed.
func TestScratch(t *testing.T) {
	s, err := NewScratch("jixiao-test-*.tmp")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.WriteString("a"); err != nil {
		t.Fatal(err)
	}
	if err := s.Remove(); err != nil {
		t.Fatal(err)
	}
	if s.name != "" {
		if _, err := os.Stat(s.name); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s is left: %v", s.name, err)
		}
	}
	if _, err := s.WriteString("b"); err == nil {
		t.Error("written after Remove")
	}
}
