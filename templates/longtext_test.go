package templates_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jixiao/convert"
	"jixiao/templates"
)

// TestLongTextWarning: a cell longer than a worksheet cell holds (32,767
// characters) is named in a warning, never cut short in silence.
func TestLongTextWarning(t *testing.T) {
	var b strings.Builder
	for _, row := range formBlock() {
		b.WriteString(strings.Join(row, ","))
		b.WriteString("\n")
	}
	b.WriteString("备注," + strings.Repeat("长", 40000) + "\n")
	path := filepath.Join(t.TempDir(), "王官营镇.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	rows := len(formBlock())
	wantCell := convert.CellName(rows, 1)
	check := func(t *testing.T, problems []templates.Problem) {
		t.Helper()
		for _, p := range problems {
			if errors.Is(p, convert.ErrTextTooLong) && p.Severity == templates.Warning && p.Src.File == path && p.Src.Cell == wantCell {
				return
			}
		}
		t.Errorf("no warning at %s: %v", wantCell, problems)
	}
	t.Run("ReadFile", func(t *testing.T) {
		sub, err := templates.ReadFile(context.Background(), path, templates.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		check(t, sub.Problems)
	})
	t.Run("ReadFileAll", func(t *testing.T) {
		subs, err := templates.ReadFileAll(context.Background(), path, templates.ReadOptions{})
		if err != nil || len(subs) == 0 {
			t.Fatal(err)
		}
		check(t, subs[0].Problems)
	})
}
