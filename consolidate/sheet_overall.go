// The 整体目标 sheet: each township's 部门整体绩效目标.

package consolidate

import (
	"jixiao/consolidate/internal/xlsxw"
	"jixiao/templates"
)

// overallTable is 整体目标: each township's 部门整体绩效目标, the 总体 text then
// the numbered 分项 items.
func (w *bookWriter) overallTable() *xlsxw.Table {
	t := w.book.NewTable(SheetOverall, []xlsxw.Column{{Header: "乡镇"}, {Header: "类型"}, {Header: "序号"}, {Header: "名称", Max: 20, Wrap: true},
		{Header: "绩效目标", Max: 44, Wrap: true}, {Header: "绩效指标", Max: 30, Wrap: true}, {Header: "来源", Max: sourceWidth}})
	t.FreezeCols = 1
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
