package spill

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// logRecords are records of a few sizes, one empty.
func logRecords() [][]byte {
	var out [][]byte
	for i := range 7 {
		out = append(out, []byte(strings.Repeat(fmt.Sprint(i), i*3)))
	}
	return out
}

// writeLog adds recs to a new Log in f.
func writeLog(t *testing.T, f *Records, recs [][]byte, chunk int) *Log {
	t.Helper()
	l := &Log{}
	w := l.Writer(f, chunk)
	for _, r := range recs {
		if err := w.Add(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return l
}

// readLog is every record of l, copied.
func readLog(l *Log, f *Records) ([][]byte, error) {
	var out [][]byte
	for rec, err := range l.All(f) {
		if err != nil {
			return out, err
		}
		out = append(out, slices.Clone(rec))
	}
	return out, nil
}

func TestLogRoundTrip(t *testing.T) {
	want := logRecords()
	for _, tc := range []struct {
		name   string
		chunk  int
		chunks int // 0: any
		loaded bool
	}{
		{"a chunk per record", 1, 7, false},
		{"a few records a chunk", 20, 0, false},
		{"default chunks", 0, 1, false},
		{"a chunk per record, loaded", 1, 7, true},
		{"default chunks, loaded", 0, 1, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := &Records{}
			t.Cleanup(func() { f.Remove() })
			l := writeLog(t, f, want, tc.chunk)
			if tc.chunks != 0 && l.Chunks() != tc.chunks {
				t.Errorf("%d chunks, want %d", l.Chunks(), tc.chunks)
			}
			if tc.loaded {
				if err := f.Load(); err != nil {
					t.Fatal(err)
				}
			}
			got, err := readLog(l, f)
			if err != nil || l.Len() != len(want) || !slices.EqualFunc(got, want, slices.Equal) {
				t.Fatalf("read %q (%d), %v; want %q", got, l.Len(), err, want)
			}
			n := 0
			for range l.All(f) {
				n++
				break
			}
			if n != 1 {
				t.Errorf("stopping after one record read %d", n)
			}
		})
	}
}

// A damaged or removed log is an error, never a short list.
func TestLogDamaged(t *testing.T) {
	for _, tc := range []struct {
		name   string
		damage func(l *Log, f *Records)
		want   error
	}{
		{"one record more than stored", func(l *Log, _ *Records) { l.n++ }, ErrDamaged},
		{"one record fewer than stored", func(l *Log, _ *Records) { l.n-- }, ErrDamaged},
		{"a chunk cut short", func(l *Log, _ *Records) { l.chunks[0].n -= 3 }, ErrDamaged},
		{"file removed", func(_ *Log, f *Records) { f.Remove() }, ErrClosed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := &Records{}
			t.Cleanup(func() { f.Remove() })
			l := writeLog(t, f, logRecords(), 0)
			tc.damage(l, f)
			if _, err := readLog(l, f); !errors.Is(err, tc.want) {
				t.Errorf("error %v, want %v", err, tc.want)
			}
		})
	}
}
