package templates

import (
	"fmt"

	"jixiao/convert"
)

// FlatTables lays a township's projects and indicators out as the flat
// tables 项目明细 (one row per project) and 指标明细 (one row per indicator),
// the layout ReadFlat reads back. Amounts are exact, in unit (the
// submission's own when UnitUnknown); a blank stays blank.
//
//	for _, sh := range templates.FlatTables(sub, convert.UnitWan) { … }
func FlatTables(sub *Submission, unit convert.Unit) []convert.Sheet {
	if unit == convert.UnitUnknown {
		unit = sub.Unit
	}
	if unit == convert.UnitUnknown {
		unit = convert.UnitWan
	}
	u := "(" + unit.String() + ")"
	year := ""
	if sub.Year != 0 {
		year = fmt.Sprint(sub.Year)
	}
	amount := func(m Money) string {
		if m.Blank {
			return ""
		}
		return convert.FormatAmount(m.In(unit))
	}
	projects := [][]string{{"乡镇", "行政区划代码", "预算年度", "项目编码", "项目名称", "预算数" + u, "财政资金" + u, "其他资金" + u,
		"资金用途", "3月底" + u, "6月底" + u, "10月底" + u, "12月底" + u, "绩效目标"}}
	indicators := [][]string{{"乡镇", "项目编码", "项目名称", "一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"}}
	for _, p := range sub.Projects {
		row := []string{sub.Township.Value, sub.Code.Value, year, p.Code.Value, p.Name.Value,
			amount(p.Budget), amount(p.Fiscal), amount(p.Other), p.Purpose.Value}
		for _, m := range p.Plan {
			row = append(row, amount(m))
		}
		projects = append(projects, append(row, p.Goal.Value))
		for _, ind := range p.Indicators {
			indicators = append(indicators, []string{sub.Township.Value, p.Code.Value, p.Name.Value, ind.Level1.Value,
				ind.Level2.Value, ind.Level3.Value, ind.Desc.Value, ind.Value.Value, ind.Basis.Value})
		}
	}
	return []convert.Sheet{{Name: "项目明细", Rows: projects}, {Name: "指标明细", Rows: indicators}}
}
