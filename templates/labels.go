package templates

import (
	"sort"

	"jixiao/convert"
)

// sheetLabels is what the cells of one sheet say as labels, matched once per
// sheet: the reader's passes (document fields, 部门整体绩效目标, project
// blocks) all look at the same cells, and matching is the costly part.
type sheetLabels struct {
	// cells are the cells that match a label or are unit lines, row by row,
	// left to right.
	cells []labelCell
	// at finds a cell of cells by position.
	at map[convert.CellPos]int
}

// labelCell is one cell of sheetLabels: its MatchLabel and its UnitLine.
type labelCell struct {
	row, col int
	m        LabelMatch
	unit     convert.Unit
	unitLine bool
}

// labels returns the sheet's label matches, matching its cells on first use.
func (r *reader) labels(sh *convert.Sheet) *sheetLabels {
	if l, ok := r.sheetLabels[sh]; ok {
		return l
	}
	l := &sheetLabels{at: map[convert.CellPos]int{}}
	for row := range sh.Rows {
		for col, cell := range sh.Rows[row] {
			if cell == "" {
				continue
			}
			s := convert.NormalizeLabel(cell)
			m := matchNormalized(cell, s)
			u, ok := unitLineNormalized(s)
			if m.Field == FieldNone && !ok {
				continue
			}
			l.at[convert.CellPos{Row: row, Col: col}] = len(l.cells)
			l.cells = append(l.cells, labelCell{row: row, col: col, m: m, unit: u, unitLine: ok})
		}
	}
	if r.sheetLabels == nil {
		r.sheetLabels = map[*convert.Sheet]*sheetLabels{}
	}
	r.sheetLabels[sh] = l
	return l
}

// match is MatchLabel of the cell at row, col.
func (l *sheetLabels) match(row, col int) LabelMatch {
	if i, ok := l.at[convert.CellPos{Row: row, Col: col}]; ok {
		return l.cells[i].m
	}
	return LabelMatch{}
}

// unitLine is UnitLine of the cell at row, col.
func (l *sheetLabels) unitLine(row, col int) (convert.Unit, bool) {
	if i, ok := l.at[convert.CellPos{Row: row, Col: col}]; ok && l.cells[i].unitLine {
		return l.cells[i].unit, true
	}
	return convert.UnitUnknown, false
}

// from is the index in cells of the first cell at or below row.
func (l *sheetLabels) from(row int) int {
	return sort.Search(len(l.cells), func(i int) bool { return l.cells[i].row >= row })
}

// matchAt is MatchLabel of a cell, taken from the sheet's matches when they
// have been made (readers of flat tables never make them).
func (r *reader) matchAt(sh *convert.Sheet, row, col int) LabelMatch {
	if l, ok := r.sheetLabels[sh]; ok {
		return l.match(row, col)
	}
	return MatchLabel(sh.Cell(row, col))
}
