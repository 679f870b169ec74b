package convert

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// ReadCSV reads a CSV/TSV text file into a one-sheet Workbook named after
// the file's stem, decoding its encoding (see DecodeText).
//
//	wb, err := convert.ReadCSV("王官营镇.csv", convert.Options{Encoding: "auto"})
func ReadCSV(path string, opt Options) (*Workbook, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &LocatedError{File: path, Err: fmt.Errorf("%w: %v", ErrUnreadable, err)}
	}
	text, enc, err := DecodeText(data, opt.Encoding)
	if err != nil {
		return nil, &LocatedError{File: path, Err: err}
	}
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	rows, err := r.ReadAll()
	if err != nil {
		return nil, &LocatedError{File: path, Err: fmt.Errorf("%w: %v", ErrUnreadable, err)}
	}
	stem := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	return &Workbook{Path: path, Format: "csv", Encoding: enc, Sheets: []Sheet{{Name: stem, Rows: rows}}}, nil
}
