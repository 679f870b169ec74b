package templates

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"jixiao/convert"
)

// put writes a value into a cell and styles it; nil writes no value.
func (b *builder) put(sheet string, col, row int, v any, style int) error {
	c := cell(col, row)
	if v != nil {
		if err := b.f.SetCellValue(sheet, c, v); err != nil {
			return err
		}
	}
	return b.f.SetCellStyle(sheet, c, c, style)
}

// span merges columns col1…col2 of a row (when more than one) and styles them.
func (b *builder) span(sheet string, col1, col2, row int, v any, style int) error {
	return b.box(sheet, col1, row, col2, row, v, style)
}

// box merges a rectangle (when more than one cell), writes v into its top-left
// cell and styles every cell of it.
func (b *builder) box(sheet string, col1, row1, col2, row2 int, v any, style int) error {
	if err := b.put(sheet, col1, row1, v, style); err != nil {
		return err
	}
	tl, br := cell(col1, row1), cell(col2, row2)
	if err := b.f.SetCellStyle(sheet, tl, br, style); err != nil {
		return err
	}
	if tl == br {
		return nil
	}
	return b.f.MergeCell(sheet, tl, br)
}

// widths sets column widths, starting at column A.
func (b *builder) widths(sheet string, w ...float64) error {
	for i, x := range w {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := b.f.SetColWidth(sheet, col, col, x); err != nil {
			return err
		}
	}
	return nil
}

// basicSheet writes 基本信息: labels in column A, inputs in column B.
func (b *builder) basicSheet() error {
	const sh = SheetBasic
	if err := b.widths(sh, 18, 40); err != nil {
		return err
	}
	if err := b.span(sh, 1, 2, 1, "基本信息", b.st.title); err != nil {
		return err
	}
	var year any
	if b.opt.Year != 0 {
		year = b.opt.Year
	}
	var township, code any
	if b.opt.Township != "" {
		township = b.opt.Township
	}
	if b.opt.RegionCode != "" {
		code = b.opt.RegionCode
	}
	rows := []struct {
		field Field
		value any
		style int
		title string
		hint  string
	}{
		{FieldTownship, township, b.st.text, "单位名称", "填写乡镇名称，如：王官营镇"},
		{FieldRegionCode, code, b.st.code, "行政区划代码", "填写本乡镇的行政区划代码（数字），按文本保存"},
		{FieldYear, year, b.st.whole, "预算年度", "填写四位年份，如：2024"},
		{FieldUnit, b.opt.Unit.String(), b.st.text, "金额单位", "选择万元或元；各项目表的金额都按这一单位填写"},
		{FieldFiller, b.prefilled(func(s *Submission) Text { return s.Filler }), b.st.text, "填报人", "填写填报人姓名"},
		{FieldPhone, b.prefilled(func(s *Submission) Text { return s.Phone }), b.st.code, "联系电话", "填写联系电话"},
		{FieldDate, prefilledDate(b.prefilled(func(s *Submission) Text { return s.FilledOn })), b.st.date, "填报日期", "如：2024-01-15"},
	}
	for i, r := range rows {
		row := i + 2
		if err := b.put(sh, 1, row, Label(r.field), b.st.label); err != nil {
			return err
		}
		if err := b.put(sh, 2, row, r.value, r.style); err != nil {
			return err
		}
		if err := b.f.SetRowHeight(sh, row, 22); err != nil {
			return err
		}
		dv := excelize.NewDataValidation(true)
		dv.Sqref = cell(2, row)
		switch r.field {
		case FieldYear:
			if err := dv.SetRange(2000, 2100, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween); err != nil {
				return err
			}
			dv.SetError(excelize.DataValidationErrorStyleStop, "预算年度", "请填写 2000 至 2100 之间的四位年份。")
		case FieldUnit:
			if row != unitRow {
				return fmt.Errorf("金额单位 is on row %d, the unit lines refer to row %d", row, unitRow)
			}
			if err := dv.SetDropList([]string{convert.UnitWan.String(), convert.UnitYuan.String()}); err != nil {
				return err
			}
			dv.SetError(excelize.DataValidationErrorStyleStop, "金额单位", "请从下拉列表中选择万元或元。")
		}
		dv.SetInput(r.title, r.hint)
		if err := b.f.AddDataValidation(sh, dv); err != nil {
			return err
		}
	}
	if err := b.pageSetup(sh, false); err != nil {
		return err
	}
	return b.protect(sh)
}

