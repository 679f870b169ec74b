package convert

import (
	"archive/zip"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/xuri/excelize/v2"
)

// libraryMerges is what excelize's own reader gives.
func libraryMerges(t *testing.T, f *excelize.File, sheet string) []Merge {
	t.Helper()
	cells, err := f.GetMergeCells(sheet)
	if err != nil {
		t.Fatal(err)
	}
	var out []Merge
	for _, m := range cells {
		l, tp, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		r, b, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil {
			continue
		}
		out = append(out, Merge{Top: tp - 1, Left: l - 1, Bottom: b - 1, Right: r - 1})
	}
	return out
}

func TestSheetMergesMatchLibrary(t *testing.T) {
	var paths []string
	for _, pat := range []string{"../samples/*/*.xlsx", "../samples/*/*/*.xlsx", "../templates/testdata/*.xlsx", "../consolidate/testdata/*.xlsx"} {
		m, _ := filepath.Glob(pat)
		paths = append(paths, m...)
	}
	if len(paths) == 0 {
		t.Skip("no workbooks")
	}
	merged := 0
	for _, p := range paths {
		zr, err := zip.OpenReader(p)
		if err != nil {
			t.Fatal(err)
		}
		parts := sheetParts(&zr.Reader)
		zr.Close()
		f, err := excelize.OpenFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range f.GetSheetList() {
			v, ok := f.Pkg.Load(parts[name])
			if !ok {
				t.Errorf("%s!%s: part %q not held", p, name, parts[name])
				continue
			}
			quick, ok := partMerges(v.([]byte))
			if !ok {
				t.Errorf("%s!%s: quick reader declined", p, name)
				continue
			}
			merged += len(quick)
			if want := libraryMerges(t, f, name); !reflect.DeepEqual(quick, want) {
				t.Errorf("%s!%s: merges %v, library %v", p, name, quick, want)
			}
		}
		f.Close()
	}
	if merged == 0 {
		t.Error("no merged ranges in any workbook: the comparison proves nothing")
	}
}

func TestPartMerges(t *testing.T) {
	for _, c := range []struct {
		name, xml string
		want      []Merge
		ok        bool
	}{
		{"none", `<worksheet><sheetData/></worksheet>`, nil, true},
		{"plain", `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>mergeCells &lt;mergeCells</t></is></c></row></sheetData>` +
			`<mergeCells count="2"><mergeCell ref="A1:C1"/><mergeCell ref="B3:A2"/></mergeCells></worksheet>`,
			[]Merge{{0, 0, 0, 2}, {1, 0, 2, 1}}, true},
		{"prefixed", `<x:worksheet xmlns:x="s"><x:sheetData/><x:mergeCells count="1"><x:mergeCell ref="D4:E9"/></x:mergeCells></x:worksheet>`,
			[]Merge{{3, 3, 8, 4}}, true},
		{"empty element", `<worksheet><sheetData/><mergeCells count="0"/></worksheet>`, nil, true},
		{"overlap", `<worksheet><mergeCells><mergeCell ref="A1:B2"/><mergeCell ref="B2:C3"/></mergeCells></worksheet>`, nil, false},
		{"single cell", `<worksheet><mergeCells><mergeCell ref="A1"/></mergeCells></worksheet>`, nil, false},
		{"bad ref", `<worksheet><mergeCells><mergeCell ref="A1:ZZZZ0"/></mergeCells></worksheet>`, nil, false},
		{"truncated", `<worksheet><mergeCells><mergeCell ref="A1:B2"/>`, nil, false},
	} {
		got, ok := partMerges([]byte(c.xml))
		if ok != c.ok || !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: got %v, %v; want %v, %v", c.name, got, ok, c.want, c.ok)
		}
	}
}

// ReadXLSX and the library's path (no part at hand) give the same ranges.
func TestReadXLSXMerges(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	for _, r := range [][2]string{{"A1", "B2"}, {"D1", "E1"}} {
		if err := f.MergeCell("Sheet1", r[0], r[1]); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "m.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	wb, err := ReadXLSX(path)
	if err != nil {
		t.Fatal(err)
	}
	want := []Merge{{0, 0, 1, 1}, {0, 3, 0, 4}}
	if !reflect.DeepEqual(wb.Sheets[0].Merges, want) {
		t.Errorf("merges %v, want %v", wb.Sheets[0].Merges, want)
	}
	g, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if got, err := sheetMerges(g, "Sheet1", ""); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("library path: %v, %v", got, err)
	}
}
