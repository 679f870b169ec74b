package spill

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// valueT is a value as a caller keeps it.
type valueT struct {
	Name   string
	Nums   []int
	Nested map[string][]string
	Err    error
}

func someValues() []valueT {
	return []valueT{
		{Name: "甲", Nums: []int{1, 2}},
		{Name: "乙", Nested: map[string][]string{"a": {"b"}}},
		{},
		{Name: strings.Repeat("丙", 1000), Nums: make([]int, 100)},
	}
}

// Values put are the ones read back, in any order, however often; the
// first Keep are held.
func TestValuesRoundTrip(t *testing.T) {
	vs := someValues()
	for _, keep := range []int{-1, 0, 1, 10} {
		t.Run(fmt.Sprint("keep=", keep), func(t *testing.T) {
			s := NewValues[valueT](keep, "")
			t.Cleanup(func() { s.Close() })
			refs := make([]Ref, len(vs))
			for i := range vs {
				if s.Hold() {
					continue
				}
				ref, err := s.Put(&vs[i], "v")
				if err != nil {
					t.Fatal(err)
				}
				refs[i] = ref
			}
			if held := min(max(keep, 0), len(vs)); s.Held() != held || s.Spilled() != len(vs)-held {
				t.Fatalf("held %d, spilled %d", s.Held(), s.Spilled())
			}
			// the last first, then the first, then all again
			order := []int{3, 0, 1, 2, 3, 0}
			for _, i := range order {
				if refs[i] == (Ref{}) {
					continue
				}
				got, err := s.Get(refs[i])
				if err != nil {
					t.Fatalf("value %d: %v", i, err)
				}
				if want := vs[i]; fmt.Sprint(*got) != fmt.Sprint(want) {
					t.Errorf("value %d: %+v, want %+v", i, *got, want)
				}
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			for i, ref := range refs {
				if _, err := s.Get(ref); !errors.Is(err, ErrClosed) {
					t.Errorf("value %d after Close: %v", i, err)
				}
			}
		})
	}
}

func TestValuesFaults(t *testing.T) {
	t.Run("does not encode", func(t *testing.T) {
		s := NewValues[valueT](0, "")
		t.Cleanup(func() { s.Close() })
		_, err := s.Put(&valueT{Err: errors.New("x")}, "乡镇「甲」的数据")
		if err == nil || !strings.HasPrefix(err.Error(), "暂存乡镇「甲」的数据：") {
			t.Fatalf("error %v", err)
		}
		if _, err := s.Put(&valueT{}, "v"); err == nil {
			t.Error("a value was taken after a failed encoding")
		}
	})
	t.Run("file closed underneath", func(t *testing.T) {
		s := NewValues[valueT](0, "")
		t.Cleanup(func() { s.Close() })
		ref, err := s.Put(&valueT{Name: "甲"}, "v")
		if err != nil {
			t.Fatal(err)
		}
		s.file.File.Close()
		if _, err := s.Get(ref); err == nil {
			t.Error("read from a closed file")
		}
		if _, err := s.Put(&valueT{}, "v"); err == nil || !strings.Contains(err.Error(), "写临时文件") {
			t.Errorf("write to a closed file: %v", err)
		}
	})
	t.Run("record cut short", func(t *testing.T) {
		s := NewValues[valueT](0, "")
		t.Cleanup(func() { s.Close() })
		var refs []Ref
		for _, v := range someValues() {
			ref, err := s.Put(&v, "v")
			if err != nil {
				t.Fatal(err)
			}
			refs = append(refs, ref)
		}
		bad := refs[1]
		bad.n--
		if _, err := s.Get(bad); err == nil {
			t.Error("a record cut short was read")
		}
		long := refs[1]
		long.n += refs[2].n
		if _, err := s.Get(long); err == nil {
			t.Error("two records were read as one")
		}
		if got, err := s.Get(refs[3]); err != nil || got.Name != someValues()[3].Name {
			t.Errorf("after the faults: %v", err)
		}
	})
}
