package nameorder

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// Names sort by pinyin as Excel and WPS sort Chinese, and to one order
// whatever order they come in.
func TestSortNames(t *testing.T) {
	for _, tc := range []struct {
		name string
		want []string // in order
	}{
		{"townships", []string{"白官屯镇", "丰登坞镇", "李钊庄镇", "七树庄镇", "沙流河镇", "石各庄镇", "王官营镇"}},
		{"categories", []string{"办公经费", "村级转移支付", "非税收入", "征兵工作经费"}},
		{"latin and full-width first, then Chinese", []string{"A镇", "Ａ镇", "B镇", "白官屯镇"}},
		{"numbered names", []string{"乡镇00002", "乡镇00010"}},
		// shí and shí: the pinyin collation puts 十 first
		{"one pinyin, two characters", []string{"十里铺镇", "石各庄镇"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(1, 2))
			for range 20 {
				got := slices.Clone(tc.want)
				r.Shuffle(len(got), func(i, j int) { got[i], got[j] = got[j], got[i] })
				Sort(got)
				if !slices.Equal(got, tc.want) {
					t.Fatalf("sorted %v, want %v", got, tc.want)
				}
				o := New()
				if !slices.IsSortedFunc(got, o.Compare) {
					t.Fatalf("Compare disagrees with Sort: %v", got)
				}
			}
		})
	}
}

// Townships' files sort by township the same way; equal names keep their order.
func TestSortBy(t *testing.T) {
	type tally struct{ township, file string }
	ts := []*tally{{township: "王官营镇", file: "1"}, {township: "白官屯镇", file: "2"}, {township: "王官营镇", file: "3"}}
	SortBy(ts, func(t *tally) string { return t.township })
	var got []string
	for _, x := range ts {
		got = append(got, x.township+x.file)
	}
	if want := []string{"白官屯镇2", "王官营镇1", "王官营镇3"}; !slices.Equal(got, want) {
		t.Errorf("%v, want %v", got, want)
	}
}
