package consolidate

import (
	"fmt"
	"slices"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/width"

	"jixiao/convert"
	"jixiao/templates"
)

// Sheet names of the county workbook.
const (
	SheetSummary    = "汇总"
	SheetPivot      = "分类汇总"
	SheetVariance   = "乡镇差异"
	SheetUnitCost   = "单位成本"
	SheetBaseline   = "基期差异"
	SheetOverall    = "整体目标"
	SheetProjects   = "项目明细"
	SheetIndicators = "指标明细"
	SheetProblems   = "校验问题"
	SheetSources    = "来源清单"
)

// column is a column of a table sheet: its header and the widest it may
// grow to fit its contents (0: the default cap). Text in a column with wrap
// set wraps within that width.
type column struct {
	header string
	max    float64
	wrap   bool
}

// Column widths, in characters of the default font; a CJK character counts two.
const (
	defaultMaxWidth = 40
	wrapWidth       = 50
	minWidth        = 6
)

// table is one sheet of the county workbook: a title row, a header row,
// data rows (under an autofilter) and footer rows such as 合计. Rows are
// kept until write, so column widths fit the contents.
type table struct {
	w          *bookWriter
	name       string
	cols       []column
	rows       [][]interface{}
	data       int // rows[:data] are data rows, the rest footer
	freezeCols int
	condRules  []condRule
	// shareFrom and shareTo, when shareTo > shareFrom, are columns (0-based,
	// shareTo excluded) that all take the widest of their widths.
	shareFrom, shareTo int
	// partWidths are the column widths of all parts of a table continued
	// over several sheets (nil: fitted to rows).
	partWidths []float64
}

// condRule is a conditional format: cells in ref are highlighted where
// formula (written for the top-left cell) is true.
type condRule struct {
	ref, formula string
}

// firstDataRow is the sheet row of the first data row (after title and header).
const firstDataRow = 3

func (w *bookWriter) newTable(name string, cols []column) *table {
	return &table{w: w, name: name, cols: cols}
}

// nextRow is the sheet row the next added row will occupy.
func (t *table) nextRow() int { return firstDataRow + len(t.rows) }

// add appends a data row.
func (t *table) add(values ...interface{}) {
	t.rows = append(t.rows, values)
	t.data = len(t.rows)
}

// footer appends a row after the data, outside the autofilter.
func (t *table) footer(values ...interface{}) { t.rows = append(t.rows, values) }

// lastRow is the sheet row of the last data row (the header row when empty).
func (t *table) lastDataRow() int { return firstDataRow + t.data - 1 }

func colName(c int) string {
	n, _ := excelize.ColumnNumberToName(c)
	return n
}

// write lays the table out on its sheet with the polish spreadsheet users
// expect: frozen title and header, autofilter, fitted widths, A4 landscape
// fit to width with the title rows repeated on every page.
// maxSheetRows is the most rows a sheet holds. The rows of a larger table
// continue on sheets named "指标明细（2）", "指标明细（3）", …, each with the
// title and header rows (20,000 townships of 78 indicators make 1,560,000).
var maxSheetRows = excelize.TotalRows

func (t *table) write() error {
	per := maxSheetRows - (firstDataRow - 1)
	if len(t.rows) <= per {
		return t.writeSheet()
	}
	if t.data < len(t.rows) || len(t.condRules) > 0 {
		// footer formulas and conditional formats refer to one sheet's rows
		return fmt.Errorf("工作表「%s」有 %d 行，超过一个工作表的上限 %d 行", t.name, len(t.rows)+firstDataRow-1, maxSheetRows)
	}
	widths := t.widths()
	for i, n := 0, 1; i < len(t.rows); i, n = i+per, n+1 {
		part := *t
		if n > 1 {
			part.name = fmt.Sprintf("%s（%d）", t.name, n)
		}
		part.rows = t.rows[i:min(i+per, len(t.rows))]
		part.data = len(part.rows)
		part.partWidths = widths
		if err := part.writeSheet(); err != nil {
			return err
		}
	}
	return nil
}

