package xlsxw

import (
	"bufio"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// The rows of a Book's sheets do not go through excelize: a
// sheetStream encodes each row as SpreadsheetML <row> XML itself and deflates
// it on a goroutine of its own into a scratch file, so encoding and
// compressing run on two cores, and no sheet's rows are ever held in memory.
// The excelize workbook holds each sheet's settings (columns, panes, merges,
// autofilter, page setup) over an empty <sheetData>; when the package is
// saved, the deflated rows are spliced into that part (see splice.go).
//
// The XML is what excelize's StreamWriter writes for the same values:
// inline strings, numbers with at most 15 significant digits, formulas with
// their cached values.

// sheetCompression is the deflate level of the rows. On the rows of 指标明细
// for 2,000 townships (144 MB of XML), level 2 takes 0.58 s and gives 13.3 MB
// where the default level 6 takes 1.54 s and gives 11.0 MB: a workbook a
// fifth larger, written in a third of the time.
const sheetCompression = 2

// streamChunk is how much XML is handed to the compressor at a time.
const streamChunk = 256 << 10

// sheetStream is the rows of one sheet being written.
type sheetStream struct {
	buf  []byte      // XML not yet handed to the compressor
	work chan []byte // to the compressor
	free chan []byte // back from it, for reuse
	done chan struct{}
	file *os.File // the deflated rows
	drop func()   // closes and deletes file
	// Set by the compressor, read after done is closed.
	err         error
	crc         uint32
	raw, packed int64
	// lastRow is the last row written, lastCol the widest row's width.
	lastRow, lastCol int
	closed           bool
}

// newSheetStream starts a sheet's rows: a scratch file in the system's
// temporary folder (unnamed where possible) and the compressor.
func newSheetStream() (*sheetStream, error) {
	s := &sheetStream{work: make(chan []byte, 2), free: make(chan []byte, 3), done: make(chan struct{})}
	f, drop, err := scratchFile("jixiao-sheet-*.tmp")
	if err != nil {
		return nil, err
	}
	s.file, s.drop = f, drop
	s.buf = make([]byte, 0, streamChunk+streamChunk/4)
	go s.compress()
	return s, nil
}

// compress deflates what arrives on work into the scratch file. The stream
// ends with a sync flush, not a final block: the deflated rows are the middle
// of a part and splice.go adds the end.
func (s *sheetStream) compress() {
	defer close(s.done)
	bw := bufio.NewWriterSize(s.file, 256<<10)
	out := &countingWriter{w: bw}
	fw, err := flate.NewWriter(out, sheetCompression)
	if err != nil {
		s.err = err
	}
	for chunk := range s.work {
		if s.err == nil {
			s.crc = crc32.Update(s.crc, crc32.IEEETable, chunk)
			s.raw += int64(len(chunk))
			_, s.err = fw.Write(chunk)
		}
		select {
		case s.free <- chunk[:0]:
		default:
		}
	}
	if s.err == nil {
		s.err = fw.Flush()
	}
	if s.err == nil {
		s.err = bw.Flush()
	}
	s.packed = out.n
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// hand passes the pending XML to the compressor.
func (s *sheetStream) hand() {
	if len(s.buf) == 0 {
		return
	}
	s.work <- s.buf
	select {
	case b := <-s.free:
		s.buf = b
	default:
		s.buf = make([]byte, 0, streamChunk+streamChunk/4)
	}
}

// finish ends the rows and waits for the compressor.
func (s *sheetStream) finish() error {
	if s.closed {
		return s.err
	}
	s.hand()
	close(s.work)
	<-s.done
	s.closed = true
	s.buf = nil
	return s.err
}

// remove finishes the stream if needed and deletes its scratch file.
func (s *sheetStream) remove() {
	if !s.closed {
		_ = s.finish()
	}
	s.drop()
}

// rowOpts are a row's attributes: a height in points (0: default).
type rowOpts struct{ height float64 }

// row writes row number r (greater than any before) with values from
// column A; cols names the columns (cols[i] for values[i]). Values are
// excelize.Cell (style, formula, value) or bare values, nil for no cell.
func (s *sheetStream) row(r int, cols []string, values []interface{}, opt rowOpts) error {
	if r <= s.lastRow {
		return fmt.Errorf("行 %d 不在上一行 %d 之后", r, s.lastRow)
	}
	if len(values) > len(cols) {
		return fmt.Errorf("行 %d 有 %d 个单元格，多于 %d 列", r, len(values), len(cols))
	}
	s.lastRow = r
	s.lastCol = max(s.lastCol, len(values))
	b := append(s.buf, `<row r="`...)
	b = strconv.AppendInt(b, int64(r), 10)
	b = append(b, '"')
	if opt.height > 0 {
		b = append(b, ` ht="`...)
		b = strconv.AppendFloat(b, opt.height, 'f', -1, 64)
		b = append(b, `" customHeight="1"`...)
	}
	b = append(b, '>')
	for i, v := range values {
		if v == nil {
			continue
		}
		b = appendCell(b, cols[i], r, v)
	}
	s.buf = append(b, `</row>`...)
	if len(s.buf) >= streamChunk {
		s.hand()
	}
	return nil
}

// appendCell appends a <c> element for v at column col, row r.
func appendCell(b []byte, col string, r int, v interface{}) []byte {
	style, formula := 0, ""
	switch c := v.(type) {
	case excelize.Cell:
		style, formula, v = c.StyleID, c.Formula, c.Value
	case *excelize.Cell:
		style, formula, v = c.StyleID, c.Formula, c.Value
	}
	var typ, val, inline string
	space := false
	switch x := v.(type) {
	case nil:
		if formula != "" {
			typ = "str"
		}
	case int:
		val = strconv.Itoa(x)
	case int64:
		val = strconv.FormatInt(x, 10)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			typ, inline, space = "inlineStr", fmt.Sprint(x), false
		} else {
			val = cellFloat(x)
		}
	case bool:
		typ, val = "b", "0"
		if x {
			val = "1"
		}
	case string:
		typ, inline, space = textCell(x, formula != "")
		if formula != "" {
			val, inline = inline, ""
		}
	default:
		typ, inline, space = textCell(fmt.Sprint(x), formula != "")
		if formula != "" {
			val, inline = inline, ""
		}
	}
	b = append(b, `<c`...)
	if space && formula != "" {
		b = append(b, ` xml:space="preserve"`...)
	}
	b = append(b, ` r="`...)
	b = append(b, col...)
	b = strconv.AppendInt(b, int64(r), 10)
	b = append(b, '"')
	if style != 0 {
		b = append(b, ` s="`...)
		b = strconv.AppendInt(b, int64(style), 10)
		b = append(b, '"')
	}
	if typ != "" {
		b = append(b, ` t="`...)
		b = append(b, typ...)
		b = append(b, '"')
	}
	b = append(b, '>')
	if formula != "" {
		b = append(b, `<f>`...)
		b = appendEscaped(b, formula, false)
		b = append(b, `</f>`...)
	}
	if val != "" {
		b = append(b, `<v>`...)
		b = appendEscaped(b, val, false)
		b = append(b, `</v>`...)
	}
	if typ == "inlineStr" {
		b = append(b, `<is><t`...)
		if space {
			b = append(b, ` xml:space="preserve"`...)
		}
		b = append(b, '>')
		b = appendEscaped(b, inline, true)
		b = append(b, `</t></is>`...)
	}
	return append(b, `</c>`...)
}

// textCell prepares a text value: cut to the 32,767 characters a cell holds,
// "_xHHHH_" sequences escaped so that they read back as written, and whether
// it needs xml:space="preserve". A formula's text result is type "str".
func textCell(s string, formula bool) (typ, text string, space bool) {
	s = truncateUTF16(s, excelize.TotalCellChars)
	if s != "" {
		for _, c := range []byte{'\t', '\n', '\r', ' '} {
			if s[0] == c || s[len(s)-1] == c {
				space = true
			}
		}
	}
	typ = "inlineStr"
	if formula {
		typ = "str"
	}
	return typ, escapeBstr(s), space
}

// truncateUTF16 cuts s to at most n UTF-16 code units.
func truncateUTF16(s string, n int) string {
	if len(s) <= n { // never more UTF-16 units than UTF-8 bytes
		return s
	}
	units := 0
	for i, r := range s {
		u := 1
		if r >= 0x10000 {
			u = 2
		}
		if units+u > n {
			return s[:i]
		}
		units += u
	}
	return s
}

// escapeBstr escapes every "_xHHHH_" in s as "_x005F_xHHHH_", so that a
// reader decoding such sequences (as spreadsheets do) gets s back.
func escapeBstr(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '_' && isBstr(s[i:]) {
			sb.WriteString("_x005F_")
			continue
		}
		sb.WriteByte(s[i])
	}
	return sb.String()
}

