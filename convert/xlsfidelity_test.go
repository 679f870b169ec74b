package convert

import (
	"encoding/binary"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// openXLS reads bytes as a file named name would be read.
func openXLS(t *testing.T, name string, data []byte) (*Workbook, error) {
	t.Helper()
	return OpenBytes(name, data, Options{})
}

// oneSheet8 is a BIFF8 workbook of one sheet "表" with A1 = text.
func oneSheet8(text string, globals ...[]byte) []byte {
	return biffWorkbook(0x0600, globals, biffSheet{name: "表", records: [][]byte{biffLabel8(0, 0, text)}})
}

// Each case is one way real .xls files were misread: the workbook must read
// as Excel shows it.
func TestXLSFidelity(t *testing.T) {
	root := biffWorkbook(0x0600, nil,
		biffSheet{name: "甲", records: [][]byte{biffLabel8(0, 0, "本表")}},
		biffSheet{name: "乙", records: [][]byte{biffNumberRec(1, 1, 4.92)}})
	embedded := oneSheet8("嵌入的工作簿")
	cases := []struct {
		name string
		file []byte
		want string // dumpWorkbook of the result
	}{
		{"embedded workbook object before the root stream", cfbFile([]cfbNode{
			{name: "MBD0001A2B3", children: []cfbNode{{name: "Workbook", data: embedded}}},
			{name: "Workbook", data: root}}),
			"format xls\n== 甲 (1 rows)\n1: \"本表\"\n== 乙 (2 rows)\n2: \"\" \"4.92\"\n"},
		{"embedded workbook object after the root stream", cfbFile([]cfbNode{
			{name: "Workbook", data: root},
			{name: "MBD0001A2B3", children: []cfbNode{{name: "Workbook", data: embedded}}}}),
			"format xls\n== 甲 (1 rows)\n1: \"本表\"\n== 乙 (2 rows)\n2: \"\" \"4.92\"\n"},
		{"stream name in capitals", cfbFile([]cfbNode{{name: "WORKBOOK", data: oneSheet8("大写")}}),
			"format xls\n== 表 (1 rows)\n1: \"大写\"\n"},
		{"stream name in mixed case", cfbFile([]cfbNode{{name: "WorkBook", data: oneSheet8("混合")}}),
			"format xls\n== 表 (1 rows)\n1: \"混合\"\n"},
		{"BIFF5 Book stream", cfbFile([]cfbNode{{name: "Book", data: biffWorkbook(0x0500, nil,
			biffSheet{rawName: []byte("Sheet1"), records: [][]byte{biffLabel5(0, 0, []byte("Excel 95"))}})}}),
			"format xls\n== Sheet1 (1 rows)\n1: \"Excel 95\"\n"},
		{"BIFF5 BOOK stream in capitals", cfbFile([]cfbNode{{name: "BOOK", data: biffWorkbook(0x0500, nil,
			biffSheet{rawName: []byte("S"), records: [][]byte{biffLabel5(0, 0, []byte("x"))}})}}),
			"format xls\n== S (1 rows)\n1: \"x\"\n"},
		{"duplicate sheet names", cfbFile([]cfbNode{{name: "Workbook", data: biffWorkbook(0x0600, nil,
			biffSheet{name: "项目", records: [][]byte{biffLabel8(0, 0, "一")}},
			biffSheet{name: "项目", records: [][]byte{biffLabel8(0, 0, "二")}})}}),
			"format xls\n== 项目 (1 rows)\n1: \"一\"\n== 项目 (2) (1 rows)\n1: \"二\"\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			wb, err := openXLS(t, "a.xls", c.file)
			if err != nil {
				t.Fatal(err)
			}
			if got := dumpWorkbook(wb); got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}

// A formula's text result follows in a STRING record, and for the first cell
// of a filled-down (shared), array or table formula the SHRFMLA, ARRAY or
// TABLE record comes between them.
func TestXLSFormulaStringAfterFormulaRecords(t *testing.T) {
	for _, c := range []struct {
		name    string
		between []byte
		formula uint16
	}{
		{"STRING right after FORMULA", nil, biffFormula},
		{"after SHRFMLA", biffRec(biffShrFmla, make([]byte, 10)), biffFormula},
		{"after ARRAY", biffRec(biffArray, make([]byte, 14)), biffFormula},
		{"after TABLE", biffRec(biffTable, make([]byte, 16)), biffFormula},
		{"old FORMULA id 0x0406", nil, biffFormula4},
	} {
		t.Run(c.name, func(t *testing.T) {
			records := [][]byte{biffFormulaRec(c.formula, 2, 0, biffStringResult)}
			if c.between != nil {
				records = append(records, c.between)
			}
			records = append(records, biffString8("baz"), biffFormulaRec(c.formula, 3, 0, []byte{0, 0, 0, 0, 0, 0, 0x14, 0x40}))
			stream := biffWorkbook(0x0600, nil, biffSheet{name: "Sheet1", records: records})
			wb, err := parseBIFF(stream)
			if err != nil {
				t.Fatal(err)
			}
			if got := wb.Sheets[0].Cell(2, 0); got != "baz" {
				t.Errorf("A3 = %q, want baz", got)
			}
			if got := wb.Sheets[0].Cell(3, 0); got != "5" {
				t.Errorf("A4 = %q, want 5", got)
			}
		})
	}
}

// BIFF5 8-bit strings, sheet names and cells, are in the workbook's CODEPAGE.
func TestXLSCodePages(t *testing.T) {
	type encoder interface{ Bytes([]byte) ([]byte, error) }
	for _, c := range []struct {
		name string
		cp   uint16
		enc  encoder
		text string
	}{
		{"1251 Cyrillic", 1251, charmap.Windows1251.NewEncoder(), "Привет"},
		{"1253 Greek", 1253, charmap.Windows1253.NewEncoder(), "Καλημέρα"},
		{"1250 Central European", 1250, charmap.Windows1250.NewEncoder(), "Łódź"},
		{"936 simplified Chinese", 936, simplifiedchinese.GBK.NewEncoder(), "项目绩效"},
		{"950 traditional Chinese", 950, traditionalchinese.Big5.NewEncoder(), "項目績效"},
		{"10007 Mac Cyrillic", 10007, charmap.MacintoshCyrillic.NewEncoder(), "Жук"},
		{"1252 Western", 1252, charmap.Windows1252.NewEncoder(), "Café €"},
	} {
		t.Run(c.name, func(t *testing.T) {
			raw, err := c.enc.Bytes([]byte(c.text))
			if err != nil {
				t.Fatal(err)
			}
			stream := biffWorkbook(0x0500, [][]byte{u16Rec(biffCodePage, c.cp)},
				biffSheet{rawName: raw, records: [][]byte{biffLabel5(0, 0, raw)}})
			wb, err := parseBIFF(stream)
			if err != nil {
				t.Fatal(err)
			}
			if sh := wb.Sheets[0]; sh.Name != c.text || sh.Cell(0, 0) != c.text {
				t.Errorf("sheet %q, A1 %q; want %q", sh.Name, sh.Cell(0, 0), c.text)
			}
		})
	}
	// Mac Central European (10029) is not in golang.org/x/text: its own table
	// (0x8B is č, 0x87 á, 0xA0 †).
	stream := biffWorkbook(0x0500, [][]byte{u16Rec(biffCodePage, 10029)},
		biffSheet{rawName: []byte("S"), records: [][]byte{biffLabel5(0, 0, []byte{'a', 0x8B, 0x87, 0xA0})}})
	wb, err := parseBIFF(stream)
	if err != nil {
		t.Fatal(err)
	}
	if got := wb.Sheets[0].Cell(0, 0); got != "ačá†" {
		t.Errorf("10029: %q, want %q", got, "ačá†")
	}
}

// DATEMODE 1 marks the 1904 date system.
func TestXLSDateMode(t *testing.T) {
	for _, c := range []struct {
		name    string
		globals [][]byte
		want    bool
	}{
		{"no DATEMODE", nil, false},
		{"DATEMODE 0", [][]byte{u16Rec(biffDateMode, 0)}, false},
		{"DATEMODE 1", [][]byte{u16Rec(biffDateMode, 1)}, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			wb, err := parseBIFF(oneSheet8("x", c.globals...))
			if err != nil {
				t.Fatal(err)
			}
			if wb.Date1904 != c.want {
				t.Errorf("Date1904 = %v, want %v", wb.Date1904, c.want)
			}
		})
	}
}

// Excel 2.0–4.0 worksheets are read: BIFF2 records carry 3 bytes of
// attributes, BIFF3 and BIFF4 ones a format index; strings are in the code
// page. An Excel 4.0 workbook is refused by name, never as damaged.
func TestXLSOldBIFF(t *testing.T) {
	cell2 := func(id, row, col uint16, v ...byte) []byte {
		d := binary.LittleEndian.AppendUint16(nil, row)
		d = binary.LittleEndian.AppendUint16(d, col)
		return biffRec(id, append(append(d, 0, 0, 0), v...))
	}
	f64 := func(v float64) []byte { return binary.LittleEndian.AppendUint64(nil, math.Float64bits(v)) }
	cyr, _ := charmap.Windows1251.NewEncoder().Bytes([]byte("Итого"))
	biff2 := slices.Concat(biffRec(biffBOF2, []byte{7, 0, 0x10, 0}), u16Rec(biffCodePage, 1251),
		cell2(biff2Label, 0, 0, append([]byte{byte(len(cyr))}, cyr...)...),
		cell2(biff2Integer, 0, 1, 42, 0),
		cell2(biff2Number, 1, 0, f64(4.92)...),
		cell2(biff2BoolErr, 1, 1, 7, 1),
		cell2(biffFormula, 2, 0, append([]byte{0, 0, 0, 0, 0, 0, 0xFF, 0xFF}, 0, 0, 0, 0, 0)...),
		biffRec(biff2String, []byte{2, 'o', 'k'}),
		biffRec(biffEOF, nil))
	biff4 := slices.Concat(biffRec(biffBOF4, []byte{0, 0, 0x10, 0, 0, 0}), u16Rec(biffDateMode, 1),
		biffLabel5(0, 0, []byte("BIFF4")),
		biffNumberRec(0, 1, 45657),
		biffRec(biffRK, binary.LittleEndian.AppendUint32(biffCell(1, 0), rkInt(-7))),
		biffFormulaRec(biffFormula4, 2, 0, biffStringResult), biffRec(biffArray, make([]byte, 12)),
		biffRec(biffString, []byte{3, 0, 'a', 'r', 'r'}),
		biffFormulaRec(biff3Formula, 2, 1, f64(1.5)),
		biffRec(biffEOF, nil))
	for _, c := range []struct {
		name  string
		data  []byte
		want  string
		d1904 bool
	}{
		{"BIFF2 worksheet", biff2, "format xls\n== Sheet 1 (3 rows)\n1: \"Итого\" \"42\"\n2: \"4.92\" \"#DIV/0!\"\n3: \"ok\"\nflag B2 2\n", false},
		{"BIFF4 worksheet", biff4, "format xls\n== Sheet 1 (3 rows)\n1: \"BIFF4\" \"45657\"\n2: \"-7\"\n3: \"arr\" \"1.5\"\n", true},
		{"BIFF4 worksheet in a compound file", cfbFile([]cfbNode{{name: "Workbook", data: biff4}}),
			"format xls\n== Sheet 1 (3 rows)\n1: \"BIFF4\" \"45657\"\n2: \"-7\"\n3: \"arr\" \"1.5\"\n", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			wb, err := openXLS(t, "old.xls", c.data)
			if err != nil {
				t.Fatal(err)
			}
			if got := dumpWorkbook(wb); got != c.want || wb.Date1904 != c.d1904 {
				t.Errorf("got (1904 %v)\n%s\nwant (1904 %v)\n%s", wb.Date1904, got, c.d1904, c.want)
			}
		})
	}
	workbook4 := slices.Concat(biffRec(biffBOF4, []byte{0, 0, 0, 1, 0, 0}), biffRec(biffEOF, nil))
	_, err := openXLS(t, "book.xlw", workbook4)
	if !errors.Is(err, ErrUnsupported) || !errors.Is(err, ErrUnknownFormat) || errors.Is(err, ErrUnreadable) {
		t.Fatalf("Excel 4.0 workbook: err = %v, want ErrUnsupported", err)
	}
	if !strings.Contains(err.Error(), "Excel 4.0 工作簿") || !strings.Contains(err.Error(), "另存为 .xlsx") {
		t.Errorf("message %q does not name the format and the remedy", err)
	}
}
