package spill

import (
	"cmp"
	"fmt"
	"sync"
)

// Ref is where a record is in its Records (or its Values): the zero Ref
// is no record.
type Ref struct {
	off, n int64
}

// Records keeps records in a temporary file, created with the first (named
// by Pattern where the system needs a name); Load moves them into memory
// and removes the file. The zero Records is ready to use. It is safe for
// concurrent use.
//
//	recs := &spill.Records{Pattern: "jixiao-*.tmp"}
//	defer recs.Remove()
//	ref, err := recs.Put(rec)
//	…
//	rec, err = recs.Get(ref, buf)
type Records struct {
	Pattern string

	mu   sync.Mutex
	file *Scratch
	size int64
	mem  []byte // the records, once loaded
	err  error  // the first write fault: no record is taken after it
}

// Put stores b and returns where.
func (f *Records) Put(b []byte) (Ref, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return Ref{}, f.err
	}
	if f.mem != nil {
		ref := Ref{off: int64(len(f.mem)), n: int64(len(b))}
		f.mem = append(f.mem, b...)
		return ref, nil
	}
	if f.file == nil {
		s, err := create(cmp.Or(f.Pattern, "jixiao-records-*.tmp"))
		if err != nil {
			f.err = err
			return Ref{}, f.err
		}
		f.file = s
	}
	if _, err := f.file.WriteAt(b, f.size); err != nil {
		f.err = writeFault(err)
		return Ref{}, f.err
	}
	ref := Ref{off: f.size, n: int64(len(b))}
	f.size += int64(len(b))
	return ref, nil
}

// Get reads the record at ref into buf (grown as needed) and returns it. A
// record in memory is given as it is: the caller must not write to it.
func (f *Records) Get(ref Ref, buf []byte) ([]byte, error) {
	f.mu.Lock()
	file, mem := f.file, f.mem
	f.mu.Unlock()
	if mem != nil {
		if ref.off < 0 || ref.off+ref.n > int64(len(mem)) {
			return nil, ErrDamaged
		}
		return mem[ref.off : ref.off+ref.n], nil
	}
	if ref.n == 0 {
		return buf[:0], nil
	}
	if file == nil {
		return nil, ErrClosed
	}
	buf = append(buf[:0], make([]byte, ref.n)...)
	if _, err := file.ReadAt(buf, ref.off); err != nil {
		return nil, fmt.Errorf("读临时文件：%w", err)
	}
	return buf, nil
}

// Load reads every record into memory and removes the file; records put
// afterwards stay in memory.
func (f *Records) Load() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.mem != nil || f.file == nil {
		if f.mem == nil {
			f.mem = []byte{}
		}
		return nil
	}
	mem := make([]byte, f.size)
	if _, err := f.file.ReadAt(mem, 0); err != nil {
		return fmt.Errorf("读临时文件：%w", err)
	}
	f.mem = mem
	err := f.file.Remove()
	f.file = nil
	return err
}

// Remove removes the file and forgets the records.
func (f *Records) Remove() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.mem = nil
	if f.file == nil {
		return nil
	}
	err := f.file.Remove()
	f.file, f.size = nil, 0
	return err
}
