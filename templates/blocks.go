package templates

import (
	"errors"
	"fmt"
	"strings"

	"jixiao/convert"
)

// anchor is a 项目编码 label cell starting a project block.
type anchor struct{ row, col int }

// readProjects finds every project block on a sheet by its 项目编码 label and
// reads it. A block runs from its anchor row to the row before the next anchor.
func (r *reader) readProjects(sh *convert.Sheet) {
	var anchors []anchor
	labels := r.labels(sh)
	for _, lc := range labels.cells {
		if n := len(anchors); n > 0 && anchors[n-1].row == lc.row {
			continue // one block per row
		}
		if lc.m.Field == FieldProjectCode && !labels.isFlatHeader(sh, lc.row) {
			anchors = append(anchors, anchor{lc.row, lc.col})
		}
	}
	for i, a := range anchors {
		end := len(sh.Rows)
		if i+1 < len(anchors) {
			end = anchors[i+1].row
		}
		start := 0
		if i > 0 {
			start = anchors[i-1].row + 1
		}
		r.readBlock(sh, a, start, end)
	}
}

// isFlatHeader reports whether row is the header of a flat table (one row per
// project or indicator), which is not a form block.
func (l *sheetLabels) isFlatHeader(sh *convert.Sheet, row int) bool {
	seen := map[Field]bool{}
	for col := range sh.Rows[row] {
		seen[l.match(row, col).Field] = true
	}
	return seen[FieldProjectCode] && seen[FieldBudget]
}

// blockUnit finds the unit line nearest above the anchor, after the previous
// block's anchor; else the document unit.
func (r *reader) blockUnit(sh *convert.Sheet, a anchor, start int) convert.Unit {
	labels := r.labels(sh)
	for row := a.row; row >= start; row-- {
		for col := range sh.Rows[row] {
			if u, ok := labels.unitLine(row, col); ok {
				return u
			}
		}
	}
	return r.docUnit
}

type labelled struct {
	row, col int
	m        LabelMatch
}

func (r *reader) readBlock(sh *convert.Sheet, a anchor, start, end int) {
	p := Project{Anchor: r.src(sh, a.row, a.col)}
	p.Unit = r.blockUnit(sh, a, start)
	labels := map[Field]labelled{}
	headerRow := -1
	sl := r.labels(sh)
	for i := sl.from(a.row); i < len(sl.cells) && sl.cells[i].row < end; i++ {
		row, col, m := sl.cells[i].row, sl.cells[i].col, sl.cells[i].m
		if m.Field == FieldNone {
			continue
		}
		if m.Field == FieldLevel1 || m.Field == FieldLevel3 {
			headerRow = row
			break
		}
		if _, dup := labels[m.Field]; !dup {
			labels[m.Field] = labelled{row, col, m}
		}
	}
	get := func(f Field) Text {
		l, ok := labels[f]
		if !ok {
			return Text{}
		}
		return r.valueRight(sh, l.row, l.col, l.m)
	}
	p.Code = get(FieldProjectCode)
	p.Code.Value = convert.NormalizeLabel(p.Code.Value)
	p.Name = get(FieldProjectName)
	p.Goal = get(FieldGoal)
	p.Purpose = get(FieldPurpose)
	if _, ok := labels[FieldPurpose]; !ok {
		if l, ok := labels[FieldBudgetAndPurpose]; ok {
			p.Purpose = r.purposeBelow(sh, l, headerRow, end)
		}
	}
	code := p.Code.Value
	money := func(f Field, t Text) Money {
		unit := p.Unit
		if l, ok := labels[f]; ok && l.m.Unit != convert.UnitUnknown {
			unit = l.m.Unit
		}
		return r.money(sh, t, unit, code)
	}
	p.Budget = money(FieldBudget, get(FieldBudget))
	p.Fiscal = money(FieldFiscal, get(FieldFiscal))
	p.Other = money(FieldOther, get(FieldOther))
	planUnit := p.Unit
	if l, ok := labels[FieldPlan]; ok && l.m.Unit != convert.UnitUnknown {
		planUnit = l.m.Unit
	}
	for i, f := range []Field{FieldPlanMar, FieldPlanJun, FieldPlanOct, FieldPlanDec} {
		l, ok := labels[f]
		if !ok {
			p.Plan[i] = Money{Blank: true}
			continue
		}
		p.Plan[i] = r.money(sh, r.valueBelow(sh, l.row, l.col, end), planUnit, code)
	}
	if headerRow >= 0 {
		p.Indicators, p.Weights = r.readIndicators(sh, headerRow, end, code)
	}
	if blockUnfilled(&p) {
		// An unused block of a template: labels only, nothing entered.
		return
	}
	r.checkUnitPlausible(&p)
	r.sub.Projects = append(r.sub.Projects, p)
}

