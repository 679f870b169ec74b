package consolidate

import (
	"fmt"
	"slices"
	"strconv"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/width"
)

// column is a column of a table sheet: its header and the widest it may
// grow to fit its contents (0: the default cap). Text in a column with wrap
// set wraps within that width.
type column struct {
	header   string
	max, min float64
	wrap     bool
}

// limit is the widest the column may grow to; text in a wrapping column
// wraps at this width.
func (c column) limit() float64 {
	switch {
	case c.max > 0:
		return c.max
	case c.wrap:
		return wrapWidth
	}
	return defaultMaxWidth
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
// of a large one are produced as they are written instead (writeFrom,
// details), so that no more than a row is held at a time; the column widths
// are measured on the way and set when the table is finished.
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
	// notes are lines of explanation under the footer rows, in column A,
	// left out of the column widths (see writeStreamed).
	notes []string
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

// sheetLimits are the most a sheet holds; zero fields mean the spreadsheet
// limits. Tests lower them to reach the layouts of very large runs.
type sheetLimits struct {
	// rows is the most rows a sheet holds. The rows of a larger table
	// continue on sheets named "指标明细（2）", "指标明细（3）", …, each with
	// the title and header rows (20,000 townships of 78 indicators make
	// 1,560,000).
	rows int
	// pivotTownships is the most townships 分类汇总 lays out across: a sheet
	// has at most 16,384 columns, and 类别 and 合计 take two.
	pivotTownships int
}

// orDefault fills zero fields with the spreadsheet limits.
func (l sheetLimits) orDefault() sheetLimits {
	if l.rows <= 0 {
		l.rows = excelize.TotalRows
	}
	if l.pivotTownships <= 0 {
		l.pivotTownships = excelize.MaxColumns - 2
	}
	return l
}

// write lays the table out on its sheet with the polish spreadsheet users
// expect: frozen title and header, autofilter, fitted widths, A4 landscape
// fit to width with the title rows repeated on every page. A table with more
// rows than a sheet holds continues on further sheets, all with the same
// column widths.
func (t *table) write() error { return t.writeFrom(t.eachRow) }

// writeFrom writes the table with the data rows gen produces, in one pass:
// each row is streamed out as it comes, so the rows are never all held at
// once.
func (t *table) writeFrom(gen func(emit func(row []interface{}) error) error) error {
	tw, err := t.start()
	if err != nil {
		return err
	}
	if err := gen(tw.row); err != nil {
		return err
	}
	return tw.finish()
}

// writeStreamed writes the data rows gen produces as they come, then the
// footer rows (which refer to the data rows by their number, known ahead),
// then the table's notes. A table with footers fits one sheet.
func (t *table) writeStreamed(gen func(emit func(row []interface{}) error) error, footer ...[]interface{}) error {
	tw, err := t.start()
	if err != nil {
		return err
	}
	tw.footers = len(footer) + len(t.notes)
	if err := gen(tw.row); err != nil {
		return err
	}
	for _, f := range footer {
		if err := tw.row(f); err != nil {
			return err
		}
	}
	for _, n := range t.notes {
		if err := tw.put([]interface{}{excelize.Cell{Value: n}}, false); err != nil {
			return err
		}
	}
	return tw.finish()
}

// rowSource is a table and what produces its data rows.
type rowSource struct {
	t   *table
	gen func(emit func(row []interface{}) error) error
}

// writeTogether writes tables whose rows do not depend on each other side by
// side: each produces and encodes its rows on a goroutine of its own. They
// are finished, and so take their places in the workbook, in the order
// given; the workbook is the same whatever the scheduling.
func (w *bookWriter) writeTogether(srcs ...rowSource) error {
	tables := make([]*table, len(srcs))
	for i, src := range srcs {
		tables[i] = src.t
	}
	tws, err := startAll(tables)
	if err != nil {
		return err
	}
	errs := make([]error, len(srcs))
	var wg sync.WaitGroup
	for i, src := range srcs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = src.gen(tws[i].row)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return finishAll(tws)
}

// startAll starts tables written side by side.
func startAll(tables []*table) ([]*tableWriter, error) {
	tws := make([]*tableWriter, len(tables))
	for i, t := range tables {
		var err error
		if tws[i], err = t.start(); err != nil {
			return nil, err
		}
	}
	return tws, nil
}

// finishAll finishes tables in order, so that they take their places in
// the workbook in that order.
func finishAll(tws []*tableWriter) error {
	for _, tw := range tws {
		if err := tw.finish(); err != nil {
			return err
		}
	}
	return nil
}

// fitter measures a table's rows as they are written: the widest cell of
// each column as shown (money with two decimals, ratios as percentages),
// and how many lines the text of a wrapping column takes at its width.
type fitter struct {
	st     *styleIDs
	widest []float64
	// wrapAt is the width a wrapping column's text wraps at (0: the column
	// does not wrap).
	wrapAt []float64
}

// add measures a row and gives the height it needs in points: 0 when one
// line is enough, more when text wraps onto further lines.
func (f *fitter) add(r []interface{}) float64 {
	for len(f.widest) < len(r) {
		f.widest = append(f.widest, 0)
	}
	lines := 1
	for i, v := range r {
		if i < len(f.wrapAt) && f.wrapAt[i] > 0 {
			if s, ok := cellText(v); ok {
				longest, n := wrappedLines(s, f.wrapAt[i])
				lines = max(lines, n)
				if cw := float64(longest) + 2; cw > f.widest[i] {
					f.widest[i] = cw
				}
				continue
			}
		}
		if cw := float64(f.st.cellWidth(v)) + 2; cw > f.widest[i] {
			f.widest[i] = cw
		}
	}
	return rowHeight(lines)
}

// Row heights in points, for the default 11 pt font: a line of CJK text
// takes a little more than the spreadsheet's default row of 15 pt.
const (
	lineHeight   = 15
	rowPadding   = 3
	maxRowHeight = 409 // the spreadsheet's largest row height
)

// rowHeight is the height of a row whose tallest cell has lines lines; 0
// (the default height) for a single line.
func rowHeight(lines int) float64 {
	if lines <= 1 {
		return 0
	}
	return min(float64(lines)*lineHeight+rowPadding, maxRowHeight)
}

// cellText is the text of a text cell.
func cellText(v interface{}) (string, bool) {
	if c, ok := v.(excelize.Cell); ok {
		v = c.Value
	}
	s, ok := v.(string)
	return s, ok
}

// wrappedLines is the widest line of s (displayWidth) and the number of
// lines s takes wrapped in a column of width chars: each line breaks where
// the next character would pass the column's inner width. Latin words break
// at spaces, so a line may end a little short; a tenth is kept in reserve.
func wrappedLines(s string, width float64) (longest, lines int) {
	inner := int((width - 1) * 0.9)
	if inner < 2 {
		inner = 2
	}
	cur, pos := 0, 0
	lines = 1
	for _, r := range s {
		if r == '\n' {
			longest, cur, pos = max(longest, cur), 0, 0
			lines++
			continue
		}
		w := runeWidth(r)
		if pos > 0 && pos+w > inner {
			lines, pos = lines+1, 0
		}
		pos += w
		cur += w
	}
	return max(longest, cur), lines
}

// tableWriter is a table being written: rows go into the current sheet's
// stream, and the column widths are measured as they go by.
type tableWriter struct {
	t       *table
	cols    []string // column names, A, B, …
	fit     fitter
	parts   []*sheetStream
	names   []string
	per     int // data rows a sheet holds
	footers int
	inPart  int // rows written to the current sheet
	written int
}

// start opens the table's first sheet. The rows follow, in one pass: a
// table with more rows than a sheet holds continues on further sheets as
// they fill.
func (t *table) start() (*tableWriter, error) {
	tw := &tableWriter{t: t, per: t.w.opt.limits.rows - (firstDataRow - 1), footers: len(t.rows) - t.data}
	tw.cols = make([]string, len(t.cols))
	tw.fit = fitter{st: &t.w.st, wrapAt: make([]float64, len(t.cols))}
	for i, c := range t.cols {
		tw.cols[i] = colName(i + 1)
		if c.wrap {
			tw.fit.wrapAt[i] = c.limit()
		}
	}
	if err := tw.open(); err != nil {
		return nil, err
	}
	return tw, nil
}

// open starts the table's next sheet with its title and header rows.
func (tw *tableWriter) open() error {
	t := tw.t
	name := t.name
	if n := len(tw.parts) + 1; n > 1 {
		if tw.footers > 0 || len(t.condRules) > 0 {
			// footer formulas and conditional formats refer to one sheet's rows
			return fmt.Errorf("工作表「%s」超过一个工作表的上限 %d 行", t.name, t.w.opt.limits.rows)
		}
		name = fmt.Sprintf("%s（%d）", t.name, n)
	}
	s, err := t.w.newStream(name)
	if err != nil {
		return err
	}
	tw.parts, tw.names, tw.inPart = append(tw.parts, s), append(tw.names, name), 0
	if err := s.row(1, tw.cols, []interface{}{excelize.Cell{StyleID: t.w.st.title, Value: t.w.title()}}, rowOpts{height: 24}); err != nil {
		return err
	}
	head := make([]interface{}, len(t.cols))
	for i, c := range t.cols {
		head[i] = excelize.Cell{StyleID: t.w.st.header, Value: c.header}
	}
	return s.row(2, tw.cols, head, rowOpts{})
}

// row writes the next row.
func (tw *tableWriter) row(r []interface{}) error { return tw.put(r, true) }

// put writes the next row; fit says whether it counts for the column widths.
func (tw *tableWriter) put(r []interface{}, fit bool) error {
	if tw.inPart == tw.per {
		if err := tw.open(); err != nil {
			return err
		}
	}
	if tw.written%1000 == 999 {
		if err := tw.t.w.ctx.Err(); err != nil {
			return err
		}
	}
	if len(r) > len(tw.cols) {
		return fmt.Errorf("工作表「%s」：一行有 %d 个单元格，多于 %d 列", tw.t.name, len(r), len(tw.cols))
	}
	var opt rowOpts
	if fit {
		opt.height = tw.fit.add(r)
	}
	if err := tw.parts[len(tw.parts)-1].row(firstDataRow+tw.inPart, tw.cols, r, opt); err != nil {
		return err
	}
	tw.inPart++
	tw.written++
	return nil
}

// finish ends the table: each of its sheets gets its settings (fitted
// column widths, panes, title merge, autofilter over its data rows,
// conditional formats, print setup), in order.
func (tw *tableWriter) finish() error {
	widths := tw.t.widths(tw.fit.widest)
	for i, s := range tw.parts {
		if err := s.finish(); err != nil {
			return err
		}
		data := s.lastRow - (firstDataRow - 1)
		if i == len(tw.parts)-1 {
			data -= tw.footers
		}
		if err := tw.t.setUp(tw.names[i], widths, data, s.lastRow); err != nil {
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
		wd := float64(displayWidth(c.header)) + 2
		if i < len(widest) {
			wd = max(wd, widest[i])
		}
		out[i] = min(max(wd, minWidth, c.min), c.limit())
	}
	if t.shareTo > t.shareFrom {
		shared := slices.Max(out[t.shareFrom:t.shareTo])
		for i := t.shareFrom; i < t.shareTo; i++ {
			out[i] = shared
		}
	}
	return out
}

// setUp creates the sheet name in the workbook (its rows are streamed
// apart) with its settings; the first data rows rows are under the
// autofilter.
func (t *table) setUp(name string, widths []float64, data, lastRow int) error {
	f, w := t.w.f, t.w
	if name == SheetSummary {
		if err := f.SetSheetName("Sheet1", SheetSummary); err != nil {
			return err
		}
	} else if _, err := f.NewSheet(name); err != nil {
		return err
	}
	if err := setColWidths(f, name, widths); err != nil {
		return err
	}
	if err := f.SetPanes(name, t.panes()); err != nil {
		return err
	}
	if err := f.MergeCell(name, "A1", colName(titleSpan(widths, t.repeatCols()))+"1"); err != nil {
		return err
	}
	filterEnd := max(firstDataRow+data-1, 2)
	if err := f.AutoFilter(name, fmt.Sprintf("A2:%s%d", colName(len(t.cols)), filterEnd), nil); err != nil {
		return err
	}
	// After the autofilter, which replaces the sheet's properties: printed
	// at a set scale (see pageSetup).
	fit := false
	if err := f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	for _, c := range t.condRules {
		err := f.SetConditionalFormat(name, c.ref, []excelize.ConditionalFormatOptions{
			{Type: "formula", Criteria: c.formula, Format: &w.st.alert}})
		if err != nil {
			return err
		}
	}
	return t.pageSetup(name, widths, lastRow)
}

func (t *table) panes() *excelize.Panes {
	if t.freezeCols == 0 {
		return &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"}
	}
	top := colName(t.freezeCols+1) + "3"
	return &excelize.Panes{Freeze: true, XSplit: t.freezeCols, YSplit: 2, TopLeftCell: top, ActivePane: "bottomRight"}
}

// setColWidths sets the column widths of a sheet, one call per run of equal
// widths, rightmost first so that the columns come out in order. The library
// re-flattens every column already set at each call: setting thousands of
// columns one by one takes time cubic in their number.
func setColWidths(f *excelize.File, sheet string, widths []float64) error {
	for to := len(widths); to > 0; {
		from := to - 1
		for from > 0 && widths[from-1] == widths[to-1] {
			from--
		}
		if err := f.SetColWidth(sheet, colName(from+1), colName(to), widths[to-1]); err != nil {
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
		cur += runeWidth(r)
	}
	return max(best, cur)
}

// runeWidth is a character's width in a cell: two for CJK and other wide
// characters, one for others.
func runeWidth(r rune) int {
	switch {
	case r < 0x80:
		return 1
	case r >= 0x4E00 && r <= 0x9FFF, r >= 0x3000 && r <= 0x303F, r >= 0xFF01 && r <= 0xFF60:
		// CJK ideographs and punctuation, full-width forms: most of the text,
		// without the table lookup
		return 2
	}
	switch k := width.LookupRune(r).Kind(); {
	case k == width.EastAsianWide || k == width.EastAsianFullwidth || unicode.Is(unicode.Han, r):
		return 2
	}
	return 1
}

// cellWidth is the width of a cell as shown: money with thousands
// separators and two decimals, ratios as percentages with two decimals.
func (st *styleIDs) cellWidth(v interface{}) int {
	c, ok := v.(excelize.Cell)
	if !ok {
		return cellWidth(v)
	}
	x, ok := c.Value.(float64)
	if !ok {
		return cellWidth(c.Value)
	}
	var buf [40]byte
	switch c.StyleID {
	case st.money, st.totalMoney:
		n := len(strconv.AppendFloat(buf[:0], x, 'f', 2, 64))
		return n + (n-4)/3 + 1
	case st.percent:
		return len(strconv.AppendFloat(buf[:0], x*100, 'f', 2, 64)) + 2
	}
	return cellWidth(x)
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
