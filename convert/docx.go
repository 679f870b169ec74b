package convert

import "fmt"

// ReadDOCX reads a .docx file into a Workbook. Not yet supported.
func ReadDOCX(path string) (*Workbook, error) {
	return nil, &LocatedError{File: path, Err: fmt.Errorf("%w: .docx", ErrUnknownFormat)}
}
