package review

import (
	"context"
	"path/filepath"
	"testing"

	"jixiao/templates"
)

// BenchmarkCheck reviews the seed form (13 projects, 78 indicators) with
// every rule: the review's cost per township, to set beside consolidate's
// (BenchmarkConsolidate in package consolidate).
func BenchmarkCheck(b *testing.B) {
	sub, err := templates.ReadFile(context.Background(), filepath.Join("..", "..", "samples", "2024", "王官营镇.xlsx"), templates.ReadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	cfg := Default()
	b.ReportAllocs()
	for b.Loop() {
		if ps := Check(sub, cfg); len(ps) != 0 {
			b.Fatalf("%d findings on the seed", len(ps))
		}
	}
}