// blockUnfilled reports whether a block states nothing: no code, name,
// purpose, goal, amount or indicator.
func blockUnfilled(p *Project) bool {
	if p.Code.Value != "" || p.Name.Value != "" || p.Purpose.Value != "" || p.Goal.Value != "" || len(p.Indicators) > 0 {
		return false
	}
	for _, m := range append([]Money{p.Budget, p.Fiscal, p.Other}, p.Plan[:]...) {
		if m.Raw != "" {
			return false
		}
	}
	return true
}

// valueBelow returns the cell below a label (the plan amounts), skipping
// wholly empty rows.
func (r *reader) valueBelow(sh *convert.Sheet, row, col, end int) Text {
	for rr := row + 1; rr < end && rr <= row+3; rr++ {
		if rowEmpty(sh, rr) {
			continue
		}
		return r.text(sh, rr, col)
	}
	return Text{Src: r.src(sh, row+1, col)}
}

// purposeBelow reads 资金用途 under a "预算规模及资金用途" label: the first text
// right of the label's column in the rows below the 预算数 row.
func (r *reader) purposeBelow(sh *convert.Sheet, l labelled, headerRow, end int) Text {
	stop := end
	if headerRow >= 0 {
		stop = headerRow
	}
	for rr := l.row + 1; rr < stop && rr <= l.row+3; rr++ {
		if rr >= len(sh.Rows) {
			break
		}
		for c := l.col + 1; c < len(sh.Rows[rr]); c++ {
			v := sh.Cell(rr, c)
			if strings.TrimSpace(v) == "" {
				continue
			}
			if MatchLabel(v).Field != FieldNone {
				return Text{Src: r.src(sh, l.row+1, l.col+1)}
			}
			return r.text(sh, rr, c)
		}
	}
	return Text{Src: r.src(sh, l.row+1, l.col+1)}
}

func rowEmpty(sh *convert.Sheet, row int) bool {
	for c, n := 0, rowWidth(sh, row); c < n; c++ {
		if !cellBlank(sh, row, c) {
			return false
		}
	}
	return true
}

// money parses an amount cell, recording a problem when it is not a number.
func (r *reader) money(sh *convert.Sheet, t Text, unit convert.Unit, code string) Money {
	m := Money{Raw: t.Value, Src: t.Src}
	if pos, ok := cellPos(t.Src.Cell); ok && t.Src.Sheet == sh.Name {
		switch sh.Flag(pos.Row, pos.Col) {
		case convert.FlagFormulaNoValue:
			r.problem(Warning, "公式无缓存值", t.Src, code, "单元格是公式但没有保存计算结果，jixiao 不计算乡镇公式，按空白处理；请在 Excel/WPS 中打开并保存后重新提交", nil)
			m.Blank = true
			return m
		case convert.FlagErrorValue:
			r.problem(Error, "金额格式", t.Src, code, fmt.Sprintf("单元格是错误值「%s」", t.Value), convert.ErrAmount)
			m.Blank = true
			return m
		}
	}
	a, err := convert.ParseAmount(t.Value, unit)
	if err != nil {
		le := &convert.LocatedError{File: t.Src.File, Sheet: t.Src.Sheet, Cell: t.Src.Cell, Err: err}
		msg := fmt.Sprintf("「%s」不是有效金额", t.Value)
		if errors.Is(err, convert.ErrNegative) {
			msg = fmt.Sprintf("金额「%s」为负数", t.Value)
		}
		r.problem(Error, "金额格式", t.Src, code, msg, le)
		m.Blank = true
		return m
	}
	m.Yuan, m.Blank = a.Yuan, a.Blank
	return m
}

func cellPos(name string) (convert.CellPos, bool) {
	pos, err := convert.ParseCellName(name)
	return pos, err == nil
}
