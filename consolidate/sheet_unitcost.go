// The 单位成本 sheet: 成本指标 values against their group's median (the
// on-disk index behind it is in unitcost.go).

package consolidate

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"jixiao/consolidate/internal/xlsxw"
	"jixiao/templates"
)

// unitCostSheet is 单位成本's rows and the index they come from; close
// removes the index's temporary file.
type unitCostSheet struct {
	rows xlsxw.RowSource
	x    *unitCostIndex
}

func (u unitCostSheet) close() error { return u.x.close() }

// unitCosts is 单位成本: every numeric 成本指标 (月平均资金使用成本, 人均成本, …)
// grouped by 类别, 三级指标, 绩效指标描述 and unit, money in the workbook unit,
// with the group's median and each value's 偏离率.
func (w *bookWriter) unitCosts() (unitCostSheet, error) {
	t := w.book.NewTable(SheetUnitCost, []xlsxw.Column{{Header: "类别", Max: 12, Wrap: true}, {Header: "三级指标", Max: 12, Wrap: true},
		{Header: "绩效指标描述", Max: 12, Wrap: true}, {Header: "单位"}, {Header: "乡镇"}, {Header: "项目名称", Max: 16, Wrap: true},
		{Header: "指标值", Max: 12, Wrap: true}, {Header: "数值"}, {Header: "个数"}, {Header: "中位数"},
		{Header: "偏离率"}, {Header: "标记", Min: flagWidth}, {Header: "来源", Max: sourceWidth}})
	t.FreezeCols = 1
	x, err := newUnitCostIndex(w.res, w.opt.Categories, w.res.Unit)
	if err != nil {
		return unitCostSheet{}, err
	}
	if x.len() > 0 {
		t.CondRules = append(t.CondRules, w.flagRule("K", "L", xlsxw.FirstDataRow+x.len()-1))
	}
	return unitCostSheet{x: x, rows: xlsxw.RowSource{Table: t, Gen: func(emit func([]interface{}) error) error {
		n := xlsxw.FirstDataRow - 1
		var block string
		return x.eachGroup(w.opt.Threshold, func(r UnitCostRow, first bool) error {
			n++
			if first {
				block = fmt.Sprintf("$H$%d:$H$%d", n, n+r.Count-1)
			}
			style := w.st.number
			if strings.HasPrefix(r.Unit, w.res.Unit.String()) {
				style = w.st.money
			}
			return emit([]interface{}{w.wrap(r.Category), w.wrap(r.Level3), w.wrap(r.Desc), w.txt(r.Unit), w.txt(r.Township), w.wrap(r.Project),
				w.wrap(r.Raw), excelize.Cell{StyleID: style, Value: r.Value.InexactFloat64()},
				excelize.Cell{StyleID: w.st.count, Formula: "COUNT(" + block + ")", Value: r.Count},
				excelize.Cell{StyleID: style, Formula: "MEDIAN(" + block + ")", Value: r.Median.InexactFloat64()},
				w.ratioCell(fmt.Sprintf(`IF(J%[1]d=0,"",(H%[1]d-J%[1]d)/J%[1]d)`, n), r.Deviation, r.HasDeviation),
				excelize.Cell{StyleID: w.st.text, Formula: w.flagFormula(fmt.Sprintf("K%d", n)), Value: r.Flag},
				w.wrap(r.Src.String())})
		})
	}}}, nil
}

// UnitCostRow is one cost indicator (成本指标) with a number, expressed in the
// workbook unit when it is money, compared with the same indicator of the same
// 类别 in the other townships.
type UnitCostRow struct {
	Category string
	Level3   string // 三级指标
	Desc     string // 绩效指标描述
	Unit     string // unit of Value, e.g. 万元, 万元/月, 人
	Township string
	Project  string
	Code     string
	Raw      string // 指标值 as written
	Op       string
	Value    decimal.Decimal
	Median   decimal.Decimal
	// Count is the number of values in the group.
	Count        int
	Deviation    decimal.Decimal
	HasDeviation bool
	Flag         string
	Src          templates.Source
}

// isCostIndicator reports whether an indicator is a 成本指标 (classic 二级
// 成本指标, or the 2021 framework's 一级 成本指标 with 经济/社会/生态环境成本指标).
func isCostIndicator(ind templates.Indicator) bool {
	return templates.Level1Kind(ind.Level1.Value) == "成本" || strings.Contains(ind.Level2.Value, "成本")
}

// isUnitCost reports whether an indicator is a numeric 成本指标 that 单位成本
// compares (a single number, not a range).
func isUnitCost(ind templates.Indicator) bool {
	return ind.ParsedOK && ind.Parsed.HasNum && ind.Parsed.Op != "区间" && isCostIndicator(ind)
}
