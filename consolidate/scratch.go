package consolidate

import "jixiao/consolidate/internal/spill"

// scratch is a temporary file that vanishes with the process (see
// spill.Scratch).
type scratch struct{ *spill.Scratch }

func scratchFile(pattern string) (*scratch, error) {
	s, err := spill.NewScratch(pattern)
	if err != nil {
		return nil, err
	}
	return &scratch{s}, nil
}

// remove closes and deletes the file.
func (s *scratch) remove() error { return s.Remove() }
