package consolidate

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"jixiao/convert"
)

// IndicatorInUnit expresses a parsed 指标值's number in the workbook unit when
// it is money (parsed values hold money in 元): ≤2500元 → 0.25 万元.
//
//	n, unit := consolidate.IndicatorInUnit(v, convert.UnitWan)
func IndicatorInUnit(v convert.IndicatorValue, u convert.Unit) (decimal.Decimal, string) {
	if strings.HasPrefix(v.Unit, "元") {
		return convert.FromYuan(v.Num, u), u.String() + strings.TrimPrefix(v.Unit, "元")
	}
	if strings.HasPrefix(v.Unit, "万元") {
		yuan := convert.ToYuan(v.Num, convert.UnitWan)
		return convert.FromYuan(yuan, u), u.String() + strings.TrimPrefix(v.Unit, "万元")
	}
	return v.Num, v.Unit
}

// summary writes 汇总: one row per township and a 合计 row of live SUM
// formulas that also carry their computed values.
func (w *bookWriter) summary() error {
	f := w.f
	if err := f.SetSheetName("Sheet1", SheetSummary); err != nil {
		return err
	}
	cols := []column{{"乡镇", 14}, {"项目数", 8}, {"预算数", 14}, {"财政资金", 14}, {"其他资金", 14},
		{"3月底", 12}, {"6月底", 12}, {"10月底", 12}, {"12月底", 12}, {"指标数", 8}, {"错误数", 8}, {"警告数", 8}}
	sw, err := f.NewStreamWriter(SheetSummary)
	if err != nil {
		return err
	}
	for i, c := range cols {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := sw.SetRow("A1", []interface{}{excelize.Cell{StyleID: w.st.title, Value: w.title()}}, excelize.RowOpts{Height: 24}); err != nil {
		return err
	}
	last, _ := excelize.CoordinatesToCellName(len(cols), 1)
	if err := sw.MergeCell("A1", last); err != nil {
		return err
	}
	head := make([]interface{}, len(cols))
	for i, c := range cols {
		head[i] = excelize.Cell{StyleID: w.st.header, Value: c.header}
	}
	if err := sw.SetRow("A2", head); err != nil {
		return err
	}
	per, county := w.res.Totals()
	row := 2
	for i, sub := range w.res.Submissions {
		t := per[i]
		row++
		vals := []interface{}{w.txt(sub.Township.Value), w.num(t.Projects),
			w.moneyCell(t.Budget), w.moneyCell(t.Fiscal), w.moneyCell(t.Other),
			w.moneyCell(t.Plan[0]), w.moneyCell(t.Plan[1]), w.moneyCell(t.Plan[2]), w.moneyCell(t.Plan[3]),
			w.num(t.Indicators), w.num(t.Errors), w.num(t.Warnings)}
		if err := sw.SetRow(fmt.Sprintf("A%d", row), vals); err != nil {
			return err
		}
	}
	first, lastRow := 3, row
	row++
	sum := func(col int, v interface{}, style int) excelize.Cell {
		name, _ := excelize.ColumnNumberToName(col)
		c := excelize.Cell{StyleID: style, Value: v}
		if lastRow >= first {
			c.Formula = fmt.Sprintf("SUM(%s%d:%s%d)", name, first, name, lastRow)
		}
		return c
	}
	m := func(d decimal.Decimal) float64 { return w.money(d) }
	total := []interface{}{excelize.Cell{StyleID: w.st.total, Value: "合计"}, sum(2, county.Projects, w.st.total),
		sum(3, m(county.Budget), w.st.totalMoney), sum(4, m(county.Fiscal), w.st.totalMoney), sum(5, m(county.Other), w.st.totalMoney),
		sum(6, m(county.Plan[0]), w.st.totalMoney), sum(7, m(county.Plan[1]), w.st.totalMoney),
		sum(8, m(county.Plan[2]), w.st.totalMoney), sum(9, m(county.Plan[3]), w.st.totalMoney),
		sum(10, county.Indicators, w.st.total), sum(11, county.Errors, w.st.total), sum(12, county.Warnings, w.st.total)}
	if err := sw.SetRow(fmt.Sprintf("A%d", row), total); err != nil {
		return err
	}
	return sw.Flush()
}

func (w *bookWriter) moneyCell(yuan decimal.Decimal) excelize.Cell {
	return excelize.Cell{StyleID: w.st.money, Value: w.money(yuan)}
}
