// The 校验问题 sheet: every problem found, with where it is and what to do.

package consolidate

import (
	"fmt"

	"jixiao/consolidate/internal/xlsxw"
	"jixiao/templates"
)

func (w *bookWriter) problems() error {
	t := w.book.NewTable(SheetProblems, []xlsxw.Column{{Header: "级别"}, {Header: "乡镇"}, {Header: "文件"}, {Header: "工作表"}, {Header: "单元格"},
		{Header: "项目编码"}, {Header: "项目名称", Max: 30}, {Header: "规则"}, {Header: "说明", Max: 70, Wrap: true},
		{Header: "处理建议", Max: 50, Wrap: true}, {Header: "依据", Max: 30, Wrap: true}})
	if n := w.res.ProblemCount(); n > 0 {
		t.CondRules = append(t.CondRules, xlsxw.CondRule{Ref: fmt.Sprintf("A3:A%d", xlsxw.FirstDataRow+n-1), Formula: `$A3="错误"`})
	}
	return t.WriteFrom(func(emit func([]interface{}) error) error {
		return w.res.EachProblem(func(p templates.Problem) error {
			return emit([]interface{}{w.txt(p.Severity.String()), w.txt(p.Township), w.txt(p.Src.File), w.txt(p.Src.Sheet), w.txt(p.Src.Cell),
				w.txt(p.Project), w.txt(p.ProjectName), w.txt(p.RuleLabel()), w.wrap(p.Message), w.wrap(p.Suggestion), w.wrap(ruleBasis(p.RuleID))})
		})
	})
}
