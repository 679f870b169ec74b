package xlsxw

import (
	"fmt"
	"math"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Printing. Every sheet prints on A4 landscape with its title and header
// rows on every page, the sheet's name, the page number and the workbook's
// title in the page header. A sheet is shrunk to the page
// width only as far as its text stays readable (minPrintScale of the 11 pt
// font, so at least 8 pt); a wider one prints at flowScale, its columns
// running on over further pages with the first columns repeated on each.
// Long text wraps within its column and the rows are as tall as the text
// (see fitter), so the pages flow down rather than across.

// A4 landscape less the side margins, in points.
const (
	a4LandscapeWidth = 841.9
	sideMargin       = 0.3 // inches
	printableWidth   = a4LandscapeWidth - 2*sideMargin*72
	// minPrintScale is the least a sheet is shrunk to fit the page width:
	// the default 11 pt font then prints at 8 pt.
	minPrintScale = 8.0 / 11
	// fitMargin keeps a sheet shrunk to the page width a little narrower
	// than the page, for the spreadsheet's own rounding.
	fitMargin = 0.98
)

// columnPoints is the printed width of a column of w characters. Excel
// takes a character of its default font as 7 pixels (5.25 pt) at 96 pixels
// an inch; LibreOffice without that font prints a character as 7 pt. The
// wider of the two decides, so that a sheet fit to the page stays readable
// in either.
func columnPoints(w float64) float64 { return w * 7 }

// printScale is how far a sheet with these column widths must shrink to fit
// the page width (1 when it fits as it is).
func printScale(widths []float64) float64 {
	total := 0.0
	for _, w := range widths {
		total += columnPoints(w)
	}
	if total <= printableWidth {
		return 1
	}
	return printableWidth / total
}

// printFits reports whether a sheet with these column widths is shrunk to
// the page width: only when its text stays readable.
func printFits(widths []float64) bool { return printScale(widths)*fitMargin >= minPrintScale }

// flowScale is the print scale, in percent, of a sheet too wide for one
// page width whose first repeat columns print on every page: the largest
// that takes no more pages across than the least readable scale would.
func flowScale(widths []float64, repeat int) int {
	total, rep := 0.0, 0.0
	for i, w := range widths {
		total += columnPoints(w)
		if i < repeat {
			rep += columnPoints(w)
		}
	}
	across := func(scale float64) int {
		per := printableWidth / scale
		if total <= per {
			return 1
		}
		if per <= rep {
			return len(widths)
		}
		return 1 + int(math.Ceil((total-per)/(per-rep)))
	}
	least := across(minPrintScale)
	for pct := 100; pct > 75; pct -= 5 {
		if across(float64(pct)/100) <= least {
			return pct
		}
	}
	return int(math.Ceil(minPrintScale * 100))
}

// pageSetup prints sheet name on A4 landscape, shrunk to the page width
// when it stays readable (a fixed scale rather than the spreadsheet's fit to
// page, which LibreOffice follows with an empty last page), with the title and header rows, and when not fit the frozen (at
// least the first) columns, repeated on every page; the page header names
// the sheet and the workbook and numbers the pages.
func (t *Table) pageSetup(name string, widths []float64, lastRow int) error {
	fit := printFits(widths)
	f := t.book.f
	size, orient := 9, "landscape"
	scale := uint(flowScale(widths, t.repeatCols()))
	if s := printScale(widths); s == 1 {
		scale = 100
	} else if fit {
		scale = uint(math.Floor(s * 100 * fitMargin))
	}
	layout := &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, AdjustTo: &scale}
	if err := f.SetPageLayout(name, layout); err != nil {
		return err
	}
	lr, tb, hf := sideMargin, 0.6, 0.3
	if err := f.SetPageMargins(name, &excelize.PageLayoutMarginsOptions{Left: &lr, Right: &lr, Top: &tb,
		Bottom: &tb, Header: &hf, Footer: &hf}); err != nil {
		return err
	}
	// all in the header: with a footer as well, LibreOffice puts an empty
	// page before some sheets
	err := f.SetHeaderFooter(name, &excelize.HeaderFooterOptions{
		OddHeader: "&L&\"-,Bold\"" + headerText(name) + "&C第 &P 页，共 &N 页&R" + headerText(t.book.Title)})
	if err != nil {
		return err
	}
	titles := fmt.Sprintf("'%s'!$1:$2", sheetRef(name))
	if !fit {
		repeat := ColName(t.repeatCols())
		titles = fmt.Sprintf("'%[1]s'!$A:$%[2]s,'%[1]s'!$1:$2", sheetRef(name), repeat)
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: titles, Scope: name}); err != nil {
		return err
	}
	// the table's columns only: text overflowing the last column would
	// otherwise widen the printed area
	area := fmt.Sprintf("'%s'!$A$1:$%s$%d", sheetRef(name), ColName(len(t.cols)), max(lastRow, 2))
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", RefersTo: area, Scope: name})
}

// titleSpan is how many columns the title row spans: all of a sheet that
// prints one page wide, the first page's of a wider one, so that the title
// is not cut at the page's edge.
func titleSpan(widths []float64, repeat int) int {
	if printFits(widths) {
		return len(widths)
	}
	room := printableWidth / (float64(flowScale(widths, repeat)) / 100)
	n, used := 0, 0.0
	for n < len(widths) && used+columnPoints(widths[n]) <= room {
		used += columnPoints(widths[n])
		n++
	}
	return max(n, 1)
}

// repeatCols is how many columns, from A, print on every page of a sheet
// too wide for one: the frozen ones, at least the first.
func (t *Table) repeatCols() int { return max(t.FreezeCols, 1) }

// headerText escapes text for a page header: & starts a code there.
func headerText(s string) string { return strings.ReplaceAll(s, "&", "&&") }

// sheetRef escapes a sheet name for a quoted reference.
func sheetRef(name string) string { return strings.ReplaceAll(name, "'", "''") }
