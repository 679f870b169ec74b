package convert

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// readBoth reads the workbook at p with the fast reader and with excelize
// (readXLSXLibrary), as ReadXLSX would.
func readBoth(t testing.TB, p string) (fast, lib *Workbook, fastErr, libErr error) {
	t.Helper()
	zr, err := zip.OpenReader(p)
	if err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	defer zr.Close()
	if err := checkUnzipSize(&zr.Reader); err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	fast, fastErr = readXLSXFast(p, &zr.Reader, nil)
	if fastErr != nil && !errors.Is(fastErr, errNotHandled) {
		t.Fatalf("%s: fast reader error of another kind: %v", p, fastErr)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	lib, libErr = readXLSXLibrary(p, data, &zr.Reader, nil)
	return fast, lib, fastErr, libErr
}

// checkFastMatches reads p both ways and fails the test when the fast
// reader's result differs from excelize's; handled reports whether the
// fast reader read it. ReadXLSX must give excelize's result either way.
func checkFastMatches(t testing.TB, p string) (handled bool) {
	t.Helper()
	fast, lib, fastErr, libErr := readBoth(t, p)
	if fastErr == nil {
		if libErr != nil {
			t.Errorf("%s: fast reader read a workbook excelize refuses (%v)", p, libErr)
		} else if !reflect.DeepEqual(fast, lib) {
			t.Errorf("%s: fast reader differs from excelize: %s", p, workbookDiff(fast, lib))
		}
	}
	got, err := ReadXLSX(p)
	switch {
	case libErr != nil && (err == nil || err.Error() != libErr.Error()):
		t.Errorf("%s: ReadXLSX error %v, excelize %v", p, err, libErr)
	case libErr == nil && (err != nil || !reflect.DeepEqual(got, lib)):
		t.Errorf("%s: ReadXLSX (%v) differs from excelize: %s", p, err, workbookDiff(got, lib))
	}
	return fastErr == nil
}

// workbookDiff describes the first difference between two workbooks.
func workbookDiff(a, b *Workbook) string {
	if a == nil || b == nil {
		return fmt.Sprintf("%v vs %v", a, b)
	}
	if len(a.Sheets) != len(b.Sheets) {
		return fmt.Sprintf("%d sheets vs %d", len(a.Sheets), len(b.Sheets))
	}
	for i := range a.Sheets {
		x, y := a.Sheets[i], b.Sheets[i]
		switch {
		case x.Name != y.Name:
			return fmt.Sprintf("sheet %d named %q vs %q", i, x.Name, y.Name)
		case !reflect.DeepEqual(x.Merges, y.Merges):
			return fmt.Sprintf("%s merges %v vs %v", x.Name, x.Merges, y.Merges)
		case !reflect.DeepEqual(x.Flags, y.Flags):
			return fmt.Sprintf("%s flags %v vs %v", x.Name, x.Flags, y.Flags)
		case len(x.Rows) != len(y.Rows):
			return fmt.Sprintf("%s: %d rows vs %d", x.Name, len(x.Rows), len(y.Rows))
		}
		for r := range x.Rows {
			if !reflect.DeepEqual(x.Rows[r], y.Rows[r]) {
				return fmt.Sprintf("%s row %d: %q vs %q", x.Name, r+1, x.Rows[r], y.Rows[r])
			}
		}
	}
	return fmt.Sprintf("%+v vs %+v", *a, *b)
}

// sampleWorkbooks lists the .xlsx files kept in the repository.
func sampleWorkbooks(t testing.TB) []string {
	var paths []string
	for _, pat := range []string{"../samples/*/*.xlsx", "../samples/*/*/*.xlsx", "testdata/*/*.xlsx",
		"../templates/testdata/*.xlsx", "../consolidate/testdata/*.xlsx", "../consolidate/testdata/*/*.xlsx"} {
		m, err := filepath.Glob(pat)
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, m...)
	}
	return paths
}

