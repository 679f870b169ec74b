// The 指标明细 sheet: one row per indicator, with its 指标值 parsed into
// operator, number and unit.

package consolidate

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"jixiao/consolidate/internal/xlsxw"
	"jixiao/convert"
	"jixiao/templates"
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

func (w *bookWriter) indicatorsTable() *xlsxw.Table {
	t := w.book.NewTable(SheetIndicators, []xlsxw.Column{{Header: "乡镇"}, {Header: "项目编码"}, {Header: "项目名称", Max: 16, Wrap: true},
		{Header: "一级指标", Max: 12, Wrap: true}, {Header: "二级指标", Max: 12, Wrap: true}, {Header: "三级指标", Max: 14, Wrap: true},
		{Header: "绩效指标描述", Max: 20, Wrap: true}, {Header: "指标值", Max: 14, Wrap: true}, {Header: "比较符"},
		{Header: "数值"}, {Header: "单位"}, {Header: "日期/等级", Max: 12, Wrap: true}, {Header: "指标值确定依据", Max: 12, Wrap: true},
		{Header: "来源", Max: sourceWidth}})
	t.FreezeCols = 1
	return t
}

// indicatorRows gives 指标明细 a row per indicator.
func (w *bookWriter) indicatorRows(sub *templates.Submission, emit func([]interface{}) error) error {
	for _, p := range sub.Projects {
		for _, ind := range p.Indicators {
			op, num, unit, extra := w.parsedValue(ind)
			err := emit([]interface{}{w.txt(sub.Township.Value), w.txt(p.Code.Value), w.wrap(p.Name.Value), w.wrap(ind.Level1.Value),
				w.wrap(ind.Level2.Value), w.wrap(ind.Level3.Value), w.wrap(ind.Desc.Value), w.wrap(ind.Value.Value),
				w.txt(op), num, w.txt(unit), w.wrap(extra), w.wrap(ind.Basis.Value), w.wrap(ind.Value.Src.String())})
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// parsedValue renders a parsed 指标值 with money expressed in the workbook unit.
func (w *bookWriter) parsedValue(ind templates.Indicator) (op string, num excelize.Cell, unit, extra string) {
	v := ind.Parsed
	num = excelize.Cell{StyleID: w.st.number}
	if !ind.ParsedOK {
		return "", num, "", ""
	}
	op, unit = v.Op, v.Unit
	if v.HasNum {
		n, u := IndicatorInUnit(v, w.res.Unit)
		num.Value, unit = n.InexactFloat64(), u
		if v.Op == "区间" {
			hi, _ := IndicatorInUnit(convert.IndicatorValue{Num: v.Max, HasNum: true, Unit: v.Unit}, w.res.Unit)
			extra = fmt.Sprintf("上限 %s", hi)
		}
	}
	switch {
	case v.Date != "":
		extra = v.Date
	case v.Grade != "":
		extra = v.Grade
	}
	return op, num, unit, extra
}
