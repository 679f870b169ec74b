package convert

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/xuri/excelize/v2"
)

// smallWorkbook returns a one-sheet workbook with a few labelled amounts.
func smallWorkbook(t testing.TB) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	cells := map[string]any{"A1": "项目编码", "B1": "13020824P000010100133", "A2": "预算数", "B2": 12.5, "C2": "财政资金", "D2": 12.5, "B3": 3}
	for cell, v := range cells {
		if err := f.SetCellValue("Sheet1", cell, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SetCellFormula("Sheet1", "B4", "B2*2"); err != nil {
		t.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// replacePart returns the zip src with the part name's content replaced by
// edit's result; the other parts are copied unchanged.
func replacePart(t testing.TB, src []byte, name string, edit func([]byte) []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, e := range zr.File {
		rc, err := e.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if e.Name == name {
			data = edit(data)
		}
		w, err := zw.Create(e.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// setCellXML replaces the XML of one cell of a worksheet part.
func setCellXML(cell, xmlText string) func([]byte) []byte {
	re := regexp.MustCompile(`<c r="` + cell + `"[^>]*?(/>|>.*?</c>)`)
	return func(b []byte) []byte {
		if !re.Match(b) {
			panic("cell " + cell + " not in sheet XML")
		}
		return re.ReplaceAllLiteral(b, []byte(xmlText))
	}
}

func writeTemp(t testing.TB, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReadXLSXFlags(t *testing.T) {
	data := smallWorkbook(t)
	data = replacePart(t, data, "xl/worksheets/sheet1.xml", setCellXML("D2", `<c r="D2" t="e"><f>1/0</f><v>#DIV/0!</v></c>`))
	data = replacePart(t, data, "xl/worksheets/sheet1.xml", setCellXML("B3", `<c r="B3" t="e"><v>#REF!</v></c>`))
	wb, err := ReadXLSX(writeTemp(t, "flags.xlsx", data))
	if err != nil {
		t.Fatal(err)
	}
	sh := wb.Sheets[0]
	want := map[CellPos]CellFlag{{1, 3}: FlagErrorValue, {2, 1}: FlagErrorValue, {3, 1}: FlagFormulaNoValue}
	if len(sh.Flags) != len(want) {
		t.Errorf("flags = %v, want %v", sh.Flags, want)
	}
	for pos, f := range want {
		if got := sh.Flag(pos.Row, pos.Col); got != f {
			t.Errorf("flag at %s = %d, want %d", CellName(pos.Row, pos.Col), got, f)
		}
	}
	if got := sh.Cell(1, 3); got != "#DIV/0!" {
		t.Errorf("D2 text = %q, want the error value", got)
	}
	if sh.Flag(1, 1) != 0 {
		t.Errorf("plain number B2 flagged")
	}
}

func TestReadXLSXFormulaWithCachedValueNotFlagged(t *testing.T) {
	data := replacePart(t, smallWorkbook(t), "xl/worksheets/sheet1.xml",
		setCellXML("B4", `<c r="B4"><f>B2*2</f><v>25</v></c>`))
	wb, err := ReadXLSX(writeTemp(t, "cached.xlsx", data))
	if err != nil {
		t.Fatal(err)
	}
	if f := wb.Sheets[0].Flags; f != nil {
		t.Errorf("flags = %v, want none", f)
	}
	if got := wb.Sheets[0].Cell(3, 1); got != "25" {
		t.Errorf("B4 = %q, want the cached 25", got)
	}
}

func TestMarkerIn(t *testing.T) {
	for s, want := range map[string]bool{
		`<c r="A1"><v>1</v></c>`:     false,
		`<filterColumn colId="0"/>`:  false,
		`<c r="A1"><f>A2</f></c>`:    true,
		`<x:c r="A1"><x:f>A2</x:f>`:  true,
		`<c r="A1" t="e"><v>#N/A<v>`: true,
		`<f t="shared" si="0"/>`:     true,
	} {
		if got := markerIn([]byte(s)); got != want {
			t.Errorf("markerIn(%q) = %v, want %v", s, got, want)
		}
	}
}

// FuzzReadXLSX feeds mutated workbooks to the reader: input starting with
// "PK" is a whole file, anything else becomes the XML of sheet1 in a valid
// package. The reader must never panic, and a failure must be a located
// error of a known kind.
func FuzzReadXLSX(f *testing.F) {
	base := smallWorkbook(f)
	f.Add(base)
	f.Add(base[:len(base)/2])
	f.Add([]byte(`<worksheet><sheetData><row r="2"><c r="B2" t="e"><v>#REF!</v></c><c><f>1</f></c></row></sheetData></worksheet>`))
	f.Add([]byte(`<worksheet><sheetData><row><c r="XFE1"><v>1</v></c></row></sheetData></worksheet>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if !bytes.HasPrefix(data, []byte("PK")) {
			data = replacePart(t, base, "xl/worksheets/sheet1.xml", func([]byte) []byte { return data })
		}
		wb, err := ReadXLSX(writeTemp(t, "fuzz.xlsx", data))
		if err != nil {
			var le *LocatedError
			if !errors.As(err, &le) || le.File == "" {
				t.Fatalf("error without a location: %v", err)
			}
			if !errors.Is(err, ErrUnreadable) && !errors.Is(err, ErrEncrypted) && !errors.Is(err, ErrTooLarge) {
				t.Fatalf("error of no known kind: %v", err)
			}
			return
		}
		for _, sh := range wb.Sheets {
			for pos, fl := range sh.Flags {
				if pos.Row < 0 || pos.Col < 0 || fl != FlagErrorValue && fl != FlagFormulaNoValue {
					t.Fatalf("bad flag %v at %v", fl, pos)
				}
			}
		}
	})
}
