package convert

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/xuri/excelize/v2"
)

// WriteXLSX writes a grid workbook as .xlsx, sheet by sheet, every cell as
// the text it holds (nothing is evaluated or reinterpreted), merged ranges
// kept. The file appears complete or not at all: it is written to a
// temporary file beside path and renamed over it.
//
//	err := convert.WriteXLSX("out.xlsx", wb)
func WriteXLSX(path string, wb *Workbook) error {
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
		for _, m := range sh.Merges {
			if err := f.MergeCell(sh.Name, CellName(m.Top, m.Left), CellName(m.Bottom, m.Right)); err != nil {
				return &LocatedError{File: path, Sheet: sh.Name, Cell: CellName(m.Top, m.Left), Err: err}
			}
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return &LocatedError{File: path, Err: err}
	}
	defer os.Remove(tmp.Name())
	if _, err := f.WriteTo(tmp); err != nil {
		tmp.Close()
		return &LocatedError{File: path, Err: err}
	}
	if err := tmp.Close(); err != nil {
		return &LocatedError{File: path, Err: err}
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return &LocatedError{File: path, Err: fmt.Errorf("%w", err)}
	}
	return nil
}
