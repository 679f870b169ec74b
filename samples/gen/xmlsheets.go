package main

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"jixiao/samples/seed"
)

// XMLSheetFiles are the samples written in the two XML spreadsheet formats: the 王官营镇 2024
// document with its indicator groups merged, as an OpenDocument spreadsheet (what LibreOffice
// and WPS write on "save as ODF") and as an Excel 2003 XML workbook under a ".xls" name (what
// many web systems export).
var XMLSheetFiles = []string{
	filepath.Join("variants", "王官营镇-ODF.ods"),
	filepath.Join("variants", "王官营镇-XML表格.xls"),
}

// xmlSheetLayout is the layout both XML samples render.
var xmlSheetLayout = Layout{MergeL1: true, MergeL2: true}

// writeXMLSheetSamples writes the XML spreadsheet samples into dir.
//
//	err := writeXMLSheetSamples("samples")
func writeXMLSheetSamples(dir string) error {
	grid, err := sheetsOf(seed.WangGuanYing(), xmlSheetLayout)
	if err != nil {
		return err
	}
	ods, err := ODS(grid)
	if err != nil {
		return fmt.Errorf("%s: %w", XMLSheetFiles[0], err)
	}
	for i, data := range [][]byte{ods, SpreadsheetML(grid)} {
		path := filepath.Join(dir, XMLSheetFiles[i])
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// gridSheet is one sheet of a rendered workbook: its cells, which of them are numbers, and
// its merged ranges.
type gridSheet struct {
	name    string
	rows    [][]string
	numbers map[[2]int]bool
	merges  [][4]int // top, left, bottom, right, zero-based
}

// sheetsOf renders a document in a layout, as Workbook does, and returns its sheets.
func sheetsOf(d seed.Document, lay Layout) ([]gridSheet, error) {
	f, err := Workbook(d, lay)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []gridSheet
	for _, name := range f.GetSheetList() {
		rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, err
		}
		sh := gridSheet{name: name, rows: rows, numbers: map[[2]int]bool{}}
		for r, row := range rows {
			for c, v := range row {
				if v == "" {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				typ, _ := f.GetCellType(name, cell)
				if _, err := strconv.ParseFloat(v, 64); err == nil && (typ == excelize.CellTypeNumber || typ == excelize.CellTypeUnset) {
					sh.numbers[[2]int{r, c}] = true
				}
			}
		}
		merges, err := f.GetMergeCells(name)
		if err != nil {
			return nil, err
		}
		for _, m := range merges {
			c1, r1, _ := excelize.CellNameToCoordinates(m.GetStartAxis())
			c2, r2, _ := excelize.CellNameToCoordinates(m.GetEndAxis())
			sh.merges = append(sh.merges, [4]int{r1 - 1, c1 - 1, r2 - 1, c2 - 1})
		}
		out = append(out, sh)
	}
	return out, nil
}

// mergeAt returns the merged range whose top-left cell is r, c, and whether r, c is covered
// by a range without being its top-left cell.
func (s *gridSheet) mergeAt(r, c int) (m [4]int, top, covered bool) {
	for _, m := range s.merges {
		if r >= m[0] && r <= m[2] && c >= m[1] && c <= m[3] {
			if r == m[0] && c == m[1] {
				return m, true, false
			}
			return m, false, true
		}
	}
	return m, false, false
}

// width is the number of columns a row spans, merged ranges included.
func (s *gridSheet) width(r int) int {
	n := 0
	if r < len(s.rows) {
		n = len(s.rows[r])
	}
	for _, m := range s.merges {
		if r >= m[0] && r <= m[2] {
			n = max(n, m[3]+1)
		}
	}
	return n
}

func xmlText(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

const odsContentHead = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ` +
	`xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" ` +
	`office:version="1.2"><office:body><office:spreadsheet>`

const odsManifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
`

// ODS writes sheets as an OpenDocument spreadsheet: the mimetype entry first and stored,
// numbers as float cells, merged ranges spanned with their covered cells, runs of empty rows
// and cells repeated, spaces that XML would collapse as <text:s/>. The bytes are the same on
// every run.
//
//	data, err := ODS(grid)
func ODS(sheets []gridSheet) ([]byte, error) {
	var c strings.Builder
	c.WriteString(odsContentHead)
	for _, sh := range sheets {
		fmt.Fprintf(&c, `<table:table table:name="%s"><table:table-column table:number-columns-repeated="16"/>`, xmlText(sh.name))
		empty := 0
		flush := func() {
			if empty > 0 {
				fmt.Fprintf(&c, `<table:table-row table:number-rows-repeated="%d"><table:table-cell/></table:table-row>`, empty)
				empty = 0
			}
		}
		for r := range len(sh.rows) {
			w := sh.width(r)
			if w == 0 {
				empty++
				continue
			}
			flush()
			c.WriteString(`<table:table-row>`)
			blank := 0
			for col := range w {
				v := ""
				if col < len(sh.rows[r]) {
					v = sh.rows[r][col]
				}
				m, top, covered := sh.mergeAt(r, col)
				if v == "" && !top && !covered {
					blank++
					continue
				}
				if blank > 0 {
					fmt.Fprintf(&c, `<table:table-cell table:number-columns-repeated="%d"/>`, blank)
					blank = 0
				}
				if covered {
					c.WriteString(`<table:covered-table-cell/>`)
					continue
				}
				span := ""
				if top {
					span = fmt.Sprintf(` table:number-columns-spanned="%d" table:number-rows-spanned="%d"`, m[3]-m[1]+1, m[2]-m[0]+1)
				}
				switch {
				case v == "":
					fmt.Fprintf(&c, `<table:table-cell%s/>`, span)
				case sh.numbers[[2]int{r, col}]:
					fmt.Fprintf(&c, `<table:table-cell office:value-type="float" office:value="%s"%s><text:p>%s</text:p></table:table-cell>`, v, span, v)
				default:
					fmt.Fprintf(&c, `<table:table-cell office:value-type="string"%s>%s</table:table-cell>`, span, odsParagraphs(v))
				}
			}
			c.WriteString(`</table:table-row>`)
		}
		flush()
		c.WriteString(`</table:table>`)
	}
	c.WriteString(`</office:spreadsheet></office:body></office:document-content>` + "\n")
	return zipParts([]zipPart{
		{"mimetype", "application/vnd.oasis.opendocument.spreadsheet", zip.Store},
		{"content.xml", c.String(), zip.Deflate},
		{"META-INF/manifest.xml", odsManifest, zip.Deflate},
	})
}

// odsParagraphs writes a text as ODF paragraphs, one per line, as LibreOffice does: a space
// stays a space where XML keeps it, and runs of spaces, leading and trailing ones become
// <text:s/>.
func odsParagraphs(s string) string {
	var b strings.Builder
	for _, line := range strings.Split(s, "\n") {
		b.WriteString("<text:p>")
		rs := []rune(line)
		for i := 0; i < len(rs); {
			if rs[i] != ' ' {
				b.WriteString(xmlText(string(rs[i])))
				i++
				continue
			}
			j := i
			for j < len(rs) && rs[j] == ' ' {
				j++
			}
			n := j - i
			if i > 0 && j < len(rs) {
				b.WriteByte(' ')
				n--
			}
			switch {
			case n == 1:
				b.WriteString(`<text:s/>`)
			case n > 1:
				fmt.Fprintf(&b, `<text:s text:c="%d"/>`, n)
			}
			i = j
		}
		b.WriteString("</text:p>")
	}
	return b.String()
}

const smlHead = `<?xml version="1.0" encoding="UTF-8"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:o="urn:schemas-microsoft-com:office:office" ` +
	`xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" ` +
	`xmlns:html="http://www.w3.org/TR/REC-html40">
 <Styles>
  <Style ss:ID="Default" ss:Name="Normal"><Alignment ss:Vertical="Center"/><Font ss:FontName="宋体" ss:Size="11"/></Style>
  <Style ss:ID="s1"><NumberFormat ss:Format="0.00"/></Style>
 </Styles>
`

// SpreadsheetML writes sheets as an Excel 2003 XML workbook, as Excel saves one: empty rows
// and cells left out and the next one placed with ss:Index, merged ranges as ss:MergeAcross
// and ss:MergeDown on their top-left cell (the cells right of it placed after the range),
// numbers as Number data in the 0.00 style.
//
//	data := SpreadsheetML(grid)
func SpreadsheetML(sheets []gridSheet) []byte {
	var b strings.Builder
	b.WriteString(smlHead)
	for _, sh := range sheets {
		fmt.Fprintf(&b, " <Worksheet ss:Name=\"%s\">\n  <Table>\n", xmlText(sh.name))
		next := 0
		for r := range len(sh.rows) {
			var cells strings.Builder
			col := 0
			for c := range sh.width(r) {
				v := ""
				if c < len(sh.rows[r]) {
					v = sh.rows[r][c]
				}
				m, top, covered := sh.mergeAt(r, c)
				if covered || v == "" && !top {
					continue
				}
				cells.WriteString("<Cell")
				if c != col {
					fmt.Fprintf(&cells, ` ss:Index="%d"`, c+1)
				}
				col = c + 1
				if top {
					if m[3] > m[1] {
						fmt.Fprintf(&cells, ` ss:MergeAcross="%d"`, m[3]-m[1])
						col = m[3] + 1
					}
					if m[2] > m[0] {
						fmt.Fprintf(&cells, ` ss:MergeDown="%d"`, m[2]-m[0])
					}
				}
				switch {
				case v == "":
					cells.WriteString("/>")
				case sh.numbers[[2]int{r, c}]:
					fmt.Fprintf(&cells, ` ss:StyleID="s1"><Data ss:Type="Number">%s</Data></Cell>`, v)
				default:
					fmt.Fprintf(&cells, `><Data ss:Type="String">%s</Data></Cell>`, strings.ReplaceAll(xmlText(v), "&#xA;", "&#10;"))
				}
			}
			if cells.Len() == 0 {
				continue
			}
			b.WriteString("   <Row")
			if r != next {
				fmt.Fprintf(&b, ` ss:Index="%d"`, r+1)
			}
			next = r + 1
			b.WriteString(">" + cells.String() + "</Row>\n")
		}
		b.WriteString("  </Table>\n </Worksheet>\n")
	}
	b.WriteString("</Workbook>\n")
	return []byte(b.String())
}
