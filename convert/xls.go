package convert

import "fmt"

// ReadXLS reads a .xls file into a Workbook. Not yet supported.
func ReadXLS(path string) (*Workbook, error) {
	return nil, &LocatedError{File: path, Err: fmt.Errorf("%w: .xls", ErrUnknownFormat)}
}
