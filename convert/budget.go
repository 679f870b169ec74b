package convert

// Reading budgets. A few hundred bytes of input can describe a grid of
// billions of cells (a value at column XFD pads its row to 16,384 cells; a
// span of 1,000 columns covers 1,000 cells), so every reader counts what it
// holds and stops with a located error wrapping ErrBudget as soon as one
// count passes its limit, instead of exhausting memory and taking every
// other township's file down with it. The same calls check for
// cancellation, so a run interrupted with Ctrl-C ends within a second even
// while a huge file is being read.
//
// A reader makes one budget per file (newBudget) and, for each sheet:
//
//	b.enter(sheetName)                    // a new grid: row widths start over
//	if err := b.cell(row, col, len(text)); err != nil { return err } // before storing a cell
//	if err := b.spans(n); err != nil { return err }  // before expanding a span over n cells
//	if err := b.height(n); err != nil { return err } // before allocating a grid of n rows
//	if err := b.alive(); err != nil { return err }   // in loops that store nothing
//
// cell counts one stored cell, its text bytes and the grid slots storing it
// at zero-based row, col costs in a grid of dense rows (the row's padding
// up to col, and the empty rows above it); it assumes cells arrive row by
// row, and counts a row revisited as a new one, which only overcounts.
// Padding is bounded by the cells that exist: past a first million slots,
// at most 16 per cell (a column filled down to row 1,048,576 at column K
// reads; one cell per row at column XFD does not).
// Every method works on a nil budget, which has no limits and is never
// cancelled. Errors are *LocatedError values that name the file, the sheet
// and the cell; a reader returns them as they are (see located).

import (
	"context"
	"errors"
	"fmt"
	"math"
)

// Limits bound what reading one input file may hold. A zero field takes
// its default.
type Limits struct {
	// Cells caps the cells of the whole file (default 4,000,000).
	Cells int
	// Slots caps the grid slots: every stored cell, every empty cell padding
	// a row up to a cell further right, every row (default 16,000,000, and
	// at most 1,048,576 more than 64 per byte of input, so that a grid from
	// N bytes holds O(N) slots).
	Slots int
	// Spans caps the cells merged ranges expand over in docx and HTML tables
	// (default 1,000,000).
	Spans int
	// TextBytes caps the bytes of cell text (default 64 MB).
	TextBytes int
}

// Default limits; a township's form holds a few thousand cells.
const (
	DefaultMaxCells     = 4_000_000
	DefaultMaxSlots     = 16_000_000
	DefaultMaxSpans     = 1_000_000
	DefaultMaxTextBytes = 64 << 20
	slotsBase           = 1 << 20
	slotsPerByte        = 64
	// padPerCell bounds the slots of the rows' cells (padding included) by
	// the cells stored, past slotsBase.
	padPerCell = 16
	// budgetTick is how many counted cells pass between cancellation checks.
	budgetTick = 1024
)

// budget counts what one file's reader holds; see the file comment.
type budget struct {
	ctx         context.Context
	lim         Limits
	file, sheet string
	cells       int
	pad         int // slots of the rows' cells, padding included
	spanned     int
	text        int
	rows        int // rows of the current sheet's grid
	allRows     int // rows of all sheets' grids
	row, width  int // the row last counted and its width
	tick        int
}

// newBudget starts the budget of reading the file at path, size bytes
// long, with opt's limits and context.
func newBudget(path string, size int, opt Options) *budget {
	lim := opt.Limits
	if lim.Cells <= 0 {
		lim.Cells = DefaultMaxCells
	}
	if lim.Slots <= 0 {
		lim.Slots = DefaultMaxSlots
		if size < (DefaultMaxSlots-slotsBase)/slotsPerByte {
			lim.Slots = slotsBase + slotsPerByte*size
		}
	}
	if lim.Spans <= 0 {
		lim.Spans = DefaultMaxSpans
	}
	if lim.TextBytes <= 0 {
		lim.TextBytes = DefaultMaxTextBytes
	}
	ctx := opt.Context
	if ctx == nil {
		ctx = context.Background()
	}
	return &budget{ctx: ctx, lim: lim, file: path, row: -1}
}

