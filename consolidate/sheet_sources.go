// The 来源清单 sheet: every file looked at, whether it was counted and why.

package consolidate

import (
	"fmt"

	"jixiao/consolidate/internal/xlsxw"
)

func (w *bookWriter) sources() error {
	t := w.book.NewTable(SheetSources, []xlsxw.Column{{Header: "文件", Max: 30, Wrap: true}, {Header: "乡镇"}, {Header: "格式"}, {Header: "编码"},
		{Header: "金额单位"}, {Header: "项目数"}, {Header: "SHA256", Max: sha256Width, Wrap: true}, {Header: "状态"}, {Header: "说明", Max: 40, Wrap: true}})
	if b := w.opt.Baseline; b != nil {
		for _, src := range b.Sources {
			t.Footer(w.wrap(src), w.txt(""), w.txt(""), w.txt(""), w.txt(""), w.txt(""), w.txt(""), w.txt("基期"),
				w.wrap(fmt.Sprintf("基期数据，用于「%s」", SheetBaseline)))
		}
	}
	return t.WriteFrom(func(emit func([]interface{}) error) error {
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
		return t.EachRow(emit) // the footer rows
	})
}
