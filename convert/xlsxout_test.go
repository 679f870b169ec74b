package convert

import (
	"path/filepath"
	"reflect"
	"testing"
)

// TestWriteXLSXRoundTrip: a grid written with WriteXLSX reads back through
// ReadXLSX cell for cell, merges included; text that looks like a formula or
// a number stays text.
func TestWriteXLSXRoundTrip(t *testing.T) {
	in := &Workbook{Sheets: []Sheet{
		{Name: "项目明细", Rows: [][]string{{"项目表"}, {"13020824P000010100133", "4.92"}, {"=SUM(A1)", "0012"}},
			Merges: []Merge{{Top: 0, Left: 0, Bottom: 0, Right: 1}}},
		{Name: "指标明细", Rows: [][]string{{"", "≥95%"}, {"一级指标"}}},
	}}
	path := filepath.Join(t.TempDir(), "表.xlsx")
	if err := WriteXLSX(path, in); err != nil {
		t.Fatal(err)
	}
	out, err := ReadXLSX(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Sheets) != 2 {
		t.Fatalf("%d sheets", len(out.Sheets))
	}
	for i, sh := range out.Sheets {
		if sh.Name != in.Sheets[i].Name || !reflect.DeepEqual(sh.Rows, in.Sheets[i].Rows) || !reflect.DeepEqual(sh.Merges, in.Sheets[i].Merges) {
			t.Errorf("sheet %d = %q %q %v, want %q %q %v", i, sh.Name, sh.Rows, sh.Merges, in.Sheets[i].Name, in.Sheets[i].Rows, in.Sheets[i].Merges)
		}
	}
}