func (t *table) writeSheet() error {
	f, w := t.w.f, t.w
	if t.name == SheetSummary {
		if err := f.SetSheetName("Sheet1", SheetSummary); err != nil {
			return err
		}
	} else if _, err := f.NewSheet(t.name); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(t.name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(t.name)
	if err != nil {
		return err
	}
	widths := t.partWidths
	if widths == nil {
		widths = t.widths()
	}
	if err := setColWidths(sw, widths); err != nil {
		return err
	}
	if err := sw.SetPanes(t.panes()); err != nil {
		return err
	}
	lastCol := colName(len(t.cols))
	if err := sw.SetRow("A1", []interface{}{excelize.Cell{StyleID: w.st.title, Value: w.title()}}, excelize.RowOpts{Height: 24}); err != nil {
		return err
	}
	if err := sw.MergeCell("A1", lastCol+"1"); err != nil {
		return err
	}
	head := make([]interface{}, len(t.cols))
	for i, c := range t.cols {
		head[i] = excelize.Cell{StyleID: w.st.header, Value: c.header}
	}
	if err := sw.SetRow("A2", head); err != nil {
		return err
	}
	for i, r := range t.rows {
		if i%1000 == 999 {
			if err := w.ctx.Err(); err != nil {
				return err
			}
		}
		if err := sw.SetRow("A"+strconv.Itoa(firstDataRow+i), r); err != nil {
			return err
		}
	}
	filterEnd := t.lastDataRow()
	if filterEnd < 2 {
		filterEnd = 2
	}
	if err := f.AutoFilter(t.name, fmt.Sprintf("A2:%s%d", lastCol, filterEnd), nil); err != nil {
		return err
	}
	for _, c := range t.condRules {
		err := f.SetConditionalFormat(t.name, c.ref, []excelize.ConditionalFormatOptions{
			{Type: "formula", Criteria: c.formula, Format: &w.st.alert}})
		if err != nil {
			return err
		}
	}
	if err := t.pageSetup(); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles",
		RefersTo: fmt.Sprintf("'%s'!$1:$2", t.name), Scope: t.name})
}

func (t *table) panes() *excelize.Panes {
	if t.freezeCols == 0 {
		return &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"}
	}
	top := colName(t.freezeCols+1) + "3"
	return &excelize.Panes{Freeze: true, XSplit: t.freezeCols, YSplit: 2, TopLeftCell: top, ActivePane: "bottomRight"}
}

// pageSetup prints on A4 landscape, all columns on one page width, with a
// page number footer.
func (t *table) pageSetup() error {
	f := t.w.f
	size, orient, wide, tall := 9, "landscape", 1, 0
	if err := f.SetPageLayout(t.name, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient,
		FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return err
	}
	lr, tb, hf := 0.4, 0.6, 0.3
	if err := f.SetPageMargins(t.name, &excelize.PageLayoutMarginsOptions{Left: &lr, Right: &lr, Top: &tb,
		Bottom: &tb, Header: &hf, Footer: &hf}); err != nil {
		return err
	}
	return f.SetHeaderFooter(t.name, &excelize.HeaderFooterOptions{
		OddHeader: "&L&\"-,Bold\"" + t.name, OddFooter: "&C第 &P 页，共 &N 页"})
}

// widths fits each column to its header and contents: a CJK character counts
// two, numbers as shown with thousands separators; capped per column.
func (t *table) widths() []float64 {
	out := make([]float64, len(t.cols))
	for i, c := range t.cols {
		limit := c.max
		if limit == 0 {
			limit = defaultMaxWidth
			if c.wrap {
				limit = wrapWidth
			}
		}
		wd := float64(displayWidth(c.header)) + 2
		for _, r := range t.rows {
			if i < len(r) {
				if cw := float64(cellWidth(r[i])) + 2; cw > wd {
					wd = cw
				}
			}
		}
		out[i] = min(max(wd, minWidth), limit)
	}
	if t.shareTo > t.shareFrom {
		shared := slices.Max(out[t.shareFrom:t.shareTo])
		for i := t.shareFrom; i < t.shareTo; i++ {
			out[i] = shared
		}
	}
	return out
}

// setColWidths sets the column widths of a sheet, one call per run of equal
// widths, rightmost first so that the columns come out in order. The library
// re-flattens every column already set at each call: setting thousands of
// columns one by one takes time cubic in their number.
func setColWidths(sw *excelize.StreamWriter, widths []float64) error {
	for to := len(widths); to > 0; {
		from := to - 1
		for from > 0 && widths[from-1] == widths[to-1] {
			from--
		}
		if err := sw.SetColWidth(from+1, to, widths[to-1]); err != nil {
			return err
		}
		to = from
	}
	return nil
}

