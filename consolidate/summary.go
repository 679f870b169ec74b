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

// sumCell is a live SUM over a range that also carries its computed value, so
// readers that do not recalculate still show the number.
func sumCell(style int, value interface{}, ref string) excelize.Cell {
	return excelize.Cell{StyleID: style, Formula: "SUM(" + ref + ")", Value: value}
}

// summary writes 汇总: one row per township and a 合计 row of live SUM
// formulas that also carry their computed values.
func (w *bookWriter) summary() error {
	t := w.newTable(SheetSummary, []column{{header: "乡镇"}, {header: "项目数"}, {header: "预算数"}, {header: "财政资金"}, {header: "其他资金"},
		{header: "3月底"}, {header: "6月底"}, {header: "10月底"}, {header: "12月底"}, {header: "指标数"}, {header: "错误数"}, {header: "警告数"}, {header: "审核结论"}, {header: "备注"}})
	t.freezeCols = 1
	t.notes = []string{"注：3月底至12月底是各乡镇已填写的累计支出计划之和；未填写（空白）的不计入，" +
		"所以各列合计之间可能不呈累计关系。各乡镇的填写情况见「项目明细」。"}
	var county Totals
	finer := false
	for _, sub := range w.res.counted {
		tt := sub.totalsWithCounts()
		county = county.Add(tt)
		finer = finer || w.finerThanShown(tt)
	}
	if finer {
		t.notes = append(t.notes, "注：金额显示两位小数，单元格中保存的是精确金额（有的乡镇填写了更多位小数），"+
			"合计按精确金额计算；选中单元格可在编辑栏看到完整数值。")
	}
	first, last := firstDataRow, firstDataRow+len(w.res.counted)-1
	sum := func(col int, v interface{}, style int) excelize.Cell {
		if last < first {
			return excelize.Cell{StyleID: style, Value: v}
		}
		n := colName(col)
		return sumCell(style, v, fmt.Sprintf("%s%d:%s%d", n, first, n, last))
	}
	m := w.money
	footer := []interface{}{excelize.Cell{StyleID: w.st.totalText, Value: "合计"}, sum(2, county.Projects, w.st.total),
		sum(3, m(county.Budget), w.st.totalMoney), sum(4, m(county.Fiscal), w.st.totalMoney), sum(5, m(county.Other), w.st.totalMoney),
		sum(6, m(county.Plan[0]), w.st.totalMoney), sum(7, m(county.Plan[1]), w.st.totalMoney),
		sum(8, m(county.Plan[2]), w.st.totalMoney), sum(9, m(county.Plan[3]), w.st.totalMoney),
		sum(10, county.Indicators, w.st.total), sum(11, county.Errors, w.st.total), sum(12, county.Warnings, w.st.total),
		excelize.Cell{StyleID: w.st.totalText, Value: reviseCount(w.res.counted)}}
	return t.writeStreamed(func(emit func([]interface{}) error) error {
		for _, sub := range w.res.counted {
			p := sub.totalsWithCounts()
			err := emit([]interface{}{w.txt(sub.township), w.num(p.Projects),
				w.moneyCell(p.Budget), w.moneyCell(p.Fiscal), w.moneyCell(p.Other),
				w.moneyCell(p.Plan[0]), w.moneyCell(p.Plan[1]), w.moneyCell(p.Plan[2]), w.moneyCell(p.Plan[3]),
				w.num(p.Indicators), w.num(p.Errors), w.num(p.Warnings), w.txt(Conclusion(p.Errors)), w.txt(summaryNote(sub))})
			if err != nil {
				return err
			}
		}
		return nil
	}, footer)
}

// summaryNote is the 备注 of a township's 汇总 row: what makes its figures
// untrustworthy as they stand.
func summaryNote(t *tally) string {
	if t.unitMismatch {
		return "金额单位疑误：金额与所标单位相差一万倍，未换算，合计不可信（见「" + SheetProblems + "」）"
	}
	return ""
}

