package pivot

import (
	"testing"

	"github.com/shopspring/decimal"
)

// Cells whose figures do not fit 16 bytes are kept whole, and go back to
// the compact form when they fit again; either way a cell reads the same.
func TestPivotWideCells(t *testing.T) {
	d := decimal.RequireFromString
	type step struct {
		cat, town string
		amount    string
		projects  int
	}
	for _, tc := range []struct {
		name      string
		steps     []step
		amount    string // of 类别 A, 甲镇
		projects  int
		wide      bool
		wantCells int
	}{
		{"compact", []step{{"A", "甲镇", "318340.25", 1}, {"A", "甲镇", "1", 2}}, "318341.25", 3, false, 1},
		{"coefficient beyond int64", []step{{"A", "甲镇", "92233720368547758070", 1}}, "92233720368547758070", 1, true, 1},
		{"exponent beyond int8", []step{{"A", "甲镇", "1e-200", 1}}, "1e-200", 1, true, 1},
		{"exponent above int8", []step{{"A", "甲镇", "1e200", 1}}, "1e200", 1, true, 1},
		{"many projects", []step{{"A", "甲镇", "1", 70000}}, "1", 70000, true, 1},
		{"wide then compact", []step{{"A", "甲镇", "92233720368547758070", 1}, {"A", "甲镇", "-92233720368547758000", 1},
			{"B", "乙镇", "5", 1}}, "70", 2, false, 2},
		{"no cell", []step{{"B", "甲镇", "5", 1}}, "0", 0, false, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := New()
			for _, s := range tc.steps {
				p.Add(s.cat, s.town, d(s.amount), s.projects)
			}
			p.sortCategories()
			got, ok := p.Amount("A", "甲镇")
			if !got.Equal(d(tc.amount)) || ok != (tc.projects > 0) || p.Projects("A", "甲镇") != tc.projects {
				t.Errorf("A 甲镇: %s %v %d projects, want %s %d", got, ok, p.Projects("A", "甲镇"), tc.amount, tc.projects)
			}
			if (len(p.wide) > 0) != tc.wide {
				t.Errorf("%d wide cells, want wide %v", len(p.wide), tc.wide)
			}
			cells := 0
			p.Each(func(category, township string, amount decimal.Decimal, projects int) {
				cells++
				if got, _ := p.Amount(category, township); !got.Equal(amount) || projects != p.Projects(category, township) {
					t.Errorf("Each gives %s %s = %s, Amount %s", category, township, amount, got)
				}
			})
			if cells != tc.wantCells || p.CellCount() != tc.wantCells {
				t.Errorf("%d cells, cellCount %d, want %d", cells, p.CellCount(), tc.wantCells)
			}
		})
	}
}
