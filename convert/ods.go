package convert

// OpenDocument spreadsheets (.ods), as LibreOffice and WPS write them on
// "save as ODF": content.xml holds every sheet as table:table elements.

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// ODF namespaces and the package's media type.
const (
	nsODFOffice  = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
	nsODFTable   = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
	nsODFText    = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
	odsMediaType = "application/vnd.oasis.opendocument.spreadsheet"
)

// odsMaxRepeat caps one number-rows-repeated or number-columns-repeated
// (a sheet has at most 1,048,576 rows).
const odsMaxRepeat = gridMaxRows

// ReadODS reads every sheet of an OpenDocument spreadsheet (.ods) into a
// Workbook, like ReadXLSX: raw values (numbers as stored, dates as Excel
// serial numbers, booleans as "1"/"0"), merged ranges with the value in the
// top-left cell, error values and formulas without a value flagged. A
// password-protected file gives an error wrapping ErrEncrypted.
//
//	wb, err := convert.ReadODS("王官营镇.ods")
func ReadODS(path string) (*Workbook, error) {
	return readFile(path, func(path string, data []byte) (*Workbook, error) {
		return readODSBytes(path, data, newBudget(path, len(data), Options{}))
	})
}

// readODSBytes is ReadODS of the file's bytes, data.
func readODSBytes(path string, data []byte, b *budget) (*Workbook, error) {
	fail := func(err error) (*Workbook, error) { return nil, &LocatedError{File: path, Err: err} }
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fail(fmt.Errorf("%w: %v", ErrUnreadable, err))
	}
	if err := checkUnzipSize(zr); err != nil {
		return fail(err)
	}
	if m := zipEntry(zr, "META-INF/manifest.xml"); m != nil {
		manifest, err := readZipEntry(m, xlsxUnzipXMLLimit)
		if err == nil && bytes.Contains(manifest, []byte("encryption-data")) {
			return fail(fmt.Errorf("%w: 请在 LibreOffice 或 WPS 中取消密码后再提交", ErrEncrypted))
		}
	}
	content := zipEntry(zr, "content.xml")
	if content == nil {
		return fail(fmt.Errorf("%w: 缺少 content.xml", ErrUnreadable))
	}
	text, err := readZipEntry(content, xlsxUnzipXMLLimit)
	if err != nil {
		return fail(err)
	}
	wb, err := parseODSContent(text, b)
	if err != nil {
		return nil, located(err, path, "")
	}
	wb.Path = path
	return wb, nil
}

// zipEntry returns the entry named name, or nil.
func zipEntry(zr *zip.Reader, name string) *zip.File {
	for _, e := range zr.File {
		if e.Name == name {
			return e
		}
	}
	return nil
}

// readZipEntry inflates one entry of at most limit bytes.
func readZipEntry(e *zip.File, limit int64) ([]byte, error) {
	if e.UncompressedSize64 > uint64(limit) {
		return nil, fmt.Errorf("%w：%s 解压后超过 %d MB", ErrTooLarge, e.Name, limit>>20)
	}
	rc, err := e.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrUnreadable, e.Name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrUnreadable, e.Name, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w：%s 解压后超过 %d MB", ErrTooLarge, e.Name, limit>>20)
	}
	return data, nil
}

// parseODSContent reads the sheets of an ODF content.xml.
func parseODSContent(content []byte, b *budget) (*Workbook, error) {
	wb := &Workbook{Format: "ods"}
	p := &odsParser{newXMLSheetReader(content, b)}
	err := p.sheets(wb, func(se xml.StartElement) (string, bool, error) {
		switch {
		case se.Name.Space == nsODFTable && se.Name.Local == "table":
			return odsAttr(se, nsODFTable, "name"), true, nil
		case se.Name.Space == nsODFOffice && (se.Name.Local == "automatic-styles" || se.Name.Local == "font-face-decls" || se.Name.Local == "scripts"):
			return "", false, p.skip()
		}
		return "", false, nil
	}, p.table)
	if err != nil {
		return nil, err
	}
	return wb, nil
}

// odsParser reads one table at a time.
type odsParser struct{ xmlSheetReader }

