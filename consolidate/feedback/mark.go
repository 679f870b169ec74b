package feedback

import (
	"context"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"jixiao/convert"
	"jixiao/templates"
)

// mark is a problem and the cell of the feedback workbook it is
// marked at ("" sheet or cell: listed in 问题清单 only); orig is where it
// was found in the township's file, when that is another workbook.
type mark struct {
	p           templates.Problem
	sheet, cell string
	orig        string
}

// Fills of marked cells: a light red for errors, a light yellow for warnings
// (the colours Excel's own highlight rules use).
const (
	fillError   = "FFC7CE"
	fillWarning = "FFEB9C"
)

const author = "jixiao 审核"

// markBook marks each problem at its cell (a fill added to the cell's own
// style, and a comment with the problem and 处理建议) and puts 问题清单
// first. It returns the number of problems marked at a cell.
func markBook(f *excelize.File, marks []mark) (int, error) {
	type place struct{ sheet, cell string }
	var order []place
	at := map[place][]templates.Problem{}
	marked := 0
	for i := range marks {
		m := &marks[i]
		if m.sheet == "" || m.cell == "" {
			continue
		}
		if idx, err := f.GetSheetIndex(m.sheet); err != nil || idx < 0 {
			m.sheet, m.cell = "", ""
			continue
		}
		if _, _, err := excelize.CellNameToCoordinates(m.cell); err != nil {
			m.sheet, m.cell = "", ""
			continue
		}
		k := place{m.sheet, m.cell}
		if _, ok := at[k]; !ok {
			order = append(order, k)
		}
		at[k] = append(at[k], m.p)
		marked++
	}
	fills := map[[2]int]int{}
	had := map[string]map[string]excelize.Comment{} // each sheet's comments before marking, by cell
	for _, k := range order {
		ps := at[k]
		sev := templates.Warning
		for _, p := range ps {
			if p.Severity == templates.Error {
				sev = templates.Error
			}
		}
		if err := highlight(f, k.sheet, k.cell, sev, fills); err != nil {
			return 0, err
		}
		own, ok := had[k.sheet]
		if !ok {
			var err error
			if own, err = commentsByCell(f, k.sheet); err != nil {
				return 0, err
			}
			had[k.sheet] = own
		}
		if err := comment(f, k.sheet, k.cell, own, ps); err != nil {
			return 0, err
		}
	}
	return marked, problemList(f, marks)
}

// highlight adds the severity's fill to the cell's own style, keeping its
// font, border, alignment and number format.
func highlight(f *excelize.File, sheet, cell string, sev templates.Severity, cache map[[2]int]int) error {
	old, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		return err
	}
	key := [2]int{old, int(sev)}
	id, ok := cache[key]
	if !ok {
		st, err := f.GetStyle(old)
		if err != nil || st == nil {
			st = &excelize.Style{}
		}
		color := fillWarning
		if sev == templates.Error {
			color = fillError
		}
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
		if id, err = f.NewStyle(st); err != nil {
			return err
		}
		cache[key] = id
	}
	return f.SetCellStyle(sheet, cell, cell, id)
}

// commentsByCell is the first comment at each commented cell of sheet.
func commentsByCell(f *excelize.File, sheet string) (map[string]excelize.Comment, error) {
	cs, err := f.GetComments(sheet)
	if err != nil {
		return nil, err
	}
	out := make(map[string]excelize.Comment, len(cs))
	for _, c := range cs {
		if _, ok := out[c.Cell]; !ok {
			out[c.Cell] = c
		}
	}
	return out, nil
}

// comment puts the problems at a cell into its comment, after any comment
// the township had there (own, the sheet's comments by cell).
func comment(f *excelize.File, sheet, cell string, own map[string]excelize.Comment, ps []templates.Problem) error {
	var b strings.Builder
	if c, ok := own[cell]; ok {
		b.WriteString(commentText(c))
		b.WriteString("\n")
		if err := f.DeleteComment(sheet, cell); err != nil {
			return err
		}
	}
	for i, p := range ps {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(problemNote(p))
	}
	return f.AddComment(sheet, excelize.Comment{Author: author, Cell: cell, Text: b.String(), Width: 320, Height: 120})
}

func commentText(c excelize.Comment) string {
	if c.Text != "" {
		return c.Text
	}
	var b strings.Builder
	for _, r := range c.Paragraph {
		b.WriteString(r.Text)
	}
	return b.String()
}

