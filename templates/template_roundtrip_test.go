package templates_test

import (
	"context"
	"testing"

	"jixiao/convert"
	"jixiao/internal/filledform"
	"jixiao/templates"
)

// TestTemplateRoundTrip: a template filled in as a township would reads
// back to exactly what was typed, in either framework and either unit.
// consolidate's tests carry the same filled templates on to the county
// totals.
func TestTemplateRoundTrip(t *testing.T) {
	for _, tc := range filledform.Variants() {
		t.Run(tc.Name, func(t *testing.T) {
			form := filledform.Sample(tc.Unit, tc.Cost)
			path := filledform.Write(t, t.TempDir(), templates.TemplateOptions{Projects: 4, Framework: tc.Framework}, form)

			sub, err := templates.ReadFile(context.Background(), path, templates.ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range sub.Problems {
				t.Errorf("reading problem: %v", p)
			}
			unit, _ := convert.ParseUnit(tc.Unit)
			filledform.Check(t, sub, form, unit)
		})
	}
}
