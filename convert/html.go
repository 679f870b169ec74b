package convert

import "fmt"

// ReadHTML reads an HTML table export (often named .xls) into a Workbook. Not yet supported.
func ReadHTML(path string, opt Options) (*Workbook, error) {
	return nil, &LocatedError{File: path, Err: fmt.Errorf("%w: html", ErrUnknownFormat)}
}
