package templates

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"

	"jixiao/convert"
)

// ReadOptions tune how a submission is read.
type ReadOptions struct {
	// Encoding forces the text encoding of CSV/HTML inputs ("auto" by default).
	Encoding string
}

// ReadFile opens any supported file and reads the form in it.
// A file that cannot be opened at all gives an error (wrapping a convert
// sentinel); problems inside a readable file are listed in Submission.Problems.
//
//	sub, err := templates.ReadFile(ctx, "samples/2024/王官营镇.xlsx", templates.ReadOptions{})
//	fmt.Println(sub.Township.Value, len(sub.Projects))
func ReadFile(ctx context.Context, path string, opt ReadOptions) (*Submission, error) {
	wb, sum, err := openInput(ctx, path, opt)
	if err != nil {
		return nil, err
	}
	sub := Read(wb)
	sub.SHA256 = sum
	noteEncoding(wb, sub)
	noteLongText(wb, sub)
	return sub, nil
}

// maxLongTextWarnings caps the warnings noteLongText gives for one file.
const maxLongTextWarnings = 20

// noteLongText warns of every cell whose text is longer than a worksheet
// cell holds (32,767 characters, counted as Excel does in UTF-16 units):
// the county workbook can keep only the first 32,767, and that must not
// happen without a word.
func noteLongText(wb *convert.Workbook, sub *Submission) {
	n := 0
	for i := range wb.Sheets {
		sh := &wb.Sheets[i]
		for r, row := range sh.Rows {
			for c, v := range row {
				// a UTF-8 string has at least as many bytes as UTF-16 units
				if len(v) <= excelize.TotalCellChars || utf16Len(v) <= excelize.TotalCellChars {
					continue
				}
				if n++; n > maxLongTextWarnings {
					continue
				}
				sub.Problems = append(sub.Problems, Problem{Severity: Warning, Rule: "文字过长", Township: sub.Township.Value,
					Src: Source{File: wb.Path, Sheet: sh.Name, Cell: convert.CellName(r, c)}, Err: convert.ErrTextTooLong,
					Message: fmt.Sprintf("单元格文字有 %d 个字符，超过 Excel 单元格能保存的 %d 个，县级汇总中只保留前 %d 个；请精简后重新提交", utf16Len(v), excelize.TotalCellChars, excelize.TotalCellChars)})
			}
		}
	}
	if n > maxLongTextWarnings {
		sub.Problems = append(sub.Problems, Problem{Severity: Warning, Rule: "文字过长", Township: sub.Township.Value,
			Src: Source{File: wb.Path}, Err: convert.ErrTextTooLong,
			Message: fmt.Sprintf("另有 %d 个单元格文字超过 %d 个字符", n-maxLongTextWarnings, excelize.TotalCellChars)})
	}
}

// utf16Len is the length of s in UTF-16 code units.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// noteEncoding warns when a text file was UTF-8 with invalid bytes: the
// characters there were replaced by "�" and the user should check them.
func noteEncoding(wb *convert.Workbook, sub *Submission) {
	if wb.Encoding != convert.EncUTF8Damaged {
		return
	}
	sub.Problems = append(sub.Problems, Problem{Severity: Warning, Rule: "文字编码", Township: sub.Township.Value,
		Src: Source{File: wb.Path}, Err: convert.ErrEncoding,
		Message: "文件是 UTF-8 编码，但有个别字节无效，已替换为“�”；请核对相关文字，或以 UTF-8 重新导出"})
}

// openInput reads a file once, hashes those bytes and reads them as a grid,
// honouring cancellation: the hash is of the bytes read, whatever happens to
// the file meanwhile.
func openInput(ctx context.Context, path string, opt ReadOptions) (*convert.Workbook, string, error) {
	if err := ctx.Err(); err != nil {
		return nil, "", err
	}
	data, err := convert.ReadInput(path)
	if err != nil {
		return nil, "", err
	}
	sum := sha256.Sum256(data)
	wb, err := convert.OpenBytes(path, data, convert.Options{Encoding: opt.Encoding, Context: ctx})
	if err != nil {
		return nil, "", err
	}
	return wb, hex.EncodeToString(sum[:]), nil
}

