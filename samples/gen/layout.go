package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"jixiao/samples/seed"
)

// Layout says how a document is laid out in a workbook. The zero value is the seed layout:
// one sheet 项目绩效目标表 with the project tables stacked as in the Word document, and a
// sheet 部门整体绩效目标.
type Layout struct {
	RowOff, ColOff int      // shift the whole form down and right
	TitleRows      []string // extra title rows above everything on every sheet
	OrgRow         string   // a first row such as "填报单位：丰登坞镇人民政府"
	InfoSheet      string   // 单位名称 written on a first sheet 基本信息 ("" for none)
	BlankRows      bool     // extra blank rows between and inside the blocks
	PerSheet       bool     // one sheet per project, named after the project
	MergeL1        bool     // merge 一级指标 cells down over their group
	MergeL2        bool     // merge repeated 二级指标 cells down too
	Noisy          bool     // full-width text amounts, spaced labels, float noise
	Aliases        bool     // 项目编号, 预算金额, 财政拨款 instead of the seed's labels
	NoMeasures     bool     // leave out 工作保障措施
}

const (
	projectSheet = "项目绩效目标表"
	overallSheet = "部门整体绩效目标"
	infoSheet    = "基本信息"
	// fiscalLabel keeps the seed's spaces.
	fiscalLabel = "其中：财政    资金"
)

var fixedTime = time.Date(2024, 1, 15, 9, 0, 0, 0, time.UTC)

// Workbook renders a document in a layout.
func Workbook(d seed.Document, lay Layout) (*excelize.File, error) {
	f := excelize.NewFile()
	ts := fixedTime.Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{
		Title: fmt.Sprintf("%s%d年预算绩效目标", d.Township, d.Year), Creator: d.Org,
		LastModifiedBy: d.Org, Created: ts, Modified: ts, Language: "zh-CN",
	}); err != nil {
		return nil, err
	}
	amount, err := f.NewStyle(&excelize.Style{NumFmt: 2}) // 0.00
	if err != nil {
		return nil, err
	}
	var sheets []string
	if lay.InfoSheet != "" {
		sheets = append(sheets, infoSheet)
	}
	sheets = append(sheets, overallSheet)
	var projSheets []string
	if lay.PerSheet {
		projSheets = sheetNames(d.Projects)
	} else {
		projSheets = []string{projectSheet}
	}
	sheets = append(sheets, projSheets...)
	if err := f.SetSheetName("Sheet1", sheets[0]); err != nil {
		return nil, err
	}
	for _, s := range sheets[1:] {
		if _, err := f.NewSheet(s); err != nil {
			return nil, err
		}
	}
	if lay.InfoSheet != "" {
		w := &writer{f: f, sheet: infoSheet, lay: Layout{}, row: 1, amount: amount}
		for _, kv := range [][2]string{{"单位名称", lay.InfoSheet}, {"预算年度", strconv.Itoa(d.Year)}, {"金额单位", d.Unit}} {
			w.put(1, kv[0])
			w.put(2, kv[1])
			w.next()
		}
		if w.err != nil {
			return nil, w.err
		}
	}
	w := newWriter(f, overallSheet, lay, amount)
	w.overall(d)
	writers := []*writer{w}
	if lay.PerSheet {
		for i, p := range d.Projects {
			w := newWriter(f, projSheets[i], lay, amount)
			w.project(d, p)
			writers = append(writers, w)
		}
	} else {
		w := newWriter(f, projectSheet, lay, amount)
		writers = append(writers, w)
		for i, p := range d.Projects {
			if i > 0 {
				w.skip(2)
				if lay.BlankRows {
					w.skip(2)
				}
			}
			w.project(d, p)
		}
	}
	for _, w := range writers {
		if w.err != nil {
			return nil, w.err
		}
	}
	f.SetActiveSheet(0)
	return f, nil
}