// displayWidth is the width of text in a cell: CJK and other wide characters
// count two, others one; the longest line of multi-line text.
//
//	displayWidth("预算数 4.92") // 11
func displayWidth(s string) int {
	best, cur := 0, 0
	for _, r := range s {
		if r == '\n' {
			best, cur = max(best, cur), 0
			continue
		}
		switch k := width.LookupRune(r).Kind(); {
		case k == width.EastAsianWide || k == width.EastAsianFullwidth || unicode.Is(unicode.Han, r):
			cur += 2
		default:
			cur++
		}
	}
	return max(best, cur)
}

func cellWidth(v interface{}) int {
	if c, ok := v.(excelize.Cell); ok {
		v = c.Value
	}
	switch x := v.(type) {
	case string:
		return displayWidth(x)
	case float64:
		s := strconv.FormatFloat(x, 'f', -1, 64)
		return utf8.RuneCountInString(s) + len(s)/3 + 1
	case int:
		return len(strconv.Itoa(x)) + 1
	}
	return 0
}

// cells helpers for typed, styled values.
func (w *bookWriter) txt(s string) excelize.Cell  { return excelize.Cell{StyleID: w.st.text, Value: s} }
func (w *bookWriter) wrap(s string) excelize.Cell { return excelize.Cell{StyleID: w.st.wrap, Value: s} }
func (w *bookWriter) num(n int) excelize.Cell     { return excelize.Cell{StyleID: w.st.count, Value: n} }

func (w *bookWriter) amount(m templates.Money) excelize.Cell {
	if m.Blank {
		return excelize.Cell{StyleID: w.st.money}
	}
	return excelize.Cell{StyleID: w.st.money, Value: w.money(m.Yuan)}
}

func (w *bookWriter) projects() error {
	t := w.newTable(SheetProjects, []column{{header: "乡镇"}, {header: "项目编码"}, {header: "项目名称"}, {header: "类别"},
		{header: "预算数"}, {header: "财政资金"}, {header: "其他资金"}, {header: "3月底"}, {header: "6月底"}, {header: "10月底"}, {header: "12月底"},
		{header: "资金用途", wrap: true}, {header: "绩效目标", wrap: true}, {header: "来源"}})
	t.freezeCols = 1
	for _, sub := range w.res.Submissions {
		for _, p := range sub.Projects {
			t.add(w.txt(sub.Township.Value), w.txt(p.Code.Value), w.txt(p.Name.Value), w.txt(w.opt.Categories.Category(p.Name.Value)),
				w.amount(p.Budget), w.amount(p.Fiscal), w.amount(p.Other),
				w.amount(p.Plan[0]), w.amount(p.Plan[1]), w.amount(p.Plan[2]), w.amount(p.Plan[3]),
				w.wrap(p.Purpose.Value), w.wrap(p.Goal.Value), w.txt(p.Anchor.String()))
		}
	}
	return t.write()
}

func (w *bookWriter) indicators() error {
	t := w.newTable(SheetIndicators, []column{{header: "乡镇"}, {header: "项目编码"}, {header: "项目名称"}, {header: "一级指标"},
		{header: "二级指标"}, {header: "三级指标"}, {header: "绩效指标描述", max: 30, wrap: true}, {header: "指标值"}, {header: "比较符"},
		{header: "数值"}, {header: "单位"}, {header: "日期/等级"}, {header: "指标值确定依据"}, {header: "来源"}})
	t.freezeCols = 1
	for _, sub := range w.res.Submissions {
		for _, p := range sub.Projects {
			for _, ind := range p.Indicators {
				op, num, unit, extra := w.parsedValue(ind)
				t.add(w.txt(sub.Township.Value), w.txt(p.Code.Value), w.txt(p.Name.Value), w.txt(ind.Level1.Value),
					w.txt(ind.Level2.Value), w.txt(ind.Level3.Value), w.wrap(ind.Desc.Value), w.txt(ind.Value.Value),
					w.txt(op), num, w.txt(unit), w.txt(extra), w.txt(ind.Basis.Value), w.txt(ind.Value.Src.String()))
			}
		}
	}
	return t.write()
}

