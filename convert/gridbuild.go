package convert

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// gridCellLimit caps the cells one workbook of the XML readers (.ods,
// SpreadsheetML 2003) may fill, repeated rows and columns counted one by
// one: a tiny file repeating one value a billion times is refused, not
// expanded.
const gridCellLimit = 2 << 20

// Largest sheet coordinates the XML readers accept (those of a worksheet).
const (
	gridMaxRows = 1 << 20
	gridMaxCols = 1 << 14
)

// gridBuilder collects the cells of the sheets of one workbook for the XML
// readers. Cells are set one at a time (set), merged ranges are added in one
// place (merge), and rows grow only to hold the cells that exist: a sheet is
// never sized by the largest coordinate its file declares.
type gridBuilder struct {
	sh    Sheet
	cells int     // cells set in the whole workbook
	b     *budget // the file's reading budget (see budget.go); nil: none
}

// start begins a new sheet named name.
func (g *gridBuilder) start(name string) {
	g.sh = Sheet{Name: name}
	g.b.enter(name)
}

// alive reports a cancelled read; the readers call it once per row.
func (g *gridBuilder) alive() error { return g.b.alive() }

// set stores a non-empty value at row, col (zero-based).
func (g *gridBuilder) set(row, col int, v string) error {
	if v == "" {
		return nil
	}
	if row < 0 || col < 0 || row >= gridMaxRows || col >= gridMaxCols {
		return fmt.Errorf("%w：单元格位置超出工作表范围（第 %d 行第 %d 列）", ErrTooLarge, row+1, col+1)
	}
	if err := g.spend(); err != nil {
		return err
	}
	if err := g.b.cell(row, col, len(v)); err != nil {
		return err
	}
	rows := g.sh.Rows
	for len(rows) <= row {
		rows = append(rows, nil)
	}
	r := rows[row]
	for len(r) <= col {
		r = append(r, "")
	}
	r[col] = v
	rows[row] = r
	g.sh.Rows = rows
	return nil
}

// spend counts one more thing stored (a cell, a flag, a merged range)
// against the workbook's limit.
func (g *gridBuilder) spend() error {
	if g.cells++; g.cells > gridCellLimit {
		return fmt.Errorf("%w：单元格超过 %d 个", ErrTooLarge, gridCellLimit)
	}
	return nil
}

// flag marks the cell at row, col.
func (g *gridBuilder) flag(row, col int, f CellFlag) error {
	if err := g.spend(); err != nil {
		return err
	}
	g.sh.SetFlag(row, col, f)
	return nil
}

// merge adds a merged range of rows × cols cells whose top-left cell is at
// row, col; a single cell is no range.
func (g *gridBuilder) merge(row, col, rows, cols int) error {
	if rows <= 1 && cols <= 1 {
		return nil
	}
	if err := g.spend(); err != nil {
		return err
	}
	bottom := min(row+max(rows, 1)-1, gridMaxRows-1)
	right := min(col+max(cols, 1)-1, gridMaxCols-1)
	g.sh.Merges = append(g.sh.Merges, Merge{Top: row, Left: col, Bottom: bottom, Right: right})
	return nil
}

// finish returns the sheet, trailing empty cells and rows trimmed.
func (g *gridBuilder) finish() Sheet {
	trimGrid(&g.sh)
	sh := g.sh
	g.sh = Sheet{}
	return sh
}

// uniqueSheetNames renames the second and later sheets of a workbook that
// share a name (see sheetNamer): "汇总" twice becomes "汇总" and "汇总 (2)",
// so both are read and every message names one sheet.
func uniqueSheetNames(wb *Workbook) {
	names := make([]string, len(wb.Sheets))
	for i := range wb.Sheets {
		names[i] = wb.Sheets[i].Name
	}
	namer := newSheetNamer(names)
	if !namer.dup {
		return
	}
	for i := range wb.Sheets {
		wb.Sheets[i].Name = namer.name(names[i])
	}
}

// excelEpoch is day 0 of Excel's 1900 date system as its serial numbers
// count for every date after February 1900.
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// excelLeapDay is the day after the 29 February 1900 Excel counts.
var excelLeapDay = time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC)

// isoDateSerial renders an ISO 8601 date or date-time ("2024-12-31",
// "2024-12-31T08:30:00.000") as the Excel serial number the .xls and .xlsx
// readers give for a date cell (1900 date system); ok is false when s is no
// such date.
//
//	isoDateSerial("2024-12-31") // "45657", true
func isoDateSerial(s string) (string, bool) {
	s = strings.TrimSpace(s)
	var t time.Time
	var err error
	for _, layout := range []string{"2006-01-02T15:04:05.999999999", "2006-01-02T15:04:05.999999999Z07:00", "2006-01-02", "2006-01-02Z07:00"} {
		if t, err = time.Parse(layout, s); err == nil {
			break
		}
	}
	if err != nil {
		return "", false
	}
	t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
	epoch := excelEpoch
	if t.Before(excelLeapDay) {
		// Excel counts a 29 February 1900 that never was: earlier days are
		// one less, down to 0 for 31 December 1899
		epoch = epoch.AddDate(0, 0, 1)
	}
	if t.Before(epoch) || t.Year() > 9999 {
		return s, true // outside Excel's dates: as written
	}
	days := (float64(t.Unix()-epoch.Unix()) + float64(t.Nanosecond())/1e9) / 86400
	return xlsNumber(math.Round(days*86400e3) / 86400e3), true
}

// xmlSheetReader reads the sheets of an XML workbook (.ods content.xml,
// SpreadsheetML 2003) one after another into g.
type xmlSheetReader struct {
	d *xml.Decoder
	g gridBuilder
}

func newXMLSheetReader(data []byte, b *budget) xmlSheetReader {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = xmlCharsetReader
	return xmlSheetReader{d: d, g: gridBuilder{b: b}}
}

// sheets reads the document to its end into wb: for each start element,
// start says whether it begins a sheet and its name (else it has read or
// skipped the element itself), and body reads that sheet's content.
func (x *xmlSheetReader) sheets(wb *Workbook, start func(xml.StartElement) (name string, sheet bool, err error), body func() error) error {
	for {
		tok, err := x.d.Token()
		if err == io.EOF {
			uniqueSheetNames(wb)
			return nil
		}
		if err != nil {
			return fmt.Errorf("%w: %v", ErrUnreadable, err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		name, sheet, err := start(se)
		if err != nil || !sheet {
			if err != nil {
				return err
			}
			continue
		}
		if name == "" {
			name = "Sheet" + strconv.Itoa(len(wb.Sheets)+1)
		}
		x.g.start(name)
		if err := body(); err != nil {
			return located(err, "", name)
		}
		wb.Sheets = append(wb.Sheets, x.g.finish())
	}
}

// token returns the next token; the end of the document is an error here.
func (x *xmlSheetReader) token() (xml.Token, error) {
	tok, err := x.d.Token()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	return tok, nil
}

// children reads up to the end of the element named end whose start was
// just read (end.Space "" matches any namespace), handing each element
// inside to child, which reads it, skips it, or leaves its content to be
// read on as children of its own.
func (x *xmlSheetReader) children(end xml.Name, child func(xml.StartElement) error) error {
	for {
		tok, err := x.token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if t.Name.Local == end.Local && (end.Space == "" || t.Name.Space == end.Space) {
				return nil
			}
		case xml.StartElement:
			if err := child(t); err != nil {
				return err
			}
		}
	}
}

// skip skips the element whose start was just read.
func (x *xmlSheetReader) skip() error {
	if err := x.d.Skip(); err != nil {
		return fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	return nil
}
