package convert

// SpreadsheetML 2003: the XML workbook Excel 2002/2003 saves as "XML 表格"
// and many web systems export, usually under a ".xls" or ".xml" name.
//
//	<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" …>
//	 <Worksheet ss:Name="项目"><Table>
//	  <Row ss:Index="2"><Cell ss:Index="3" ss:MergeAcross="1"><Data ss:Type="Number">4.92</Data></Cell></Row>

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"golang.org/x/net/html/charset"
)

// nsSpreadsheetML2003 is the namespace of SpreadsheetML 2003 workbooks.
const nsSpreadsheetML2003 = "urn:schemas-microsoft-com:office:spreadsheet"

// ReadSpreadsheetML reads every worksheet of a SpreadsheetML 2003 workbook
// into a Workbook, like ReadXLSX: numbers as stored, dates as Excel serial
// numbers, booleans as "1"/"0", ss:Index gaps kept, ss:MergeAcross and
// ss:MergeDown as merged ranges, error values and formulas without a value
// flagged.
//
//	wb, err := convert.ReadSpreadsheetML("网上导出.xls")
func ReadSpreadsheetML(path string) (*Workbook, error) {
	return readFile(path, func(path string, data []byte) (*Workbook, error) {
		return readSpreadsheetMLBytes(path, data, newBudget(path, len(data), Options{}))
	})
}

// readSpreadsheetMLBytes is ReadSpreadsheetML of the file's bytes, data.
func readSpreadsheetMLBytes(path string, data []byte, b *budget) (*Workbook, error) {
	wb, err := parseSpreadsheetML(data, b)
	if err != nil {
		return nil, located(err, path, "")
	}
	wb.Path = path
	return wb, nil
}

// xmlCharsetReader decodes the encodings an XML declaration may name
// (GBK, GB2312, Big5, …); UTF-16 text was made UTF-8 before (xmlUTF8).
func xmlCharsetReader(label string, r io.Reader) (io.Reader, error) {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "utf-16", "utf-16le", "utf-16be", "unicode", "utf8", "utf-8":
		return r, nil
	}
	return charset.NewReaderLabel(label, r)
}

// xmlUTF8 returns XML text as UTF-8: UTF-16 (with a byte order mark, or
// starting "<?" in either byte order) is decoded, anything else is returned
// as it is, its declared encoding left to xmlCharsetReader.
func xmlUTF8(data []byte) []byte {
	big, ok := false, false
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{'<', 0, '?', 0}):
		ok = true
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}), bytes.HasPrefix(data, []byte{0, '<', 0, '?'}):
		ok, big = true, true
	}
	if !ok {
		return data
	}
	out, err := utf16Decoder(big).Bytes(data)
	if err != nil {
		return data
	}
	return bytes.TrimPrefix(out, []byte("\uFEFF"))
}

// smlAttr returns the attribute local of an element, in the SpreadsheetML
// namespace or in none (some exporters leave out the ss: prefix).
func smlAttr(se xml.StartElement, local string) (string, bool) {
	for _, a := range se.Attr {
		if a.Name.Local == local && (a.Name.Space == nsSpreadsheetML2003 || a.Name.Space == "") {
			return a.Value, true
		}
	}
	return "", false
}

// smlInt reads a numeric attribute; def when absent or invalid.
func smlInt(se xml.StartElement, local string, def int) int {
	v, ok := smlAttr(se, local)
	if !ok {
		return def
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		return def
	}
	return n
}

// smlParser reads one Worksheet at a time.
type smlParser struct{ xmlSheetReader }

func parseSpreadsheetML(data []byte, b *budget) (*Workbook, error) {
	p := &smlParser{newXMLSheetReader(xmlUTF8(data), b)}
	p.d.Strict = false // exporters write bare "&" in texts
	wb := &Workbook{Format: "spreadsheetml"}
	root := false
	err := p.sheets(wb, func(se xml.StartElement) (string, bool, error) {
		switch {
		case !root && (se.Name.Local != "Workbook" || se.Name.Space != nsSpreadsheetML2003):
			return "", false, fmt.Errorf("%w: 不是 Excel 2003 XML 工作簿", ErrUnknownFormat)
		case !root:
			root = true
			return "", false, nil
		case se.Name.Local == "Worksheet":
			name, _ := smlAttr(se, "Name")
			return name, true, nil
		}
		return "", false, p.skip()
	}, p.worksheet)
	if err == nil && !root {
		err = fmt.Errorf("%w: 不是 Excel 2003 XML 工作簿", ErrUnknownFormat)
	}
	if err != nil {
		return nil, err
	}
	return wb, nil
}

