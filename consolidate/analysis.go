package consolidate

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// flagWidth is the width of a 标记 column: 偏高/偏低 in bold with room to spare.
const flagWidth = 8

// ratioCell is a formula giving a 偏离率 or 变动率 with its computed value; an
// absent ratio is an empty text result, as the formula gives.
func (w *bookWriter) ratioCell(formula string, d decimal.Decimal, ok bool) excelize.Cell {
	c := excelize.Cell{StyleID: w.st.percent, Formula: formula, Value: ""}
	if ok {
		c.Value = d.InexactFloat64()
	}
	return c
}

// flagFormula marks a ratio in cell ref beyond the threshold as 偏高 or 偏低.
func (w *bookWriter) flagFormula(ref string) string {
	thr := w.opt.Threshold.String()
	return fmt.Sprintf(`IF(%[1]s="","",IF(ABS(%[1]s)>%[2]s,IF(%[1]s>0,"偏高","偏低"),""))`, ref, thr)
}

// flagRule highlights a row's ratio and mark where the ratio is beyond the threshold.
func (w *bookWriter) flagRule(ratioCol, flagCol string, last int) condRule {
	return condRule{ref: fmt.Sprintf("%s3:%s%d", ratioCol, flagCol, last),
		formula: fmt.Sprintf("AND(ISNUMBER($%[1]s3),ABS($%[1]s3)>%[2]s)", ratioCol, w.opt.Threshold.String())}
}

// analyses writes 乡镇差异 and 单位成本 side by side (see writeTogether).
func (w *bookWriter) analyses() error {
	costs, err := w.unitCosts()
	if err != nil {
		return err
	}
	defer costs.close()
	return w.writeTogether(w.variance(), costs.rows)
}

// variance is 乡镇差异: per 类别 and 乡镇 the 预算数, the number of townships
// with that 类别, their median and mean, the 偏离率 against the median and a
// 偏高/偏低 mark beyond the threshold. Median, mean, ratio and mark are live
// formulas over the 类别's rows, carrying exact computed values.
func (w *bookWriter) variance() rowSource {
	t := w.newTable(SheetVariance, []column{{header: "类别", max: 24, wrap: true}, {header: "乡镇"}, {header: "预算数"}, {header: "乡镇数"},
		{header: "中位数"}, {header: "平均数"}, {header: "偏离率"}, {header: "标记", min: flagWidth}})
	t.freezeCols = 2
	n := w.pivot.cellCount()
	if n > 0 {
		t.condRules = append(t.condRules, w.flagRule("G", "H", firstDataRow+n-1))
	}
	return rowSource{t, func(emit func([]interface{}) error) error {
		n := firstDataRow - 1
		var block string
		return eachVarianceGroup(w.pivot, w.opt.Threshold, func(r VarianceRow, first bool) error {
			n++
			if first {
				block = fmt.Sprintf("$C$%d:$C$%d", n, n+r.Count-1)
			}
			return emit([]interface{}{w.wrap(r.Category), w.txt(r.Township), w.moneyCell(r.Amount),
				excelize.Cell{StyleID: w.st.count, Formula: "COUNT(" + block + ")", Value: r.Count},
				excelize.Cell{StyleID: w.st.money, Formula: "MEDIAN(" + block + ")", Value: w.money(r.Median)},
				excelize.Cell{StyleID: w.st.money, Formula: "AVERAGE(" + block + ")", Value: w.money(r.Mean)},
				w.ratioCell(fmt.Sprintf(`IF(E%[1]d=0,"",(C%[1]d-E%[1]d)/E%[1]d)`, n), r.Deviation, r.HasDeviation),
				excelize.Cell{StyleID: w.st.text, Formula: w.flagFormula(fmt.Sprintf("G%d", n)), Value: r.Flag}})
		})
	}}
}

// unitCostSheet is 单位成本's rows and the index they come from; close
// removes the index's temporary file.
type unitCostSheet struct {
	rows rowSource
	x    *unitCostIndex
}

