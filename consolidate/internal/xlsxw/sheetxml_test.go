package xlsxw

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"hash/crc32"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestCRC32Combine(t *testing.T) {
	data := []byte(strings.Repeat("县级预算绩效目标汇总 0123456789 ", 300))
	for _, cut := range []int{0, 1, 7, 100, 1024, len(data) - 1, len(data)} {
		a, b := data[:cut], data[cut:]
		got := crc32Combine(crc32.ChecksumIEEE(a), crc32.ChecksumIEEE(b), int64(len(b)))
		if want := crc32.ChecksumIEEE(data); got != want {
			t.Errorf("cut at %d: %08x, want %08x", cut, got, want)
		}
	}
}

// streamRows are values of every kind the county workbook writes, and some
// it never should but might.
func streamRows() [][]interface{} {
	long := strings.Repeat("长", excelize.TotalCellChars+5)
	return [][]interface{}{
		{"王官营镇", " 前后有空格 ", "两行\n文字", "a<b & c>\"d\" 'e'", "tab\there", "_x000D_ 与 _x005F_x0041_", "\x01控制\x7f字符", "😀 表情"},
		{0, 12, -3, int64(1 << 40), 0.1 + 0.2, 318.34, 1e20, 123456789012345678.0, -0.000001, math.NaN()},
		{true, false, nil, "", excelize.Cell{StyleID: 3, Value: "带样式"}, excelize.Cell{StyleID: 4}},
		{excelize.Cell{StyleID: 5, Formula: "SUM(B2:D2)", Value: 9.0}, excelize.Cell{Formula: `IF(A1>0,"高","")`, Value: "高"},
			excelize.Cell{Formula: "A1&\"x\"", Value: ""}, excelize.Cell{Formula: "B2", Value: 12}, excelize.Cell{Formula: "A9", Value: " 空格 "}},
		{long},
	}
}

// TestSheetStreamMatchesExcelize writes the same rows through a sheetStream
// (spliced into the package) and through excelize's own stream writer, and
// reads both back: every cell's value, type, formula and style agree.
func TestSheetStreamMatchesExcelize(t *testing.T) {
	rows := streamRows()
	// ours
	f := excelize.NewFile()
	for range 6 {
		if _, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}}); err != nil {
			t.Fatal(err)
		}
	}
	b := NewBook(context.Background(), f)
	s, err := b.newStream("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	cols := make([]string, 12)
	for i := range cols {
		cols[i] = ColName(i + 1)
	}
	for i, r := range rows {
		opt := rowOpts{}
		if i == 0 {
			opt.height = 24
		}
		if err := s.row(i+1, cols, r, opt); err != nil {
			t.Fatal(err)
		}
	}
	var ours bytes.Buffer
	if _, err := b.WriteTo(&ours); err != nil {
		t.Fatal(err)
	}
	b.Close()
	// excelize's
	g := excelize.NewFile()
	for range 6 {
		if _, err := g.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}}); err != nil {
			t.Fatal(err)
		}
	}
	sw, err := g.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		var opts []excelize.RowOpts
		if i == 0 {
			opts = append(opts, excelize.RowOpts{Height: 24})
		}
		if err := sw.SetRow(ColName(1)+strconv.Itoa(i+1), r, opts...); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	theirs, err := g.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	g.Close()

	pkg := ours.Bytes()
	a, err := excelize.OpenReader(bytes.NewReader(pkg))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	e, err := excelize.OpenReader(theirs)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	for i, r := range rows {
		for j := range r {
			ref := ColName(j+1) + strconv.Itoa(i+1)
			for _, get := range []struct {
				what string
				fn   func(*excelize.File) (interface{}, error)
			}{
				{"value", func(x *excelize.File) (interface{}, error) {
					return x.GetCellValue("Sheet1", ref, excelize.Options{RawCellValue: true})
				}},
				{"type", func(x *excelize.File) (interface{}, error) { return x.GetCellType("Sheet1", ref) }},
				{"formula", func(x *excelize.File) (interface{}, error) { return x.GetCellFormula("Sheet1", ref) }},
				{"style", func(x *excelize.File) (interface{}, error) { return x.GetCellStyle("Sheet1", ref) }},
			} {
				got, err1 := get.fn(a)
				want, err2 := get.fn(e)
				if err1 != nil || err2 != nil {
					t.Fatalf("%s %s: %v / %v", ref, get.what, err1, err2)
				}
				if got != want {
					t.Errorf("%s %s: %q, excelize %q", ref, get.what, got, want)
				}
			}
		}
	}
	if h, _ := a.GetRowHeight("Sheet1", 1); h != 24 {
		t.Errorf("row 1 height %v, want 24", h)
	}
	if v, _ := a.GetCellValue("Sheet1", "F1"); v != "_x000D_ 与 _x005F_x0041_" {
		t.Errorf("F1 reads back as %q", v)
	}
	// the part's dimension covers the rows
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if zf.Name != "xl/worksheets/sheet1.xml" {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		part, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if dim := regexp.MustCompile(`<dimension ref="([^"]*)"`).FindSubmatch(part); dim == nil || string(dim[1]) != "A1:J5" {
			t.Errorf("dimension %q, want A1:J5", dim)
		}
	}
}

