package convert

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
)

// allocated runs f and returns the bytes it allocated.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// farColumnSheet is a worksheet of n rows, each holding one cell at column
// col (1-based); comment adds an XML comment, which the fast reader leaves
// to excelize.
func farColumnSheet(n int, col string, comment bool) string {
	var b strings.Builder
	for r := 1; r <= n; r++ {
		fmt.Fprintf(&b, `<row r="%d"><c r="%s%d"><v>1</v></c></row>`, r, col, r)
	}
	ws := wsXML(b.String())
	if comment {
		ws = strings.Replace(ws, "<sheetData>", "<!-- x --><sheetData>", 1)
	}
	return ws
}

// xlsStream is a BIFF8 workbook stream of one sheet named "表一" whose
// sheet substream holds the records rec.
func xlsStream(recs []byte) []byte {
	return biffWorkbook(0x0600, nil, biffSheet{name: "表一", records: [][]byte{recs}})
}

// xlsNumbers is NUMBER records, one per row 0..n-1, at column col.
func xlsNumbers(n, col int) []byte {
	var out []byte
	for r := 0; r < n; r++ {
		d := binary.LittleEndian.AppendUint16(nil, uint16(r))
		d = binary.LittleEndian.AppendUint16(d, uint16(col))
		d = binary.LittleEndian.AppendUint16(d, 0)
		d = binary.LittleEndian.AppendUint64(d, 0x3FF0000000000000) // 1.0
		out = append(out, biffRec(biffNumber, d)...)
	}
	return out
}

func docxSpanTable(rows, cells, span int) string {
	var b strings.Builder
	b.WriteString("<w:tbl>")
	for r := 0; r < rows; r++ {
		b.WriteString("<w:tr>")
		for c := 0; c < cells; c++ {
			fmt.Fprintf(&b, `<w:tc><w:tcPr><w:gridSpan w:val="%d"/></w:tcPr><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>`, span)
		}
		b.WriteString("</w:tr>")
	}
	b.WriteString("</w:tbl>")
	return b.String()
}

// TestBudgetBlowUps reads small files that describe huge grids: each ends
// in an error wrapping ErrBudget that names the file (and the sheet and
// cell where there is one), having allocated a bounded amount of memory.
func TestBudgetBlowUps(t *testing.T) {
	var colspan strings.Builder
	colspan.WriteString("<table>")
	for r := 0; r < 20000; r++ {
		colspan.WriteString(`<tr><td colspan="1000">x</td><td colspan="1000">y</td></tr>`)
	}
	colspan.WriteString("</table>")
	var csvRows strings.Builder
	for r := 0; r < 1_000_000; r++ {
		csvRows.WriteString("a,1,2,3,4\n")
	}
	tests := []struct {
		name, file string
		data       func(t *testing.T) []byte
		sheet      string
		cell       bool
	}{
		{"xlsx 100,000 rows at XFD", "far.xlsx", func(t *testing.T) []byte {
			return minimalXLSX(t, []byte(farColumnSheet(100_000, "XFD", false)), nil)
		}, "表1", true},
		{"xlsx through excelize, 10,000 rows at XFD", "far-lib.xlsx", func(t *testing.T) []byte {
			return minimalXLSX(t, []byte(farColumnSheet(10_000, "XFD", true)), nil)
		}, "表1", true},
		{"xls cells at column 65535", "far.xls", func(t *testing.T) []byte {
			return xlsCFB(xlsStream(xlsNumbers(20_000, 65535)))
		}, "表一", true},
		{"xls cells at column 255", "far255.xls", func(t *testing.T) []byte {
			return xlsCFB(xlsStream(xlsNumbers(65_535, 255)))
		}, "表一", true},
		{"docx gridSpan 1000", "span.docx", func(t *testing.T) []byte {
			return docxBytes(t, docxSpanTable(200, 20, 1000))
		}, DocxSheetName, false},
		{"html colspan", "span.html", func(t *testing.T) []byte {
			return []byte(colspan.String())
		}, "表1", false},
		{"csv 1,000,000 rows", "rows.csv", func(t *testing.T) []byte {
			return []byte(csvRows.String())
		}, "rows", true},
		{"csv one long line", "line.csv", func(t *testing.T) []byte {
			return bytes.Repeat([]byte("1,"), 5_000_000)
		}, "line", true},
		{"ods 100,000 rows at column 16384", "far.ods", func(t *testing.T) []byte {
			row := `<table:table-row><table:table-cell table:number-columns-repeated="16383"/>` +
				`<table:table-cell office:value-type="float" office:value="1"/></table:table-row>`
			return odsFile(t, odsContent(`<table:table table:name="表1">`+strings.Repeat(row, 100_000)+`</table:table>`))
		}, "表1", true},
		{"Excel 2003 XML 100,000 rows at column 16384", "far.xls", func(t *testing.T) []byte {
			row := `<Row><Cell ss:Index="16384"><Data ss:Type="Number">1</Data></Cell></Row>`
			return []byte(smlWorkbook("表1", strings.Repeat(row, 100_000)))
		}, "表1", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := tt.data(t)
			var err error
			n := allocated(func() { _, err = OpenBytes(tt.file, data, Options{}) })
			var le *LocatedError
			if !errors.Is(err, ErrBudget) || !errors.As(err, &le) {
				t.Fatalf("err = %v, want a *LocatedError wrapping ErrBudget", err)
			}
			if le.File != tt.file || le.Sheet != tt.sheet || tt.cell && le.Cell == "" && le.Line == 0 {
				t.Errorf("located at %q %q %q, want %q %q (cell %v)", le.File, le.Sheet, le.Cell, tt.file, tt.sheet, tt.cell)
			}
			if limit := uint64(400 << 20); n > limit {
				t.Errorf("allocated %d MB reading %d KB, want under %d MB", n>>20, len(data)>>10, limit>>20)
			}
		})
	}
}

