package convert

import (
	"errors"
	"strings"
	"testing"
)

// Formats jixiao knows but does not read are refused by name with the remedy,
// never as a damaged file.
func TestUnsupportedFormats(t *testing.T) {
	cases := []struct {
		name, path string
		data       []byte
		says       string // the format as the message names it
	}{
		{"xlsb", "a.xlsb", zipParts(t, "[Content_Types].xml", testContentTypes, "_rels/.rels", testRootRels, "xl/workbook.bin", "\x83\x01\x00"), ".xlsb"},
		{"xlsb named .xlsx", "a.xlsx", zipParts(t, "[Content_Types].xml", testContentTypes, "_rels/.rels", testRootRels, "docProps/thumbnail.jpeg", noise(9000), "xl/workbook.bin", "\x83"), ".xlsb"},
		{"Numbers", "a.numbers", zipParts(t, "Index/Document.iwa", "\x00\x01", "Metadata/Properties.plist", "x"), "Numbers"},
		{"PDF", "a.pdf", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), "PDF"},
		{"PDF named .xls", "a.xls", []byte("%PDF-1.4\n"), "PDF"},
		{"WPS spreadsheet in WPS's own format", "a.et", cfbFile([]cfbNode{{name: "WpsContent", data: []byte("x")}}), "WPS 表格"},
		{"WPS text document", "a.wps", cfbFile([]cfbNode{{name: "WordDocument", data: []byte("x")}}), "WPS 文字"},
		{"Word 97 document", "a.doc", cfbFile([]cfbNode{{name: "WordDocument", data: []byte("x")}}), "Word 97-2003"},
		{"OpenDocument text", "a.odt", zipParts(t, "mimetype", "application/vnd.oasis.opendocument.text", "content.xml", "<x/>"), "OpenDocument"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := OpenBytes(c.path, c.data, Options{})
			if !errors.Is(err, ErrUnsupported) || !errors.Is(err, ErrUnknownFormat) || errors.Is(err, ErrUnreadable) {
				t.Fatalf("err = %v, want ErrUnsupported", err)
			}
			var le *LocatedError
			if !errors.As(err, &le) || le.File != c.path {
				t.Errorf("error %v does not name the file", err)
			}
			if msg := err.Error(); !strings.Contains(msg, c.says) || !strings.Contains(msg, "请用 Excel/WPS 另存为 .xlsx") {
				t.Errorf("message %q: want it to name %q and the remedy", msg, c.says)
			}
		})
	}
}

// noise is n bytes deflate cannot shrink, so entries after it stand beyond
// the first bytes Sniff looks at.
func noise(n int) string {
	b := make([]byte, n)
	x := uint32(1)
	for i := range b {
		x = x*1103515245 + 12345
		b[i] = byte(x >> 16)
	}
	return string(b)
}

func TestSniffMore(t *testing.T) {
	cases := []struct {
		name, path string
		head       []byte
		want       string
	}{
		{"ods", "a.ods", []byte("PK\x03\x04\x14\x00\x00\x00\x00\x00mimetypeapplication/vnd.oasis.opendocument.spreadsheetPK"), "ods"},
		{"ods named .xlsx", "a.xlsx", []byte("PK\x03\x04....mimetypeapplication/vnd.oasis.opendocument.spreadsheet"), "ods"},
		{"odt", "a.odt", []byte("PK\x03\x04....mimetypeapplication/vnd.oasis.opendocument.text"), "odf"},
		{"xlsx", "a.xlsx", []byte("PK\x03\x04....[Content_Types].xml....xl/workbook.xml"), "xlsx"},
		{"SpreadsheetML named .xls", "a.xls", []byte(`<?xml version="1.0"?>` + "\r\n" + `<?mso-application progid="Excel.Sheet"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">`), "spreadsheetml"},
		{"SpreadsheetML with ss: root", "a.xml", []byte(`<ss:Workbook xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">`), "spreadsheetml"},
		{"Excel's HTML is not SpreadsheetML", "a.xls", []byte(`<html xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns="urn:schemas-microsoft-com:office:spreadsheet"><table>`), "html"},
		{"PDF", "a.pdf", []byte("%PDF-1.5"), "pdf"},
		{"Excel 4.0 worksheet", "a.xls", []byte{0x09, 0x04, 0x06, 0x00, 0x00, 0x00, 0x10, 0x00}, "biff4"},
		{"CSV", "a.csv", []byte("项目编码,预算数\n"), "csv"},
		{"tab-separated text named .xls", "a.xls", []byte("项目编码\t预算数\r\n1\t2\r\n"), "csv"},
		{"UTF-16 text named .xls", "a.xls", []byte("\xff\xfe\x79\x98\xee\x76\x09\x00\x31\x00"), "csv"},
		{"binary bytes named .xls", "a.xls", []byte("\x8a\x03\xfe\x11\x92\x7f\x05\x00\xc4\x1b"), ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Sniff(c.path, c.head); got != c.want {
				t.Errorf("Sniff = %q, want %q", got, c.want)
			}
		})
	}
}