// parsedValue renders a parsed 指标值 with money expressed in the workbook unit.
func (w *bookWriter) parsedValue(ind templates.Indicator) (op string, num excelize.Cell, unit, extra string) {
	v := ind.Parsed
	num = excelize.Cell{StyleID: w.st.number}
	if !ind.ParsedOK {
		return "", num, "", ""
	}
	op, unit = v.Op, v.Unit
	if v.HasNum {
		n, u := IndicatorInUnit(v, w.res.Unit)
		num.Value, unit = n.InexactFloat64(), u
		if v.Op == "区间" {
			hi, _ := IndicatorInUnit(convert.IndicatorValue{Num: v.Max, HasNum: true, Unit: v.Unit}, w.res.Unit)
			extra = fmt.Sprintf("上限 %s", hi)
		}
	}
	switch {
	case v.Date != "":
		extra = v.Date
	case v.Grade != "":
		extra = v.Grade
	}
	return op, num, unit, extra
}

// overall writes 整体目标: each township's 部门整体绩效目标, the 总体 text then
// the numbered 分项 items.
func (w *bookWriter) overall() error {
	t := w.newTable(SheetOverall, []column{{header: "乡镇"}, {header: "类型"}, {header: "序号"}, {header: "名称", max: 24, wrap: true},
		{header: "绩效目标", wrap: true}, {header: "绩效指标", wrap: true}, {header: "来源"}})
	t.freezeCols = 1
	for _, sub := range w.res.Submissions {
		town := sub.Township.Value
		if o := sub.Overall.Summary; o.Value != "" {
			t.add(w.txt(town), w.txt("总体"), w.txt(""), w.wrap("总体绩效目标"), w.wrap(o.Value), w.wrap(""), w.txt(o.Src.String()))
		}
		for _, it := range sub.Overall.Items {
			t.add(w.txt(town), w.txt("分项"), w.txt(it.No.Value), w.wrap(it.Name.Value), w.wrap(it.Goal.Value),
				w.wrap(it.Indicator.Value), w.txt(it.Name.Src.String()))
		}
	}
	return t.write()
}

func (w *bookWriter) problems() error {
	t := w.newTable(SheetProblems, []column{{header: "级别"}, {header: "乡镇"}, {header: "文件"}, {header: "工作表"}, {header: "单元格"},
		{header: "项目编码"}, {header: "规则"}, {header: "说明", max: 70, wrap: true}})
	for _, p := range w.res.Problems {
		t.add(w.txt(p.Severity.String()), w.txt(p.Township), w.txt(p.Src.File), w.txt(p.Src.Sheet), w.txt(p.Src.Cell),
			w.txt(p.Project), w.txt(p.Rule), w.wrap(p.Message))
	}
	if t.data > 0 {
		t.condRules = append(t.condRules, condRule{ref: fmt.Sprintf("A3:A%d", t.lastDataRow()), formula: `$A3="错误"`})
	}
	return t.write()
}

func (w *bookWriter) sources() error {
	t := w.newTable(SheetSources, []column{{header: "文件"}, {header: "乡镇"}, {header: "格式"}, {header: "编码"}, {header: "金额单位"},
		{header: "项目数"}, {header: "SHA256", max: 30}, {header: "状态"}, {header: "说明", wrap: true}})
	for _, s := range w.res.Sources {
		reason := ""
		if s.Err != nil {
			reason = s.Err.Error()
		}
		t.add(w.txt(s.Path), w.txt(s.Township), w.txt(s.Format), w.txt(s.Encoding), w.txt(s.Unit.String()),
			w.num(s.Projects), w.txt(s.SHA256), w.txt(s.Status), w.wrap(reason))
	}
	if b := w.opt.Baseline; b != nil {
		for _, src := range b.Sources {
			t.footer(w.txt(src), w.txt(""), w.txt(""), w.txt(""), w.txt(""), w.txt(""), w.txt(""), w.txt("基期"),
				w.wrap(fmt.Sprintf("基期数据，用于「%s」", SheetBaseline)))
		}
	}
	return t.write()
}
