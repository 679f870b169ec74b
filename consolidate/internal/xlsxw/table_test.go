package xlsxw

import (
	"archive/zip"
	"io"
	"path/filepath"
	"regexp"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"
)

// setColWidths sets every column's width; the columns come out in order.
func TestSetColWidthsRuns(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	widths := []float64{6, 12, 12, 12, 8, 6, 6}
	if err := setColWidths(f, "Sheet1", widths); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "w.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var xml []byte
	for _, e := range zr.File {
		if e.Name == "xl/worksheets/sheet1.xml" {
			rc, err := e.Open()
			if err != nil {
				t.Fatal(err)
			}
			xml, err = io.ReadAll(rc)
			rc.Close()
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	var mins []string
	minRe, maxRe := regexp.MustCompile(` min="(\d+)"`), regexp.MustCompile(` max="(\d+)"`)
	for _, col := range regexp.MustCompile(`<col [^>]*>`).FindAllString(string(xml), -1) {
		lo, hi := minRe.FindStringSubmatch(col), maxRe.FindStringSubmatch(col)
		if lo == nil || hi == nil {
			t.Fatalf("col without min or max: %s", col)
		}
		mins = append(mins, lo[1]+"-"+hi[1])
	}
	if want := []string{"1-1", "2-4", "5-5", "6-7"}; !slices.Equal(mins, want) {
		t.Errorf("cols %v, want %v", mins, want)
	}
	g, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	for i, want := range widths {
		if got, _ := g.GetColWidth("Sheet1", ColName(i+1)); got != want {
			t.Errorf("column %s: width %v, want %v", ColName(i+1), got, want)
		}
	}
}
