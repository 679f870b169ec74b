package main

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"jixiao/samples/seed"
)

// DocxFiles are the Word samples written under samples/variants: the 王官营镇 2024 document
// laid out as the township's own Word file.
var DocxFiles = []string{filepath.Join("variants", "王官营镇.docx")}

// writeDocxSamples writes the Word samples into dir.
//
//	err := writeDocxSamples("samples")
func writeDocxSamples(dir string) error {
	data, err := DOCX(seed.WangGuanYing())
	if err != nil {
		return fmt.Errorf("%s: %w", DocxFiles[0], err)
	}
	path := filepath.Join(dir, DocxFiles[0])
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// DOCX renders a document as the township's Word file: 第一部分 部门整体绩效目标 as headed
// paragraphs (总体绩效目标, the numbered 分项 with their 绩效目标 and 绩效指标 lines, 工作保障措施),
// then for each project its title paragraph, the unit paragraph, the 项目绩效目标表 with Word's
// merges (labels merged down with vMerge, values spanning grid columns with gridSpan), a
// spacing paragraph and the indicator table with each 一级指标 merged down over its group.
// The bytes are the same on every run.
//
//	data, err := DOCX(seed.WangGuanYing())
func DOCX(d seed.Document) ([]byte, error) {
	var b docxBody
	b.part1(d)
	b.part2(d)
	return zipParts([]zipPart{
		{"[Content_Types].xml", docxContentTypes, zip.Deflate},
		{"_rels/.rels", docxPackageRels, zip.Deflate},
		{"docProps/core.xml", docxCore(d), zip.Deflate},
		{"word/_rels/document.xml.rels", docxDocumentRels, zip.Deflate},
		{"word/document.xml", docxDocumentHead + b.String() + docxDocumentTail, zip.Deflate},
		{"word/styles.xml", docxStyles, zip.Deflate},
	})
}

// zipPart is one entry of a package zipParts writes.
type zipPart struct {
	name, data string
	method     uint16 // zip.Store or zip.Deflate
}

// zipParts writes a package of parts in order, every entry dated fixedTime, so the bytes
// are the same on every run.
func zipParts(parts []zipPart) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: p.method, Modified: fixedTime})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write([]byte(p.data)); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Widths in twentieths of a point: A4 with 2.5 cm side margins leaves 9026 for a table.
const (
	docxTextWidth = 9026
)

var (
	// projectGrid has the seven columns of the 项目绩效目标表.
	projectGrid = []int{1526, 1200, 1400, 1600, 1100, 1100, 1100}
	// indicatorGrid has the six columns of the indicator table.
	indicatorGrid = []int{1226, 1500, 1600, 1900, 1500, 1300}
)

// docxBody accumulates the XML of the document body.
type docxBody struct {
	strings.Builder
	bookmark int
}

// paraStyle is the look of one paragraph.
type paraStyle struct {
	center, right, bold bool
	indent              bool // first-line indent of two characters
	size                int  // half-points; 0 keeps the style's size
	pageBreak           bool // start a new page
}

// para writes a paragraph. Line breaks in text become w:br; toc, when not empty, wraps the
// text in a bookmark as Word's table of contents does for headings.
func (b *docxBody) para(text string, st paraStyle, toc string) {
	b.WriteString("<w:p>")
	b.pPr(st)
	if toc != "" {
		b.bookmark++
		fmt.Fprintf(b, `<w:bookmarkStart w:id="%d" w:name="%s"/>`, b.bookmark, toc)
	}
	b.runs(text, st)
	if toc != "" {
		fmt.Fprintf(b, `<w:bookmarkEnd w:id="%d"/>`, b.bookmark)
	}
	b.WriteString("</w:p>")
}

func (b *docxBody) pPr(st paraStyle) {
	var p strings.Builder
	if st.pageBreak {
		p.WriteString("<w:pageBreakBefore/>")
	}
	if st.indent {
		p.WriteString(`<w:ind w:firstLineChars="200" w:firstLine="480"/>`)
	}
	switch {
	case st.center:
		p.WriteString(`<w:jc w:val="center"/>`)
	case st.right:
		p.WriteString(`<w:jc w:val="right"/>`)
	}
	if p.Len() > 0 {
		b.WriteString("<w:pPr>" + p.String() + "</w:pPr>")
	}
}

// runs writes text as one run, each "\n" a line break.
func (b *docxBody) runs(text string, st paraStyle) {
	if text == "" {
		return
	}
	b.WriteString("<w:r>")
	var r strings.Builder
	if st.bold {
		r.WriteString("<w:b/>")
	}
	if st.size > 0 {
		fmt.Fprintf(&r, `<w:sz w:val="%d"/><w:szCs w:val="%d"/>`, st.size, st.size)
	}
	if r.Len() > 0 {
		b.WriteString("<w:rPr>" + r.String() + "</w:rPr>")
	}
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			b.WriteString("<w:br/>")
		}
		if line == "" {
			continue
		}
		b.WriteString(`<w:t xml:space="preserve">`)
		_ = xml.EscapeText(b, []byte(line)) // a strings.Builder never fails
		b.WriteString("</w:t>")
	}
	b.WriteString("</w:r>")
}

