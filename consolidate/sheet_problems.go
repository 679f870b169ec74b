// The 校验问题 sheet: every problem found, with where it is and what to do.

package consolidate

import (
	"fmt"

	"jixiao/templates"
)

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