// Read finds the form in a workbook by its labels, wherever they stand:
// project blocks stacked on one sheet or one per sheet, shifted, with title
// rows or blank rows between them, indicator groups merged or left blank
// under their first row.
//
//	sub := templates.Read(wb)
func Read(wb *convert.Workbook) *Submission {
	wb = withoutFeedbackSheet(wb)
	r := &reader{wb: wb, sub: &Submission{File: wb.Path, Format: wb.Format, Encoding: wb.Encoding}}
	r.readDocument()
	for i := range wb.Sheets {
		r.readOverall(&wb.Sheets[i])
	}
	for i := range wb.Sheets {
		r.readProjects(&wb.Sheets[i])
	}
	r.classify()
	r.noteFileNameTownship()
	r.checkFormUnit()
	r.finishDocument()
	return r.sub
}

type reader struct {
	wb  *convert.Workbook
	sub *Submission
	// docUnit is the document-level unit (金额单位 field or the first unit line).
	docUnit convert.Unit
	// sheetLabels holds each sheet's label matches once made (see labels).
	sheetLabels map[*convert.Sheet]*sheetLabels
	// townFrom is where the township name was taken from (fromLabel …).
	townFrom int
}

func (r *reader) src(sh *convert.Sheet, row, col int) Source {
	return Source{File: r.wb.Path, Sheet: sh.Name, Cell: convert.CellName(row, col)}
}

func (r *reader) text(sh *convert.Sheet, row, col int) Text {
	return Text{Value: convert.CleanText(sh.Cell(row, col)), Src: r.src(sh, row, col)}
}

func (r *reader) problem(sev Severity, rule string, src Source, project, msg string, err error) {
	r.sub.Problems = append(r.sub.Problems, Problem{Severity: sev, Rule: rule, Src: src, Project: project, Message: msg, Err: err})
}

// valueRight returns the first non-empty cell right of (row, col) before the
// next label cell, or the label cell's own inline value.
func (r *reader) valueRight(sh *convert.Sheet, row, col int, m LabelMatch) Text {
	if m.Inline != "" {
		return Text{Value: m.Inline, Src: r.src(sh, row, col)}
	}
	n := rowWidth(sh, row)
	for c := col + 1; c < n; c++ {
		if cellBlank(sh, row, c) {
			continue
		}
		if r.matchAt(sh, row, c).Field != FieldNone {
			break
		}
		return r.text(sh, row, c)
	}
	return Text{Src: r.src(sh, row, col+1)}
}

// cellBlank reports whether a cell states nothing: blank text and no flag.
// A formula without a cached value reads as "" but is not blank: it must be
// reported where it stands, not skipped over.
func cellBlank(sh *convert.Sheet, row, col int) bool {
	return strings.TrimSpace(sh.Cell(row, col)) == "" && sh.Flag(row, col) == 0
}

// rowWidth is the number of cells in a row, counting flagged cells beyond
// its stored text (a trailing formula without a cached value).
func rowWidth(sh *convert.Sheet, row int) int {
	n := 0
	if row < len(sh.Rows) {
		n = len(sh.Rows[row])
	}
	for pos := range sh.Flags {
		if pos.Row == row && pos.Col >= n {
			n = pos.Col + 1
		}
	}
	return n
}

