package spill

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"sync"
)

// Values keeps values of type T for a run: the first Keep are held in
// memory by the caller (Hold says which), the others are encoded with gob
// into a temporary file (Put) and decoded when asked for (Get). The file
// is one gob stream: the first record also describes the types, the
// others are values only, so each is small and quick to decode; any record
// is read back by a decoder that has first been shown the first one. It is
// safe for concurrent use.
//
//	vs := spill.NewValues[T](50, "jixiao-*.tmp")
//	defer vs.Close()
//	if !vs.Hold() { ref, err = vs.Put(v, "甲") }
type Values[T any] struct {
	mu      sync.Mutex
	keep    int
	held    int
	pattern string
	file    *Scratch // nil until the first spill
	size    int64
	n       int // records put
	buf     bytes.Buffer
	enc     *gob.Encoder
	first   Ref // the record with the type descriptions
	dec     *gob.Decoder
	in      *recordReader
}

// NewValues holds keep values in memory (none when keep is 0 or less) and
// spills the others to a file named by pattern where a name is needed.
func NewValues[T any](keep int, pattern string) *Values[T] {
	return &Values[T]{keep: max(keep, 0), pattern: cmp.Or(pattern, "jixiao-values-*.tmp")}
}

// Hold counts one more value and reports whether the caller is to hold it
// in memory rather than Put it: true for the first Keep.
func (s *Values[T]) Hold() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.held < s.keep {
		s.held++
		return true
	}
	return false
}

// Held is the number of values Hold kept in memory.
func (s *Values[T]) Held() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.held
}

// Spilled is the number of values Put in the file.
func (s *Values[T]) Spilled() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.n
}

// Put encodes v into the file and returns where; what names v in the
// error when it does not encode. After a fault no value is taken.
func (s *Values[T]) Put(v *T, what string) (Ref, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.file == nil {
		f, err := create(s.pattern)
		if err != nil {
			return Ref{}, err
		}
		s.file = f
		s.enc = gob.NewEncoder(&s.buf)
	}
	if s.enc == nil {
		return Ref{}, errors.New("临时文件写入失败，不能再暂存")
	}
	s.buf.Reset()
	if err := s.enc.Encode(v); err != nil {
		// the stream's state is unknown: no further records
		s.enc = nil
		return Ref{}, fmt.Errorf("暂存%s：%w", what, err)
	}
	if _, err := s.file.WriteAt(s.buf.Bytes(), s.size); err != nil {
		s.enc = nil
		return Ref{}, writeFault(err)
	}
	ref := Ref{off: s.size, n: int64(s.buf.Len())}
	if s.size == 0 {
		s.first = ref
	}
	s.size += int64(s.buf.Len())
	s.n++
	return ref, nil
}

// Get decodes the value at ref; ErrClosed after Close.
func (s *Values[T]) Get(ref Ref) (*T, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.file == nil || ref.n == 0 {
		return nil, ErrClosed
	}
	v, err := s.decode(ref)
	if err != nil {
		s.dec = nil // its state is unknown: start afresh next time
		return nil, err
	}
	return v, nil
}

// decode reads the record at ref.
func (s *Values[T]) decode(ref Ref) (*T, error) {
	if ref == s.first && s.dec != nil {
		// the decoder has seen its type descriptions: they may not come again
		var v T
		err := gob.NewDecoder(bufio.NewReader(io.NewSectionReader(s.file, ref.off, ref.n))).Decode(&v)
		return &v, err
	}
	if s.dec == nil {
		s.in = &recordReader{}
		s.dec = gob.NewDecoder(s.in)
		if ref != s.first {
			s.in.r = bufio.NewReader(io.NewSectionReader(s.file, s.first.off, s.first.n))
			var types T
			if err := s.dec.Decode(&types); err != nil {
				return nil, err
			}
		}
	}
	s.in.r = bufio.NewReader(io.NewSectionReader(s.file, ref.off, ref.n))
	var v T
	if err := s.dec.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := s.in.r.ReadByte(); err != io.EOF {
		return nil, errors.New("记录未读完")
	}
	return &v, nil
}

// recordReader gives a gob decoder one record after another. It is a
// ByteReader, so the decoder reads no further than each message it decodes.
type recordReader struct {
	r *bufio.Reader
}

func (rr *recordReader) Read(p []byte) (int, error) { return rr.r.Read(p) }
func (rr *recordReader) ReadByte() (byte, error)    { return rr.r.ReadByte() }

// Close removes the file; Get fails afterwards.
func (s *Values[T]) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.file == nil {
		return nil
	}
	err := s.file.Remove()
	s.file, s.size = nil, 0
	s.enc, s.dec, s.in = nil, nil, nil
	s.buf = bytes.Buffer{}
	return err
}
