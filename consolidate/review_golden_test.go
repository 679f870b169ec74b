package consolidate_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"jixiao/consolidate"
	"jixiao/consolidate/baseline"
	"jixiao/consolidate/review"
	"jixiao/templates"
)

// TestGoldenReviewSamples runs the whole rule set over samples/ (2024 with
// 2023 as the baseline, the layout variants and the legacy exports) and
// compares every review finding with testdata/review_samples.txt. The good
// forms raise no review error: the only findings are warnings.
func TestGoldenReviewSamples(t *testing.T) {
	base, err := baseline.Load(context.Background(), []string{wbSamples("2023")}, consolidate.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if base.Targets.Len() == 0 {
		t.Fatal("the 2023 forms gave no baseline targets")
	}
	rules := review.Default()
	rules.Baseline = base.Targets
	res := wbRun(t, consolidate.Options{Rules: rules}, wbSamples("2024"), wbSamples("variants"), wbSamples("legacy"))
	ps, err := res.AllProblems()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, p := range ps {
		if p.RuleID == "" {
			continue
		}
		if p.Severity == templates.Error {
			t.Errorf("review error on a good sample: %s", p.Error())
		}
		b.WriteString(p.Error() + "\n")
	}
	b.WriteString("--\n")
	for _, rc := range res.RuleCounts() {
		b.WriteString(strings.Join([]string{rc.ID, rc.Name, rc.Severity.String(), strconv.Itoa(rc.Findings), strconv.Itoa(rc.Townships)}, "\t") + "\n")
	}
	golden := filepath.Join("testdata", "review_samples.txt")
	if *updateGolden {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./consolidate -run GoldenReview -update)", err)
	}
	if b.String() != string(want) {
		t.Errorf("review findings differ from %s (run with -update if intended):\n%s", golden, b.String())
	}
}
