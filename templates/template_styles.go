package templates

import "github.com/xuri/excelize/v2"

// Colours of the template: input cells are tinted, labels grey.
const (
	inputFill = "FFF2CC"
	labelFill = "E7E6E6"
)

// amountFormat shows two decimals and up to four when a figure has them
// (万元 to the 元).
const amountFormat = "#,##0.00##"

// styles are the cell styles of one workbook.
type styles struct {
	title     int // sheet and block titles
	label     int // locked label cells
	text      int // unlocked free-text input
	textTop   int // unlocked long text, aligned to the top
	code      int // unlocked text-format input (项目编码, 行政区划代码)
	amount    int // unlocked amount input
	whole     int // unlocked whole-number input (预算年度)
	date      int // unlocked date input
	unitLine  int // locked "单位：万元" line
	guide     int // 填报说明 paragraphs
	guideHead int // 填报说明 headings
	hidden    int // cells of the hidden lists sheet
}

func newStyles(f *excelize.File) (styles, error) {
	border := []excelize.Border{
		{Type: "left", Color: "808080", Style: 1},
		{Type: "right", Color: "808080", Style: 1},
		{Type: "top", Color: "808080", Style: 1},
		{Type: "bottom", Color: "808080", Style: 1},
	}
	locked, unlocked := &excelize.Protection{Locked: true}, &excelize.Protection{Locked: false}
	fill := func(c string) excelize.Fill { return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}} }
	font := &excelize.Font{Family: "宋体", Size: 11}
	input := func(h string, v string, numFmt int, custom *string) *excelize.Style {
		return &excelize.Style{
			Border: border, Fill: fill(inputFill), Font: font, Protection: unlocked,
			Alignment:    &excelize.Alignment{Horizontal: h, Vertical: v, WrapText: true},
			NumFmt:       numFmt,
			CustomNumFmt: custom,
		}
	}
	amountFmt, dateFmt := amountFormat, "yyyy-mm-dd"
	var st styles
	defs := []struct {
		dst *int
		s   *excelize.Style
	}{
		{&st.title, &excelize.Style{Font: &excelize.Font{Family: "黑体", Size: 14, Bold: true}, Protection: locked,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}},
		{&st.label, &excelize.Style{Border: border, Fill: fill(labelFill), Font: &excelize.Font{Family: "宋体", Size: 11, Bold: true},
			Protection: locked, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&st.text, input("left", "center", 0, nil)},
		{&st.textTop, input("left", "top", 0, nil)},
		{&st.code, input("left", "center", 49, nil)},
		{&st.amount, input("right", "center", 0, &amountFmt)},
		{&st.whole, input("left", "center", 1, nil)},
		{&st.date, input("left", "center", 0, &dateFmt)},
		{&st.unitLine, &excelize.Style{Font: font, Protection: locked,
			Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}}},
		{&st.guide, &excelize.Style{Font: font, Protection: locked,
			Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true}}},
		{&st.guideHead, &excelize.Style{Font: &excelize.Font{Family: "黑体", Size: 12, Bold: true}, Protection: locked,
			Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center"}}},
		{&st.hidden, &excelize.Style{Font: font, Protection: locked}},
	}
	for _, d := range defs {
		id, err := f.NewStyle(d.s)
		if err != nil {
			return st, err
		}
		*d.dst = id
	}
	return st, nil
}
