package convert

import (
	"errors"
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

// Excel 2.0–4.0 files are refused by name, never as damaged.
func TestXLSBIFF4Refused(t *testing.T) {
	bof4 := biffRec(biffBOF4, []byte{0, 0, 0x10, 0, 0, 0})
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"BIFF4 file", append(bof4, biffRec(biffEOF, nil)...)},
		{"BIFF3 file", append(biffRec(biffBOF3, []byte{0, 0, 0x10, 0, 0, 0}), biffRec(biffEOF, nil)...)},
		{"BIFF2 file", append(biffRec(biffBOF2, []byte{0, 0, 0x10, 0}), biffRec(biffEOF, nil)...)},
		{"BIFF4 in a compound file", cfbFile([]cfbNode{{name: "Workbook", data: append(bof4, biffRec(biffEOF, nil)...)}})},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := openXLS(t, "old.xls", c.data)
			if !errors.Is(err, ErrUnsupported) || !errors.Is(err, ErrUnknownFormat) || errors.Is(err, ErrUnreadable) {
				t.Fatalf("err = %v, want ErrUnsupported", err)
			}
			if !strings.Contains(err.Error(), "Excel 2.0–4.0") || !strings.Contains(err.Error(), "另存为 .xlsx") {
				t.Errorf("message %q does not name the format and the remedy", err)
			}
		})
	}
}