// appendEscaped writes what encoding/xml.EscapeText writes, with or without
// its shortcut for text that needs no escaping.
func TestAppendEscaped(t *testing.T) {
	for _, tc := range []struct{ name, in string }{
		{"plain ASCII", "SUM(B3:B9)"},
		{"plain CJK", "村级组织运转经费 318.34 万元"},
		{"markup", `a<b & c>"d" 'e'`},
		{"controls", "tab\there\r\nline\x01"},
		{"not characters", "x\uFFFEy\uFFFFz"},
		{"bad UTF-8", "ab\xffcd\xe6\x9d"},
		{"near U+FFFE", "\uFFFD\uFFEE"},
		{"empty", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var want bytes.Buffer
			if err := xml.EscapeText(&want, []byte(tc.in)); err != nil {
				t.Fatal(err)
			}
			if got := string(appendEscaped(nil, tc.in, false)); got != want.String() {
				t.Errorf("appendEscaped(%q) = %q, want %q", tc.in, got, want.String())
			}
		})
	}
}

func TestDisplayWidth(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{
		{"", 0},
		{"abc 12", 6},
		{"预算数 4.92", 11},
		{"ＡＢ", 4},
		{"第一行\nlonger line", 11},
		{"两行\n文字", 4},
	} {
		if got := displayWidth(tc.in); got != tc.want {
			t.Errorf("displayWidth(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

func TestSplitSheetData(t *testing.T) {
	rows := &sheetStream{lastRow: 12, lastCol: 14}
	for _, tc := range []struct {
		name, part, head, tail string
		err                    bool
	}{
		{"self-closing", `<worksheet><dimension ref="A1"/><sheetData/><mergeCells/></worksheet>`,
			`<worksheet><dimension ref="A1:N12"/><sheetData>`, `</sheetData><mergeCells/></worksheet>`, false},
		{"empty element", `<worksheet><dimension ref="A1"></dimension><sheetData></sheetData></worksheet>`,
			`<worksheet><dimension ref="A1:N12"/><sheetData>`, `</sheetData></worksheet>`, false},
		{"no dimension", `<worksheet><sheetData/></worksheet>`, `<worksheet><sheetData>`, `</sheetData></worksheet>`, false},
		{"rows already there", `<worksheet><sheetData><row r="1"/></sheetData></worksheet>`, "", "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			head, tail, err := splitSheetData([]byte(tc.part), rows)
			if (err != nil) != tc.err {
				t.Fatalf("error %v, want error %v", err, tc.err)
			}
			if string(head) != tc.head || string(tail) != tc.tail {
				t.Errorf("head %q tail %q, want %q %q", head, tail, tc.head, tc.tail)
			}
		})
	}
}
