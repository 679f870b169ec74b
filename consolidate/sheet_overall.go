// The 整体目标 sheet: each township's 部门整体绩效目标.

package consolidate

import "jixiao/templates"

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