// part1 writes 第一部分 部门整体绩效目标.
func (b *docxBody) part1(d seed.Document) {
	b.para(" 第一部分", paraStyle{center: true, bold: true, size: 36}, "")
	b.para("部门整体绩效目标", paraStyle{center: true, bold: true, size: 36}, "")
	b.para(" ", paraStyle{}, "")
	heading := paraStyle{bold: true, size: 28}
	body := paraStyle{indent: true, size: 24}
	b.para("一、总体绩效目标", heading, "_Toc_2_2_0000000001")
	b.para(d.Overall, body, "")
	b.para("二、分项绩效目标", heading, "_Toc_2_2_0000000002")
	for _, it := range d.Items {
		b.para(it.No+it.Name, paraStyle{indent: true, bold: true, size: 24}, "")
		b.para("绩效目标："+it.Goal, body, "")
		b.para("绩效指标："+it.Indicator, body, "")
	}
	if d.Measures == "" {
		return
	}
	b.para("三、工作保障措施", heading, "_Toc_2_2_0000000003")
	for _, p := range measureParagraphs(d.Measures) {
		b.para(p, body, "")
	}
}

// measureParagraphs splits free text into paragraphs, one per line. A blank line is kept as
// two line breaks inside a paragraph, which Word shows exactly like an empty paragraph.
//
//	measureParagraphs("a\nb\n\nc") // ["a", "b\n\nc"]
func measureParagraphs(text string) []string {
	var out []string
	for i, chunk := range strings.Split(text, "\n\n") {
		lines := strings.Split(chunk, "\n")
		if i > 0 && len(out) > 0 {
			out[len(out)-1] += "\n\n" + lines[0]
			lines = lines[1:]
		}
		out = append(out, lines...)
	}
	return out
}

// part2 writes the 预算项目绩效目标 part: one titled table pair per project.
func (b *docxBody) part2(d seed.Document) {
	b.para(" 预算项目绩效目标", paraStyle{center: true, bold: true, size: 36, pageBreak: true}, "")
	b.para(" ", paraStyle{}, "")
	b.para(" ", paraStyle{}, "")
	for i, p := range d.Projects {
		if i > 0 {
			b.para("", paraStyle{}, "")
		}
		b.para(p.Title, paraStyle{center: true, bold: true, size: 28}, "")
		b.para("单位："+d.Unit, paraStyle{right: true}, "")
		b.projectTable(p)
		b.para(" ", paraStyle{}, "")
		b.indicatorTable(p.Indicators)
	}
	b.para("", paraStyle{}, "")
}

// docxCell is one w:tc to write.
type docxCell struct {
	text   string
	span   int    // grid columns, 0 or 1 for one
	vMerge string // "", "restart" or "continue"
	bold   bool
}

// blankAsSpace writes an amount the township left blank as the single space the seed's
// cells hold.
func blankAsSpace(s string) string {
	if strings.TrimSpace(s) == "" {
		return " "
	}
	return s
}

// projectTable writes the 项目绩效目标表 on a seven-column grid.
func (b *docxBody) projectTable(p seed.Project) {
	label := func(s string) docxCell { return docxCell{text: s, bold: true} }
	rows := [][]docxCell{
		{label("项目编码"), {text: p.Code, span: 2}, label("项目名称"), {text: p.Name, span: 3}},
		{{text: "预算规模及资金用途", vMerge: "restart", bold: true}, label("预算数"), {text: blankAsSpace(p.Budget)},
			label(fiscalLabel), {text: blankAsSpace(p.Fiscal)}, label("其他资金"), {text: blankAsSpace(p.Other)}},
		{{vMerge: "continue"}, {text: p.Purpose, span: 6}},
		{{text: "资金支出计划（%）", vMerge: "restart", bold: true}, label(seed.PlanMonths[0]), label(seed.PlanMonths[1]),
			label(seed.PlanMonths[2]), {text: seed.PlanMonths[3], span: 3, bold: true}},
		{{vMerge: "continue"}, {text: blankAsSpace(p.Plan[0])}, {text: blankAsSpace(p.Plan[1])},
			{text: blankAsSpace(p.Plan[2])}, {text: blankAsSpace(p.Plan[3]), span: 3}},
		{label("绩效目标"), {text: p.Goal, span: 6}},
	}
	b.table(projectGrid, rows)
}

