// Typed, styled cells shared by the county workbook's sheets.

package consolidate

import (
	"fmt"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"jixiao/consolidate/internal/xlsxw"
	"jixiao/templates"
)

// sumCell is a live SUM over a range that also carries its computed value, so
// readers that do not recalculate still show the number.
func sumCell(style int, value interface{}, ref string) excelize.Cell {
	return excelize.Cell{StyleID: style, Formula: "SUM(" + ref + ")", Value: value}
}

func (w *bookWriter) moneyCell(yuan decimal.Decimal) excelize.Cell {
	return excelize.Cell{StyleID: w.st.money, Value: w.money(yuan)}
}

// columnSum is a 合计 cell over rows first..last of column col.
func (w *bookWriter) columnSum(col, first, last int, v float64) excelize.Cell {
	if last < first {
		return excelize.Cell{StyleID: w.st.totalMoney, Value: v}
	}
	n := xlsxw.ColName(col)
	return sumCell(w.st.totalMoney, v, fmt.Sprintf("%s%d:%s%d", n, first, n, last))
}

// cells helpers for typed, styled values.
func (w *bookWriter) txt(s string) excelize.Cell { return excelize.Cell{StyleID: w.st.text, Value: s} }

func (w *bookWriter) wrap(s string) excelize.Cell { return excelize.Cell{StyleID: w.st.wrap, Value: s} }

func (w *bookWriter) num(n int) excelize.Cell { return excelize.Cell{StyleID: w.st.count, Value: n} }

func (w *bookWriter) amount(m templates.Money) excelize.Cell {
	if m.Blank {
		return excelize.Cell{StyleID: w.st.money}
	}
	return excelize.Cell{StyleID: w.st.money, Value: w.money(m.Yuan)}
}
