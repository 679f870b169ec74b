package convert

import (
	"context"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// WriteXLSX writes a grid workbook as .xlsx, sheet by sheet, every cell as
// the text it holds (nothing is evaluated or reinterpreted), merged ranges
// kept. The file appears complete or not at all (see SaveFile); an
// existing file is replaced, as SaveXLSX with Force does.
//
//	err := convert.WriteXLSX("out.xlsx", wb)
func WriteXLSX(path string, wb *Workbook) error {
	return SaveXLSX(context.Background(), path, wb, SaveOptions{Force: true})
}

// SaveXLSX is WriteXLSX saving with SaveFile's options: without opt.Force
// an existing file is refused. A sheet of more than 2,000 merged ranges, or
// ranges covering more than 1,000,000 cells, is refused with ErrBudget.
//
//	err := convert.SaveXLSX(ctx, "out.xlsx", wb, convert.SaveOptions{Inputs: []string{wb.Path}})
func SaveXLSX(ctx context.Context, path string, wb *Workbook, opt SaveOptions) error {
	if err := CheckOutput(path, opt); err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	if wb.Category != "" {
		// a workbook keeps what it was marked as
		if err := f.SetDocProps(&excelize.DocProperties{Category: wb.Category}); err != nil {
			return &LocatedError{File: path, Err: err}
		}
	}
	for i, sh := range wb.Sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sh.Name); err != nil {
				return &LocatedError{File: path, Sheet: sh.Name, Err: err}
			}
		} else if _, err := f.NewSheet(sh.Name); err != nil {
			return &LocatedError{File: path, Sheet: sh.Name, Err: err}
		}
		for r, row := range sh.Rows {
			for c, v := range row {
				if v == "" {
					continue
				}
				if err := f.SetCellStr(sh.Name, CellName(r, c), v); err != nil {
					return &LocatedError{File: path, Sheet: sh.Name, Cell: CellName(r, c), Err: err}
				}
			}
		}
		// The library fills every cell a range covers and, when saving,
		// compares every pair of ranges: both are bounded here.
		area := 0
		for _, m := range sh.Merges {
			area += (m.Bottom - m.Top + 1) * (m.Right - m.Left + 1)
		}
		if len(sh.Merges) > maxQuickMerges || area > DefaultMaxSpans {
			return &LocatedError{File: path, Sheet: sh.Name, Err: fmt.Errorf("%w：合并单元格有 %d 个、共覆盖 %d 格，超过写出工作簿的上限（%d 个、%d 格）；请取消多余的合并后再转换", ErrBudget, len(sh.Merges), area, maxQuickMerges, DefaultMaxSpans)}
		}
		for _, m := range sh.Merges {
			if err := f.MergeCell(sh.Name, CellName(m.Top, m.Left), CellName(m.Bottom, m.Right)); err != nil {
				return &LocatedError{File: path, Sheet: sh.Name, Cell: CellName(m.Top, m.Left), Err: err}
			}
		}
	}
	return SaveFile(ctx, path, opt, func(w io.Writer) error {
		_, err := f.WriteTo(w)
		return err
	})
}
