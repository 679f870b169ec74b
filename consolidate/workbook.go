package consolidate

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"jixiao/consolidate/category"
	"jixiao/consolidate/internal/xlsxw"
	"jixiao/consolidate/pivot"
	"jixiao/consolidate/rounds"
	"jixiao/convert"
	"jixiao/templates"
)

// ErrOutputExists means the output file exists and overwriting was not
// asked for; it is convert.ErrOutputExists.
var ErrOutputExists = convert.ErrOutputExists

// WriteOptions tune the county workbook.
type WriteOptions struct {
	// Force allows replacing an existing output file.
	Force bool
	// Timestamp stamps the document properties with the current time; by
	// default they are fixed, so the same inputs give the same bytes.
	Timestamp bool
	// Title overrides the title row's text.
	Title string
	// County names the county in every sheet's title and the file's
	// properties (丰润区2024年度…); "" takes the county the townships' names
	// agree on (Result.County), else the title says 县级.
	County string
	// Categories assigns 类别 (nil: category.Default, from the project name).
	Categories *category.Categorizer
	// Threshold is the |偏离率| above which 乡镇差异 and 单位成本 mark a figure;
	// zero means pivot.DefaultThreshold (50%).
	Threshold decimal.Decimal
	// Baseline, when set, adds the 基期差异 sheet.
	Baseline *Baseline
	// Previous, when set, adds the 整改情况 sheet comparing with it.
	Previous *rounds.Previous
	// Progress, when set, is told which sheets are being written, and during
	// the detail sheets how many townships are done; called on the writing
	// goroutine.
	Progress func(WriteProgress)
	// limits are the sheet size limits (zero: the spreadsheet's).
	limits sheetLimits
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

// WriteProgress reports how far writing the workbook has come: the sheets
// being written (or 保存文件 at the end) and, while the township detail
// sheets are written, Done of Total townships (Total 0 otherwise).
type WriteProgress struct {
	Stage       string
	Done, Total int
}

// stage reports the start of a stage of writing.
func (w *bookWriter) stage(name string) {
	if w.opt.Progress != nil {
		w.opt.Progress(WriteProgress{Stage: name})
	}
}

// WriteWorkbook writes the county workbook for res to path with
// convert.SaveFile: an interrupted run leaves no partial file and a
// previous output intact; without opt.Force an existing output is refused,
// before the workbook is built and again when it is put in place; a path
// that is one of res's sources is always refused.
//
//	err := consolidate.WriteWorkbook(ctx, res, "县级汇总.xlsx", consolidate.WriteOptions{})
func WriteWorkbook(ctx context.Context, res *Result, path string, opt WriteOptions) error {
	var inputs []string
	if err := res.EachSource(func(s SourceFile) error { inputs = append(inputs, s.Path); return nil }); err != nil {
		return err
	}
	save := convert.SaveOptions{Force: opt.Force, Inputs: inputs}
	if err := convert.CheckOutput(path, save); err != nil {
		return err
	}
	b, err := BuildWorkbookContext(ctx, res, opt)
	if err != nil {
		return err
	}
	defer b.Close()
	if opt.Progress != nil {
		opt.Progress(WriteProgress{Stage: "保存文件"})
	}
	return b.save(ctx, path, save)
}

// Workbook is a county workbook laid out by BuildWorkbook and ready to be
// saved: the sheets' settings in an excelize file, their rows deflated in
// scratch files. Close it when done.
type Workbook struct {
	book *xlsxw.Book
}

// Close removes the workbook's scratch files.
func (b *Workbook) Close() error { return b.book.Close() }

// WriteTo writes the workbook's xlsx package to w, never through memory.
//
//	var buf bytes.Buffer
//	_, err := b.WriteTo(&buf)
func (b *Workbook) WriteTo(w io.Writer) (int64, error) { return b.book.WriteTo(w) }

// Save saves the workbook in place of path with convert.SaveFile: the new
// output appears complete or not at all, and a previous output stays intact
// until then.
//
//	err := b.Save(ctx, "县级汇总.xlsx")
func (b *Workbook) Save(ctx context.Context, path string) error {
	return b.save(ctx, path, convert.SaveOptions{Force: true})
}

func (b *Workbook) save(ctx context.Context, path string, opt convert.SaveOptions) error {
	return convert.SaveFile(ctx, path, opt, func(w io.Writer) error {
		_, err := b.WriteTo(w)
		return err
	})
}

// BuildWorkbook lays out the county workbook in memory: 汇总 first and active,
// then 分类汇总, 乡镇差异, 单位成本, 基期差异 (with a baseline), 整体目标, 项目明细,
// 指标明细, 校验问题 and 来源清单. The same inputs and options give the same
// bytes.
//
//	b, err := consolidate.BuildWorkbook(res, consolidate.WriteOptions{})
//	defer b.Close()
func BuildWorkbook(res *Result, opt WriteOptions) (*Workbook, error) {
	return BuildWorkbookContext(context.Background(), res, opt)
}

// BuildWorkbookContext is BuildWorkbook that stops with ctx's error as soon
// as ctx is cancelled.
//
//	b, err := consolidate.BuildWorkbookContext(ctx, res, consolidate.WriteOptions{})
func BuildWorkbookContext(ctx context.Context, res *Result, opt WriteOptions) (*Workbook, error) {
	if opt.Threshold.IsZero() {
		opt.Threshold = pivot.DefaultThreshold
	}
	opt.limits = opt.limits.orDefault()
	if opt.County == "" {
		opt.County = res.County()
	}
	pv, err := BuildPivot(res, opt.Categories)
	if err != nil {
		return nil, err
	}
	f := excelize.NewFile()
	f.SetActiveSheet(0)
	w := &bookWriter{ctx: ctx, f: f, res: res, opt: opt, pivot: pv, book: xlsxw.NewBook(ctx, f)}
	w.book.Title, w.book.MaxRows, w.book.FirstSheet = w.title(), opt.limits.rows, SheetSummary
	b := &Workbook{book: w.book}
	type step struct {
		stage string // reported to opt.Progress ("" for none)
		do    func() error
	}
	steps := []step{{"", w.styles}, {SheetSummary, w.summary}, {SheetReview, w.reviewSheet}, {SheetPivot, w.pivotSheet},
		{SheetVariance + "、" + SheetUnitCost, w.analyses}}
	if opt.Previous != nil {
		steps = append(steps, step{SheetRectify, w.rectifySheet})
	}
	if opt.Baseline != nil {
		steps = append(steps, step{SheetBaseline, w.baseline})
	}
	// the pivot is not needed by the sheets after 基期差异: with thousands of
	// townships it is let go before the detail sheets
	steps = append(steps, step{"", w.dropPivot}, step{"", w.details}, step{SheetProblems, w.problems},
		step{SheetSources, w.sources}, step{"", w.props})
	for _, s := range steps {
		err := ctx.Err()
		if err == nil {
			if s.stage != "" {
				w.stage(s.stage)
			}
			err = s.do()
		}
		if err != nil {
			b.Close()
			return nil, err
		}
	}
	return b, nil
}

// dropPivot lets the pivot go once the sheets that use it are written.
func (w *bookWriter) dropPivot() error {
	w.pivot = nil
	return nil
}

type bookWriter struct {
	ctx   context.Context
	f     *excelize.File
	book  *xlsxw.Book // the sheets, written into f
	res   *Result
	opt   WriteOptions
	st    styleIDs
	pivot *pivot.Pivot
}

type styleIDs struct {
	title, header, text, wrap, money, count, number, percent, total, totalMoney, totalText int
	// alert is a conditional (dxf) style for figures beyond the threshold.
	alert int
}

func (w *bookWriter) styles() error {
	var err error
	add := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = w.f.NewStyle(s)
		return id
	}
	border := []excelize.Border{{Type: "left", Color: "A6A6A6", Style: 1}, {Type: "right", Color: "A6A6A6", Style: 1},
		{Type: "top", Color: "A6A6A6", Style: 1}, {Type: "bottom", Color: "A6A6A6", Style: 1}}
	// two decimals in 万元 and 元 alike: the cells keep the exact amounts,
	// only the display rounds (汇总 says so when it matters)
	moneyFmt := "#,##0.00"
	w.st.title = add(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	w.st.header = add(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: border,
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	w.st.text = add(&excelize.Style{Border: border, Alignment: &excelize.Alignment{Vertical: "top"}})
	w.st.wrap = add(&excelize.Style{Border: border, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	w.st.money = add(&excelize.Style{Border: border, CustomNumFmt: &moneyFmt})
	w.st.count = add(&excelize.Style{Border: border, NumFmt: 1})
	w.st.total = add(&excelize.Style{Border: border, Font: &excelize.Font{Bold: true}, NumFmt: 1})
	w.st.totalMoney = add(&excelize.Style{Border: border, Font: &excelize.Font{Bold: true}, CustomNumFmt: &moneyFmt})
	w.st.totalText = add(&excelize.Style{Border: border, Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "top"}})
	pctFmt := "0.00%"
	w.st.number = add(&excelize.Style{Border: border})
	w.st.percent = add(&excelize.Style{Border: border, CustomNumFmt: &pctFmt})
	if err != nil {
		return err
	}
	w.st.alert, err = w.f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Color: "9C0006", Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFC7CE"}}})
	w.book.Styles = xlsxw.Styles{Title: w.st.title, Header: w.st.header, Alert: w.st.alert,
		Grouped: []int{w.st.money, w.st.totalMoney}, Percent: []int{w.st.percent}}
	return err
}

func (w *bookWriter) props() error {
	created := "2000-01-01T00:00:00Z"
	if w.opt.Timestamp {
		created = time.Now().UTC().Format(time.RFC3339)
	}
	props := &excelize.DocProperties{
		Creator: "jixiao", LastModifiedBy: "jixiao", Title: w.title(), Category: templates.MarkerCounty,
		Created: created, Modified: created, Language: "zh-CN",
	}
	if c := w.opt.County; c != "" {
		props.Subject = c + "预算项目绩效目标汇总"
		props.Keywords = c
	}
	return w.f.SetDocProps(props)
}

// title is the text of each sheet's title row.
func (w *bookWriter) title() string {
	if w.opt.Title != "" {
		return w.opt.Title
	}
	year := ""
	if w.res.Year > 0 {
		year = fmt.Sprintf("%d年度", w.res.Year)
	}
	county := "县级"
	if w.opt.County != "" {
		county = w.opt.County
	}
	return fmt.Sprintf("%s%s预算项目绩效目标汇总表（单位：%s）", county, year, w.res.Unit)
}

// money converts an exact amount in 元 into the workbook unit for a cell. A
// spreadsheet stores binary numbers; the shortest rendering of the float is
// the exact decimal for amounts of up to 15 significant digits.
func (w *bookWriter) money(yuan decimal.Decimal) float64 {
	return convert.FromYuan(yuan, w.res.Unit).InexactFloat64()
}
