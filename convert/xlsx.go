package convert

import (
	"errors"
	"fmt"

	"github.com/xuri/excelize/v2"
)

// Safety limits for opening workbooks: a tiny zip that inflates to gigabytes
// (a zip bomb) is refused instead of exhausting memory or disk.
const (
	xlsxUnzipLimit    = 1 << 30 // 1 GiB in all
	xlsxUnzipXMLLimit = 64 << 20
)

// ReadXLSX reads every sheet of an .xlsx workbook into a Workbook with raw
// cell values (numbers as stored, not as displayed) and merged ranges.
//
//	wb, err := convert.ReadXLSX("王官营镇.xlsx")
func ReadXLSX(path string) (*Workbook, error) {
	f, err := excelize.OpenFile(path, excelize.Options{
		RawCellValue:      true,
		UnzipSizeLimit:    xlsxUnzipLimit,
		UnzipXMLSizeLimit: xlsxUnzipXMLLimit,
	})
	if err != nil {
		return nil, &LocatedError{File: path, Err: classifyXLSXError(err)}
	}
	defer f.Close()
	wb := &Workbook{Path: path, Format: "xlsx"}
	for _, name := range f.GetSheetList() {
		sh, err := readXLSXSheet(f, name)
		if err != nil {
			return nil, &LocatedError{File: path, Sheet: name, Err: classifyXLSXError(err)}
		}
		wb.Sheets = append(wb.Sheets, sh)
	}
	return wb, nil
}

func readXLSXSheet(f *excelize.File, name string) (Sheet, error) {
	sh := Sheet{Name: name}
	rows, err := f.Rows(name)
	if err != nil {
		return sh, err
	}
	defer rows.Close()
	for rows.Next() {
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return sh, err
		}
		sh.Rows = append(sh.Rows, cols)
	}
	if err := rows.Error(); err != nil {
		return sh, err
	}
	merges, err := f.GetMergeCells(name)
	if err != nil {
		return sh, err
	}
	for _, m := range merges {
		l, t, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		r, b, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil {
			continue
		}
		sh.Merges = append(sh.Merges, Merge{Top: t - 1, Left: l - 1, Bottom: b - 1, Right: r - 1})
	}
	return sh, nil
}

func classifyXLSXError(err error) error {
	switch {
	case errors.Is(err, excelize.ErrWorkbookPassword):
		return fmt.Errorf("%w: %v", ErrEncrypted, err)
	case errors.Is(err, excelize.ErrOptionsUnzipSizeLimit):
		return fmt.Errorf("%w: %v", ErrTooLarge, err)
	}
	return fmt.Errorf("%w: %v", ErrUnreadable, err)
}