// TestBudgetLimitsOption: the limits come from Options, and a file within
// them reads as before.
func TestBudgetLimitsOption(t *testing.T) {
	data := []byte("a,b,c\n1,2,3\n")
	if _, err := OpenBytes("x.csv", data, Options{}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		lim  Limits
	}{
		{"cells", Limits{Cells: 5}},
		{"slots", Limits{Slots: 5}},
		{"text", Limits{TextBytes: 5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := OpenBytes("x.csv", data, Options{Limits: tt.lim})
			if !errors.Is(err, ErrBudget) {
				t.Fatalf("err = %v, want ErrBudget", err)
			}
		})
	}
	if _, err := OpenBytes("x.csv", data, Options{Limits: Limits{Cells: 6, Slots: 8, TextBytes: 6}}); err != nil {
		t.Errorf("within the limits: %v", err)
	}
}

// TestBudgetCancel: a cancelled context stops every reader, before reading
// and while reading a large file, within a second.
func TestBudgetCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	inputs := map[string][]byte{
		"a.csv":  []byte("a,b\n"),
		"a.html": []byte("<table><tr><td>x</td></tr></table>"),
		"a.docx": docxBytes(t, `<w:p><w:r><w:t>x</w:t></w:r></w:p>`),
		"a.xlsx": minimalXLSX(t, []byte(farColumnSheet(3, "B", false)), nil),
		"a.xls":  xlsCFB(xlsStream(xlsNumbers(3, 1))),
		"a.ods":  odsFile(t, odsContent(`<table:table table:name="表1"><table:table-row><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table>`)),
		"b.xls":  []byte(smlWorkbook("表1", `<Row><Cell><Data ss:Type="String">x</Data></Cell></Row>`)),
	}
	for name, data := range inputs {
		if _, err := OpenBytes(name, data, Options{Context: ctx}); !errors.Is(err, context.Canceled) {
			t.Errorf("%s: err = %v, want context.Canceled", name, err)
		}
	}

	// A large CSV within raised limits, cancelled while being read.
	big := bytes.Repeat([]byte("1,2,3,4,5,6,7,8\n"), 2_000_000)
	lim := Limits{Cells: 1 << 30, Slots: 1 << 30, TextBytes: 1 << 30}
	ctx, cancel = context.WithCancel(context.Background())
	time.AfterFunc(20*time.Millisecond, cancel)
	start := time.Now()
	_, err := OpenBytes("big.csv", big, Options{Context: ctx, Limits: lim})
	if took := time.Since(start); took > time.Second {
		t.Errorf("cancelled read took %v", took)
	}
	if err != nil && !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