// problemNote is a problem as its comment says it.
func problemNote(p templates.Problem) string {
	s := fmt.Sprintf("【%s】%s：%s", p.Severity, p.RuleLabel(), p.Message)
	if p.Suggestion != "" {
		s += "\n处理建议：" + p.Suggestion
	}
	return s
}

// problemList writes 问题清单 as the first, active sheet: one row per
// problem, its cell a link to the cell.
func problemList(f *excelize.File, marks []mark) error {
	const sheet = templates.SheetFeedback
	if idx, err := f.GetSheetIndex(sheet); err == nil && idx >= 0 {
		// a workbook sent back before: its old list goes
		if err := f.DeleteSheet(sheet); err != nil {
			return err
		}
	}
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	first := f.GetSheetList()[0]
	if err := f.MoveSheet(sheet, first); err != nil {
		return err
	}
	headers := []string{"级别", "工作表", "单元格", "项目编码", "项目名称", "规则", "说明", "处理建议"}
	withOrig := false
	for _, m := range marks {
		if m.orig != "" {
			withOrig = true
		}
	}
	if withOrig {
		headers = append(headers, "原文件位置")
	}
	hdr, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	if err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	if err != nil {
		return err
	}
	link, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Color: "0563C1", Underline: "single"}, Alignment: &excelize.Alignment{Vertical: "top"}})
	if err != nil {
		return err
	}
	for i, h := range headers {
		if err := f.SetCellValue(sheet, cellAt(i+1, 1), h); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sheet, "A1", cellAt(len(headers), 1), hdr); err != nil {
		return err
	}
	for i, m := range marks {
		r := i + 2
		p := m.p
		vals := []string{p.Severity.String(), m.sheet, m.cell, p.Project, p.ProjectName, p.RuleLabel(), p.Message, p.Suggestion}
		if withOrig {
			vals = append(vals, m.orig)
		}
		for c, v := range vals {
			if err := f.SetCellStr(sheet, cellAt(c+1, r), v); err != nil {
				return err
			}
		}
		if err := f.SetCellStyle(sheet, cellAt(1, r), cellAt(len(headers), r), wrap); err != nil {
			return err
		}
		if m.sheet != "" && m.cell != "" {
			target := fmt.Sprintf("'%s'!%s", strings.ReplaceAll(m.sheet, "'", "''"), m.cell)
			if err := f.SetCellHyperLink(sheet, cellAt(3, r), target, "Location"); err != nil {
				return err
			}
			if err := f.SetCellStyle(sheet, cellAt(3, r), cellAt(3, r), link); err != nil {
				return err
			}
		}
	}
	widths := []float64{6, 18, 8, 24, 24, 20, 60, 40, 28}
	for i := range headers {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, widths[i]); err != nil {
			return err
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	// the workbook opens on the list
	f.SetActiveSheet(0)
	return nil
}

// cellAt names a cell by one-based column and row.
func cellAt(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// writeFeedbackSummary writes 审核结果.xlsx: every source, its outcome,
// counts and files.
func writeFeedbackSummary(ctx context.Context, rep *Report, save convert.SaveOptions) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "审核结果"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	headers := []string{"乡镇", "审核结果", "错误", "警告", "标注到单元格", "提交文件", "退回修改文件", "退回方式"}
	rows := [][]any{}
	returned := 0
	for _, r := range rep.Rows {
		if r.Output != "" {
			returned++
		}
		rows = append(rows, []any{r.Township, r.Outcome, r.Errors, r.Warnings, r.Marked, r.File, r.Output, r.Kind})
	}
	title := fmt.Sprintf("审核结果：%d 个来源，%d 个乡镇退回修改（每个乡镇一个工作簿，问题已在单元格上标注并加批注）", len(rep.Rows), returned)
	if err := f.SetCellStr(sheet, "A1", title); err != nil {
		return err
	}
	for i, h := range headers {
		if err := f.SetCellStr(sheet, cellAt(i+1, 2), h); err != nil {
			return err
		}
	}
	for i, row := range rows {
		for c, v := range row {
			if err := f.SetCellValue(sheet, cellAt(c+1, i+3), v); err != nil {
				return err
			}
		}
	}
	hdr, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	if err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A2", cellAt(len(headers), 2), hdr); err != nil {
		return err
	}
	for i, w := range []float64{16, 14, 6, 6, 12, 40, 40, 10} {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, w); err != nil {
			return err
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	return saveAtomic(ctx, f, rep.Summary, save)
}