// odsCell is one table:table-cell of a row, before repeats are expanded.
type odsCell struct {
	col, repeat      int
	value            string
	flag             CellFlag
	spanRows, spanCo int
}

// table reads the rows of a table:table whose start was just read.
func (p *odsParser) table() error {
	row := 0
	return p.children(xml.Name{Space: nsODFTable, Local: "table"}, func(t xml.StartElement) (err error) {
		switch {
		case t.Name.Space != nsODFTable:
			return p.skip()
		case t.Name.Local == "table-row":
			row, err = p.row(t, row)
			return err
		case t.Name.Local == "table-header-rows", t.Name.Local == "table-row-group", t.Name.Local == "table-rows":
			return nil // rows inside: read on
		}
		return p.skip() // columns, shapes, named ranges, nested tables
	})
}

// row reads one table:table-row starting at sheet row r and returns the row
// after it (and its repeats).
func (p *odsParser) row(start xml.StartElement, r int) (int, error) {
	repeat := odsRepeat(start, "number-rows-repeated")
	var cells []odsCell
	col := 0
	err := p.children(xml.Name{Local: "table-row"}, func(se xml.StartElement) error {
		if se.Name.Space != nsODFTable || se.Name.Local != "table-cell" && se.Name.Local != "covered-table-cell" {
			return p.skip()
		}
		c := odsCell{col: col, repeat: odsRepeat(se, "number-columns-repeated")}
		text, err := odsCellText(p.d)
		if err != nil {
			return err
		}
		if se.Name.Local == "table-cell" { // a covered cell's content is hidden
			c.value, c.flag = odsValue(se, text)
			c.spanRows, c.spanCo = odsRepeat(se, "number-rows-spanned"), odsRepeat(se, "number-columns-spanned")
			if c.value != "" || c.flag != 0 || c.spanRows > 1 || c.spanCo > 1 {
				cells = append(cells, c)
			}
		}
		col += c.repeat
		return nil
	})
	if err != nil {
		return r, err
	}
	if len(cells) > 0 {
		// each repeat of the row is a row of its own
		for i := 0; i < repeat && r+i < gridMaxRows; i++ {
			if err := p.g.alive(); err != nil {
				return r, err
			}
			if err := p.setRow(r+i, cells); err != nil {
				return r, err
			}
		}
	}
	return r + repeat, nil
}

// setRow stores the cells of one row at sheet row r.
func (p *odsParser) setRow(r int, cells []odsCell) error {
	for _, c := range cells {
		for k := 0; k < c.repeat && c.col+k < gridMaxCols; k++ {
			if err := p.g.set(r, c.col+k, c.value); err != nil {
				return err
			}
			if c.flag != 0 {
				if err := p.g.flag(r, c.col+k, c.flag); err != nil {
					return err
				}
			}
			if err := p.g.merge(r, c.col+k, c.spanRows, c.spanCo); err != nil {
				return err
			}
		}
	}
	return nil
}

// odsRepeat reads a table: count attribute, 1 when absent or invalid.
func odsRepeat(se xml.StartElement, local string) int {
	n, err := strconv.Atoi(odsAttr(se, nsODFTable, local))
	if err != nil || n < 1 {
		return 1
	}
	return min(n, odsMaxRepeat)
}

func odsAttr(se xml.StartElement, space, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local && a.Name.Space == space {
			return a.Value
		}
	}
	return ""
}

// odsValue gives a cell's raw value as the xlsx reader would: numbers,
// percentages and currencies as stored, dates as serial numbers, times as
// fractions of a day, booleans as "1"/"0", texts as shown.
func odsValue(se xml.StartElement, text string) (string, CellFlag) {
	for _, a := range se.Attr {
		if a.Name.Local == "value-type" && a.Name.Space != nsODFOffice && a.Value == "error" {
			return text, FlagErrorValue // LibreOffice's calcext:value-type
		}
	}
	switch odsAttr(se, nsODFOffice, "value-type") {
	case "float", "percentage", "currency":
		if v := strings.TrimSpace(odsAttr(se, nsODFOffice, "value")); v != "" {
			return v, 0
		}
	case "date":
		if v, ok := isoDateSerial(odsAttr(se, nsODFOffice, "date-value")); ok {
			return v, 0
		}
	case "time":
		if v, ok := odsTime(odsAttr(se, nsODFOffice, "time-value")); ok {
			return v, 0
		}
	case "boolean":
		switch strings.TrimSpace(odsAttr(se, nsODFOffice, "boolean-value")) {
		case "true", "1":
			return "1", 0
		case "false", "0":
			return "0", 0
		}
	case "string":
		for _, a := range se.Attr {
			if a.Name.Space == nsODFOffice && a.Name.Local == "string-value" {
				return a.Value, 0
			}
		}
	case "":
		if text == "" && odsAttr(se, nsODFTable, "formula") != "" {
			return "", FlagFormulaNoValue
		}
	}
	return text, 0
}

