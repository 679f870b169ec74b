// The 汇总 sheet: one row per counted township with its totals, 审核结论 and
// 备注, and the county 合计.

package consolidate

import (
	"fmt"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"jixiao/consolidate/internal/xlsxw"
	"jixiao/convert"
)

// summary writes 汇总: one row per township and a 合计 row of live SUM
// formulas that also carry their computed values.
func (w *bookWriter) summary() error {
	t := w.book.NewTable(SheetSummary, []xlsxw.Column{{Header: "乡镇"}, {Header: "项目数"}, {Header: "预算数"}, {Header: "财政资金"}, {Header: "其他资金"},
		{Header: "3月底"}, {Header: "6月底"}, {Header: "10月底"}, {Header: "12月底"}, {Header: "指标数"}, {Header: "错误数"}, {Header: "警告数"}, {Header: "审核结论"}, {Header: "备注"}})
	t.FreezeCols = 1
	t.Notes = []string{"注：3月底至12月底是各乡镇已填写的累计支出计划之和；未填写（空白）的不计入，" +
		"所以各列合计之间可能不呈累计关系。各乡镇的填写情况见「项目明细」。"}
	var county Totals
	finer := false
	for _, sub := range w.res.counted {
		tt := sub.totalsWithCounts()
		county = county.Add(tt)
		finer = finer || w.finerThanShown(tt)
	}
	if finer {
		t.Notes = append(t.Notes, "注：金额显示两位小数，单元格中保存的是精确金额（有的乡镇填写了更多位小数），"+
			"合计按精确金额计算；选中单元格可在编辑栏看到完整数值。")
	}
	first, last := xlsxw.FirstDataRow, xlsxw.FirstDataRow+len(w.res.counted)-1
	sum := func(col int, v interface{}, style int) excelize.Cell {
		if last < first {
			return excelize.Cell{StyleID: style, Value: v}
		}
		n := xlsxw.ColName(col)
		return sumCell(style, v, fmt.Sprintf("%s%d:%s%d", n, first, n, last))
	}
	m := w.money
	footer := []interface{}{excelize.Cell{StyleID: w.st.totalText, Value: "合计"}, sum(2, county.Projects, w.st.total),
		sum(3, m(county.Budget), w.st.totalMoney), sum(4, m(county.Fiscal), w.st.totalMoney), sum(5, m(county.Other), w.st.totalMoney),
		sum(6, m(county.Plan[0]), w.st.totalMoney), sum(7, m(county.Plan[1]), w.st.totalMoney),
		sum(8, m(county.Plan[2]), w.st.totalMoney), sum(9, m(county.Plan[3]), w.st.totalMoney),
		sum(10, county.Indicators, w.st.total), sum(11, county.Errors, w.st.total), sum(12, county.Warnings, w.st.total),
		excelize.Cell{StyleID: w.st.totalText, Value: reviseCount(w.res.counted)}}
	return t.WriteStreamed(func(emit func([]interface{}) error) error {
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