// indicatorTable writes the indicator rows under their header, each 一级指标 merged down
// over its group as in the Word form.
func (b *docxBody) indicatorTable(ind []seed.Indicator) {
	var rows [][]docxCell
	var head []docxCell
	for _, h := range []string{"一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"} {
		head = append(head, docxCell{text: h, bold: true})
	}
	rows = append(rows, head)
	for i, r := range ind {
		l1 := docxCell{text: r.L1}
		switch {
		case i+1 < len(ind) && ind[i+1].L1 == r.L1 && (i == 0 || ind[i-1].L1 != r.L1):
			l1.vMerge = "restart"
		case i > 0 && ind[i-1].L1 == r.L1:
			l1 = docxCell{vMerge: "continue"}
		}
		rows = append(rows, []docxCell{l1, {text: r.L2}, {text: r.L3}, {text: r.Desc}, {text: r.Value}, {text: r.Basis}})
	}
	b.table(indicatorGrid, rows)
}

// table writes a bordered table on a grid of column widths.
func (b *docxBody) table(grid []int, rows [][]docxCell) {
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="` + fmt.Sprint(gridWidth(grid)) + `" w:type="dxa"/><w:jc w:val="center"/>`)
	b.WriteString(`<w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		fmt.Fprintf(b, `<w:%s w:val="single" w:sz="4" w:space="0" w:color="000000"/>`, side)
	}
	b.WriteString(`</w:tblBorders><w:tblLayout w:type="fixed"/>`)
	b.WriteString(`<w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>`)
	b.WriteString(`<w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>`)
	for _, w := range grid {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, w)
	}
	b.WriteString("</w:tblGrid>")
	for _, row := range rows {
		b.WriteString(`<w:tr><w:trPr><w:trHeight w:val="454"/></w:trPr>`)
		col := 0
		for _, c := range row {
			span := max(c.span, 1)
			b.cell(c, gridWidth(grid[col:col+span]))
			col += span
		}
		b.WriteString("</w:tr>")
	}
	b.WriteString("</w:tbl>")
}

func (b *docxBody) cell(c docxCell, width int) {
	fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>`, width)
	if c.span > 1 {
		fmt.Fprintf(b, `<w:gridSpan w:val="%d"/>`, c.span)
	}
	switch c.vMerge {
	case "restart":
		b.WriteString(`<w:vMerge w:val="restart"/>`)
	case "continue":
		b.WriteString(`<w:vMerge/>`)
	}
	b.WriteString(`<w:vAlign w:val="center"/></w:tcPr>`)
	// Each line of a cell is its own paragraph, as typed in Word.
	lines := strings.Split(c.text, "\n")
	short := len(lines) == 1 && utf8.RuneCountInString(c.text) <= 24
	for _, line := range lines {
		st := paraStyle{bold: c.bold, center: short}
		b.para(line, st, "")
	}
	b.WriteString("</w:tc>")
}

func gridWidth(ws []int) int {
	n := 0
	for _, w := range ws {
		n += w
	}
	return n
}

const docxContentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`</Types>`

const docxPackageRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`</Relationships>`

const docxDocumentRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
	`</Relationships>`

// docxCore is the package's core properties: title and author, dated like the workbooks.
func docxCore(d seed.Document) string {
	var title, org bytes.Buffer
	_ = xml.EscapeText(&title, []byte(fmt.Sprintf("%s%d年预算绩效目标", d.Township, d.Year)))
	_ = xml.EscapeText(&org, []byte(d.Org))
	ts := fixedTime.Format("2006-01-02T15:04:05Z")
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
		`xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ` +
		`xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + title.String() + `</dc:title><dc:creator>` + org.String() + `</dc:creator>` +
		`<cp:lastModifiedBy>` + org.String() + `</cp:lastModifiedBy><dc:language>zh-CN</dc:language>` +
		`<dcterms:created xsi:type="dcterms:W3CDTF">` + ts + `</dcterms:created>` +
		`<dcterms:modified xsi:type="dcterms:W3CDTF">` + ts + `</dcterms:modified>` +
		`</cp:coreProperties>`
}

const docxDocumentHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
	`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>`

// docxDocumentTail closes the body with an A4 portrait section.
var docxDocumentTail = fmt.Sprintf(`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>`+
	`<w:pgMar w:top="1440" w:right="%[1]d" w:bottom="1440" w:left="%[1]d" w:header="851" w:footer="992" w:gutter="0"/>`+
	`</w:sectPr></w:body></w:document>`, (11906-docxTextWidth)/2)

// docxStyles sets 宋体 for Chinese text, 10.5 pt, and single line spacing.
const docxStyles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
	`<w:docDefaults><w:rPrDefault><w:rPr>` +
	`<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体" w:cs="Times New Roman"/>` +
	`<w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>` +
	`</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr></w:style>` +
	`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>` +
	`<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>` +
	`<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
	`</w:styles>`