// odsTime renders an ISO 8601 duration ("PT08H30M00S") as a fraction of a
// day, the serial number of a time.
func odsTime(s string) (string, bool) {
	rest, ok := strings.CutPrefix(strings.TrimSpace(s), "PT")
	if !ok {
		return "", false
	}
	secs := 0.0
	for _, u := range []struct {
		sep byte
		mul float64
	}{{'H', 3600}, {'M', 60}, {'S', 1}} {
		i := strings.IndexByte(rest, u.sep)
		if i < 0 {
			continue
		}
		n, err := strconv.ParseFloat(rest[:i], 64)
		if err != nil {
			return "", false
		}
		secs += n * u.mul
		rest = rest[i+1:]
	}
	if rest != "" {
		return "", false
	}
	return xlsNumber(secs / 86400), true
}

// odsCellText reads the paragraphs of a cell whose start was just read, up
// to its end: paragraphs joined by "\n", text:s as spaces, text:tab and
// text:line-break as tab and newline, white space collapsed as ODF says,
// comments (office:annotation) and drawings left out.
func odsCellText(d *xml.Decoder) (string, error) {
	var b strings.Builder
	paras, depth := 0, 0
	space := true // the last character was collapsible white space
	for {
		tok, err := d.Token()
		if err != nil {
			return "", fmt.Errorf("%w: %v", ErrUnreadable, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch {
			case t.Name.Space == nsODFText && (t.Name.Local == "p" || t.Name.Local == "h"):
				if depth == 0 {
					if paras > 0 {
						b.WriteByte('\n')
					}
					paras++
					space = true
				}
				depth++
			case t.Name.Space == nsODFText && t.Name.Local == "s":
				n, err := strconv.Atoi(odsAttr(t, nsODFText, "c"))
				if err != nil || n < 1 {
					n = 1
				}
				b.WriteString(strings.Repeat(" ", min(n, 1<<12)))
				space = false
				if err := d.Skip(); err != nil {
					return "", fmt.Errorf("%w: %v", ErrUnreadable, err)
				}
			case t.Name.Space == nsODFText && t.Name.Local == "tab":
				b.WriteByte('\t')
				space = false
			case t.Name.Space == nsODFText && t.Name.Local == "line-break":
				b.WriteByte('\n')
				space = true
			case t.Name.Space == nsODFText && (t.Name.Local == "span" || t.Name.Local == "a"),
				t.Name.Space == nsODFText && depth > 0 && !odsSkipText(t.Name.Local):
				// inline text: read on
			default:
				if err := d.Skip(); err != nil {
					return "", fmt.Errorf("%w: %v", ErrUnreadable, err)
				}
			}
		case xml.EndElement:
			if t.Name.Space == nsODFText && (t.Name.Local == "p" || t.Name.Local == "h") {
				depth--
			}
			if t.Name.Space == nsODFTable && (t.Name.Local == "table-cell" || t.Name.Local == "covered-table-cell") {
				return b.String(), nil
			}
		case xml.CharData:
			if depth == 0 {
				continue
			}
			for _, r := range string(t) {
				if r == ' ' || r == '\t' || r == '\n' || r == '\r' {
					if !space {
						b.WriteByte(' ')
						space = true
					}
					continue
				}
				b.WriteRune(r)
				space = false
			}
		}
	}
}

// odsSkipText reports text elements whose content is not shown in the cell.
func odsSkipText(local string) bool {
	return local == "note" || local == "tracked-changes"
}
