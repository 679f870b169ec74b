package convert

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Limits for HTML table exports.
const (
	htmlFileLimit = 256 << 20
	htmlMaxSpan   = 1000 // colspan cap, as browsers apply
	htmlMaxRows   = 65534
	htmlMaxCols   = 16384 // as in a worksheet
	// htmlMaxTags caps the tags of a page: parsing keeps a tree of a few
	// hundred bytes per tag.
	htmlMaxTags = 1_000_000
)

// ReadHTML reads an HTML table export (web systems often save one under a
// ".xls" name) into a Workbook: each <table> becomes one sheet named "表1",
// "表2", … in document order. rowspan and colspan become merged ranges with
// the value in the top-left cell, <br> becomes "\n", entities are decoded
// and whitespace is collapsed and trimmed as a browser shows it. Excel's own
// HTML (x:num, x:str attributes) gives the raw stored value.
//
// The text encoding comes from opt.Encoding when set, else from the page's
// <meta charset> or http-equiv Content-Type, else it is detected.
//
//	wb, err := convert.ReadHTML("导出.xls", convert.Options{})
func ReadHTML(path string, opt Options) (*Workbook, error) {
	return readFile(path, func(path string, data []byte) (*Workbook, error) {
		return readHTMLBytes(path, data, opt, newBudget(path, len(data), opt))
	})
}

// readHTMLBytes is ReadHTML of the file's bytes, data, within budget b.
// The page is parsed whole into a tree of a few hundred bytes per tag, so
// a page with more tags than htmlMaxTags or the budget's cells is refused
// before parsing.
func readHTMLBytes(path string, data []byte, opt Options, b *budget) (*Workbook, error) {
	if len(data) > htmlFileLimit {
		return nil, &LocatedError{File: path, Err: fmt.Errorf("%w: 网页文件超过 %d 字节", ErrTooLarge, htmlFileLimit)}
	}
	text, encName, err := decodeHTML(data, opt.Encoding)
	if err != nil {
		return nil, &LocatedError{File: path, Err: err}
	}
	if tags, most := strings.Count(text, "<"), min(b.limit().Cells, htmlMaxTags); tags > most {
		return nil, &LocatedError{File: path, Err: fmt.Errorf("%w：网页有 %d 个标记，超过 %d 个，请在 Excel 或 WPS 中另存为 .xlsx 后再提交", ErrBudget, tags, most)}
	}
	doc, err := html.Parse(&aliveReader{r: strings.NewReader(text), b: b})
	if err != nil {
		if le, ok := err.(*LocatedError); ok { // cancelled
			return nil, le
		}
		return nil, &LocatedError{File: path, Err: fmt.Errorf("%w: %v", ErrUnreadable, err)}
	}
	wb := &Workbook{Path: path, Format: "html", Encoding: encName, Titles: htmlTitles(doc)}
	for _, t := range htmlTables(doc) {
		name := "表" + strconv.Itoa(len(wb.Sheets)+1)
		b.enter(name)
		sh, err := htmlTableSheet(t, b)
		if err != nil {
			return nil, located(err, path, name)
		}
		sh.Name = name
		wb.Sheets = append(wb.Sheets, sh)
	}
	if len(wb.Sheets) == 0 {
		return nil, &LocatedError{File: path, Err: fmt.Errorf("%w（网页文件中没有表格）：请在 Excel 或 WPS 中“另存为” .xlsx 后再提交", ErrUnknownFormat)}
	}
	return wb, nil
}

// decodeHTML turns the bytes of a page into text. A forced encoding and a
// byte-order mark go to DecodeText; otherwise a charset declared in a meta
// tag is used when the bytes agree with it, and DecodeText detects the rest.
func decodeHTML(data []byte, forced string) (string, string, error) {
	forced = strings.ToLower(strings.TrimSpace(forced))
	if forced != "" && forced != "auto" {
		return DecodeText(data, forced)
	}
	if bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}) || bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return DecodeText(data, "auto")
	}
	label := htmlMetaCharset(data)
	if label == "" {
		return DecodeText(data, "auto")
	}
	enc, name := charset.Lookup(label)
	switch {
	case enc == nil:
		return DecodeText(data, "auto")
	case name == "utf-8":
		if utf8.Valid(data) {
			return string(data), "UTF-8", nil
		}
		// declared UTF-8 but saved in the local code page: detect
		return DecodeText(data, "auto")
	case name == "gbk" || name == "gb18030":
		// gb2312 and gbk labels map here; GB18030 decodes them all
		out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if err != nil {
			return "", "", fmt.Errorf("%w: %v", ErrEncoding, err)
		}
		return string(out), "GB18030", nil
	case strings.HasPrefix(name, "utf-16"):
		return DecodeText(data, "auto")
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", fmt.Errorf("%w: %v", ErrEncoding, err)
	}
	return string(out), strings.ToUpper(name), nil
}

