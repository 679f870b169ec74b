package xlsxw

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/xuri/excelize/v2"
)

// Column is a column of a table: its header, the least and the most it may
// grow to fit its contents (0: the default cap). Text in a column with Wrap
// set wraps within its widest.
type Column struct {
	Header   string
	Max, Min float64
	Wrap     bool
}

// limit is the widest the column may grow to; text in a wrapping column
// wraps at this width.
func (c Column) limit() float64 {
	switch {
	case c.Max > 0:
		return c.Max
	case c.Wrap:
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

// Table is one sheet of a Book: a title row, a header row, data rows (under
// an autofilter) and footer rows such as 合计.
//
// The rows of a small table are added to it and kept until Write. The rows
// of a large one are produced as they are written instead (WriteFrom,
// WriteEach), so that no more than a row is held at a time; the column widths
// are measured on the way and set when the table is finished.
type Table struct {
	book *Book
	name string
	cols []Column
	rows [][]interface{}
	data int // rows[:data] are data rows, the rest footer
	// FreezeCols is how many columns, from A, stay in view (and print on
	// every page of a sheet too wide for one) besides the title and header.
	FreezeCols int
	CondRules  []CondRule
	// ShareFrom and ShareTo, when ShareTo > ShareFrom, are columns (0-based,
	// ShareTo excluded) that all take the widest of their widths.
	ShareFrom, ShareTo int
	// Notes are lines of explanation under the footer rows, in column A,
	// left out of the column widths (see WriteStreamed).
	Notes []string
}

// CondRule is a conditional format: cells in Ref are highlighted (in the
// Book's Alert style) where Formula (written for the top-left cell) is true.
type CondRule struct {
	Ref, Formula string
}

// FirstDataRow is the sheet row of the first data row (after title and header).
const FirstDataRow = 3

// NewTable starts a table on sheet name with columns cols.
//
//	t := b.NewTable("汇总", []xlsxw.Column{{Header: "名称"}, {Header: "说明", Max: 30, Wrap: true}})
func (b *Book) NewTable(name string, cols []Column) *Table {
	return &Table{book: b, name: name, cols: cols}
}

// Name is the table's sheet name.
func (t *Table) Name() string { return t.name }

// NextRow is the sheet row the next added row will occupy.
func (t *Table) NextRow() int { return FirstDataRow + len(t.rows) }

// Add appends a data row. Values are excelize.Cell (style, formula, value)
// or bare values, nil for no cell.
func (t *Table) Add(values ...interface{}) {
	t.rows = append(t.rows, values)
	t.data = len(t.rows)
}

// Footer appends a row after the data, outside the autofilter.
func (t *Table) Footer(values ...interface{}) { t.rows = append(t.rows, values) }

// LastDataRow is the sheet row of the last added data row (the header row
// when there is none).
func (t *Table) LastDataRow() int { return FirstDataRow + t.data - 1 }

// EachRow calls fn for every added row, data then footer.
func (t *Table) EachRow(fn func(row []interface{}) error) error {
	for _, r := range t.rows {
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

// Write lays the table's added rows out on its sheet with the polish
// spreadsheet users expect: frozen title and header, autofilter, fitted
// widths, A4 landscape fit to width with the title rows repeated on every
// page. A table with more rows than a sheet holds continues on further
// sheets, all with the same column widths.
func (t *Table) Write() error { return t.WriteFrom(t.EachRow) }

// WriteFrom writes the table with the data rows gen produces, in one pass:
// each row is streamed out as it comes, so the rows are never all held at
// once.
func (t *Table) WriteFrom(gen func(emit func(row []interface{}) error) error) error {
	tw, err := t.start()
	if err != nil {
		return err
	}
	if err := gen(tw.Row); err != nil {
		return err
	}
	return tw.finish()
}

// WriteStreamed writes the data rows gen produces as they come, then the
// footer rows (which refer to the data rows by their number, known ahead),
// then the table's notes. A table with footers fits one sheet.
func (t *Table) WriteStreamed(gen func(emit func(row []interface{}) error) error, footer ...[]interface{}) error {
	tw, err := t.start()
	if err != nil {
		return err
	}
	tw.footers = len(footer) + len(t.Notes)
	if err := gen(tw.Row); err != nil {
		return err
	}
	for _, f := range footer {
		if err := tw.Row(f); err != nil {
			return err
		}
	}
	for _, n := range t.Notes {
		if err := tw.put([]interface{}{excelize.Cell{Value: n}}, false); err != nil {
			return err
		}
	}
	return tw.finish()
}

// RowSource is a table and what produces its data rows.
type RowSource struct {
	Table *Table
	Gen   func(emit func(row []interface{}) error) error
}

// WriteTogether writes tables whose rows do not depend on each other side by
// side: each produces and encodes its rows on a goroutine of its own. They
// are finished, and so take their places in the workbook, in the order
// given; the workbook is the same whatever the scheduling. It is WriteEach
// over a single item.
func WriteTogether(srcs ...RowSource) error {
	tables := make([]*Table, len(srcs))
	rows := make([]func(struct{}, func(row []interface{}) error) error, len(srcs))
	for i, src := range srcs {
		tables[i] = src.Table
		rows[i] = func(_ struct{}, emit func(row []interface{}) error) error { return src.Gen(emit) }
	}
	return WriteEach(context.Background(), tables, rows, func(yield func(struct{}) error) error { return yield(struct{}{}) })
}

// WriteEach writes tables whose rows come from the same items, read once:
// each gives the items in order to yield, and each table makes and encodes
// the rows of an item (rows[i] for tables[i]) on a goroutine of its own.
// The tables are finished in the order given; the workbook is the same
// whatever the scheduling. The first error of a table's rows, of each or
// of ctx ends the writing and is returned.
func WriteEach[T any](ctx context.Context, tables []*Table, rows []func(item T, emit func(row []interface{}) error) error,
	each func(yield func(T) error) error) error {
	tws, err := startAll(tables)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	feeds := make([]chan T, len(tables))
	errs := make([]error, len(tables))
	var wg sync.WaitGroup
	for i := range tables {
		feeds[i] = make(chan T, 2)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for item := range feeds[i] {
				if errs[i] != nil {
					continue // drain
				}
				if errs[i] = rows[i](item, tws[i].Row); errs[i] != nil {
					cancel(errs[i])
				}
			}
		}()
	}
	err = each(func(item T) error {
		for _, f := range feeds {
			select {
			case f <- item:
			case <-ctx.Done():
				return context.Cause(ctx)
			}
		}
		return nil
	})
	for _, f := range feeds {
		close(f)
	}
	wg.Wait()
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	if err != nil {
		return err
	}
	return finishAll(tws)
}

// startAll starts tables written side by side: the rows of each go to its
// TableWriter's Row, from a goroutine of its own.
func startAll(tables []*Table) ([]*TableWriter, error) {
	tws := make([]*TableWriter, len(tables))
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
func finishAll(tws []*TableWriter) error {
	for _, tw := range tws {
		if err := tw.finish(); err != nil {
			return err
		}
	}
	return nil
}

// TableWriter is a table being written: rows go into the current sheet's
// stream, and the column widths are measured as they go by.
type TableWriter struct {
	t       *Table
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
func (t *Table) start() (*TableWriter, error) {
	tw := &TableWriter{t: t, per: t.book.maxRows() - (FirstDataRow - 1), footers: len(t.rows) - t.data}
	tw.cols = make([]string, len(t.cols))
	tw.fit = fitter{st: &t.book.Styles, wrapAt: make([]float64, len(t.cols))}
	for i, c := range t.cols {
		tw.cols[i] = ColName(i + 1)
		if c.Wrap {
			tw.fit.wrapAt[i] = c.limit()
		}
	}
	if err := tw.open(); err != nil {
		return nil, err
	}
	return tw, nil
}

// open starts the table's next sheet with its title and header rows.
func (tw *TableWriter) open() error {
	t, b := tw.t, tw.t.book
	name := t.name
	if n := len(tw.parts) + 1; n > 1 {
		if tw.footers > 0 || len(t.CondRules) > 0 {
			// footer formulas and conditional formats refer to one sheet's rows
			return fmt.Errorf("工作表「%s」超过一个工作表的上限 %d 行", t.name, b.maxRows())
		}
		name = fmt.Sprintf("%s（%d）", t.name, n)
	}
	s, err := b.newStream(name)
	if err != nil {
		return err
	}
	tw.parts, tw.names, tw.inPart = append(tw.parts, s), append(tw.names, name), 0
	if err := s.row(1, tw.cols, []interface{}{excelize.Cell{StyleID: b.Styles.Title, Value: b.Title}}, rowOpts{height: 24}); err != nil {
		return err
	}
	head := make([]interface{}, len(t.cols))
	for i, c := range t.cols {
		head[i] = excelize.Cell{StyleID: b.Styles.Header, Value: c.Header}
	}
	return s.row(2, tw.cols, head, rowOpts{})
}

// Row writes the next data row.
func (tw *TableWriter) Row(r []interface{}) error { return tw.put(r, true) }

// put writes the next row; fit says whether it counts for the column widths.
func (tw *TableWriter) put(r []interface{}, fit bool) error {
	if tw.inPart == tw.per {
		if err := tw.open(); err != nil {
			return err
		}
	}
	if tw.written%1000 == 999 {
		if err := tw.t.book.ctx.Err(); err != nil {
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
	if err := tw.parts[len(tw.parts)-1].row(FirstDataRow+tw.inPart, tw.cols, r, opt); err != nil {
		return err
	}
	tw.inPart++
	tw.written++
	return nil
}

// finish ends the table: each of its sheets gets its settings (fitted
// column widths, panes, title merge, autofilter over its data rows,
// conditional formats, print setup), in order.
func (tw *TableWriter) finish() error {
	widths := tw.t.widths(tw.fit.widest)
	for i, s := range tw.parts {
		if err := s.finish(); err != nil {
			return err
		}
		data := s.lastRow - (FirstDataRow - 1)
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
func (t *Table) widths(widest []float64) []float64 {
	out := make([]float64, len(t.cols))
	for i, c := range t.cols {
		wd := float64(displayWidth(c.Header)) + 2
		if i < len(widest) {
			wd = max(wd, widest[i])
		}
		out[i] = min(max(wd, minWidth, c.Min), c.limit())
	}
	if t.ShareTo > t.ShareFrom {
		shared := slices.Max(out[t.ShareFrom:t.ShareTo])
		for i := t.ShareFrom; i < t.ShareTo; i++ {
			out[i] = shared
		}
	}
	return out
}

// setUp creates the sheet name in the workbook (its rows are streamed
// apart) with its settings; the first data rows rows are under the
// autofilter.
func (t *Table) setUp(name string, widths []float64, data, lastRow int) error {
	b := t.book
	f := b.f
	if name == b.FirstSheet {
		if err := f.SetSheetName("Sheet1", name); err != nil {
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
	if err := f.MergeCell(name, "A1", ColName(titleSpan(widths, t.repeatCols()))+"1"); err != nil {
		return err
	}
	filterEnd := max(FirstDataRow+data-1, 2)
	if err := f.AutoFilter(name, fmt.Sprintf("A2:%s%d", ColName(len(t.cols)), filterEnd), nil); err != nil {
		return err
	}
	// After the autofilter, which replaces the sheet's properties: printed
	// at a set scale (see pageSetup).
	fit := false
	if err := f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	for _, c := range t.CondRules {
		err := f.SetConditionalFormat(name, c.Ref, []excelize.ConditionalFormatOptions{
			{Type: "formula", Criteria: c.Formula, Format: &b.Styles.Alert}})
		if err != nil {
			return err
		}
	}
	return t.pageSetup(name, widths, lastRow)
}

func (t *Table) panes() *excelize.Panes {
	if t.FreezeCols == 0 {
		return &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"}
	}
	top := ColName(t.FreezeCols+1) + "3"
	return &excelize.Panes{Freeze: true, XSplit: t.FreezeCols, YSplit: 2, TopLeftCell: top, ActivePane: "bottomRight"}
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
		if err := f.SetColWidth(sheet, ColName(from+1), ColName(to), widths[to-1]); err != nil {
			return err
		}
		to = from
	}
	return nil
}
