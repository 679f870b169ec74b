// The 基期差异 sheet: this year's 类别 totals against the base year's
// (reading the base year is in package consolidate/baseline, lining the two
// up in package consolidate/pivot).

package consolidate

import (
	"fmt"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"jixiao/consolidate/internal/xlsxw"
	"jixiao/consolidate/pivot"
)

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
	t := w.book.NewTable(SheetBaseline, []xlsxw.Column{{Header: "乡镇"}, {Header: "类别"}, {Header: cur}, {Header: base},
		{Header: "差额"}, {Header: "变动率"}, {Header: "增减情况"}})
	t.FreezeCols = 2
	var sumCur, sumBase decimal.Decimal
	amount := func(d decimal.Decimal, ok bool) excelize.Cell {
		if !ok {
			return excelize.Cell{StyleID: w.st.money}
		}
		return w.moneyCell(d)
	}
	for _, r := range pivot.Compare(w.pivot, b.Pivot) {
		n := t.NextRow()
		sumCur, sumBase = sumCur.Add(r.Current), sumBase.Add(r.Base)
		t.Add(w.txt(r.Township), w.txt(r.Category), amount(r.Current, r.HasCurrent), amount(r.Base, r.HasBase),
			excelize.Cell{StyleID: w.st.money, Formula: fmt.Sprintf("C%[1]d-D%[1]d", n), Value: w.money(r.Change)},
			w.ratioCell(fmt.Sprintf(`IF(N(D%[1]d)=0,"",E%[1]d/D%[1]d)`, n), r.Rate, r.HasRate),
			w.txt(r.Status))
	}
	first, last := xlsxw.FirstDataRow, t.LastDataRow()
	rate, hasRate := decimal.Zero, !sumBase.IsZero()
	if hasRate {
		rate = sumCur.Sub(sumBase).DivRound(sumBase, pivot.RatioPlaces)
	}
	n := t.NextRow()
	t.Footer(excelize.Cell{StyleID: w.st.totalText, Value: "合计"}, excelize.Cell{StyleID: w.st.totalText},
		w.columnSum(3, first, last, w.money(sumCur)), w.columnSum(4, first, last, w.money(sumBase)),
		w.columnSum(5, first, last, w.money(sumCur.Sub(sumBase))),
		w.ratioCell(fmt.Sprintf(`IF(N(D%[1]d)=0,"",E%[1]d/D%[1]d)`, n), rate, hasRate))
	return t.Write()
}