// htmlMetaCharset finds the charset declared by a <meta charset> or
// <meta http-equiv="Content-Type" content="…; charset=…"> tag before the
// body starts.
func htmlMetaCharset(data []byte) string {
	if len(data) > 64<<10 {
		data = data[:64<<10]
	}
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch atom.Lookup(name) {
			case atom.Body, atom.Table:
				return ""
			case atom.Meta:
				var cs, httpEquiv, content string
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					switch strings.ToLower(string(k)) {
					case "charset":
						cs = string(v)
					case "http-equiv":
						httpEquiv = strings.ToLower(string(v))
					case "content":
						content = string(v)
					}
				}
				if cs != "" {
					return strings.TrimSpace(cs)
				}
				if httpEquiv == "content-type" {
					if _, params, err := mime.ParseMediaType(content); err == nil && params["charset"] != "" {
						return params["charset"]
					}
					if i := indexFoldASCII(content, "charset="); i >= 0 {
						return strings.Trim(strings.TrimSpace(content[i+len("charset="):]), `"';`)
					}
				}
			}
		}
	}
}

// indexFoldASCII returns the byte offset in s of the first match of the ASCII
// word w, ignoring ASCII case, or -1. Unlike searching strings.ToLower(s), the
// offset is always one of s itself: lowering can change the byte length of
// other characters (an invalid byte becomes U+FFFD, the Kelvin sign a "k").
//
//	indexFoldASCII("text/html; CharSet=gbk", "charset=") // 11
func indexFoldASCII(s, w string) int {
	for i := 0; i+len(w) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(w)], w) {
			return i
		}
	}
	return -1
}

// htmlTables lists the <table> elements in document order.
func htmlTables(n *html.Node) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Table {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

// htmlTitles are the texts of the page's <title> and <h1>–<h3> headings
// outside tables, in document order, whitespace collapsed.
func htmlTitles(n *html.Node) []string {
	var out []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Table:
				return
			case atom.Title, atom.H1, atom.H2, atom.H3:
				var b strings.Builder
				htmlText(&b, n)
				if s := strings.Join(strings.Fields(b.String()), " "); s != "" {
					out = append(out, s)
				}
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

// htmlRows lists the rows of table t: its own <tr> elements, directly or in
// thead/tbody/tfoot, not those of nested tables.
func htmlRows(t *html.Node) []*html.Node {
	var rows []*html.Node
	for c := t.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		switch c.DataAtom {
		case atom.Tr:
			rows = append(rows, c)
		case atom.Thead, atom.Tbody, atom.Tfoot:
			for r := c.FirstChild; r != nil; r = r.NextSibling {
				if r.Type == html.ElementNode && r.DataAtom == atom.Tr {
					rows = append(rows, r)
				}
			}
		}
	}
	return rows
}

// htmlTableSheet reads table t into a sheet within budget b. A table
// beyond what a worksheet holds (65,534 rows in Excel's HTML import,
// 16,384 columns) is an error, never cut short.
func htmlTableSheet(t *html.Node, b *budget) (Sheet, error) {
	var sh Sheet
	rows := htmlRows(t)
	if len(rows) > htmlMaxRows {
		return sh, fmt.Errorf("%w：网页表格有 %d 行，超过 Excel 读取网页表格的 %d 行，超出的行会丢失；请分成几个文件，或另存为 .xlsx 后再提交", ErrTooLarge, len(rows), htmlMaxRows)
	}
	// taken[r] marks grid columns already covered by a rowspan from above
	taken := make([]map[int]bool, len(rows))
	grid := make([][]string, len(rows))
	if err := b.height(len(rows)); err != nil {
		return sh, err
	}
	for r, tr := range rows {
		col := 0
		for td := tr.FirstChild; td != nil; td = td.NextSibling {
			if td.Type != html.ElementNode || (td.DataAtom != atom.Td && td.DataAtom != atom.Th) {
				continue
			}
			for taken[r][col] {
				col++
			}
			if col >= htmlMaxCols {
				return sh, &LocatedError{Cell: CellName(r, htmlMaxCols), Err: fmt.Errorf("%w：网页表格第 %d 行超过 %d 列，超出的列会丢失；请删除多余的列后再提交", ErrTooLarge, r+1, htmlMaxCols)}
			}
			colspan := min(htmlSpan(td, "colspan", htmlMaxSpan), htmlMaxCols-col)
			rowspan := htmlSpan(td, "rowspan", htmlMaxRows)
			if rowspan > len(rows)-r {
				rowspan = len(rows) - r
			}
			if rowspan > 1 || colspan > 1 {
				if err := b.spans(rowspan * colspan); err != nil {
					return sh, err
				}
			}
			v := htmlCellValue(td)
			if err := b.cell(r, col, len(v)); err != nil {
				return sh, err
			}
			for len(grid[r]) <= col {
				grid[r] = append(grid[r], "")
			}
			grid[r][col] = v
			for dr := 0; dr < rowspan; dr++ {
				if taken[r+dr] == nil {
					taken[r+dr] = map[int]bool{}
				}
				for dc := 0; dc < colspan; dc++ {
					taken[r+dr][col+dc] = true
				}
			}
			if rowspan > 1 || colspan > 1 {
				sh.Merges = append(sh.Merges, Merge{Top: r, Left: col, Bottom: r + rowspan - 1, Right: col + colspan - 1})
			}
			col += colspan
		}
	}
	sh.Rows = grid
	trimGrid(&sh)
	return sh, nil
}

// aliveReader reads r, failing with the budget's error once reading is
// cancelled, so that parsing a large page stops too.
type aliveReader struct {
	r io.Reader
	b *budget
}

func (a *aliveReader) Read(p []byte) (int, error) {
	if err := a.b.alive(); err != nil {
		return 0, err
	}
	return a.r.Read(p)
}

// htmlSpan reads a rowspan or colspan attribute: 1 when absent, zero or
// invalid (rowspan="0" would mean "to the end of the group"; exports do not
// use it), capped at max.
func htmlSpan(n *html.Node, name string, max int) int {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, name) {
			v, err := strconv.Atoi(strings.TrimSpace(a.Val))
			if err != nil || v < 1 {
				return 1
			}
			return min(v, max)
		}
	}
	return 1
}

