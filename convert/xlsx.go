package convert

import (
	"archive/zip"
	"bytes"
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
// Formula cells saved without a computed value and cells holding error
// values (#DIV/0!, #REF!, …) are marked in Sheet.Flags: jixiao never
// evaluates formulas, so their text alone would mislead.
//
// A workbook whose parts inflate beyond the safety limit gives an error
// wrapping ErrTooLarge before anything is inflated.
//
// A byte-level reader reads the package in one pass (readXLSXFast); a
// package it does not fully understand is read with excelize, which gives
// the same Workbook for every package the fast reader accepts.
//
//	wb, err := convert.ReadXLSX("王官营镇.xlsx")
func ReadXLSX(path string) (*Workbook, error) {
	return readFile(path, func(path string, data []byte) (*Workbook, error) {
		return readXLSXBytes(path, data, newBudget(path, len(data), Options{}))
	})
}

// readXLSXBytes is ReadXLSX of the file's bytes, data, within budget b.
// A budget error of the fast reader is final: excelize would only use
// more memory on the same cells.
func readXLSXBytes(path string, data []byte, b *budget) (*Workbook, error) {
	zr, zerr := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if zerr != nil {
		return readXLSXLibrary(path, data, nil, b)
	}
	if err := checkUnzipSize(zr); err != nil {
		return nil, &LocatedError{File: path, Err: err}
	}
	wb, err := readXLSXFast(path, zr, b)
	if err != nil && errors.Is(err, errNotHandled) {
		b.reset()
		if fixed, ok := repairXLSX(zr); ok {
			wb, err = readXLSXRepaired(path, fixed, b)
		} else {
			wb, err = readXLSXLibrary(path, data, zr, b)
		}
	}
	if err != nil {
		return nil, err
	}
	wb.Category = coreCategory(zr)
	return wb, nil
}

// readXLSXRepaired reads a package repairXLSX rewrote, as readXLSXBytes
// reads any other.
func readXLSXRepaired(path string, data []byte, b *budget) (*Workbook, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, &LocatedError{File: path, Err: fmt.Errorf("%w: %v", ErrUnreadable, err)}
	}
	wb, err := readXLSXFast(path, zr, b)
	if err != nil && errors.Is(err, errNotHandled) {
		b.reset()
		wb, err = readXLSXLibrary(path, data, zr, b)
	}
	return wb, err
}

// readXLSXLibrary reads the workbook, whose bytes are data, with excelize;
// zr is the package when archive/zip could open it (its size already
// checked), else nil.
func readXLSXLibrary(path string, data []byte, zr *zip.Reader, b *budget) (*Workbook, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		RawCellValue:      true,
		UnzipSizeLimit:    xlsxUnzipLimit,
		UnzipXMLSizeLimit: xlsxUnzipXMLLimit,
	})
	if err != nil {
		return nil, &LocatedError{File: path, Err: classifyXLSXError(err)}
	}
	defer f.Close()
	var parts map[string]string
	if zr != nil {
		parts = sheetParts(zr)
	}
	wb := &Workbook{Path: path, Format: "xlsx"}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		wb.Date1904 = *props.Date1904
	}
	for _, name := range f.GetSheetList() {
		b.enter(name)
		sh, err := readXLSXSheet(f, name, parts[name], b)
		var missing excelize.ErrSheetNotExist
		if _, hasPart := parts[name]; err != nil && !hasPart && parts != nil && errors.As(err, &missing) {
			// a sheet listed without a worksheet part: Excel shows nothing of it
			wb.Sheets = append(wb.Sheets, Sheet{Name: name})
			continue
		}
		if err != nil {
			return nil, located(classifyXLSXError(err), path, name)
		}
		if part, ok := parts[name]; ok {
			if err := flagCells(zr, part, &sh); err != nil {
				return nil, &LocatedError{File: path, Sheet: name, Err: classifyXLSXError(err)}
			}
		}
		wb.Sheets = append(wb.Sheets, sh)
	}
	return wb, nil
}

// checkUnzipSize refuses a zip whose entries declare more than the unzip
// limit in all. archive/zip fails any entry that inflates beyond its declared
// size, so the declared sizes bound what reading can produce.
func checkUnzipSize(zr *zip.Reader) error {
	var total uint64
	for _, e := range zr.File {
		total += e.UncompressedSize64
		if e.UncompressedSize64 > xlsxUnzipLimit || total > xlsxUnzipLimit {
			return fmt.Errorf("%w：解压后超过 %d MB（%s）", ErrTooLarge, xlsxUnzipLimit>>20, e.Name)
		}
	}
	return nil
}

func readXLSXSheet(f *excelize.File, name, part string, b *budget) (Sheet, error) {
	sh := Sheet{Name: name}
	rows, err := f.Rows(name)
	if err != nil {
		return sh, err
	}
	defer rows.Close()
	for r := 0; rows.Next(); r++ {
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return sh, err
		}
		// The row iterator pads each row to its last cell; the row is
		// counted before it is kept.
		for c, v := range cols {
			if v == "" && c < len(cols)-1 {
				continue
			}
			if err := b.cell(r, c, len(v)); err != nil {
				return sh, err
			}
		}
		sh.Rows = append(sh.Rows, cols)
	}
	if err := rows.Error(); err != nil {
		return sh, err
	}
	sh.Merges, err = sheetMerges(f, name, part)
	return sh, err
}

func classifyXLSXError(err error) error {
	switch {
	case errors.Is(err, ErrTooLarge), errors.Is(err, ErrUnreadable), errors.Is(err, ErrBudget), isCancel(err):
		return err
	case errors.Is(err, excelize.ErrWorkbookPassword):
		return fmt.Errorf("%w: %v", ErrEncrypted, err)
	case errors.Is(err, excelize.ErrOptionsUnzipSizeLimit):
		return fmt.Errorf("%w: %v", ErrTooLarge, err)
	}
	return fmt.Errorf("%w: %v", ErrUnreadable, err)
}