func TestReadXLSXFastMatchesLibrarySamples(t *testing.T) {
	paths := sampleWorkbooks(t)
	if len(paths) == 0 {
		t.Skip("no workbooks")
	}
	for _, p := range paths {
		if zr, err := zip.OpenReader(p); err != nil {
			continue // not a zip (encrypted, HTML, …): excelize's alone
		} else {
			zr.Close()
		}
		handled := checkFastMatches(t, p)
		if strings.Contains(p, "samples") && !handled {
			_, _, err, _ := readBoth(t, p)
			t.Errorf("%s: fast reader declined a sample: %v", p, err)
		}
	}
}

// excelizeBook builds a workbook with excelize and returns its bytes,
// after edit (if any) rewrites its parts.
func excelizeBook(t testing.TB, build func(f *excelize.File) error) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := build(f); err != nil {
		t.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// setCells sets each "A1"-named cell to its value.
func setCells(f *excelize.File, sheet string, cells map[string]any) error {
	for cell, v := range cells {
		if err := f.SetCellValue(sheet, cell, v); err != nil {
			return err
		}
	}
	return nil
}

func TestReadXLSXFastMatchesLibraryGenerated(t *testing.T) {
	for _, c := range []struct {
		name  string
		build func(f *excelize.File) error
		edit  func(data []byte) []byte // rewrites sheet1 after saving
	}{
		{name: "every cell type", build: func(f *excelize.File) error {
			return setCells(f, "Sheet1", map[string]any{
				"A1": "项目", "B1": 12.5, "C1": -3, "D1": true, "E1": false, "F1": time.Date(2024, 3, 1, 8, 30, 0, 0, time.UTC),
				"A2": "  前后空格  ", "B2": "line\r\nbreak", "C2": "_x000D_ literal", "D2": "tab\there", "E2": "",
				"A3": 1e21, "B3": "13020824P000010100133", "C3": 0.1 + 0.2, "D3": "&<>\"'", "E3": strings.Repeat("长", 3000),
			})
		}},
		{name: "rich text", build: func(f *excelize.File) error {
			return f.SetCellRichText("Sheet1", "B2", []excelize.RichTextRun{
				{Text: "粗体", Font: &excelize.Font{Bold: true, Size: 14, Color: "FF0000", Family: "宋体"}},
				{Text: " 斜体 ", Font: &excelize.Font{Italic: true, Underline: "single", VertAlign: "superscript"}},
				{Text: "_x0041_plain"},
			})
		}},
		{name: "formulas", build: func(f *excelize.File) error {
			if err := setCells(f, "Sheet1", map[string]any{"A1": 1, "A2": 2}); err != nil {
				return err
			}
			for cell, formula := range map[string]string{"A3": "A1+A2", "B1": "A1/0", "B2": `"x"&A1`, "C5": "SUM(A1:A2)"} {
				if err := f.SetCellFormula("Sheet1", cell, formula); err != nil {
					return err
				}
			}
			return nil
		}, edit: func(b []byte) []byte {
			b = setCellXML("A3", `<c r="A3"><f>A1+A2</f><v>3</v></c>`)(b)
			b = setCellXML("B1", `<c r="B1" t="e"><f>A1/0</f><v>#DIV/0!</v></c>`)(b)
			return setCellXML("B2", `<c r="B2" t="str"><f>"x"&amp;A1</f><v></v></c>`)(b)
		}},
		{name: "sparse rows and a wide row", build: func(f *excelize.File) error {
			return setCells(f, "Sheet1", map[string]any{"A1": "a", "C5": 5, "Z100": "z", "XFD3": "last", "B3": "b"})
		}},
		{name: "merges", build: func(f *excelize.File) error {
			for _, r := range [][2]string{{"A1", "C1"}, {"B3", "A2"}, {"E5", "F9"}} {
				if err := f.MergeCell("Sheet1", r[0], r[1]); err != nil {
					return err
				}
			}
			return setCells(f, "Sheet1", map[string]any{"A1": "标题", "A2": 1})
		}},
		{name: "empty and hidden sheets", build: func(f *excelize.File) error {
			for _, name := range []string{"空表", "隐藏", strings.Repeat("名", 31)} {
				if _, err := f.NewSheet(name); err != nil {
					return err
				}
			}
			if err := f.SetSheetVisible("隐藏", false); err != nil {
				return err
			}
			return setCells(f, "隐藏", map[string]any{"B2": "hidden"})
		}},
		{name: "chart sheet", build: func(f *excelize.File) error {
			if err := setCells(f, "Sheet1", map[string]any{"A1": "x", "A2": "a", "B2": 1, "A3": "b", "B3": 2}); err != nil {
				return err
			}
			return f.AddChartSheet("图表", &excelize.Chart{Type: excelize.Col, Series: []excelize.ChartSeries{
				{Name: "Sheet1!$A$1", Categories: "Sheet1!$A$2:$A$3", Values: "Sheet1!$B$2:$B$3"}}})
		}},
		{name: "stream writer inline strings", build: func(f *excelize.File) error {
			sw, err := f.NewStreamWriter("Sheet1")
			if err != nil {
				return err
			}
			for r := 1; r <= 300; r++ {
				row := []any{fmt.Sprintf("行%d", r), r, float64(r) / 7, r%2 == 0, nil, " sp "}
				if err := sw.SetRow(fmt.Sprintf("A%d", r*2), row); err != nil {
					return err
				}
			}
			return sw.Flush()
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			data := excelizeBook(t, c.build)
			if c.edit != nil {
				data = replacePart(t, data, "xl/worksheets/sheet1.xml", c.edit)
			}
			if !checkFastMatches(t, writeTemp(t, "gen.xlsx", data)) {
				t.Error("fast reader declined a workbook excelize wrote")
			}
		})
	}
}

// zipParts zips name, content pairs in order.
func zipParts(t testing.TB, parts ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(parts); i += 2 {
		w, err := zw.Create(parts[i])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, parts[i+1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const (
	testContentTypes = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`
	testRootRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
	testWorkbook = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ` +
		`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="表1" sheetId="1" r:id="rId1"/></sheets></workbook>`
	testWorkbookRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`
)

// minimalXLSX is a one-sheet package holding sheetXML and, unless sstXML
// is empty, a shared string table.
func minimalXLSX(t testing.TB, sheetXML, sstXML []byte) []byte {
	parts := []string{"[Content_Types].xml", testContentTypes, "_rels/.rels", testRootRels,
		"xl/workbook.xml", testWorkbook, "xl/_rels/workbook.xml.rels", testWorkbookRels,
		"xl/worksheets/sheet1.xml", string(sheetXML)}
	if len(sstXML) > 0 {
		parts = append(parts, "xl/sharedStrings.xml", string(sstXML))
	}
	return zipParts(t, parts...)
}

// wsXML wraps rows into a worksheet part; sstXML wraps items into a table.
func wsXML(rows string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + rows + `</sheetData></worksheet>`
}

func sstXML(items string) string {
	return `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3">` + items + `</sst>`
}

// testSST is the shared string table most hand-written cases use.
var testSST = sstXML(`<si><t>零</t></si><si><t xml:space="preserve"> 一 </t></si><si><r><t>二</t></r><r><rPr><b/><sz val="11"/></rPr><t>_x000D_半</t></r></si>`)

// FuzzReadXLSXFast feeds a worksheet part and a shared string table, both
// seeded from real workbooks, to the fast reader and to excelize: neither
// may panic, the fast reader either reads the package or declines it, and
// when it reads it, excelize reads the same Workbook.
func FuzzReadXLSXFast(f *testing.F) {
	for _, p := range []string{"../samples/2024/王官营镇.xlsx", "../samples/variants/王官营镇-合并单元格.xlsx"} {
		zr, err := zip.OpenReader(p)
		if err != nil {
			continue
		}
		parts := map[string][]byte{}
		for _, e := range zr.File {
			if rc, err := e.Open(); err == nil {
				parts[e.Name], _ = io.ReadAll(rc)
				rc.Close()
			}
		}
		zr.Close()
		f.Add(parts["xl/worksheets/sheet1.xml"], parts["xl/sharedStrings.xml"])
	}
	for _, c := range fastXMLCases {
		f.Add([]byte(c.sheet), []byte(c.sst))
	}
	f.Fuzz(func(t *testing.T, sheet, sst []byte) {
		p := writeTemp(t, "fuzz.xlsx", minimalXLSX(t, sheet, sst))
		fast, lib, fastErr, libErr := readBoth(t, p)
		if fastErr != nil {
			return
		}
		if libErr != nil {
			t.Fatalf("fast reader read a package excelize refuses (%v)", libErr)
		}
		if !reflect.DeepEqual(fast, lib) {
			t.Fatalf("fast reader differs from excelize: %s", workbookDiff(fast, lib))
		}
	})
}

// FuzzXMLScanner checks the tokenizer against encoding/xml: whatever the
// scanner accepts, encoding/xml must accept too (Token, with its nesting
// and namespace checks) and tokenize the same way (RawToken: names,
// prefixes, attributes, decoded character data).
func FuzzXMLScanner(f *testing.F) {
	for _, c := range fastXMLCases {
		f.Add([]byte(c.sheet))
		f.Add([]byte(c.sst))
	}
	f.Add([]byte("<a x='1&#x41;&amp;'\r\n y=\"\r\"><b/>t&#13;\r\n<![CDATA[c\r\nd]]></a> "))
	f.Fuzz(func(t *testing.T, data []byte) {
		var s xmlScanner
		s.reset(data)
		var toks []string
		for tok := s.next(); tok != xmlEOF; tok = s.next() {
			switch tok {
			case xmlStart:
				desc := fmt.Sprintf("<%s:%s", s.prefix, s.local)
				for i := range s.attrs {
					a := &s.attrs[i]
					desc += fmt.Sprintf(" %s:%s=%q", a.prefix, a.local, a.value())
				}
				toks = append(toks, desc+">")
			case xmlEnd:
				toks = append(toks, fmt.Sprintf("</%s:%s>", s.prefix, s.local))
			case xmlText:
				toks = append(toks, fmt.Sprintf("%q", s.appendText(nil)))
			}
		}
		if s.why != "" {
			return
		}
		strict := xml.NewDecoder(bytes.NewReader(data))
		for {
			if _, err := strict.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("scanner accepted what encoding/xml refuses: %v", err)
			}
		}
		var want []string
		raw := xml.NewDecoder(bytes.NewReader(data))
		depth := 0
		for {
			tok, err := raw.RawToken()
			if err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("RawToken: %v", err)
			}
			switch tok := tok.(type) {
			case xml.StartElement:
				depth++
				desc := fmt.Sprintf("<%s:%s", tok.Name.Space, tok.Name.Local)
				for _, a := range tok.Attr {
					desc += fmt.Sprintf(" %s:%s=%q", a.Name.Space, a.Name.Local, a.Value)
				}
				want = append(want, desc+">")
			case xml.EndElement:
				depth--
				want = append(want, fmt.Sprintf("</%s:%s>", tok.Name.Space, tok.Name.Local))
			case xml.CharData:
				if depth > 0 {
					want = append(want, fmt.Sprintf("%q", []byte(tok)))
				}
			}
		}
		if !reflect.DeepEqual(toks, want) {
			t.Fatalf("tokens differ:\n scanner %q\n xml     %q", toks, want)
		}
	})
}

// BenchmarkReadXLSX reads every workbook of samples/2024 with the fast
// reader (ReadXLSX) and with excelize alone, each from opening the file.
func BenchmarkReadXLSX(b *testing.B) {
	paths, _ := filepath.Glob("../samples/2024/*.xlsx")
	if len(paths) == 0 {
		b.Skip("no samples")
	}
	for _, c := range []struct {
		name string
		read func(p string) error
	}{
		{"fast", func(p string) error {
			_, err := ReadXLSX(p)
			return err
		}},
		{"excelize", func(p string) error {
			zr, err := zip.OpenReader(p)
			if err != nil {
				return err
			}
			defer zr.Close()
			if err := checkUnzipSize(&zr.Reader); err != nil {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			_, err = readXLSXLibrary(p, data, &zr.Reader, nil)
			return err
		}},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, p := range paths {
					if err := c.read(p); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
