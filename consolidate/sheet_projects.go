// The 项目明细 sheet: one row per project.

package consolidate

import "jixiao/templates"

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
