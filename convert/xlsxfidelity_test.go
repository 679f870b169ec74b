package convert

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"
)

// utf16Part encodes an XML part as UTF-16LE with a byte order mark and a
// declaration saying so, as Excel Mobile writes parts.
func utf16Part(t *testing.T, xmlText string) string {
	t.Helper()
	xmlText = strings.Replace(xmlText, `encoding="UTF-8"`, `encoding="UTF-16"`, 1)
	b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(xmlText))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Each case is one way real .xlsx files were misread; ReadXLSX must give
// what Excel shows, whichever of its readers reads the package.
func TestXLSXFidelity(t *testing.T) {
	sheet := wsXML(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>45657</v></c></row>`)
	sst := sstXML(`<si><t>项目</t></si>`)
	std := func(parts ...string) []byte {
		base := map[string]string{"[Content_Types].xml": testContentTypes, "_rels/.rels": testRootRels,
			"xl/workbook.xml": testWorkbook, "xl/_rels/workbook.xml.rels": testWorkbookRels,
			"xl/worksheets/sheet1.xml": sheet, "xl/sharedStrings.xml": sst}
		for i := 0; i+1 < len(parts); i += 2 {
			base[parts[i]] = parts[i+1]
		}
		var flat []string
		for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
			"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/worksheets/sheet2.xml"} {
			if v, ok := base[name]; ok {
				flat = append(flat, name, v)
			}
		}
		return zipParts(t, flat...)
	}
	twoSheets := strings.Replace(strings.Replace(testWorkbook, `name="表1"`, `name="项目"`, 1),
		"</sheets>", `<sheet name="项目" sheetId="2" r:id="rId3"/></sheets>`, 1)
	twoRels := strings.Replace(testWorkbookRels, "</Relationships>",
		`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/></Relationships>`, 1)
	cases := []struct {
		name     string
		data     []byte
		want     string // dumpWorkbook
		date1904 bool
	}{
		{"1900 date system", std(), "format xlsx\n== 表1 (1 rows)\n1: \"项目\" \"45657\"\n", false},
		{"1904 date system", std("xl/workbook.xml", strings.Replace(testWorkbook, "<sheets>", `<workbookPr date1904="1"/><sheets>`, 1)),
			"format xlsx\n== 表1 (1 rows)\n1: \"项目\" \"45657\"\n", true},
		{"1904 date system written true", std("xl/workbook.xml", strings.Replace(testWorkbook, "<sheets>", `<workbookPr date1904="true" defaultThemeVersion="124226"/><sheets>`, 1)),
			"format xlsx\n== 表1 (1 rows)\n1: \"项目\" \"45657\"\n", true},
		{"UTF-16 worksheet and shared strings", std("xl/worksheets/sheet1.xml", utf16Part(t, sheet), "xl/sharedStrings.xml", utf16Part(t, `<?xml version="1.0" encoding="UTF-8"?>`+sst)),
			"format xlsx\n== 表1 (1 rows)\n1: \"项目\" \"45657\"\n", false},
		{"UTF-16 workbook part", std("xl/workbook.xml", utf16Part(t, testWorkbook)),
			"format xlsx\n== 表1 (1 rows)\n1: \"项目\" \"45657\"\n", false},
		{"escaped surrogate pair in shared strings", std("xl/sharedStrings.xml", sstXML(`<si><t>a_xD801__xDC05_b</t></si>`)),
			"format xlsx\n== 表1 (1 rows)\n1: \"a\U00010405b\" \"45657\"\n", false},
		{"escaped surrogate pair in an inline string", std("xl/worksheets/sheet1.xml", wsXML(`<row r="1"><c r="A1" t="inlineStr"><is><t>_xD83D__xDE00_</t></is></c></row>`)),
			"format xlsx\n== 表1 (1 rows)\n1: \"\U0001F600\"\n", false},
		{"escaped underscore before a surrogate pair", std("xl/sharedStrings.xml", sstXML(`<si><t>_x005F_xD801__xDC05_</t></si>`)),
			"format xlsx\n== 表1 (1 rows)\n1: \"_xD801_\" \"45657\"\n", false},
		{"shared strings stored elsewhere", zipParts(t, "[Content_Types].xml", testContentTypes,
			"_rels/.rels", strings.Replace(testRootRels, "xl/workbook.xml", "wtf/workbook.xml", 1), "wtf/workbook.xml", testWorkbook,
			"wtf/_rels/workbook.xml.rels", strings.Replace(testWorkbookRels, `Target="sharedStrings.xml"`, `Target="strings/sst.xml"`, 1),
			"wtf/worksheets/sheet1.xml", sheet, "wtf/strings/sst.xml", sst),
			"format xlsx\n== 表1 (1 rows)\n1: \"项目\" \"45657\"\n", false},
		{"sheet listed without a part", std("xl/workbook.xml", strings.Replace(testWorkbook, "</sheets>", `<sheet name="Module" sheetId="2" r:id=""/></sheets>`, 1)),
			"format xlsx\n== 表1 (1 rows)\n1: \"项目\" \"45657\"\n== Module (0 rows)\n", false},
		{"duplicate sheet names", std("xl/workbook.xml", twoSheets, "xl/_rels/workbook.xml.rels", twoRels,
			"xl/worksheets/sheet2.xml", wsXML(`<row r="2"><c r="B2"><v>2</v></c></row>`)),
			"format xlsx\n== 项目 (1 rows)\n1: \"项目\" \"45657\"\n== 项目 (2) (2 rows)\n2: \"\" \"2\"\n", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := writeTemp(t, "case.xlsx", c.data)
			wb, err := ReadXLSX(p)
			if err != nil {
				t.Fatal(err)
			}
			if got := dumpWorkbook(wb); got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
			if wb.Date1904 != c.date1904 {
				t.Errorf("Date1904 = %v, want %v", wb.Date1904, c.date1904)
			}
		})
	}
}

// The fast reader and excelize agree on the date system.
func TestXLSXDate1904BothReaders(t *testing.T) {
	data := minimalXLSX(t, []byte(wsXML(`<row r="1"><c r="A1"><v>1</v></c></row>`)), nil)
	data = replacePart(t, data, "xl/workbook.xml", func(b []byte) []byte {
		return []byte(strings.Replace(string(b), "<sheets>", `<workbookPr date1904="1"/><sheets>`, 1))
	})
	fast, lib, fastErr, libErr := readBoth(t, writeTemp(t, "d.xlsx", data))
	if fastErr != nil || libErr != nil {
		t.Fatalf("fast %v, excelize %v", fastErr, libErr)
	}
	if !fast.Date1904 || !lib.Date1904 {
		t.Errorf("Date1904: fast %v, excelize %v; want both true", fast.Date1904, lib.Date1904)
	}
}

func TestJoinEscapedSurrogates(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"none", "abc", "abc"},
		{"pair", "_xD801__xDC05_", "\U00010405"},
		{"lower-case hex", "_xd83d__xde00_", "\U0001F600"},
		{"lone high surrogate kept", "_xD801_x", "_xD801_x"},
		{"reversed pair kept", "_xDC05__xD801_", "_xDC05__xD801_"},
		{"other escapes kept", "_x000D__x0041_", "_x000D__x0041_"},
		{"escaped underscore first", "_x005F_xD801__xDC05_", "_x005F_xD801__xDC05_"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := string(joinEscapedSurrogates([]byte(c.in))); got != c.want {
				t.Errorf("%q, want %q", got, c.want)
			}
		})
	}
}

func TestSheetNamer(t *testing.T) {
	for _, c := range []struct {
		name     string
		in, want []string
	}{
		{"distinct", []string{"a", "b"}, []string{"a", "b"}},
		{"twice", []string{"项目", "项目"}, []string{"项目", "项目 (2)"}},
		{"equal but for case", []string{"Sheet", "SHEET"}, []string{"Sheet", "SHEET (2)"}},
		{"copy name taken later", []string{"a", "a", "a (2)"}, []string{"a", "a (3)", "a (2)"}},
		{"long name shortened", []string{strings.Repeat("长", 31), strings.Repeat("长", 31)},
			[]string{strings.Repeat("长", 31), strings.Repeat("长", 27) + " (2)"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			wb := &Workbook{}
			for _, n := range c.in {
				wb.Sheets = append(wb.Sheets, Sheet{Name: n})
			}
			uniqueSheetNames(wb)
			for i, want := range c.want {
				if wb.Sheets[i].Name != want {
					t.Errorf("sheet %d: %q, want %q", i, wb.Sheets[i].Name, want)
				}
			}
		})
	}
}
