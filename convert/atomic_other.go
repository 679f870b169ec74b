//go:build !linux

package convert

import (
	"errors"
	"os"
)

var errNoUnnamed = errors.New("unnamed temporary files are not supported here")

func openUnnamed(string) (*os.File, error) { return nil, errNoUnnamed }

func linkUnnamed(*os.File, string) error { return errNoUnnamed }

// renameExclusive is not available here: renameNoReplace links instead.
func renameExclusive(string, string) error { return errNoUnnamed }
