package spill

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// bucketInput is a record and its group.
type bucketInput struct {
	g   int
	rec string
}

// buckets adds in to new Buckets and arranges them in order.
func buckets(t *testing.T, in []bucketInput, order []int32, chunk int) *Buckets {
	t.Helper()
	b := &Buckets{}
	t.Cleanup(func() { b.Close() })
	for _, r := range in {
		if err := b.Add(r.g, []byte(r.rec)); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Arrange(order, chunk); err != nil {
		t.Fatal(err)
	}
	return b
}

// bucketRows are b's records as "group:record", the groups in order.
func bucketRows(b *Buckets, order []int32) ([]string, error) {
	var out []string
	for _, g := range order {
		for rec, err := range b.Group(int(g)) {
			if err != nil {
				return out, err
			}
			out = append(out, fmt.Sprintf("%d:%s", g, rec))
		}
	}
	return out, nil
}

func TestBucketsOrder(t *testing.T) {
	in := []bucketInput{{2, "a"}, {0, "b"}, {2, ""}, {1, "c"}, {0, strings.Repeat("d", 200)}, {2, "e"}, {1, "f"}}
	for _, tc := range []struct {
		name  string
		in    []bucketInput
		order []int32
		want  []string
	}{
		{"none", nil, nil, nil},
		{"one group", []bucketInput{{0, "x"}, {0, "y"}}, []int32{0}, []string{"0:x", "0:y"}},
		{"groups interleaved", in, []int32{1, 2, 0},
			[]string{"1:c", "1:f", "2:a", "2:", "2:e", "0:b", "0:" + strings.Repeat("d", 200)}},
		{"an empty group", []bucketInput{{2, "x"}, {0, "y"}}, []int32{2, 1, 0}, []string{"2:x", "0:y"}},
	} {
		for _, chunk := range []int{1, 2, 17, 1 << 20} {
			t.Run(fmt.Sprintf("%s/chunk=%d", tc.name, chunk), func(t *testing.T) {
				b := buckets(t, tc.in, tc.order, chunk)
				if b.Len() != len(tc.in) {
					t.Errorf("len %d, want %d", b.Len(), len(tc.in))
				}
				got, err := bucketRows(b, tc.order)
				if err != nil || !slices.Equal(got, tc.want) {
					t.Fatalf("rows %q, %v; want %q", got, err, tc.want)
				}
				// read twice: the buckets are not used up
				if again, err := bucketRows(b, tc.order); err != nil || !slices.Equal(again, got) {
					t.Errorf("second read: %q, %v", again, err)
				}
				if b.raw != nil {
					t.Error("the first file is kept after Arrange")
				}
				if err := b.Close(); err != nil {
					t.Errorf("close: %v", err)
				}
			})
		}
	}
}

func TestBucketsFaults(t *testing.T) {
	in := []bucketInput{{0, "aa"}, {0, "bb"}, {1, "cc"}}
	order := []int32{1, 0}
	for _, tc := range []struct {
		name  string
		spoil func(b *Buckets)
		want  error  // nil: any error
		says  string // what the message says, if anything
	}{
		{"closed", func(b *Buckets) { b.Close() }, ErrClosed, ""},
		{"file closed underneath", func(b *Buckets) { b.file.File.Close() }, nil, "读临时文件"},
		{"damaged record", func(b *Buckets) {
			// a length beyond the group where the second group's first was
			if _, err := b.file.WriteAt([]byte{99}, b.groups[0].off); err != nil {
				t.Fatal(err)
			}
		}, ErrDamaged, ""},
		{"cut short", func(b *Buckets) {
			if err := b.file.Truncate(1); err != nil {
				t.Fatal(err)
			}
		}, nil, "unexpected EOF"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := buckets(t, in, order, 1)
			tc.spoil(b)
			_, err := bucketRows(b, order)
			if err == nil || tc.want != nil && !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.says) {
				t.Errorf("error %v, want %v %s", err, tc.want, tc.says)
			}
		})
	}
	t.Run("before Arrange", func(t *testing.T) {
		b := &Buckets{}
		t.Cleanup(func() { b.Close() })
		if err := b.Add(0, []byte("a")); err != nil {
			t.Fatal(err)
		}
		if _, err := bucketRows(b, []int32{0}); !errors.Is(err, ErrClosed) {
			t.Errorf("error %v, want ErrClosed", err)
		}
	})
	for _, tc := range []struct {
		name  string
		order []int32
		spoil func(b *Buckets)
	}{
		{"an order of other groups", []int32{0}, func(*Buckets) {}},
		{"a group's number damaged", order, func(b *Buckets) { b.w.Write([]byte{99, 0}); b.n++ }},
		{"a group's size wrong", order, func(b *Buckets) { b.groups[1].size++ }},
		{"first file closed underneath", order, func(b *Buckets) { b.w.Flush(); b.raw.File.Close() }},
	} {
		t.Run("arrange: "+tc.name, func(t *testing.T) {
			b := &Buckets{}
			t.Cleanup(func() { b.Close() })
			for _, r := range in {
				if err := b.Add(r.g, []byte(r.rec)); err != nil {
					t.Fatal(err)
				}
			}
			tc.spoil(b)
			if err := b.Arrange(tc.order, 1); err == nil {
				t.Error("arranged")
			}
			if b.raw != nil {
				t.Error("the first file is kept")
			}
		})
	}
}
