package consolidate

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/xuri/excelize/v2"

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
	SheetOverall    = "整体目标" // after 乡镇信息 (SheetInfo)
	SheetProjects   = "项目明细"
	SheetIndicators = "指标明细"
	SheetProblems   = "校验问题"
	SheetSources    = "来源清单"
)

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

// sha256Width fits the 64 hex digits of a SHA256 on two lines.
const sha256Width = 38

// sourceWidth is the widest a 来源 column (file!sheet!cell) grows. Its text
// wraps within the row's height but does not make the row taller (which
// would make every row of a detail sheet two lines tall): a long path shows
// its first line, in full in the cell, and never spills over the columns to
// its right or, in print, onto a page of its own.
const sourceWidth = 30

// rowsOf produces the rows a submission gives a detail table.
type rowsOf func(sub *templates.Submission, emit func(row []interface{}) error) error

// details writes 乡镇信息, 整体目标, 项目明细 and 指标明细, whose rows come from the full
// submissions, reading each submission once. Each table makes and encodes
// its rows on a goroutine of its own, from the submissions read back in
// township order; the tables' rows, and so the workbook, are the same
// whatever the scheduling.
func (w *bookWriter) details() error {
	tables := []*table{w.infoTable(), w.overallTable(), w.projectsTable(), w.indicatorsTable()}
	rows := []rowsOf{w.infoRows, w.overallRows, w.projectRows, w.indicatorRows}
	tws, err := startAll(tables)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancelCause(w.ctx)
	defer cancel(nil)
	feeds := make([]chan *templates.Submission, len(tables))
	errs := make([]error, len(tables))
	var wg sync.WaitGroup
	for i := range tables {
		feeds[i] = make(chan *templates.Submission, 2)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for sub := range feeds[i] {
				if errs[i] != nil {
					continue // drain
				}
				if errs[i] = rows[i](sub, tws[i].row); errs[i] != nil {
					cancel(errs[i])
				}
			}
		}()
	}
	stage, done, total := strings.Join(sheetNames(tables), "、"), 0, w.res.Townships()
	w.stage(stage)
	err = w.res.EachSubmission(func(sub *templates.Submission) error {
		if done++; w.opt.Progress != nil && (done%16 == 0 || done == total) {
			w.opt.Progress(WriteProgress{Stage: stage, Done: done, Total: total})
		}
		for _, f := range feeds {
			select {
			case f <- sub:
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

// sheetNames are the tables' sheet names.
func sheetNames(tables []*table) []string {
	out := make([]string, len(tables))
	for i, t := range tables {
		out[i] = t.name
	}
	return out
}

func (w *bookWriter) projectsTable() *table {
	t := w.newTable(SheetProjects, []column{{header: "乡镇"}, {header: "项目编码"}, {header: "项目名称", max: 16, wrap: true},
		{header: "类别", max: 12, wrap: true}, {header: "预算数"}, {header: "财政资金"}, {header: "其他资金"}, {header: "3月底"},
		{header: "6月底"}, {header: "10月底"}, {header: "12月底"},
		{header: "资金用途", max: 20, wrap: true}, {header: "绩效目标", max: 24, wrap: true}, {header: "来源", max: sourceWidth}})
	t.freezeCols = 1
	return t
}

// projectRows gives 项目明细 a row per project.
func (w *bookWriter) projectRows(sub *templates.Submission, emit func([]interface{}) error) error {
	for _, p := range sub.Projects {
		err := emit([]interface{}{w.txt(sub.Township.Value), w.txt(p.Code.Value), w.wrap(p.Name.Value), w.wrap(w.opt.Categories.Category(p.Name.Value)),
			w.amount(p.Budget), w.amount(p.Fiscal), w.amount(p.Other),
			w.amount(p.Plan[0]), w.amount(p.Plan[1]), w.amount(p.Plan[2]), w.amount(p.Plan[3]),
			w.wrap(p.Purpose.Value), w.wrap(p.Goal.Value), w.wrap(p.Anchor.String())})
		if err != nil {
			return err
		}
	}
	return nil
}

func (w *bookWriter) indicatorsTable() *table {
	t := w.newTable(SheetIndicators, []column{{header: "乡镇"}, {header: "项目编码"}, {header: "项目名称", max: 16, wrap: true},
		{header: "一级指标", max: 12, wrap: true}, {header: "二级指标", max: 12, wrap: true}, {header: "三级指标", max: 14, wrap: true},
		{header: "绩效指标描述", max: 20, wrap: true}, {header: "指标值", max: 14, wrap: true}, {header: "比较符"},
		{header: "数值"}, {header: "单位"}, {header: "日期/等级", max: 12, wrap: true}, {header: "指标值确定依据", max: 12, wrap: true},
		{header: "来源", max: sourceWidth}})
	t.freezeCols = 1
	return t
}

// indicatorRows gives 指标明细 a row per indicator.
func (w *bookWriter) indicatorRows(sub *templates.Submission, emit func([]interface{}) error) error {
	for _, p := range sub.Projects {
		for _, ind := range p.Indicators {
			op, num, unit, extra := w.parsedValue(ind)
			err := emit([]interface{}{w.txt(sub.Township.Value), w.txt(p.Code.Value), w.wrap(p.Name.Value), w.wrap(ind.Level1.Value),
				w.wrap(ind.Level2.Value), w.wrap(ind.Level3.Value), w.wrap(ind.Desc.Value), w.wrap(ind.Value.Value),
				w.txt(op), num, w.txt(unit), w.wrap(extra), w.wrap(ind.Basis.Value), w.wrap(ind.Value.Src.String())})
			if err != nil {
				return err
			}
		}
	}
	return nil
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

// overallTable is 整体目标: each township's 部门整体绩效目标, the 总体 text then
// the numbered 分项 items.
func (w *bookWriter) overallTable() *table {
	t := w.newTable(SheetOverall, []column{{header: "乡镇"}, {header: "类型"}, {header: "序号"}, {header: "名称", max: 20, wrap: true},
		{header: "绩效目标", max: 44, wrap: true}, {header: "绩效指标", max: 30, wrap: true}, {header: "来源", max: sourceWidth}})
	t.freezeCols = 1
	return t
}

func (w *bookWriter) overallRows(sub *templates.Submission, emit func([]interface{}) error) error {
	town := sub.Township.Value
	if o := sub.Overall.Summary; o.Value != "" {
		err := emit([]interface{}{w.txt(town), w.txt("总体"), w.txt(""), w.wrap("总体绩效目标"), w.wrap(o.Value), w.wrap(""), w.wrap(o.Src.String())})
		if err != nil {
			return err
		}
	}
	for _, it := range sub.Overall.Items {
		err := emit([]interface{}{w.txt(town), w.txt("分项"), w.txt(it.No.Value), w.wrap(it.Name.Value), w.wrap(it.Goal.Value),
			w.wrap(it.Indicator.Value), w.wrap(it.Name.Src.String())})
		if err != nil {
			return err
		}
	}
	return nil
}

func (w *bookWriter) problems() error {
	t := w.newTable(SheetProblems, []column{{header: "级别"}, {header: "乡镇"}, {header: "文件"}, {header: "工作表"}, {header: "单元格"},
		{header: "项目编码"}, {header: "项目名称", max: 30}, {header: "规则"}, {header: "说明", max: 70, wrap: true},
		{header: "处理建议", max: 50, wrap: true}, {header: "依据", max: 30, wrap: true}})
	if n := w.res.ProblemCount(); n > 0 {
		t.condRules = append(t.condRules, condRule{ref: fmt.Sprintf("A3:A%d", firstDataRow+n-1), formula: `$A3="错误"`})
	}
	return t.writeFrom(func(emit func([]interface{}) error) error {
		return w.res.EachProblem(func(p templates.Problem) error {
			return emit([]interface{}{w.txt(p.Severity.String()), w.txt(p.Township), w.txt(p.Src.File), w.txt(p.Src.Sheet), w.txt(p.Src.Cell),
				w.txt(p.Project), w.txt(p.ProjectName), w.txt(p.RuleLabel()), w.wrap(p.Message), w.wrap(p.Suggestion), w.wrap(ruleBasis(p.RuleID))})
		})
	})
}

func (w *bookWriter) sources() error {
	t := w.newTable(SheetSources, []column{{header: "文件", max: 30, wrap: true}, {header: "乡镇"}, {header: "格式"}, {header: "编码"},
		{header: "金额单位"}, {header: "项目数"}, {header: "SHA256", max: sha256Width, wrap: true}, {header: "状态"}, {header: "说明", max: 40, wrap: true}})
	if b := w.opt.Baseline; b != nil {
		for _, src := range b.Sources {
			t.footer(w.wrap(src), w.txt(""), w.txt(""), w.txt(""), w.txt(""), w.txt(""), w.txt(""), w.txt("基期"),
				w.wrap(fmt.Sprintf("基期数据，用于「%s」", SheetBaseline)))
		}
	}
	return t.writeFrom(func(emit func([]interface{}) error) error {
		err := w.res.EachSource(func(s SourceFile) error {
			reason := ""
			if s.Err != nil {
				reason = s.Err.Error()
			}
			return emit([]interface{}{w.wrap(s.Path), w.txt(s.Township), w.txt(s.Format), w.txt(s.Encoding), w.txt(s.Unit.String()),
				w.num(s.Projects), w.wrap(s.SHA256), w.txt(s.Status), w.wrap(reason)})
		})
		if err != nil {
			return err
		}
		return t.eachRow(emit) // the footer rows
	})
}