// sheetNames makes valid, distinct sheet names from project names.
func sheetNames(ps []seed.Project) []string {
	seen := map[string]bool{}
	out := make([]string, len(ps))
	for i, p := range ps {
		name := strings.Map(func(r rune) rune {
			if strings.ContainsRune(`:\/?*[]：`, r) {
				return '_'
			}
			return r
		}, p.Name)
		name = strings.Trim(name, "'")
		r := []rune(name)
		if len(r) > 31 {
			r = r[:31]
		}
		name = string(r)
		for n := 2; seen[name] || name == "" || name == overallSheet || name == infoSheet; n++ {
			suffix := fmt.Sprintf("(%d)", n)
			rr := []rune(string(r))
			if len(rr)+len(suffix) > 31 {
				rr = rr[:31-len(suffix)]
			}
			name = string(rr) + suffix
		}
		seen[name] = true
		out[i] = name
	}
	return out
}

// writer appends rows to one sheet.
type writer struct {
	f      *excelize.File
	sheet  string
	lay    Layout
	row    int // current row before the row offset
	amount int // style id of amount cells
	err    error
}

func newWriter(f *excelize.File, sheet string, lay Layout, amount int) *writer {
	w := &writer{f: f, sheet: sheet, lay: lay, row: 1, amount: amount}
	for _, t := range lay.TitleRows {
		w.put(1, t)
		w.next()
	}
	if lay.OrgRow != "" {
		w.put(1, lay.OrgRow)
		w.next()
	}
	return w
}

func (w *writer) next()      { w.row++ }
func (w *writer) skip(n int) { w.row += n }

func (w *writer) ref(col, row int) string {
	c, err := excelize.CoordinatesToCellName(col+w.lay.ColOff, row+w.lay.RowOff)
	if err != nil && w.err == nil {
		w.err = err
	}
	return c
}

func (w *writer) keep(err error) {
	if err != nil && w.err == nil {
		w.err = err
	}
}

// put writes text in column col of the current row; an empty text leaves the cell empty.
func (w *writer) put(col int, s string) {
	if s == "" {
		return
	}
	w.keep(w.f.SetCellStr(w.sheet, w.ref(col, w.row), s))
}

// label writes a form label, with the layout's aliases or stray spaces.
func (w *writer) label(col int, s string) {
	if w.lay.Aliases {
		if a, ok := aliases[s]; ok {
			s = a
		}
	}
	if w.lay.Noisy {
		if a, ok := spaced[s]; ok {
			s = a
		}
	}
	w.put(col, s)
}

var aliases = map[string]string{
	"项目编码": "项目编号", "预算数": "预算金额", fiscalLabel: "其中：财政拨款",
}

var spaced = map[string]string{
	"项目编码": "项目 编码", "项目名称": " 项目名称", "预算数": "预算 数", "其他资金": "其他资金 ",
	fiscalLabel: "其中： 财政资金", "12月底": "12月底 ", "一级指标": "一级指标 ", "指标值": " 指标值",
}

// money writes an amount: a number with format 0.00, or nothing for a blank. In a noisy
// layout, text amounts are full-width text and plan amounts carry float noise.
func (w *writer) money(col int, s string, text bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return
	}
	cell := w.ref(col, w.row)
	if w.lay.Noisy && text {
		w.keep(w.f.SetCellStr(w.sheet, cell, fullWidth(s)))
		return
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		w.keep(fmt.Errorf("%s!%s: amount %q: %w", w.sheet, cell, s, err))
		return
	}
	prec := 2
	if w.lay.Noisy {
		prec = 17 - len(strconv.FormatInt(int64(v), 10)) // 17 significant digits
	}
	w.keep(w.f.SetCellFloat(w.sheet, cell, v, prec, 64))
	w.keep(w.f.SetCellStyle(w.sheet, cell, cell, w.amount))
}

func fullWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '0' && r <= '9':
			return r - '0' + '０'
		case r == '.':
			return '．'
		}
		return r
	}, s)
}

func (w *writer) merge(c1, r1, c2, r2 int) {
	w.keep(w.f.MergeCell(w.sheet, w.ref(c1, r1), w.ref(c2, r2)))
}

