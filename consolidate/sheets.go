package consolidate

import (
	"strings"

	"jixiao/consolidate/internal/xlsxw"
	"jixiao/templates"
)

// Sheet names of the county workbook. Each sheet is written by the file
// named for it, in the workbook's order (BuildWorkbookContext in workbook.go
// puts them together): sheet_summary.go 汇总, sheet_review.go 审核情况
// (SheetReview), sheet_pivot.go 分类汇总, sheet_variance.go 乡镇差异,
// sheet_unitcost.go 单位成本, sheet_rectify.go 整改情况 (SheetRectify, with
// --previous), sheet_baseline.go 基期差异 (with --baseline), sheet_info.go
// 乡镇信息 (SheetInfo), sheet_overall.go 整体目标, sheet_projects.go 项目明细,
// sheet_indicators.go 指标明细, sheet_problems.go 校验问题, sheet_sources.go
// 来源清单. cells.go has the typed cells they share.
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

// sha256Width fits the 64 hex digits of a SHA256 on two lines.
const sha256Width = 38

// sourceWidth is the widest a 来源 column (file!sheet!cell) grows. Its text
// wraps within the row's height but does not make the row taller (which
// would make every row of a detail sheet two lines tall): a long path shows
// its first line, in full in the cell, and never spills over the columns to
// its right or, in print, onto a page of its own.
const sourceWidth = 30

// details writes 乡镇信息, 整体目标, 项目明细 and 指标明细, whose rows come from the full
// submissions, reading each submission once (see xlsxw.WriteEach): the
// tables' rows, and so the workbook, are the same whatever the scheduling.
func (w *bookWriter) details() error {
	tables := []*xlsxw.Table{w.infoTable(), w.overallTable(), w.projectsTable(), w.indicatorsTable()}
	rows := []func(*templates.Submission, func([]interface{}) error) error{w.infoRows, w.overallRows, w.projectRows, w.indicatorRows}
	stage, done, total := strings.Join(sheetNames(tables), "、"), 0, w.res.Townships()
	w.stage(stage)
	return xlsxw.WriteEach(w.ctx, tables, rows, func(yield func(*templates.Submission) error) error {
		return w.res.EachSubmission(func(sub *templates.Submission) error {
			if done++; w.opt.Progress != nil && (done%16 == 0 || done == total) {
				w.opt.Progress(WriteProgress{Stage: stage, Done: done, Total: total})
			}
			return yield(sub)
		})
	})
}

// sheetNames are the tables' sheet names.
func sheetNames(tables []*xlsxw.Table) []string {
	out := make([]string, len(tables))
	for i, t := range tables {
		out[i] = t.Name()
	}
	return out
}

// analyses writes 乡镇差异 and 单位成本 side by side (see xlsxw.WriteTogether).
func (w *bookWriter) analyses() error {
	costs, err := w.unitCosts()
	if err != nil {
		return err
	}
	defer costs.close()
	return xlsxw.WriteTogether(w.variance(), costs.rows)
}
