package spill

import (
	"errors"
	"fmt"
	"io"
	"os"

	"jixiao/convert"
)

// Scratch is a temporary file in the system's temporary folder: unnamed
// where the system allows, so that it vanishes with the process however it
// ends.
//
//	f, err := spill.NewScratch("jixiao-*.tmp")
//	…
//	defer f.Remove()
type Scratch struct {
	*os.File
	name string // "" when unnamed
}

// NewScratch creates a scratch file, named by os.CreateTemp's pattern where
// it needs a name.
func NewScratch(pattern string) (*Scratch, error) {
	f, name, err := convert.ScratchFile(os.TempDir(), pattern)
	if err != nil {
		return nil, err
	}
	return &Scratch{File: f, name: name}, nil
}

// Remove closes and deletes the file.
func (s *Scratch) Remove() error {
	err := s.File.Close()
	if s.name != "" {
		if rerr := os.Remove(s.name); err == nil {
			err = rerr
		}
	}
	return err
}

// create is NewScratch, its fault said to be the temporary file's.
func create(pattern string) (*Scratch, error) {
	s, err := NewScratch(pattern)
	if err != nil {
		return nil, fmt.Errorf("创建临时文件：%w", err)
	}
	return s, nil
}

func writeFault(err error) error { return fmt.Errorf("写临时文件：%w", err) }

// readFault is a failed read of a temporary file; the file ending early
// means it was cut short.
func readFault(err error) error {
	if errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF
	}
	return fmt.Errorf("读临时文件：%w", err)
}
