// The 乡镇差异 sheet: each township's 预算数 in a 类别 against the 类别's median.

package consolidate

import (
	"fmt"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"jixiao/consolidate/internal/xlsxw"
	"jixiao/consolidate/pivot"
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
func (w *bookWriter) flagRule(ratioCol, flagCol string, last int) xlsxw.CondRule {
	return xlsxw.CondRule{Ref: fmt.Sprintf("%s3:%s%d", ratioCol, flagCol, last),
		Formula: fmt.Sprintf("AND(ISNUMBER($%[1]s3),ABS($%[1]s3)>%[2]s)", ratioCol, w.opt.Threshold.String())}
}

// variance is 乡镇差异: per 类别 and 乡镇 the 预算数, the number of townships
// with that 类别, their median and mean, the 偏离率 against the median and a
// 偏高/偏低 mark beyond the threshold. Median, mean, ratio and mark are live
// formulas over the 类别's rows, carrying exact computed values.
func (w *bookWriter) variance() xlsxw.RowSource {
	t := w.book.NewTable(SheetVariance, []xlsxw.Column{{Header: "类别", Max: 24, Wrap: true}, {Header: "乡镇"}, {Header: "预算数"}, {Header: "乡镇数"},
		{Header: "中位数"}, {Header: "平均数"}, {Header: "偏离率"}, {Header: "标记", Min: flagWidth}})
	t.FreezeCols = 2
	n := w.pivot.CellCount()
	if n > 0 {
		t.CondRules = append(t.CondRules, w.flagRule("G", "H", xlsxw.FirstDataRow+n-1))
	}
	return xlsxw.RowSource{Table: t, Gen: func(emit func([]interface{}) error) error {
		n := xlsxw.FirstDataRow - 1
		var block string
		return w.pivot.EachVariance(w.opt.Threshold, func(r pivot.VarianceRow, first bool) error {
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