// htmlCellValue is the text of a <td>/<th>: Excel's raw x:num / x:str value
// when present, else the rendered text.
func htmlCellValue(td *html.Node) string {
	for _, a := range td.Attr {
		key := strings.ToLower(a.Key)
		if a.Namespace != "" {
			key = strings.ToLower(a.Namespace) + ":" + key
		}
		if (key == "x:num" || key == "x:str") && strings.TrimSpace(a.Val) != "" {
			v := strings.TrimSpace(a.Val)
			if key == "x:str" {
				v = strings.TrimPrefix(v, "'") // Excel's text-entry prefix
			}
			return v
		}
	}
	var b strings.Builder
	htmlText(&b, td)
	lines := strings.Split(htmlBreaks(b.String()), "\n")
	out := lines[:0]
	for _, l := range lines {
		out = append(out, strings.TrimSpace(l))
	}
	// drop blank lines produced at the edges by block elements
	for len(out) > 0 && out[0] == "" {
		out = out[1:]
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return strings.Join(out, "\n")
}

// htmlText appends the rendered text of n: whitespace runs collapse to one
// space, <br> and block boundaries give "\n", nested tables, scripts and
// styles are left out.
func htmlText(b *strings.Builder, n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			htmlAppendCollapsed(b, c.Data)
		case html.ElementNode:
			switch c.DataAtom {
			case atom.Br:
				b.WriteString("\n")
			case atom.Table, atom.Script, atom.Style, atom.Template:
			case atom.P, atom.Div, atom.Li, atom.Tr, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				b.WriteByte(htmlSoftBreak)
				htmlText(b, c)
				b.WriteByte(htmlSoftBreak)
			case atom.Td, atom.Th:
				b.WriteString(" ")
				htmlText(b, c)
			default:
				htmlText(b, c)
			}
		}
	}
}

// htmlSoftBreak marks a block boundary (<p>, <div>, …) while a cell's text
// is built: runs of them, and those next to a <br>, give one line break.
const htmlSoftBreak = '\x00'

func htmlBreaks(s string) string {
	var b strings.Builder
	pending := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == htmlSoftBreak:
			pending = true
		case c == '\n':
			pending = false
			b.WriteByte(c)
		case pending && (c == ' '):
			// a space between blocks is not text
		default:
			if pending {
				if t := b.String(); t != "" && !strings.HasSuffix(t, "\n") {
					b.WriteByte('\n')
				}
				pending = false
			}
			b.WriteByte(c)
		}
	}
	return b.String()
}

func htmlAppendCollapsed(b *strings.Builder, s string) {
	space := false
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r', '\f', '\u00a0':
			space = true
			continue
		}
		if space {
			htmlSpace(b)
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		htmlSpace(b)
	}
}

// htmlSpace writes one collapsed space unless one already ends the text.
func htmlSpace(b *strings.Builder) {
	s := b.String()
	if s != "" && (s[len(s)-1] == ' ' || s[len(s)-1] == '\n' || s[len(s)-1] == htmlSoftBreak) {
		return
	}
	b.WriteByte(' ')
}
