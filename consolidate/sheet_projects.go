// The 项目明细 sheet: one row per project.

package consolidate

import (
	"jixiao/consolidate/internal/xlsxw"
	"jixiao/templates"
)

func (w *bookWriter) projectsTable() *xlsxw.Table {
	t := w.book.NewTable(SheetProjects, []xlsxw.Column{{Header: "乡镇"}, {Header: "项目编码"}, {Header: "项目名称", Max: 16, Wrap: true},
		{Header: "类别", Max: 12, Wrap: true}, {Header: "预算数"}, {Header: "财政资金"}, {Header: "其他资金"}, {Header: "3月底"},
		{Header: "6月底"}, {Header: "10月底"}, {Header: "12月底"},
		{Header: "资金用途", Max: 20, Wrap: true}, {Header: "绩效目标", Max: 24, Wrap: true}, {Header: "来源", Max: sourceWidth}})
	t.FreezeCols = 1
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