// readDocument reads document-level fields: 单位名称, 行政区划代码, 预算年度, 金额单位.
func (r *reader) readDocument() {
	for si := range r.wb.Sheets {
		sh := &r.wb.Sheets[si]
		for _, lc := range r.labels(sh).cells {
			row, col := lc.row, lc.col
			if lc.unitLine && r.docUnit == convert.UnitUnknown {
				r.docUnit = lc.unit
				continue
			}
			m := lc.m
			switch m.Field {
			case FieldTownship:
				if r.sub.Township.Value == "" {
					if t := r.valueRight(sh, row, col, m); t.Value != "" {
						var date string
						t.Value, date = townshipValue(t.Value)
						r.sub.Township = t
						if date != "" {
							setOnce(&r.sub.FilledOn, Text{Value: dateText(date, r.wb.Date1904), Src: t.Src})
						}
					}
				}
			case FieldRegionCode:
				if r.sub.Code.Value == "" {
					r.sub.Code = r.valueRight(sh, row, col, m)
				}
			case FieldFiller:
				setOnce(&r.sub.Filler, r.valueRight(sh, row, col, m))
			case FieldPhone:
				setOnce(&r.sub.Phone, r.valueRight(sh, row, col, m))
			case FieldDate:
				t := r.valueRight(sh, row, col, m)
				t.Value = dateText(t.Value, r.wb.Date1904)
				setOnce(&r.sub.FilledOn, t)
			case FieldYear:
				if r.sub.Year == 0 {
					r.sub.Year = parseYear(r.valueRight(sh, row, col, m).Value)
				}
			case FieldUnit:
				if u, ok := convert.ParseUnit(r.valueRight(sh, row, col, m).Value); ok {
					r.docUnit = u
				}
			}
		}
	}
	r.settleTownship()
	if r.docUnit == convert.UnitUnknown {
		r.docUnit = convert.UnitWan
	}
	r.sub.Unit = r.docUnit
}

func (r *reader) finishDocument() {
	if r.sub.Year == 0 {
		r.sub.Year = yearFromFileName(r.wb.Path)
	}
	if r.sub.Year == 0 {
		r.sub.Year = yearFromDeadlines(r.sub.Projects)
	}
	for i := range r.sub.Problems {
		r.sub.Problems[i].Township = r.sub.Township.Value
	}
}

// setOnce keeps the first stated value of a document field.
func setOnce(dst *Text, t Text) {
	if dst.Value == "" && t.Value != "" {
		*dst = t
	}
}

// dateText renders a date cell's raw serial number as YYYY-MM-DD, counted
// in the workbook's date system (from 1904 when date1904), and leaves any
// other text as written.
func dateText(s string, date1904 bool) string {
	n, err := strconv.ParseFloat(s, 64)
	if err != nil || n < 1 || n > 2958465 {
		return s
	}
	t, err := excelize.ExcelDateToTime(n, date1904)
	if err != nil {
		return s
	}
	return t.Format("2006-01-02")
}

var townshipPattern = regexp.MustCompile(`\p{Han}{1,10}?(?:镇|乡|街道)`)

// townshipName trims the official suffixes: 王官营镇人民政府（盖章） → 王官营镇.
func townshipName(s string) string {
	s = convert.NormalizeLabel(s)
	for _, suf := range []string{"(盖章)", "人民政府", "政府"} {
		s = strings.TrimSuffix(s, suf)
	}
	return s
}

// TownshipFromFileName derives a township from a file name: the first
// 镇/乡/街道 name in it, else the stem. "王官营镇-两行标题.xlsx" → 王官营镇.
//
//	templates.TownshipFromFileName("2024年王官营镇绩效目标.xlsx") // "王官营镇"
func TownshipFromFileName(path string) string {
	stem := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	stem = convert.NormalizeValue(stem)
	for _, m := range townshipPattern.FindAllString(stem, -1) {
		if m != "乡镇" && !strings.HasSuffix(m, "乡镇") {
			return strings.TrimPrefix(strings.TrimPrefix(m, "年"), "度")
		}
	}
	return stem
}

var yearPattern = regexp.MustCompile(`(20\d\d)`)

func parseYear(s string) int {
	m := yearPattern.FindString(convert.NormalizeValue(s))
	y, _ := strconv.Atoi(m)
	return y
}

func yearFromFileName(path string) int { return parseYear(filepath.Base(path)) }

// yearFromDeadlines takes the most common year among dated indicators
// ("2024年12月31日前").
func yearFromDeadlines(ps []Project) int {
	count := map[int]int{}
	best := 0
	for _, p := range ps {
		for _, ind := range p.Indicators {
			if len(ind.Parsed.Date) == 10 {
				y, _ := strconv.Atoi(ind.Parsed.Date[:4])
				count[y]++
				if count[y] > count[best] || count[y] == count[best] && y > best {
					best = y
				}
			}
		}
	}
	return best
}
