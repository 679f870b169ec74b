// The 来源清单 sheet: every file looked at, whether it was counted and why.

package consolidate

import "fmt"

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
