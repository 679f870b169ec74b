package consolidate

import (
	"fmt"
	"slices"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/width"
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
// data rows (under an autofilter) and footer rows such as 合计.
//
// The rows of a small table are added to it and kept until write. The rows
// of a large one are produced twice instead (writeFrom, details), first for
// a fitter (the column widths), then for the tableWriter that start
// returns, so that no more than a row is held at a time.
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

// lastDataRow is the sheet row of the last added data row (the header row
// when there is none).
func (t *table) lastDataRow() int { return firstDataRow + t.data - 1 }

func colName(c int) string {
	n, _ := excelize.ColumnNumberToName(c)
	return n
}

// eachRow calls fn for every added row, data then footer.
func (t *table) eachRow(fn func(row []interface{}) error) error {
	for _, r := range t.rows {
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

// maxSheetRows is the most rows a sheet holds. The rows of a larger table
// continue on sheets named "指标明细（2）", "指标明细（3）", …, each with the
// title and header rows (20,000 townships of 78 indicators make 1,560,000).
var maxSheetRows = excelize.TotalRows

// write lays the table out on its sheet with the polish spreadsheet users
// expect: frozen title and header, autofilter, fitted widths, A4 landscape
// fit to width with the title rows repeated on every page. A table with more
// rows than a sheet holds continues on further sheets, all with the same
// column widths.
func (t *table) write() error { return t.writeFrom(t.eachRow) }

// writeFrom writes the table with the data rows gen produces, calling it
// twice: once to fit the column widths, once to write the rows; so the rows
// are never all held at once.
func (t *table) writeFrom(gen func(emit func(row []interface{}) error) error) error {
	var fit fitter
	if err := gen(fit.add); err != nil {
		return err
	}
	tw, err := t.start(fit)
	if err != nil {
		return err
	}
	if err := gen(tw.row); err != nil {
		return err
	}
	return tw.finish()
}

// fitter is the first pass over a table's rows: the widest cell of each
// column and the number of rows.
type fitter struct {
	widest []float64
	rows   int
}

func (f *fitter) add(r []interface{}) error {
	f.rows++
	for len(f.widest) < len(r) {
		f.widest = append(f.widest, 0)
	}
	for i, v := range r {
		if cw := float64(cellWidth(v)) + 2; cw > f.widest[i] {
			f.widest[i] = cw
		}
	}
	return nil
}

// tableWriter is a table being written: its sheets are open, rows go into
// the current one.
type tableWriter struct {
	t       *table
	sheets  []*excelize.StreamWriter
	names   []string
	per     int // data rows a sheet holds
	footers int
	part    int // index in sheets of the current sheet
	inPart  int // rows written to it
	written int
	total   int
}

// start checks that the table's rows (as measured by fit; its added rows
// or the rows to come) fit the sheets and opens them: one, or as many as the
// rows need.
func (t *table) start(fit fitter) (*tableWriter, error) {
	tw := &tableWriter{t: t, per: maxSheetRows - (firstDataRow - 1), total: fit.rows, footers: len(t.rows) - t.data}
	if tw.total > tw.per && (tw.footers > 0 || len(t.condRules) > 0) {
		// footer formulas and conditional formats refer to one sheet's rows
		return nil, fmt.Errorf("工作表「%s」有 %d 行，超过一个工作表的上限 %d 行", t.name, tw.total+firstDataRow-1, maxSheetRows)
	}
	widths := t.widths(fit.widest)
	parts := max(1, (tw.total+tw.per-1)/tw.per)
	for n := 1; n <= parts; n++ {
		name := t.name
		if n > 1 {
			name = fmt.Sprintf("%s（%d）", t.name, n)
		}
		sw, err := t.openSheet(name, widths)
		if err != nil {
			return nil, err
		}
		tw.sheets, tw.names = append(tw.sheets, sw), append(tw.names, name)
	}
	return tw, nil
}

// row writes the next row.
func (tw *tableWriter) row(r []interface{}) error {
	if tw.inPart == tw.per {
		tw.part, tw.inPart = tw.part+1, 0
	}
	if tw.part >= len(tw.sheets) {
		return fmt.Errorf("工作表「%s」：数据行多于第一遍所数的 %d 行", tw.t.name, tw.total)
	}
	if tw.written%1000 == 999 {
		if err := tw.t.w.ctx.Err(); err != nil {
			return err
		}
	}
	if err := tw.sheets[tw.part].SetRow("A"+strconv.Itoa(firstDataRow+tw.inPart), r); err != nil {
		return err
	}
	tw.inPart++
	tw.written++
	return nil
}

// finish closes the table's sheets, in order.
func (tw *tableWriter) finish() error {
	if tw.written != tw.total {
		return fmt.Errorf("工作表「%s」：数据行数前后不一致（%d 与 %d）", tw.t.name, tw.total, tw.written)
	}
	for i, sw := range tw.sheets {
		data := min(tw.total-i*tw.per, tw.per)
		if i == len(tw.sheets)-1 {
			data -= tw.footers
		}
		if err := tw.t.closeSheet(sw, tw.names[i], data); err != nil {
			return err
		}
	}
	return nil
}

// widths fits each column to its header and contents (widest holds each
// column's widest cell): a CJK character counts two, numbers as shown with
// thousands separators; capped per column.
func (t *table) widths(widest []float64) []float64 {
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
		if i < len(widest) {
			wd = max(wd, widest[i])
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

// openSheet creates the sheet name, sets its column widths and panes and
// writes the title and header rows; data rows follow from row firstDataRow.
func (t *table) openSheet(name string, widths []float64) (*excelize.StreamWriter, error) {
	f, w := t.w.f, t.w
	if name == SheetSummary {
		if err := f.SetSheetName("Sheet1", SheetSummary); err != nil {
			return nil, err
		}
	} else if _, err := f.NewSheet(name); err != nil {
		return nil, err
	}
	fit := true
	if err := f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	if err := setColWidths(sw, widths); err != nil {
		return nil, err
	}
	if err := sw.SetPanes(t.panes()); err != nil {
		return nil, err
	}
	lastCol := colName(len(t.cols))
	if err := sw.SetRow("A1", []interface{}{excelize.Cell{StyleID: w.st.title, Value: w.title()}}, excelize.RowOpts{Height: 24}); err != nil {
		return nil, err
	}
	if err := sw.MergeCell("A1", lastCol+"1"); err != nil {
		return nil, err
	}
	head := make([]interface{}, len(t.cols))
	for i, c := range t.cols {
		head[i] = excelize.Cell{StyleID: w.st.header, Value: c.header}
	}
	if err := sw.SetRow("A2", head); err != nil {
		return nil, err
	}
	return sw, nil
}

// closeSheet finishes the sheet name, whose first data rows rows are under
// the autofilter.
func (t *table) closeSheet(sw *excelize.StreamWriter, name string, data int) error {
	f, w := t.w.f, t.w
	filterEnd := max(firstDataRow+data-1, 2)
	if err := f.AutoFilter(name, fmt.Sprintf("A2:%s%d", colName(len(t.cols)), filterEnd), nil); err != nil {
		return err
	}
	for _, c := range t.condRules {
		err := f.SetConditionalFormat(name, c.ref, []excelize.ConditionalFormatOptions{
			{Type: "formula", Criteria: c.formula, Format: &w.st.alert}})
		if err != nil {
			return err
		}
	}
	if err := t.pageSetup(name); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles",
		RefersTo: fmt.Sprintf("'%s'!$1:$2", name), Scope: name})
}

func (t *table) panes() *excelize.Panes {
	if t.freezeCols == 0 {
		return &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"}
	}
	top := colName(t.freezeCols+1) + "3"
	return &excelize.Panes{Freeze: true, XSplit: t.freezeCols, YSplit: 2, TopLeftCell: top, ActivePane: "bottomRight"}
}

// pageSetup prints sheet name on A4 landscape, all columns on one page
// width, with a page number footer.
func (t *table) pageSetup(name string) error {
	f := t.w.f
	size, orient, wide, tall := 9, "landscape", 1, 0
	if err := f.SetPageLayout(name, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient,
		FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return err
	}
	lr, tb, hf := 0.4, 0.6, 0.3
	if err := f.SetPageMargins(name, &excelize.PageLayoutMarginsOptions{Left: &lr, Right: &lr, Top: &tb,
		Bottom: &tb, Header: &hf, Footer: &hf}); err != nil {
		return err
	}
	return f.SetHeaderFooter(name, &excelize.HeaderFooterOptions{
		OddHeader: "&L&\"-,Bold\"" + name, OddFooter: "&C第 &P 页，共 &N 页"})
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