// finerThanShown reports whether any amount of t has more decimals in the
// workbook unit than the two shown.
func (w *bookWriter) finerThanShown(t Totals) bool {
	for _, y := range append([]decimal.Decimal{t.Budget, t.Fiscal, t.Other}, t.Plan[:]...) {
		if d := convert.FromYuan(y, w.res.Unit); !d.Equal(d.Round(2)) {
			return true
		}
	}
	return false
}

func (w *bookWriter) moneyCell(yuan decimal.Decimal) excelize.Cell {
	return excelize.Cell{StyleID: w.st.money, Value: w.money(yuan)}
}

// pivotSheet writes 分类汇总: 类别 down, 乡镇 across, with a 合计 column and a
// 合计 row of live SUM formulas carrying their exact computed values. A
// township without a project of a 类别 has a blank cell, not a zero. With
// more townships than fit across, 乡镇 run down and 类别 across instead.
func (w *bookWriter) pivotSheet() error {
	p := w.pivot
	if len(p.Townships) > w.opt.limits.pivotTownships {
		return w.writePivot(pivotLayout{corner: "乡镇", down: p.Townships, across: p.Categories,
			amount:    func(town, category string) (decimal.Decimal, bool) { return p.Amount(category, town) },
			downTotal: p.TownshipTotal, acrossTotal: p.CategoryTotal})
	}
	return w.writePivot(pivotLayout{corner: "类别", down: p.Categories, across: p.Townships,
		amount: p.Amount, downTotal: p.CategoryTotal, acrossTotal: p.TownshipTotal, shareAcross: true})
}

// pivotLayout is one orientation of 分类汇总: the keys down the rows, the keys
// across the columns, the amount where they meet and each side's totals.
type pivotLayout struct {
	corner                 string
	down, across           []string
	amount                 func(down, across string) (decimal.Decimal, bool)
	downTotal, acrossTotal func(string) decimal.Decimal
	// shareAcross gives every across column one width (township columns).
	shareAcross bool
}

// writePivot writes a pivot table with a 合计 column and a 合计 row of live
// SUM formulas.
func (w *bookWriter) writePivot(l pivotLayout) error {
	cols := []column{{header: l.corner}}
	for _, k := range l.across {
		cols = append(cols, column{header: k})
	}
	totalCol := len(cols) + 1
	cols = append(cols, column{header: "合计"})
	t := w.newTable(SheetPivot, cols)
	t.freezeCols = 1
	if l.shareAcross {
		t.shareFrom, t.shareTo = 1, 1+len(l.across)
	}
	firstCol, lastCol := colName(2), colName(totalCol-1)
	first, last := firstDataRow, firstDataRow+len(l.down)-1
	total := []interface{}{excelize.Cell{StyleID: w.st.totalText, Value: "合计"}}
	for i, a := range l.across {
		total = append(total, w.columnSum(i+2, first, last, w.money(l.acrossTotal(a))))
	}
	total = append(total, w.columnSum(totalCol, first, last, w.money(w.pivot.Total())))
	return t.writeStreamed(func(emit func([]interface{}) error) error {
		vals := make([]interface{}, 0, len(cols))
		for i, d := range l.down {
			row := first + i
			vals = append(vals[:0], w.txt(d))
			for _, a := range l.across {
				if v, ok := l.amount(d, a); ok {
					vals = append(vals, w.moneyCell(v))
				} else {
					vals = append(vals, excelize.Cell{StyleID: w.st.money})
				}
			}
			vals = append(vals, sumCell(w.st.totalMoney, w.money(l.downTotal(d)), fmt.Sprintf("%s%d:%s%d", firstCol, row, lastCol, row)))
			if err := emit(vals); err != nil {
				return err
			}
		}
		return nil
	}, total)
}

// columnSum is a 合计 cell over rows first..last of column col.
func (w *bookWriter) columnSum(col, first, last int, v float64) excelize.Cell {
	if last < first {
		return excelize.Cell{StyleID: w.st.totalMoney, Value: v}
	}
	n := colName(col)
	return sumCell(w.st.totalMoney, v, fmt.Sprintf("%s%d:%s%d", n, first, n, last))
}
