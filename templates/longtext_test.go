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

// TestFlatTableRowCap: a flat table of more data rows than is safe to
// decode is an error naming the file, never read in part.
func TestFlatTableRowCap(t *testing.T) {
	var b strings.Builder
	b.WriteString("项目编码,项目名称,预算数\n")
	for i := 0; i < 200_001; i++ {
		b.WriteString("P1,项目,1\n")
	}
	path := filepath.Join(t.TempDir(), "王官营镇.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	subs, err := templates.ReadFileAll(context.Background(), path, templates.ReadOptions{})
	if err != nil || len(subs) != 1 {
		t.Fatalf("err %v, %d submissions", err, len(subs))
	}
	if n := len(subs[0].Projects); n != 0 {
		t.Errorf("%d projects read from a refused table", n)
	}
	for _, p := range subs[0].Problems {
		if errors.Is(p, convert.ErrBudget) && p.Severity == templates.Error && p.Src.File == path {
			return
		}
	}
	t.Errorf("no error about the table's size: %v", subs[0].Problems)
}
