package consolidate

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"jixiao/convert"
	"jixiao/templates"
)

// Sheet names of the county workbook.
const (
	SheetSummary    = "汇总"
	SheetProjects   = "项目明细"
	SheetIndicators = "指标明细"
	SheetProblems   = "校验问题"
	SheetSources    = "来源清单"
)

// column is a column of a table sheet: its header and width.
type column struct {
	header string
	width  float64
}

// table streams a sheet: a title row, a header row, then data rows.
type table struct {
	w    *bookWriter
	sw   *excelize.StreamWriter
	cols []column
	row  int
}

func (w *bookWriter) newTable(sheet string, cols []column) (*table, error) {
	if _, err := w.f.NewSheet(sheet); err != nil {
		return nil, err
	}
	sw, err := w.f.NewStreamWriter(sheet)
	if err != nil {
		return nil, err
	}
	for i, c := range cols {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return nil, err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	t := &table{w: w, sw: sw, cols: cols, row: 1}
	if err := sw.SetRow("A1", []interface{}{excelize.Cell{StyleID: w.st.title, Value: w.title()}}, excelize.RowOpts{Height: 24}); err != nil {
		return nil, err
	}
	last, _ := excelize.CoordinatesToCellName(len(cols), 1)
	if err := sw.MergeCell("A1", last); err != nil {
		return nil, err
	}
	head := make([]interface{}, len(cols))
	for i, c := range cols {
		head[i] = excelize.Cell{StyleID: w.st.header, Value: c.header}
	}
	t.row = 2
	if err := sw.SetRow("A2", head); err != nil {
		return nil, err
	}
	return t, nil
}

func (t *table) add(values ...interface{}) error {
	t.row++
	cell, _ := excelize.CoordinatesToCellName(1, t.row)
	return t.sw.SetRow(cell, values)
}

func (t *table) close() error { return t.sw.Flush() }

// cells helpers for typed, styled values.
func (w *bookWriter) txt(s string) excelize.Cell  { return excelize.Cell{StyleID: w.st.text, Value: s} }
func (w *bookWriter) wrap(s string) excelize.Cell { return excelize.Cell{StyleID: w.st.wrap, Value: s} }
func (w *bookWriter) num(n int) excelize.Cell     { return excelize.Cell{StyleID: w.st.count, Value: n} }

func (w *bookWriter) amount(m templates.Money) excelize.Cell {
	if m.Blank {
		return excelize.Cell{StyleID: w.st.money}
	}
	return excelize.Cell{StyleID: w.st.money, Value: w.money(m.Yuan)}
}

func (w *bookWriter) projects() error {
	t, err := w.newTable(SheetProjects, []column{{"乡镇", 12}, {"项目编码", 24}, {"项目名称", 28}, {"类别", 20},
		{"预算数", 14}, {"财政资金", 14}, {"其他资金", 14}, {"3月底", 12}, {"6月底", 12}, {"10月底", 12}, {"12月底", 12},
		{"资金用途", 40}, {"绩效目标", 40}, {"来源", 40}})
	if err != nil {
		return err
	}
	for _, sub := range w.res.Submissions {
		for _, p := range sub.Projects {
			err := t.add(w.txt(sub.Township.Value), w.txt(p.Code.Value), w.txt(p.Name.Value), w.txt(Category(p.Name.Value)),
				w.amount(p.Budget), w.amount(p.Fiscal), w.amount(p.Other),
				w.amount(p.Plan[0]), w.amount(p.Plan[1]), w.amount(p.Plan[2]), w.amount(p.Plan[3]),
				w.wrap(p.Purpose.Value), w.wrap(p.Goal.Value), w.txt(p.Anchor.String()))
			if err != nil {
				return err
			}
		}
	}
	return t.close()
}

func (w *bookWriter) indicators() error {
	t, err := w.newTable(SheetIndicators, []column{{"乡镇", 12}, {"项目编码", 24}, {"项目名称", 24}, {"一级指标", 12}, {"二级指标", 18},
		{"三级指标", 20}, {"绩效指标描述", 24}, {"指标值", 16}, {"比较符", 8}, {"数值", 12}, {"单位", 10}, {"日期/等级", 12},
		{"指标值确定依据", 14}, {"来源", 36}})
	if err != nil {
		return err
	}
	for _, sub := range w.res.Submissions {
		for _, p := range sub.Projects {
			for _, ind := range p.Indicators {
				op, num, unit, extra := w.parsedValue(ind)
				err := t.add(w.txt(sub.Township.Value), w.txt(p.Code.Value), w.txt(p.Name.Value), w.txt(ind.Level1.Value),
					w.txt(ind.Level2.Value), w.txt(ind.Level3.Value), w.wrap(ind.Desc.Value), w.txt(ind.Value.Value),
					w.txt(op), num, w.txt(unit), w.txt(extra), w.txt(ind.Basis.Value), w.txt(ind.Value.Src.String()))
				if err != nil {
					return err
				}
			}
		}
	}
	return t.close()
}

// parsedValue renders a parsed 指标值 with money expressed in the workbook unit.
func (w *bookWriter) parsedValue(ind templates.Indicator) (op string, num excelize.Cell, unit, extra string) {
	v := ind.Parsed
	num = excelize.Cell{StyleID: w.st.text}
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

func (w *bookWriter) problems() error {
	t, err := w.newTable(SheetProblems, []column{{"级别", 8}, {"乡镇", 12}, {"文件", 36}, {"工作表", 16}, {"单元格", 8},
		{"项目编码", 24}, {"规则", 18}, {"说明", 70}})
	if err != nil {
		return err
	}
	for _, p := range w.res.Problems {
		err := t.add(w.txt(p.Severity.String()), w.txt(p.Township), w.txt(p.Src.File), w.txt(p.Src.Sheet), w.txt(p.Src.Cell),
			w.txt(p.Project), w.txt(p.Rule), w.wrap(p.Message))
		if err != nil {
			return err
		}
	}
	return t.close()
}

func (w *bookWriter) sources() error {
	t, err := w.newTable(SheetSources, []column{{"文件", 40}, {"乡镇", 12}, {"格式", 8}, {"编码", 10}, {"金额单位", 10},
		{"项目数", 8}, {"SHA256", 30}, {"状态", 16}, {"说明", 50}})
	if err != nil {
		return err
	}
	for _, s := range w.res.Sources {
		reason := ""
		if s.Err != nil {
			reason = s.Err.Error()
		}
		err := t.add(w.txt(s.Path), w.txt(s.Township), w.txt(s.Format), w.txt(s.Encoding), w.txt(s.Unit.String()),
			w.num(s.Projects), w.txt(s.SHA256), w.txt(s.Status), w.wrap(reason))
		if err != nil {
			return err
		}
	}
	return t.close()
}
