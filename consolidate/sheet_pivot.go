// The 分类汇总 sheet: 预算数 by 类别 and 乡镇, with live row and column totals.

package consolidate

import (
	"fmt"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"jixiao/consolidate/internal/xlsxw"
)

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
	cols := []xlsxw.Column{{Header: l.corner}}
	for _, k := range l.across {
		cols = append(cols, xlsxw.Column{Header: k})
	}
	totalCol := len(cols) + 1
	cols = append(cols, xlsxw.Column{Header: "合计"})
	t := w.book.NewTable(SheetPivot, cols)
	t.FreezeCols = 1
	if l.shareAcross {
		t.ShareFrom, t.ShareTo = 1, 1+len(l.across)
	}
	firstCol, lastCol := xlsxw.ColName(2), xlsxw.ColName(totalCol-1)
	first, last := xlsxw.FirstDataRow, xlsxw.FirstDataRow+len(l.down)-1
	total := []interface{}{excelize.Cell{StyleID: w.st.totalText, Value: "合计"}}
	for i, a := range l.across {
		total = append(total, w.columnSum(i+2, first, last, w.money(l.acrossTotal(a))))
	}
	total = append(total, w.columnSum(totalCol, first, last, w.money(w.pivot.Total())))
	return t.WriteStreamed(func(emit func([]interface{}) error) error {
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