func (u unitCostSheet) close() error { return u.x.close() }

// unitCosts is 单位成本: every numeric 成本指标 (月平均资金使用成本, 人均成本, …)
// grouped by 类别, 三级指标, 绩效指标描述 and unit, money in the workbook unit,
// with the group's median and each value's 偏离率.
func (w *bookWriter) unitCosts() (unitCostSheet, error) {
	t := w.newTable(SheetUnitCost, []column{{header: "类别", max: 12, wrap: true}, {header: "三级指标", max: 12, wrap: true},
		{header: "绩效指标描述", max: 12, wrap: true}, {header: "单位"}, {header: "乡镇"}, {header: "项目名称", max: 16, wrap: true},
		{header: "指标值", max: 12, wrap: true}, {header: "数值"}, {header: "个数"}, {header: "中位数"},
		{header: "偏离率"}, {header: "标记", min: flagWidth}, {header: "来源", max: sourceWidth}})
	t.freezeCols = 1
	x, err := newUnitCostIndex(w.res, w.opt.Categories, w.res.Unit)
	if err != nil {
		return unitCostSheet{}, err
	}
	if x.len() > 0 {
		t.condRules = append(t.condRules, w.flagRule("K", "L", firstDataRow+x.len()-1))
	}
	return unitCostSheet{x: x, rows: rowSource{t, func(emit func([]interface{}) error) error {
		n := firstDataRow - 1
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

// baseline writes 基期差异: per 乡镇 and 类别 the current 预算数 (本期), the 基期,
// their 差额 and 变动率, with 新增/减少 for rows on one side only, and a 合计 row.
func (w *bookWriter) baseline() error {
	b := w.opt.Baseline
	cur, base := "本期", "基期"
	if w.res.Year > 0 {
		cur = fmt.Sprintf("本期（%d年）", w.res.Year)
	}
	if b.Year > 0 {
		base = fmt.Sprintf("基期（%d年）", b.Year)
	}
	t := w.newTable(SheetBaseline, []column{{header: "乡镇"}, {header: "类别"}, {header: cur}, {header: base},
		{header: "差额"}, {header: "变动率"}, {header: "增减情况"}})
	t.freezeCols = 2
	var sumCur, sumBase decimal.Decimal
	amount := func(d decimal.Decimal, ok bool) excelize.Cell {
		if !ok {
			return excelize.Cell{StyleID: w.st.money}
		}
		return w.moneyCell(d)
	}
	for _, r := range CompareBaseline(w.pivot, b.Pivot) {
		n := t.nextRow()
		sumCur, sumBase = sumCur.Add(r.Current), sumBase.Add(r.Base)
		t.add(w.txt(r.Township), w.txt(r.Category), amount(r.Current, r.HasCurrent), amount(r.Base, r.HasBase),
			excelize.Cell{StyleID: w.st.money, Formula: fmt.Sprintf("C%[1]d-D%[1]d", n), Value: w.money(r.Change)},
			w.ratioCell(fmt.Sprintf(`IF(N(D%[1]d)=0,"",E%[1]d/D%[1]d)`, n), r.Rate, r.HasRate),
			w.txt(r.Status))
	}
	first, last := firstDataRow, t.lastDataRow()
	rate, hasRate := decimal.Zero, !sumBase.IsZero()
	if hasRate {
		rate = sumCur.Sub(sumBase).DivRound(sumBase, ratioPlaces)
	}
	n := t.nextRow()
	t.footer(excelize.Cell{StyleID: w.st.totalText, Value: "合计"}, excelize.Cell{StyleID: w.st.totalText},
		w.columnSum(3, first, last, w.money(sumCur)), w.columnSum(4, first, last, w.money(sumBase)),
		w.columnSum(5, first, last, w.money(sumCur.Sub(sumBase))),
		w.ratioCell(fmt.Sprintf(`IF(N(D%[1]d)=0,"",E%[1]d/D%[1]d)`, n), rate, hasRate))
	return t.write()
}
