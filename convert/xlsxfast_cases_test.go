package convert

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

// fastXMLCases are odd-but-valid (and some invalid) worksheet parts: the
// fast reader must read each as excelize does, or decline it on purpose
// (handled false), in which case ReadXLSX gives excelize's result.
var fastXMLCases = []struct {
	name       string
	sheet, sst string
	handled    bool
	want       map[string]string // cells of the fast result, by name
}{
	{name: "plain", sheet: wsXML(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>12.5</v></c></row>`), sst: testSST,
		handled: true, want: map[string]string{"A1": "零", "B1": "12.5"}},
	{name: "prefixed elements", handled: true, sst: testSST, want: map[string]string{"B2": " 一 ", "C2": "3"},
		sheet: `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>` +
			`<x:row r="2"><x:c r="B2" t="s"><x:v>1</x:v></x:c><x:c r="C2"><x:v>3</x:v></x:c></x:row></x:sheetData>` +
			`<x:mergeCells count="1"><x:mergeCell ref="B2:C3"/></x:mergeCells></x:worksheet>`},
	{name: "self-closing and empty cells", handled: true, sst: testSST, want: map[string]string{"A1": "", "C1": "x"},
		sheet: wsXML(`<row r="1"><c r="A1"/><c r="B1"><v></v></c><c r="C1" t="str"><v>x</v></c><c r="D1" s="3"/></row><row r="3"/>`)},
	{name: "single quotes and CRLF", handled: true, sst: testSST, want: map[string]string{"A1": "a\nb", "B1": "零"},
		sheet: wsXML("\r\n<row r='1'>\r\n<c r='A1' t='inlineStr'><is><t>a\r\nb</t></is></c>\r\n<c r = 'B1' t = \"s\" ><v>0</v></c></row>\r\n")},
	{name: "entities and character references", handled: true,
		want: map[string]string{"A1": `<&>"'元元` + "\r", "B1": "&lt;"},
		sheet: wsXML(`<row r="1"><c r="A1" t="inlineStr"><is><t>&lt;&amp;&gt;&quot;&apos;&#20803;&#x5143;&#13;</t></is></c>` +
			`<c r="B1" t="str"><v>&amp;lt;</v></c></row>`)},
	{name: "CDATA", handled: true, want: map[string]string{"A1": "<b>&amp;", "B1": "12"},
		sheet: wsXML(`<row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[<b>&amp;]]></t></is></c><c r="B1"><v>1<![CDATA[2]]></v></c></row>`)},
	{name: "whitespace kept", handled: true, want: map[string]string{"A1": "  a  ", "B1": " 7 ", "C1": "\n"},
		sheet: wsXML(`<row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve">  a  </t></is></c><c r="B1"><v> 7 </v></c>` +
			`<c r="C1" t="str"><v>` + "\n" + `</v></c></row>`)},
	{name: "rows and cells without r", handled: true, want: map[string]string{"A1": "1", "B1": "2", "A2": "3", "C3": "4"},
		sheet: wsXML(`<row><c><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row><row><c/><c/><c><v>4</v></c></row>`)},
	{name: "shared string indexes", handled: true, sst: testSST,
		want: map[string]string{"A1": " 一 ", "B1": "零", "C1": "", "D1": "", "E1": "二\r半", "F1": "零"},
		sheet: wsXML(`<row r="1"><c r="A1" t="s"><v> 1 </v></c><c r="B1" t="s"><v>abc</v></c><c r="C1" t="s"><v>99</v></c>` +
			`<c r="D1" t="s"><v>-1</v></c><c r="E1" t="s"><v>2</v></c><c r="F1" t="s"><v>0.0</v></c></row>`)},
	{name: "other cell types", handled: true,
		want: map[string]string{"A1": "1", "B1": "2024-03-01T00:00:00Z", "C1": "#N/A", "D1": "5", "E1": "text", "F1": "v"},
		sheet: wsXML(`<row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="d"><v>2024-03-01T00:00:00Z</v></c><c r="C1" t="e"><v>#N/A</v></c>` +
			`<c r="D1" t="n"><v>5</v></c><c r="E1" t="zzz"><v>text</v></c><c r="F1" t="inlineStr"><v>v</v></c></row>`)},
	{name: "formulas and flags", handled: true, want: map[string]string{"A1": "", "B1": "3", "C1": "", "D1": "#REF!", "E1": " "},
		sheet: wsXML(`<row r="1"><c r="A1"><f>1+1</f></c><c r="B1"><f>1+2</f><v>3</v></c><c r="C1" t="str"><f>""</f><v></v></c>` +
			`<c r="D1" t="e"><v>#REF!</v></c><c r="E1"><f t="shared" ref="E1:E2" si="0" ca="1">A1</f><v> </v></c></row>`)},
	{name: "error type with spaces (no flag marker)", handled: true, want: map[string]string{"A1": "#N/A"},
		sheet: wsXML(`<row r="1"><c r="A1" t = "e"><v>#N/A</v></c></row>`)},
	{name: "phonetic and rich text", handled: true, want: map[string]string{"A1": "東京都", "B1": "前后", "C1": "_\x08x"},
		sst: sstXML(`<si><t>東京都</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1" type="noConversion"/></si>` +
			`<si><r><t>后</t></r><t>前</t></si><si><t>_x005F_</t><r><rPr><color rgb="FF0000" theme="1" tint="0.5"/><rFont val="宋体"/></rPr><t>_x0008_x</t></r></si>`),
		sheet: wsXML(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>`)},
	{name: "BOM and namespaces on inner elements", handled: true, want: map[string]string{"A1": "1"},
		sheet: "\xEF\xBB\xBF" + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:x14ac="urn:x14ac">` +
			`<sheetData><row r="1" x14ac:dyDescent="0.25"><c r="A1"><v>1</v></c></row></sheetData><extLst><ext uri="x"><f>A1</f></ext></extLst></worksheet>`},
	{name: "part as Excel writes it", handled: true, want: map[string]string{"A1": "预算", "B2": "1.5", "C2": "3"},
		sst: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" + `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ` +
			`count="1" uniqueCount="1"><si><t>预算</t><phoneticPr fontId="1" type="noConversion"/></si></sst>`,
		sheet: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ` +
			`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ` +
			`mc:Ignorable="x14ac xr" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" ` +
			`xr:uid="{00000000-0001-0000-0000-000000000000}"><dimension ref="A1:C2"/><sheetViews><sheetView tabSelected="1" workbookViewId="0">` +
			`<selection activeCell="B2" sqref="B2"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="13.5" x14ac:dyDescent="0.15"/>` +
			`<cols><col min="1" max="1" width="12.625" customWidth="1"/></cols><sheetData><row r="1" spans="1:3" x14ac:dyDescent="0.15">` +
			`<c r="A1" s="1" t="s"><v>0</v></c></row><row r="2" spans="1:3" ht="20.25" customHeight="1" x14ac:dyDescent="0.15"><c r="B2" s="2">` +
			`<v>1.5</v></c><c r="C2" s="2"><f>B2*2</f><v>3</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells>` +
			`<phoneticPr fontId="1" type="noConversion"/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
			`<pageSetup paperSize="9" orientation="portrait" r:id="rId1"/><extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" ` +
			`xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:conditionalFormattings><x14:conditionalFormatting ` +
			`xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:cfRule type="expression" priority="1" id="{1}"><xm:f>$B$2&gt;1</xm:f>` +
			`</x14:cfRule><xm:sqref>B2</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings></ext></extLst></worksheet>`},
	{name: "chart sheet", handled: true, sheet: `<chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews/><drawing/></chartsheet>`},
	{name: "rows out of order", sheet: wsXML(`<row r="3"><c r="A3"><v>3</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>`)},
	{name: "repeated row", sheet: wsXML(`<row r="2"><c r="A2"><v>1</v></c></row><row r="2"><c r="B2"><v>2</v></c></row>`)},
	{name: "cell of another row", sheet: wsXML(`<row r="1"><c r="B5"><v>1</v></c></row>`)},
	{name: "cells out of order", sheet: wsXML(`<row r="1"><c r="C1"><v>1</v></c><c r="A1"><v>2</v></c></row>`)},
	{name: "row number too large", sheet: wsXML(`<row r="1048577"><c><v>1</v></c></row>`)},
	{name: "bad row number", sheet: wsXML(`<row r="x"><c><v>1</v></c></row>`)},
	{name: "bad cell reference", sheet: wsXML(`<row r="1"><c r="A0"><v>1</v></c></row>`)},
	{name: "lower-case cell reference", handled: true, want: map[string]string{"B1": "1"}, sheet: wsXML(`<row r="1"><c r="b1"><v>1</v></c></row>`)},
	{name: "bad style index", sheet: wsXML(`<row r="1"><c r="A1" s="x"><v>1</v></c></row>`)},
	{name: "comment", sheet: wsXML(`<!-- note --><row r="1"><c r="A1"><v>1</v></c></row>`)},
	{name: "DTD", sheet: `<!DOCTYPE worksheet [<!ENTITY e "x">]>` + wsXML(`<row r="1"><c r="A1" t="str"><v>&e;</v></c></row>`)},
	{name: "unknown entity", sheet: wsXML(`<row r="1"><c r="A1" t="str"><v>&nbsp;</v></c></row>`)},
	{name: "strict namespace", sheet: `<worksheet xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`},
	{name: "other encoding", sheet: `<?xml version="1.0" encoding="GBK"?>` + wsXML(`<row r="1"><c r="A1"><v>1</v></c></row>`)[len(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`):]},
	{name: "mismatched tags", sheet: wsXML(`<row r="1"><c r="A1"><v>1</c></v></row>`)},
	{name: "truncated", sheet: wsXML(`<row r="1"><c r="A1"><v>1</v></c></row>`)[:120]},
	{name: "unknown element in a cell", sheet: wsXML(`<row r="1"><c r="A1"><v>1</v><extLst/></c></row>`)},
	{name: "row after sheetData", sheet: wsXML(`<row r="1"><c r="A1"><v>1</v></c></row>`) + "<row/>"},
	{name: "overlapping merges", sheet: strings.Replace(wsXML(`<row r="1"><c r="A1"><v>1</v></c></row>`), "</worksheet>",
		`<mergeCells><mergeCell ref="A1:B2"/><mergeCell ref="B2:C3"/></mergeCells></worksheet>`, 1)},
	{name: "mergeCells in CDATA", sheet: wsXML(`<row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[<mergeCells >]]></t></is></c></row>`)},
	{name: "shared strings excelize refuses", sst: sstXML(`<si><r><rPr><sz val="big"/></rPr><t>x</t></r></si>`),
		sheet: wsXML(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`)},
	{name: "shared strings without namespace", sst: `<sst><si><t>x</t></si></sst>`, sheet: wsXML(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`)},
	{name: "formula attribute excelize refuses", sheet: wsXML(`<row r="1"><c r="A1"><f ca="maybe">1</f><v>1</v></c></row>`)},
	{name: "control character", sheet: wsXML(`<row r="1"><c r="A1" t="str"><v>&#1;</v></c></row>`)},
}

func TestReadXLSXFastCases(t *testing.T) {
	for _, c := range fastXMLCases {
		t.Run(c.name, func(t *testing.T) {
			p := writeTemp(t, "case.xlsx", minimalXLSX(t, []byte(c.sheet), []byte(c.sst)))
			handled := checkFastMatches(t, p)
			if handled != c.handled {
				_, _, err, _ := readBoth(t, p)
				t.Fatalf("handled = %v, want %v (%v)", handled, c.handled, err)
			}
			if !handled {
				return
			}
			wb, _, _, _ := readBoth(t, p)
			for cell, want := range c.want {
				pos, err := ParseCellName(cell)
				if err != nil {
					t.Fatal(err)
				}
				if got := wb.Sheets[0].Cell(pos.Row, pos.Col); got != want {
					t.Errorf("%s = %q, want %q", cell, got, want)
				}
			}
		})
	}
}

// A package the fast reader cannot take as it stands goes to excelize, and
// the size checks still come first.
func TestReadXLSXFastPackages(t *testing.T) {
	sheet := []byte(wsXML(`<row r="1"><c r="A1"><v>1</v></c></row>`))
	base := minimalXLSX(t, sheet, nil)
	// twoSheets adds a second worksheet part; the sheets are name1 (rId1)
	// and name2 (rid2, where rId3 is the second part).
	twoSheets := func(name1, name2, rid2 string) []byte {
		return zipParts(t, "[Content_Types].xml", testContentTypes, "_rels/.rels", testRootRels,
			"xl/workbook.xml", strings.Replace(strings.Replace(testWorkbook, `name="表1"`, `name="`+name1+`"`, 1),
				"</sheets>", `<sheet name="`+name2+`" sheetId="2" r:id="`+rid2+`"/></sheets>`, 1),
			"xl/_rels/workbook.xml.rels", strings.Replace(testWorkbookRels, "</Relationships>",
				`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/></Relationships>`, 1),
			"xl/worksheets/sheet1.xml", string(sheet), "xl/worksheets/sheet2.xml", wsXML(`<row r="2"><c r="B2"><v>2</v></c></row>`))
	}
	for _, c := range []struct {
		name    string
		data    []byte
		handled bool
	}{
		{"minimal", base, true},
		{"no workbook relationship", replacePart(t, base, "_rels/.rels", func([]byte) []byte {
			return []byte(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>`)
		}), false},
		{"sheet without a part", replacePart(t, base, "xl/workbook.xml", func(b []byte) []byte {
			return bytes.Replace(b, []byte(`</sheets>`), []byte(`<sheet name="缺" sheetId="2" r:id="rId9"/></sheets>`), 1)
		}), false},
		{"two sheets", twoSheets("表1", "甲", "rId3"), true},
		{"two sheets sharing a part", twoSheets("表1", "甲", "rId1"), false},
		{"id outside the relationships namespace", replacePart(t, base, "xl/workbook.xml", func(b []byte) []byte {
			return bytes.Replace(b, []byte(`r:id=`), []byte(`id=`), 1)
		}), false},
		{"sheet name excelize refuses", replacePart(t, base, "xl/workbook.xml", func(b []byte) []byte {
			return bytes.Replace(b, []byte(`name="表1"`), []byte(`name="a/b"`), 1)
		}), false},
		{"strict workbook", replacePart(t, base, "xl/workbook.xml", func(b []byte) []byte {
			return bytes.ReplaceAll(b, []byte("http://schemas.openxmlformats.org/spreadsheetml/2006/main"), []byte("http://purl.oclc.org/ooxml/spreadsheetml/main"))
		}), false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := checkFastMatches(t, writeTemp(t, "pkg.xlsx", c.data)); got != c.handled {
				t.Errorf("handled = %v, want %v", got, c.handled)
			}
		})
	}
	// excelize picks either of two sheets whose names differ only in case
	// (map order), so only the fast reader's refusal is checked.
	if _, _, err, _ := readBoth(t, writeTemp(t, "case.xlsx", twoSheets("Ab", "aB", "rId3"))); !errors.Is(err, errNotHandled) {
		t.Errorf("sheet names equal but for case: fast reader %v, want it to decline", err)
	}

	// Declared sizes: over the per-part XML limit the fast reader declines
	// (excelize streams such a part); over the package limit ReadXLSX
	// refuses before reading anything.
	for _, c := range []struct {
		name string
		size uint64
		want error
	}{
		{"part over the XML limit", xlsxUnzipXMLLimit + 1, errNotHandled},
		{"package over the limit", xlsxUnzipLimit + 1, ErrTooLarge},
	} {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			zw := zip.NewWriter(&buf)
			src, err := zip.NewReader(bytes.NewReader(base), int64(len(base)))
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range src.File {
				h := e.FileHeader
				if e.Name == "xl/worksheets/sheet1.xml" {
					h.UncompressedSize64 = c.size
				}
				w, err := zw.CreateRaw(&h)
				if err != nil {
					t.Fatal(err)
				}
				rc, err := e.OpenRaw()
				if err != nil {
					t.Fatal(err)
				}
				if _, err := io.Copy(w, rc); err != nil {
					t.Fatal(err)
				}
			}
			if err := zw.Close(); err != nil {
				t.Fatal(err)
			}
			p := writeTemp(t, "big.xlsx", buf.Bytes())
			if c.want == ErrTooLarge {
				if _, err := ReadXLSX(p); !errors.Is(err, ErrTooLarge) {
					t.Fatalf("err = %v, want ErrTooLarge", err)
				}
				return
			}
			if _, _, err, _ := readBoth(t, p); !errors.Is(err, c.want) {
				t.Fatalf("fast reader: %v, want %v", err, c.want)
			}
		})
	}
}