// overall writes the 部门整体绩效目标 sheet.
func (w *writer) overall(d seed.Document) {
	w.put(1, "部门整体绩效目标")
	w.merge(1, w.row, 4, w.row)
	w.next()
	w.put(1, "总体绩效目标")
	w.put(2, d.Overall)
	w.merge(2, w.row, 4, w.row)
	w.next()
	if w.lay.BlankRows {
		w.next()
	}
	for i, h := range []string{"序号", "名称", "绩效目标", "绩效指标"} {
		w.put(i+1, h)
	}
	w.next()
	for _, it := range d.Items {
		w.put(1, it.No)
		w.put(2, it.Name)
		w.put(3, it.Goal)
		w.put(4, it.Indicator)
		w.next()
	}
	if d.Measures != "" && !w.lay.NoMeasures {
		w.put(1, "工作保障措施")
		w.put(2, d.Measures)
		w.merge(2, w.row, 4, w.row)
		w.next()
	}
}

// project writes one 项目绩效目标表 block starting at the current row and leaves the
// writer on the row after its last indicator.
func (w *writer) project(d seed.Document, p seed.Project) {
	w.put(1, p.Title)
	w.merge(1, w.row, 7, w.row)
	w.next()
	w.put(7, "单位："+d.Unit)
	w.next()
	w.label(1, "项目编码")
	w.put(2, p.Code)
	w.merge(2, w.row, 3, w.row)
	w.label(4, "项目名称")
	w.put(5, p.Name)
	w.merge(5, w.row, 7, w.row)
	w.next()
	w.label(1, "预算规模及资金用途")
	w.merge(1, w.row, 1, w.row+1)
	w.label(2, "预算数")
	w.money(3, p.Budget, true)
	w.label(4, fiscalLabel)
	w.money(5, p.Fiscal, true)
	w.label(6, "其他资金")
	w.money(7, p.Other, true)
	w.next()
	w.put(2, p.Purpose)
	w.merge(2, w.row, 7, w.row)
	w.next()
	w.label(1, "资金支出计划（%）")
	w.merge(1, w.row, 1, w.row+1)
	for i, m := range seed.PlanMonths {
		w.label(2+i, m)
	}
	w.merge(5, w.row, 7, w.row)
	w.next()
	for i, v := range p.Plan {
		w.money(2+i, v, false)
	}
	w.merge(5, w.row, 7, w.row)
	w.next()
	w.label(1, "绩效目标")
	w.put(2, p.Goal)
	w.merge(2, w.row, 7, w.row)
	w.next()
	w.skip(1)
	if w.lay.BlankRows {
		w.skip(2)
	}
	for i, h := range []string{"一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"} {
		w.label(i+1, h)
	}
	w.next()
	w.indicators(p.Indicators)
}

// indicators writes the rows. Without merging, 一级指标 appears only on the first row of its
// group, as in the Word text export; with merging the cells are really merged.
func (w *writer) indicators(rows []seed.Indicator) {
	start := w.row
	for i, r := range rows {
		first1 := i == 0 || rows[i-1].L1 != r.L1
		first2 := first1 || rows[i-1].L2 != r.L2
		if first1 {
			w.put(1, r.L1)
		}
		if first2 || !w.lay.MergeL2 {
			w.put(2, r.L2)
		}
		w.put(3, r.L3)
		w.put(4, r.Desc)
		w.put(5, r.Value)
		w.put(6, r.Basis)
		w.next()
	}
	if !w.lay.MergeL1 && !w.lay.MergeL2 {
		return
	}
	group := func(col int, key func(seed.Indicator) string) {
		for i := 0; i < len(rows); {
			j := i
			for j+1 < len(rows) && key(rows[j+1]) == key(rows[i]) {
				j++
			}
			if j > i {
				w.merge(col, start+i, col, start+j)
			}
			i = j + 1
		}
	}
	if w.lay.MergeL1 {
		group(1, func(r seed.Indicator) string { return r.L1 })
	}
	if w.lay.MergeL2 {
		group(2, func(r seed.Indicator) string { return r.L1 + "\x00" + r.L2 })
	}
}