// overallSheet writes 部门整体绩效目标: 总体绩效目标 and the 分项 table.
func (b *builder) overallSheet() error {
	const sh = SheetOverall
	if err := b.widths(sh, 16, 22, 50, 50); err != nil {
		return err
	}
	if err := b.span(sh, 1, 4, 1, "部门整体绩效目标", b.st.title); err != nil {
		return err
	}
	if err := b.f.SetRowHeight(sh, 1, 28); err != nil {
		return err
	}
	var summary any
	var items []OverallItem
	if p := b.opt.Prefill; p != nil {
		if p.Overall.Summary.Value != "" {
			summary = p.Overall.Summary.Value
		}
		items = p.Overall.Items
	}
	if err := b.put(sh, 1, 2, Label(FieldOverallSummary), b.st.label); err != nil {
		return err
	}
	if err := b.span(sh, 2, 4, 2, summary, b.st.textTop); err != nil {
		return err
	}
	if err := b.f.SetRowHeight(sh, 2, 150); err != nil {
		return err
	}
	if err := b.span(sh, 1, 4, 4, Label(FieldOverallItems), b.st.guideHead); err != nil {
		return err
	}
	const header = 5
	for i, f := range []Field{FieldItemNo, FieldItemName, FieldGoal, FieldItemIndicator} {
		if err := b.put(sh, i+1, header, Label(f), b.st.label); err != nil {
			return err
		}
	}
	n := max(OverallItemRows, len(items))
	for i := range n {
		row := header + 1 + i
		no := any(fmt.Sprintf("（%s）", chineseNumber(i+1)))
		var name, goal, ind any
		if i < len(items) {
			it := items[i]
			if it.No.Value != "" {
				no = it.No.Value
			}
			name, goal, ind = textOrNil(it.Name.Value), textOrNil(it.Goal.Value), textOrNil(it.Indicator.Value)
		}
		for col, v := range []any{no, name, goal, ind} {
			style := b.st.textTop
			if col == 0 {
				style = b.st.text
			}
			if err := b.put(sh, col+1, row, v, style); err != nil {
				return err
			}
		}
		if err := b.f.SetRowHeight(sh, row, 60); err != nil {
			return err
		}
	}
	// 工作保障措施 stands after a blank row, outside the 分项 table.
	row := header + n + 2
	if err := b.put(sh, 1, row, "工作保障措施", b.st.label); err != nil {
		return err
	}
	if err := b.span(sh, 2, 4, row, b.prefilled(func(s *Submission) Text { return s.Overall.Measures }), b.st.textTop); err != nil {
		return err
	}
	if err := b.f.SetRowHeight(sh, row, 120); err != nil {
		return err
	}
	if err := b.pageSetup(sh, true); err != nil {
		return err
	}
	return b.protect(sh)
}

func textOrNil(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// chineseNumber writes 1…99 in Chinese numerals: 1 → 一, 12 → 十二, 20 → 二十.
func chineseNumber(n int) string {
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n < 10:
		return digits[n]
	case n < 20:
		return "十" + digits[n%10]
	case n < 100:
		return digits[n/10] + "十" + digits[n%10]
	}
	return fmt.Sprint(n)
}

// listsSheet writes the hidden dropdown lists and names them: 一级指标列表,
// one name per 一级指标 (the 一级指标 itself, for INDIRECT) and 确定依据列表.
func (b *builder) listsSheet() error {
	const sh = SheetLists
	fw := b.opt.Framework
	col := 1
	if err := b.list(sh, col, ListLevel1, fw.Level1Names()); err != nil {
		return err
	}
	for _, g := range fw.Groups {
		col++
		if err := b.list(sh, col, g.Level1, g.Level2); err != nil {
			return err
		}
	}
	col++
	if err := b.list(sh, col, ListBases, IndicatorBases()); err != nil {
		return err
	}
	if err := b.f.SetSheetVisible(sh, false); err != nil {
		return err
	}
	return b.protect(sh)
}

// Defined names of the template's dropdown lists. Each 一级指标 also names the
// list of its 二级指标.
const (
	ListLevel1 = "一级指标列表"
	ListBases  = "确定依据列表"
)

// list writes values down a column of the lists sheet and names the range.
func (b *builder) list(sheet string, col int, name string, values []string) error {
	for i, v := range values {
		if err := b.put(sheet, col, i+1, v, b.st.hidden); err != nil {
			return err
		}
	}
	letter, _ := excelize.ColumnNumberToName(col)
	return b.f.SetDefinedName(&excelize.DefinedName{
		Name:     name,
		RefersTo: fmt.Sprintf("'%s'!$%s$1:$%s$%d", sheet, letter, letter, len(values)),
	})
}

// guideSheet writes 填报说明 in plain Chinese.
func (b *builder) guideSheet() error {
	const sh = SheetGuide
	// 72 character widths fit an A4 portrait page at full size, so the
	// wrapped paragraphs print whole whatever the program's page fitting.
	if err := b.widths(sh, 72); err != nil {
		return err
	}
	row := 1
	for _, line := range b.guideLines() {
		style := b.st.guide
		text := line
		switch {
		case row == 1:
			style = b.st.title
		case strings.HasPrefix(line, "#"):
			style, text = b.st.guideHead, strings.TrimPrefix(line, "#")
		}
		if err := b.put(sh, 1, row, text, style); err != nil {
			return err
		}
		if style == b.st.guide {
			// Roughly 34 Chinese characters fit on a line of the column.
			lines := len([]rune(text))/34 + 1
			if err := b.f.SetRowHeight(sh, row, float64(16*lines+4)); err != nil {
				return err
			}
		}
		row++
	}
	if err := b.pageSetup(sh, false); err != nil {
		return err
	}
	return b.protect(sh)
}