// limit returns the budget's limits; a nil budget has none.
func (b *budget) limit() Limits {
	if b == nil {
		return Limits{Cells: math.MaxInt, Slots: math.MaxInt, Spans: math.MaxInt, TextBytes: math.MaxInt}
	}
	return b.lim
}

// reset forgets everything counted, for reading the same file again.
func (b *budget) reset() {
	if b == nil {
		return
	}
	*b = budget{ctx: b.ctx, lim: b.lim, file: b.file, row: -1}
}

// isCancel reports whether err ends a cancelled or timed-out read.
func isCancel(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// enter starts a sheet (a new grid) named name.
func (b *budget) enter(name string) {
	if b == nil {
		return
	}
	b.sheet, b.rows, b.row, b.width = name, 0, -1, 0
}

// cell counts a cell of textLen bytes stored at zero-based row, col.
func (b *budget) cell(row, col, textLen int) error {
	return b.rowCells(row, col, 1, textLen)
}

// rowCells counts n cells of row, the rightmost at col, with textLen
// bytes of text in all: cell for a reader that counts a row at a time.
func (b *budget) rowCells(row, col, n, textLen int) error {
	if b == nil {
		return nil
	}
	b.cells += n
	b.text += textLen
	if row != b.row {
		b.row, b.width = row, 0
	}
	if row >= b.rows {
		b.allRows += row + 1 - b.rows
		b.rows = row + 1
	}
	if col >= b.width {
		b.pad += col + 1 - b.width
		b.width = col + 1
	}
	switch {
	case b.cells > b.lim.Cells:
		return b.fail(row, col, fmt.Sprintf("单元格超过 %d 个", b.lim.Cells))
	case b.allRows+b.pad > b.lim.Slots:
		return b.fail(row, col, fmt.Sprintf("表格范围过大（行列展开后超过 %d 格）", b.lim.Slots))
	case b.pad > slotsBase+padPerCell*b.cells:
		return b.fail(row, col, "表格中远处的列有内容（如 XFD 列），每行都要展开到那一列")
	case b.text > b.lim.TextBytes:
		return b.fail(row, col, fmt.Sprintf("文字超过 %d MB", b.lim.TextBytes>>20))
	}
	if b.tick += n; b.tick >= budgetTick {
		b.tick = 0
		return b.alive()
	}
	return nil
}

// spans counts n cells a merged range expands over.
func (b *budget) spans(n int) error {
	if b == nil {
		return nil
	}
	b.spanned += n
	if b.spanned > b.lim.Spans {
		return b.fail(-1, -1, fmt.Sprintf("合并单元格展开后超过 %d 格", b.lim.Spans))
	}
	return nil
}

// height counts the grid of the current sheet as n rows tall, when it
// was counted shorter: the empty rows a reader allocates above its last.
func (b *budget) height(n int) error {
	if b == nil || n <= b.rows {
		return nil
	}
	b.allRows += n - b.rows
	b.rows = n
	if b.allRows+b.pad > b.lim.Slots {
		return b.fail(-1, -1, fmt.Sprintf("表格有 %d 行，超过 %d 格", b.allRows, b.lim.Slots))
	}
	return nil
}

// alive returns the context's error, located in the file, once the read
// is cancelled.
func (b *budget) alive() error {
	if b == nil {
		return nil
	}
	if err := b.ctx.Err(); err != nil {
		return &LocatedError{File: b.file, Sheet: b.sheet, Err: err}
	}
	return nil
}

func (b *budget) fail(row, col int, what string) error {
	le := &LocatedError{File: b.file, Sheet: b.sheet, Err: fmt.Errorf("%w：%s，请删除多余的行列或把内容拆到多个文件后再提交", ErrBudget, what)}
	if row >= 0 && col >= 0 {
		le.Cell = CellName(row, col)
		if le.Cell == "" { // beyond XFD1048576
			le.Line, le.Col = row+1, col+1
		}
	}
	return le
}

// located returns err as a *LocatedError naming file and sheet: one the
// budget made (already located) keeps its place, filled in where empty;
// any other error is wrapped.
func located(err error, file, sheet string) error {
	if le, ok := err.(*LocatedError); ok {
		if le.File == "" {
			le.File = file
		}
		if le.Sheet == "" {
			le.Sheet = sheet
		}
		return le
	}
	return &LocatedError{File: file, Sheet: sheet, Err: err}
}