// isBstr reports whether s starts with "_x" four hex digits and "_".
func isBstr(s string) bool {
	if len(s) < 7 || s[1] != 'x' || s[6] != '_' {
		return false
	}
	for _, c := range []byte(s[2:6]) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// appendEscaped appends s escaped as XML character data, as
// encoding/xml.EscapeText does; characters XML cannot hold become U+FFFD.
// With keepNewline a newline is written as is.
func appendEscaped(b []byte, s string, keepNewline bool) []byte {
	if plainXML(s) {
		return append(b, s...)
	}
	last := 0
	for i := 0; i < len(s); {
		r, width := utf8.DecodeRuneInString(s[i:])
		var esc string
		switch r {
		case '"':
			esc = "&#34;"
		case '\'':
			esc = "&#39;"
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '\t':
			esc = "&#x9;"
		case '\n':
			if !keepNewline {
				esc = "&#xA;"
			}
		case '\r':
			esc = "&#xD;"
		default:
			if !xmlChar(r) || (r == utf8.RuneError && width == 1) {
				esc = "\uFFFD"
			}
		}
		if esc != "" {
			b = append(b, s[last:i]...)
			b = append(b, esc...)
			last = i + width
		}
		i += width
	}
	return append(b, s[last:]...)
}

// plainXML reports whether s is valid UTF-8 text that needs no escaping:
// no markup or control characters, no U+FFFE or U+FFFF.
func plainXML(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20, c == '"', c == '&', c == '\'', c == '<', c == '>':
			return false
		case c == 0xEF && i+2 < len(s) && s[i+1] == 0xBF && s[i+2] >= 0xBE:
			return false
		}
	}
	return utf8.ValidString(s)
}

// xmlChar reports whether r may appear in XML 1.0 text.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// cellFloat formats a number as a spreadsheet stores it: the shortest
// decimal that reads back as the same float, cut to 15 significant digits
// (digits beyond are dropped, as the spreadsheet's own limit).
//
//	cellFloat(318.34) // "318.34"
func cellFloat(v float64) string {
	str := strconv.FormatFloat(v, 'f', -1, 64)
	if math.Abs(v) == math.MaxFloat64 {
		return str
	}
	const maxPrec = 15
	dot := strings.IndexByte(str, '.')
	significant := 0
	for i := 0; i < len(str); i++ {
		if str[i] < '0' || str[i] > '9' || significant == 0 && str[i] == '0' {
			continue
		}
		significant++
		if significant <= maxPrec {
			continue
		}
		if dot >= 0 && i > dot {
			return strings.TrimSuffix(str[:i], ".")
		}
		if dot < 0 {
			dot = len(str)
		}
		cut := []byte(str[:dot])
		for ; i < len(cut); i++ {
			cut[i] = '0'
		}
		return string(cut)
	}
	return str
}