// worksheet reads the Table of a Worksheet whose start was just read.
func (p *smlParser) worksheet() error {
	row := 0
	return p.children(xml.Name{Local: "Worksheet"}, func(t xml.StartElement) (err error) {
		switch t.Name.Local {
		case "Table":
			return nil // rows inside: read on
		case "Row":
			if err := p.g.alive(); err != nil {
				return err
			}
			row, err = p.row(t, row)
			return err
		}
		return p.skip() // Column, WorksheetOptions, AutoFilter, …
	})
}

// row reads one Row; r is the zero-based row it stands on unless it gives
// its own ss:Index. It returns the row after it.
func (p *smlParser) row(start xml.StartElement, r int) (int, error) {
	r = smlInt(start, "Index", r+1) - 1
	if r < 0 || r >= gridMaxRows {
		return r, fmt.Errorf("%w：行号 %d 超出工作表范围", ErrUnreadable, r+1)
	}
	span := max(smlInt(start, "Span", 0), 0) // ss:Span: as many identical empty rows again
	col := 0
	err := p.children(xml.Name{Local: "Row"}, func(t xml.StartElement) error {
		if t.Name.Local != "Cell" {
			return p.skip()
		}
		col = smlInt(t, "Index", col+1) - 1
		if col < 0 || col >= gridMaxCols {
			return &LocatedError{Cell: CellName(r, 0), Err: fmt.Errorf("%w：列号 %d 超出工作表范围", ErrUnreadable, col+1)}
		}
		across, down := max(smlInt(t, "MergeAcross", 0), 0), max(smlInt(t, "MergeDown", 0), 0)
		if err := p.cell(t, r, col); err != nil {
			return err
		}
		if err := p.g.merge(r, col, down+1, across+1); err != nil {
			return err
		}
		col += across + 1
		return nil
	})
	if err != nil {
		return r, err
	}
	return r + 1 + min(span, gridMaxRows), nil
}

// cell reads one Cell at r, col: its Data (texts of rich-text markup
// inside joined), comments left out.
func (p *smlParser) cell(start xml.StartElement, r, col int) error {
	_, formula := smlAttr(start, "Formula")
	typ, value, sawData := "", "", false
	err := p.children(xml.Name{Local: "Cell"}, func(t xml.StartElement) (err error) {
		if t.Name.Local != "Data" || sawData {
			return p.skip()
		}
		sawData = true
		typ, _ = smlAttr(t, "Type")
		value, err = smlText(p.d)
		return err
	})
	if err != nil {
		return err
	}
	v, flag := smlValue(typ, value)
	if !sawData && formula {
		flag = FlagFormulaNoValue
	}
	if err := p.g.set(r, col, v); err != nil {
		return err
	}
	if flag != 0 {
		return p.g.flag(r, col, flag)
	}
	return nil
}

// smlText reads the character data of an element whose start was just
// read, markup inside it (rich text: <B>, <Font>, …) left out.
func smlText(d *xml.Decoder) (string, error) {
	var b strings.Builder
	depth := 1
	for depth > 0 {
		tok, err := d.Token()
		if err != nil {
			return "", fmt.Errorf("%w: %v", ErrUnreadable, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			if b.Len()+len(t) > 1<<24 {
				return "", fmt.Errorf("%w：单元格文字过长", ErrTooLarge)
			}
			b.Write(t)
		}
	}
	return b.String(), nil
}

// smlValue gives a Data's raw value as the xlsx reader would.
func smlValue(typ, v string) (string, CellFlag) {
	switch typ {
	case "Number":
		return strings.TrimSpace(v), 0
	case "DateTime":
		if s, ok := isoDateSerial(v); ok {
			return s, 0
		}
	case "Boolean":
		switch strings.TrimSpace(v) {
		case "1", "true", "TRUE":
			return "1", 0
		case "0", "false", "FALSE":
			return "0", 0
		}
	case "Error":
		return v, FlagErrorValue
	}
	return v, 0
}

// isSpreadsheetML reports whether the first bytes of a file are those of a
// SpreadsheetML 2003 workbook: XML whose root is <Workbook> in its namespace.
func isSpreadsheetML(head []byte) bool {
	probe := string(xmlUTF8(head))
	probe = strings.TrimLeft(strings.TrimPrefix(probe, "\uFEFF"), " \t\r\n")
	if !strings.HasPrefix(probe, "<") || !strings.Contains(probe, nsSpreadsheetML2003) {
		return false
	}
	// the root element: the first tag that is no declaration, comment or processing instruction
	for rest := probe; ; {
		i := strings.IndexByte(rest, '<')
		if i < 0 || i+1 >= len(rest) {
			return false
		}
		rest = rest[i+1:]
		if rest[0] == '?' || rest[0] == '!' {
			continue
		}
		name := rest[:strings.IndexAny(rest+" ", " \t\r\n>/")]
		return name == "Workbook" || strings.HasSuffix(name, ":Workbook")
	}
}
