package convert

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// mergeSheet is a worksheet of one cell with n merged ranges A2:B2,
// A3:B3, …; overlap makes the last one overlap its neighbour, comment
// sends the package to excelize.
func mergeSheet(n int, overlap, comment bool) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
	if comment {
		b.WriteString("<!-- x -->")
	}
	b.WriteString(`<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>`)
	fmt.Fprintf(&b, `<mergeCells count="%d">`, n)
	for i := 2; i < n+2; i++ {
		fmt.Fprintf(&b, `<mergeCell ref="A%d:B%d"/>`, i, i)
	}
	if overlap {
		fmt.Fprintf(&b, `<mergeCell ref="B%d:C%d"/>`, n+1, n+1)
	}
	b.WriteString(`</mergeCells></worksheet>`)
	return b.String()
}

// TestManyMerges: 100,000 merged ranges read in well under 5 s, by the fast
// reader and through excelize; many overlapping ones are refused with
// ErrBudget instead of excelize's pairwise joining.
func TestManyMerges(t *testing.T) {
	tests := []struct {
		name              string
		overlap, fallback bool
		wantErr           error
	}{
		{"fast reader", false, false, nil},
		{"through excelize", false, true, nil},
		{"overlapping, fast reader", true, false, ErrBudget},
		{"overlapping, through excelize", true, true, ErrBudget},
	}
	const n = 100_000
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := minimalXLSX(t, []byte(mergeSheet(n, tt.overlap, tt.fallback)), nil)
			start := time.Now()
			wb, err := OpenBytes("merges.xlsx", data, Options{})
			if took := time.Since(start); took > 5*time.Second {
				t.Errorf("took %v", took)
			}
			if tt.wantErr != nil {
				var le *LocatedError
				if !errors.Is(err, tt.wantErr) || !errors.As(err, &le) || le.File != "merges.xlsx" || le.Sheet != "表1" {
					t.Fatalf("err = %v, want %v located in merges.xlsx 表1", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := len(wb.Sheets[0].Merges); got != n {
				t.Fatalf("%d merges, want %d", got, n)
			}
			if m := wb.Sheets[0].Merges[n-1]; m != (Merge{Top: n, Left: 0, Bottom: n, Right: 1}) {
				t.Errorf("last merge %+v", m)
			}
		})
	}
}

// TestOverlaps compares the sweep with the pairwise check.
func TestOverlaps(t *testing.T) {
	pairwise := func(ms []Merge) bool {
		for i := range ms {
			for j := i + 1; j < len(ms); j++ {
				a, b := ms[i], ms[j]
				if a.Top <= b.Bottom && b.Top <= a.Bottom && a.Left <= b.Right && b.Left <= a.Right {
					return true
				}
			}
		}
		return false
	}
	tests := []struct {
		name string
		ms   []Merge
		want bool
	}{
		{"none", nil, false},
		{"one", []Merge{{0, 0, 1, 1}}, false},
		{"side by side", []Merge{{0, 0, 1, 1}, {0, 2, 1, 3}}, false},
		{"stacked", []Merge{{0, 0, 1, 1}, {2, 0, 3, 1}}, false},
		{"shared corner", []Merge{{0, 0, 1, 1}, {1, 1, 2, 2}}, true},
		{"shared column edge", []Merge{{0, 0, 0, 1}, {0, 1, 0, 2}}, true},
		{"inside", []Merge{{0, 0, 9, 9}, {3, 3, 4, 4}}, true},
		{"cross", []Merge{{0, 4, 9, 5}, {4, 0, 5, 9}}, true},
		{"same", []Merge{{2, 2, 3, 3}, {2, 2, 3, 3}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := overlaps(tt.ms); got != tt.want || pairwise(tt.ms) != tt.want {
				t.Errorf("overlaps = %v, pairwise %v, want %v", got, pairwise(tt.ms), tt.want)
			}
		})
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 3000; i++ {
		ms := make([]Merge, 1+r.IntN(8))
		for k := range ms {
			t0, l0 := r.IntN(12), r.IntN(12)
			ms[k] = Merge{Top: t0, Left: l0, Bottom: t0 + r.IntN(3), Right: l0 + r.IntN(3)}
		}
		if got, want := overlaps(ms), pairwise(ms); got != want {
			t.Fatalf("%+v: overlaps = %v, pairwise %v", ms, got, want)
		}
	}
}
