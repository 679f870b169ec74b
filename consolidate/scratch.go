package consolidate

import (
	"os"

	"jixiao/convert"
)

// scratch is a temporary file in the system's temporary folder: unnamed
// where the system allows, so that it vanishes with the process however it
// ends.
type scratch struct {
	*os.File
	name string // "" when unnamed
}

func scratchFile(pattern string) (*scratch, error) {
	f, name, err := convert.ScratchFile(os.TempDir(), pattern)
	if err != nil {
		return nil, err
	}
	return &scratch{File: f, name: name}, nil
}

// remove closes and deletes the file.
func (s *scratch) remove() error {
	err := s.File.Close()
	if s.name != "" {
		if rerr := os.Remove(s.name); err == nil {
			err = rerr
		}
	}
	return err
}
