//go:build !unix

package convert

import "os"

// openInput opens an input file for reading; named pipes do not block an
// open here.
func openInput(path string) (*os.File, error) { return os.Open(path) }
