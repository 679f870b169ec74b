package consolidate_test

import (
	"slices"
	"testing"

	"jixiao/consolidate"
	"jixiao/templates"
)

// EachInfo gives each counted township's particulars, in township order, as
// InfoOf gives them from the full submission, whether the submissions are
// held in memory or spilled; after Close it fails rather than give nothing.
func TestEachInfo(t *testing.T) {
	for _, tt := range []struct {
		name string
		keep int
	}{{"held in memory", 0}, {"spilled", -1}} {
		t.Run(tt.name, func(t *testing.T) {
			res := wbRun(t, consolidate.Options{KeepInMemory: tt.keep}, wbSamples("2024"))
			var want, got []consolidate.TownshipInfo
			if err := res.EachSubmission(func(sub *templates.Submission) error {
				want = append(want, consolidate.InfoOf(sub))
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if err := res.EachInfo(func(in consolidate.TownshipInfo) error {
				got = append(got, in)
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if len(got) != res.Townships() || !slices.Equal(got, want) {
				t.Errorf("EachInfo = %+v\nwant (InfoOf) %+v", got, want)
			}
			measures := 0
			for _, in := range got {
				if in.Measures != "" {
					measures++
				}
			}
			if measures == 0 {
				t.Errorf("no township's 工作保障措施 came back: %+v", got)
			}
			if err := res.Close(); err != nil {
				t.Fatal(err)
			}
			if err := res.EachInfo(func(consolidate.TownshipInfo) error { return nil }); err == nil {
				t.Error("EachInfo after Close: no error")
			}
		})
	}
}