// TestEncodeCSVBounded: a grid with cells at A1 and XFD1048576 is refused,
// not padded to 17 billion cells.
func TestEncodeCSVBounded(t *testing.T) {
	data := minimalXLSX(t, []byte(wsXML(`<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row>`)), nil)
	var err error
	n := allocated(func() {
		var wb *Workbook
		wb, err = OpenBytes("corners.xlsx", data, Options{})
		if err == nil {
			_, err = EncodeCSV(wb.Sheets[0].Rows, CSVOptions{})
		}
	})
	if !errors.Is(err, ErrBudget) {
		t.Fatalf("err = %v, want ErrBudget", err)
	}
	if n > 200<<20 {
		t.Errorf("allocated %d MB", n>>20)
	}
}

// gridSlots counts the slots a workbook's grids hold: rows and cells.
func gridSlots(wb *Workbook) int {
	n := 0
	for _, sh := range wb.Sheets {
		n += len(sh.Rows)
		for _, r := range sh.Rows {
			n += len(r)
		}
	}
	return n
}

// FuzzOpenBytesBudget: whatever the bytes, a grid read from N bytes holds
// at most slotsBase + slotsPerByte·N slots, and no more than the limits.
func FuzzOpenBytesBudget(f *testing.F) {
	f.Add("a.csv", []byte("a,b\n1,2\n"))
	f.Add("a.csv", bytes.Repeat([]byte(","), 300))
	f.Add("a.html", []byte(`<table><tr><td colspan="1000" rowspan="900">x</td></tr><tr><td>y</td></tr></table>`))
	f.Add("a.docx", docxBytes(f, docxSpanTable(3, 3, 1000)))
	f.Add("a.xlsx", minimalXLSX(f, []byte(farColumnSheet(3, "XFD", false)), nil))
	f.Add("a.xlsx", minimalXLSX(f, []byte(farColumnSheet(3, "XFD", true)), nil))
	f.Add("a.xls", xlsCFB(xlsStream(xlsNumbers(3, 65535))))
	lim := Limits{Cells: 5000, Slots: 20000, Spans: 5000, TextBytes: 1 << 16}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		for _, opt := range []Options{{}, {Limits: lim}} {
			wb, err := OpenBytes(name, data, opt)
			if err != nil {
				continue
			}
			slots := gridSlots(wb)
			if bound := slotsBase + slotsPerByte*len(data); slots > bound {
				t.Fatalf("%d bytes gave %d grid slots, bound %d", len(data), slots, bound)
			}
			if opt.Limits.Slots > 0 && slots > opt.Limits.Slots {
				t.Fatalf("%d grid slots past the limit %d", slots, opt.Limits.Slots)
			}
		}
	})
}

// xlsCFB wraps a workbook stream in a compound file, as an .xls is stored.
func xlsCFB(stream []byte) []byte { return cfbFile([]cfbNode{{name: "Workbook", data: stream}}) }

// TestReadHTMLNoQuietCap: an HTML table past the rows a worksheet takes
// from HTML, or a page of more tags than is safe to parse, is an error
// naming the file, never a table cut short.
func TestReadHTMLNoQuietCap(t *testing.T) {
	rows := func(n int) []byte {
		var b strings.Builder
		b.WriteString("<table>")
		for r := 0; r < n; r++ {
			fmt.Fprintf(&b, "<tr><td>%d</td></tr>", r)
		}
		b.WriteString("</table>")
		return []byte(b.String())
	}
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"65,535 rows", rows(htmlMaxRows + 1), ErrTooLarge},
		{"too many tags", rows(htmlMaxTags / 4), ErrBudget},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := OpenBytes("导出.xls", tt.data, Options{})
			var le *LocatedError
			if !errors.Is(err, tt.want) || !errors.As(err, &le) || le.File != "导出.xls" {
				t.Fatalf("err = %v, want %v naming the file", err, tt.want)
			}
		})
	}
	wb, err := OpenBytes("导出.xls", rows(htmlMaxRows), Options{})
	if err != nil || len(wb.Sheets[0].Rows) != htmlMaxRows {
		t.Fatalf("a table of %d rows: err %v", htmlMaxRows, err)
	}
}

// smlWorkbook is an Excel 2003 XML workbook of one sheet named name whose
// table holds rows.
func smlWorkbook(name, rows string) string {
	return `<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" ` +
		`xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="` + name + `"><Table>` +
		rows + `</Table></Worksheet></Workbook>`
}
