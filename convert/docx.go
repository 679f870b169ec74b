package convert

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"sort"
	"strconv"
	"strings"
)

// docxPartLimit caps the inflated size of a part read from a .docx.
const docxPartLimit = 256 << 20

// docxMaxTableDepth caps how deep nested tables are followed.
const docxMaxTableDepth = 16

// DocxSheetName names the one sheet a Word document becomes.
const DocxSheetName = "文档"

// ReadDOCX reads the body of a Word .docx into a Workbook of one sheet named
// "文档", in document order: each paragraph outside tables is a one-cell
// row; each table gives its rows, every cell spanning its grid columns
// (value in the first, the span in Merges) and vertically merged cells left
// empty below the first, the range in Merges; a blank row follows each
// table. Tracked insertions are read, deletions are not; content controls,
// hyperlinks, smart tags and bookmarks are read through.
//
//	wb, err := convert.ReadDOCX("王官营镇绩效目标.docx")
//	doc := wb.Sheets[0] // "文档"
func ReadDOCX(filename string) (*Workbook, error) {
	return readFile(filename, func(path string, data []byte) (*Workbook, error) {
		return readDOCXBytes(path, data, newBudget(path, len(data), Options{}))
	})
}

// readDOCXBytes is ReadDOCX of the file's bytes, data, within budget b.
func readDOCXBytes(filename string, data []byte, b *budget) (*Workbook, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, &LocatedError{File: filename, Err: fmt.Errorf("%w: %v", ErrUnreadable, err)}
	}
	sh, err := readDOCXZip(zr, b)
	if err != nil {
		return nil, located(err, filename, "")
	}
	return &Workbook{Path: filename, Format: "docx", Sheets: []Sheet{sh}}, nil
}

func readDOCXZip(zr *zip.Reader, b *budget) (Sheet, error) {
	name := docxMainPart(zr)
	f := docxFind(zr, name)
	if f == nil {
		return Sheet{}, fmt.Errorf("%w: 压缩包中没有 Word 正文（word/document.xml）", ErrUnknownFormat)
	}
	rc, err := docxOpenPart(f)
	if err != nil {
		return Sheet{}, err
	}
	defer rc.Close()
	b.enter(DocxSheetName)
	p := &docxParser{dec: xml.NewDecoder(rc), sh: Sheet{Name: DocxSheetName}, bud: b}
	if err := p.body(); err != nil {
		if le, ok := err.(*LocatedError); ok { // the budget's, or a cancellation
			return Sheet{}, le
		}
		var tooLarge *docxLimitError
		if errors.As(err, &tooLarge) {
			return Sheet{}, fmt.Errorf("%w: %s 解压后超过 %d 字节", ErrTooLarge, name, docxPartLimit)
		}
		return Sheet{}, fmt.Errorf("%w: %s: %v", ErrUnreadable, name, err)
	}
	trimGrid(&p.sh)
	return p.sh, nil
}

