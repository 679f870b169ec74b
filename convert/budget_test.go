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
	name := []byte{2, 1} // "表一": two UTF-16 characters
	name = binary.LittleEndian.AppendUint16(name, 0x8868)
	name = binary.LittleEndian.AppendUint16(name, 0x4E00)
	bof := biffBOFRec(0x0005)
	bsLen := len(biffRec(biffBoundSheet, append(make([]byte, 6), name...)))
	eof := biffRec(biffEOF, nil)
	pos := len(bof) + bsLen + len(eof)
	bs := binary.LittleEndian.AppendUint32(nil, uint32(pos))
	bs = append(bs, 0, 0)
	bs = append(bs, name...)
	out := append(bof, biffRec(biffBoundSheet, bs)...)
	out = append(out, eof...)
	out = append(out, biffBOFRec(0x0010)...)
	out = append(out, recs...)
	return append(out, eof...)
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
			return xlsCFB(t, xlsStream(xlsNumbers(20_000, 65535)))
		}, "表一", true},
		{"xls cells at column 255", "far255.xls", func(t *testing.T) []byte {
			return xlsCFB(t, xlsStream(xlsNumbers(65_535, 255)))
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
		"a.xls":  xlsCFB(t, xlsStream(xlsNumbers(3, 1))),
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
	f.Add("a.xls", xlsCFB(f, xlsStream(xlsNumbers(3, 65535))))
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

// xlsCFB wraps a workbook stream in a minimal compound file (512-byte
// sectors: the stream, one directory sector, then the FAT), as an .xls is
// stored. The stream is padded to 4,096 bytes so that it is a regular
// stream, not a mini stream.
func xlsCFB(t testing.TB, stream []byte) []byte {
	const sector = 512
	const endChain, fatSect, free = 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
	size := len(stream)
	stream = append(stream, make([]byte, max(0, 4096-len(stream)))...)
	stream = append(stream, make([]byte, (sector-len(stream)%sector)%sector)...)
	s := len(stream) / sector
	f := 1
	for s+1+f > 128*f {
		f++
	}
	if f > 109 {
		t.Fatalf("stream of %d bytes too large for the test compound file", size)
	}
	le := binary.LittleEndian
	head := make([]byte, sector)
	copy(head, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	le.PutUint16(head[24:], 0x003E)
	le.PutUint16(head[26:], 3)
	le.PutUint16(head[28:], 0xFFFE)
	le.PutUint16(head[30:], 9)
	le.PutUint16(head[32:], 6)
	le.PutUint32(head[44:], uint32(f))
	le.PutUint32(head[48:], uint32(s)) // first directory sector
	le.PutUint32(head[56:], 4096)
	le.PutUint32(head[60:], endChain)
	le.PutUint32(head[68:], endChain)
	for i := 0; i < 109; i++ {
		v := uint32(free)
		if i < f {
			v = uint32(s + 1 + i)
		}
		le.PutUint32(head[76+4*i:], v)
	}
	dir := make([]byte, sector)
	entry := func(i int, name string, typ byte, child, start uint32, n int) {
		e := dir[128*i:]
		u := []rune(name)
		for k, r := range u {
			le.PutUint16(e[2*k:], uint16(r))
		}
		le.PutUint16(e[64:], uint16(2*len(u)+2))
		e[66], e[67] = typ, 1
		le.PutUint32(e[68:], free)
		le.PutUint32(e[72:], free)
		le.PutUint32(e[76:], child)
		le.PutUint32(e[116:], start)
		le.PutUint32(e[120:], uint32(n))
	}
	entry(0, "Root Entry", 5, 1, endChain, 0)
	entry(1, "Workbook", 2, free, 0, len(stream))
	for i := 2; i < 4; i++ {
		le.PutUint32(dir[128*i+68:], free)
		le.PutUint32(dir[128*i+72:], free)
		le.PutUint32(dir[128*i+76:], free)
	}
	fat := make([]byte, f*sector)
	for i := 0; i < f*128; i++ {
		v := uint32(free)
		switch {
		case i < s-1:
			v = uint32(i + 1)
		case i == s-1, i == s:
			v = endChain
		case i <= s+f:
			v = fatSect
		}
		le.PutUint32(fat[4*i:], v)
	}
	return slicesConcat(head, stream, dir, fat)
}

func slicesConcat(parts ...[]byte) []byte {
	var out []byte
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

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