// docxMainPart finds the main document part from the package relationships,
// falling back to word/document.xml.
func docxMainPart(zr *zip.Reader) string {
	const fallback = "word/document.xml"
	f := docxFind(zr, "_rels/.rels")
	if f == nil {
		return fallback
	}
	rc, err := docxOpenPart(f)
	if err != nil {
		return fallback
	}
	defer rc.Close()
	var rels struct {
		Rel []struct {
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if xml.NewDecoder(rc).Decode(&rels) != nil {
		return fallback
	}
	for _, r := range rels.Rel {
		if strings.HasSuffix(r.Type, "/officeDocument") && r.Target != "" {
			return strings.TrimPrefix(path.Clean("/"+r.Target), "/")
		}
	}
	return fallback
}

func docxFind(zr *zip.Reader, name string) *zip.File {
	for _, f := range zr.File {
		if strings.EqualFold(strings.TrimPrefix(f.Name, "/"), name) {
			return f
		}
	}
	return nil
}

type docxLimitError struct{}

func (*docxLimitError) Error() string { return "part too large" }

// docxLimitReader fails once more than n bytes have been read, whatever
// size the zip directory claims.
type docxLimitReader struct {
	r io.ReadCloser
	n int64
}

func (l *docxLimitReader) Read(p []byte) (int, error) {
	if l.n < 0 {
		return 0, &docxLimitError{}
	}
	if int64(len(p)) > l.n+1 {
		p = p[:l.n+1]
	}
	k, err := l.r.Read(p)
	l.n -= int64(k)
	if l.n < 0 {
		return k, &docxLimitError{}
	}
	return k, err
}

func (l *docxLimitReader) Close() error { return l.r.Close() }

func docxOpenPart(f *zip.File) (io.ReadCloser, error) {
	if f.UncompressedSize64 > docxPartLimit {
		return nil, fmt.Errorf("%w: %s 解压后 %d 字节", ErrTooLarge, f.Name, f.UncompressedSize64)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrUnreadable, f.Name, err)
	}
	return &docxLimitReader{r: rc, n: docxPartLimit}, nil
}

// docxParser walks word/document.xml as a token stream. Elements are
// matched by local name, so transitional and strict namespaces both read.
type docxParser struct {
	dec   *xml.Decoder
	sh    Sheet
	depth int // table nesting
	// bud is the file's reading budget; rowSeq numbers the rows counted in
	// it, tables' rows and paragraphs alike.
	bud    *budget
	rowSeq int
	tokens int
}

// token reads the next token, checking every few thousand tokens whether
// reading is cancelled.
func (p *docxParser) token() (xml.Token, error) {
	if p.tokens++; p.tokens%4096 == 0 {
		if err := p.bud.alive(); err != nil {
			return nil, err
		}
	}
	return p.dec.Token()
}

// docxSkipped are subtrees with no body text: properties, field codes,
// deleted text, drawings and text boxes (whose content would repeat in a
// fallback), comments and footnote references.
var docxSkipped = map[string]bool{
	"pPr": true, "rPr": true, "sectPr": true, "tblPr": true, "tblGrid": true,
	"trPr": true, "sdtPr": true, "sdtEndPr": true, "tblPrEx": true,
	"instrText": true, "fldData": true, "delText": true, "delInstrText": true,
	"del": true, "moveFrom": true,
	"drawing": true, "pict": true, "object": true, "AlternateContent": true,
	"rt": true, "commentReference": true, "footnoteReference": true, "endnoteReference": true,
}

func (p *docxParser) body() error {
	for {
		tok, err := p.token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if err := p.block(se); err != nil {
			return err
		}
	}
}

// block handles an element at body level (or inside a content control):
// paragraphs and tables add rows, containers are read through.
func (p *docxParser) block(se xml.StartElement) error {
	switch local := se.Name.Local; {
	case local == "p":
		text, err := p.paragraph()
		if err != nil {
			return err
		}
		if text != "" {
			p.rowSeq++
			if err := p.bud.cell(p.rowSeq, 0, len(text)); err != nil {
				return err
			}
			p.sh.Rows = append(p.sh.Rows, []string{text})
		}
	case local == "tbl":
		rows, merges, err := p.table()
		if err != nil {
			return err
		}
		base := len(p.sh.Rows)
		p.sh.Rows = append(p.sh.Rows, rows...)
		for _, m := range merges {
			m.Top += base
			m.Bottom += base
			p.sh.Merges = append(p.sh.Merges, m)
		}
		p.sh.Rows = append(p.sh.Rows, nil) // keeps tables separable
	case docxSkipped[local]:
		return p.dec.Skip()
	}
	// other elements (body, sdt, sdtContent, ins, customXml, …) are read
	// through: their children arrive as the next tokens
	return nil
}

// paragraph returns the text of the w:p just opened: w:t runs joined, w:tab
// as a space, w:br and w:cr as "\n", trimmed.
func (p *docxParser) paragraph() (string, error) {
	var b strings.Builder
	inText := false
	for depth := 1; depth > 0; {
		tok, err := p.token()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch local := t.Name.Local; {
			case docxSkipped[local]:
				if err := p.dec.Skip(); err != nil {
					return "", err
				}
				continue
			case local == "t":
				inText = true
			case local == "tab", local == "ptab":
				b.WriteByte(' ')
			case local == "br", local == "cr":
				b.WriteByte('\n')
			case local == "noBreakHyphen":
				b.WriteByte('-')
			case local == "p":
				// a paragraph nested in a paragraph (only in malformed
				// files, as text boxes are skipped): keep its text
				b.WriteByte('\n')
			}
			depth++
		case xml.EndElement:
			if t.Name.Local == "t" {
				inText = false
			}
			depth--
		case xml.CharData:
			if inText {
				b.Write(t)
			}
		}
	}
	return strings.TrimSpace(b.String()), nil
}

// docxCell is one w:tc as read.
type docxCell struct {
	text   string
	span   int
	vMerge string // "" none, "restart", "continue"
}

// table reads the w:tbl just opened into rows and merges (row indices
// relative to the table's first row).
func (p *docxParser) table() ([][]string, []Merge, error) {
	p.depth++
	defer func() { p.depth-- }()
	var rows [][]string
	var merges []Merge
	// open vertical merges by starting grid column
	type vopen struct{ top, left, right int }
	open := map[int]*vopen{}
	closeAt := func(col int, bottom int) {
		if v := open[col]; v != nil {
			if bottom > v.top || v.right > v.left {
				merges = append(merges, Merge{Top: v.top, Left: v.left, Bottom: bottom, Right: v.right})
			}
			delete(open, col)
		}
	}
	lastRow := map[int]int{} // last row each open merge reached
	for {
		tok, err := p.token()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return nil, nil, err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if t.Name.Local == "tbl" {
				for col := range open {
					closeAt(col, lastRow[col])
				}
				sortMerges(merges)
				return rows, merges, nil
			}
		case xml.StartElement:
			switch local := t.Name.Local; {
			case local == "tr":
				cells, before, err := p.row()
				if err != nil {
					return nil, nil, err
				}
				r := len(rows)
				var row []string
				col := before
				p.rowSeq++
				if err := p.bud.spans(before); err != nil {
					return nil, nil, err
				}
				for len(row) < col {
					row = append(row, "")
				}
				covered := map[int]bool{}
				for _, c := range cells {
					if c.span > 1 {
						if err := p.bud.spans(c.span); err != nil {
							return nil, nil, err
						}
					}
					if err := p.bud.cell(p.rowSeq, col+c.span-1, len(c.text)); err != nil {
						return nil, nil, err
					}
					for len(row) < col+c.span {
						row = append(row, "")
					}
					for k := col; k < col+c.span; k++ {
						covered[k] = true
					}
					switch {
					case c.vMerge == "continue" && open[col] != nil:
						lastRow[col] = r
					default:
						closeAt(col, lastRow[col])
						row[col] = c.text
						if c.vMerge == "restart" {
							open[col] = &vopen{top: r, left: col, right: col + c.span - 1}
							lastRow[col] = r
						} else if c.span > 1 {
							merges = append(merges, Merge{Top: r, Left: col, Bottom: r, Right: col + c.span - 1})
						}
					}
					col += c.span
				}
				// a merge whose column this row does not reach ends here
				for start := range open {
					if !covered[start] && lastRow[start] < r {
						closeAt(start, lastRow[start])
					}
				}
				rows = append(rows, row)
			case docxSkipped[local]:
				if err := p.dec.Skip(); err != nil {
					return nil, nil, err
				}
			}
			// sdt, sdtContent, customXml, ins around rows are read through
		}
	}
}

// row reads the w:tr just opened: its cells and its w:gridBefore count.
func (p *docxParser) row() ([]docxCell, int, error) {
	var cells []docxCell
	before := 0
	for {
		tok, err := p.token()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return nil, 0, err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if t.Name.Local == "tr" {
				return cells, before, nil
			}
		case xml.StartElement:
			switch local := t.Name.Local; {
			case local == "gridBefore":
				before = min(docxIntVal(t, 0), 1000)
			case local == "tc":
				c, err := p.cell()
				if err != nil {
					return nil, 0, err
				}
				cells = append(cells, c)
			case local == "trPr" || local == "tblPrEx":
				// read through for gridBefore; nothing else in them is text
			case docxSkipped[local]:
				if err := p.dec.Skip(); err != nil {
					return nil, 0, err
				}
			}
		}
	}
}

// cell reads the w:tc just opened.
func (p *docxParser) cell() (docxCell, error) {
	c := docxCell{span: 1}
	var lines []string
	for {
		tok, err := p.token()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return c, err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if t.Name.Local == "tc" {
				c.text = strings.Join(lines, "\n")
				if c.vMerge == "continue" {
					c.text = ""
				}
				return c, nil
			}
		case xml.StartElement:
			switch local := t.Name.Local; {
			case local == "tcPr":
				// read through for gridSpan and vMerge
			case local == "gridSpan":
				c.span = max(1, min(docxIntVal(t, 1), 1000))
			case local == "vMerge":
				c.vMerge = "continue"
				if docxAttr(t, "val") == "restart" {
					c.vMerge = "restart"
				}
			case local == "p":
				text, err := p.paragraph()
				if err != nil {
					return c, err
				}
				if text != "" {
					lines = append(lines, text)
				}
			case local == "tbl":
				if p.depth >= docxMaxTableDepth {
					if err := p.dec.Skip(); err != nil {
						return c, err
					}
					continue
				}
				rows, _, err := p.table()
				if err != nil {
					return c, err
				}
				for _, r := range rows {
					var parts []string
					for _, v := range r {
						if v != "" {
							parts = append(parts, v)
						}
					}
					if len(parts) > 0 {
						lines = append(lines, strings.Join(parts, " "))
					}
				}
			case docxSkipped[local]:
				if err := p.dec.Skip(); err != nil {
					return c, err
				}
			}
		}
	}
}

func docxAttr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

func docxIntVal(se xml.StartElement, def int) int {
	v, err := strconv.Atoi(strings.TrimSpace(docxAttr(se, "val")))
	if err != nil || v < 0 {
		return def
	}
	return v
}

// sortMerges orders merges by top row, then left column.
func sortMerges(ms []Merge) {
	sort.Slice(ms, func(i, j int) bool {
		if ms[i].Top != ms[j].Top {
			return ms[i].Top < ms[j].Top
		}
		return ms[i].Left < ms[j].Left
	})
}
