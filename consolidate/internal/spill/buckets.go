package spill

import (
	"bufio"
	"cmp"
	"encoding/binary"
	"io"
	"iter"
	"slices"
)

// bucketBuf is the buffer of the sequential reads and writes of Buckets.
const bucketBuf = 64 << 10

// Buckets sorts records into numbered groups on disk. Every record Added
// is written to a first file in the order given, framed with its group's
// number; Arrange then gives the groups their places in a second file, in
// the order asked, and reads the first back a chunk at a time, each
// chunk's records written to their groups' places, so that each group
// keeps its records in the order they were added. In memory are only the
// groups (where their records are and how many): nothing per record.
// Close removes the files. It is not safe for concurrent use.
//
//	b := &spill.Buckets{Pattern: "jixiao-*.tmp"}
//	defer b.Close()
//	err := b.Add(g, rec) // …
//	err = b.Arrange(order, 1<<20)
//	for rec, err := range b.Group(g) { … }
type Buckets struct {
	Pattern string

	groups  []bucket
	n       int      // the number of records
	raw     *Scratch // the records as added, until Arrange
	w       *bufio.Writer
	rawSize int64
	file    *Scratch // the records by group, after Arrange
	head    []byte
	r       *bufio.Reader // Group's, reused
	buf     []byte        // Group's, reused
}

// bucket is a group and where its records are in the arranged file: count
// records in size bytes from off, each its length and its bytes.
type bucket struct {
	count     int
	off, size int64
}

// Len is the number of records.
func (b *Buckets) Len() int { return b.n }

// Count is the number of records in group g.
func (b *Buckets) Count(g int) int { return b.groups[g].count }

// Add appends rec to group g (numbered from 0; a new number adds groups).
func (b *Buckets) Add(g int, rec []byte) error {
	if b.raw == nil {
		s, err := create(cmp.Or(b.Pattern, "jixiao-buckets-*.tmp"))
		if err != nil {
			return err
		}
		b.raw, b.w = s, bufio.NewWriterSize(s, bucketBuf)
	}
	for len(b.groups) <= g {
		b.groups = append(b.groups, bucket{})
	}
	b.head = binary.AppendUvarint(b.head[:0], uint64(g))
	n := len(b.head)
	b.head = binary.AppendUvarint(b.head, uint64(len(rec)))
	if _, err := b.w.Write(b.head); err != nil {
		return writeFault(err)
	}
	if _, err := b.w.Write(rec); err != nil {
		return writeFault(err)
	}
	grp := &b.groups[g]
	grp.count++
	grp.size += int64(len(b.head) - n + len(rec))
	b.rawSize += int64(len(b.head) + len(rec))
	b.n++
	return nil
}

// frame is a record read back from the first file: its group and where its
// length and bytes are in the chunk.
type frame struct {
	g          int32
	start, end int
}

// Arrange writes the records added to the second file, the groups in
// order (every group's number once), putting about chunk bytes of records
// in order at a time; the first file is removed. Nothing can be added
// afterwards.
func (b *Buckets) Arrange(order []int32, chunk int) error {
	if b.raw == nil {
		return nil
	}
	err := b.w.Flush()
	if err != nil {
		err = writeFault(err)
	} else {
		err = b.arrange(order, chunk)
	}
	if rerr := b.raw.Remove(); err == nil {
		err = rerr
	}
	b.raw, b.w = nil, nil
	return err
}

func (b *Buckets) arrange(order []int32, chunk int) error {
	if len(order) != len(b.groups) {
		return ErrDamaged
	}
	rank := make([]int32, len(b.groups))
	next := make([]int64, len(b.groups)) // where each group's next records go
	var off int64
	for r, g := range order {
		rank[g] = int32(r)
		b.groups[g].off, next[g] = off, off
		off += b.groups[g].size
	}
	f, err := create(cmp.Or(b.Pattern, "jixiao-buckets-*.tmp"))
	if err != nil {
		return err
	}
	b.file = f
	r := bufio.NewReaderSize(io.NewSectionReader(b.raw, 0, b.rawSize), bucketBuf)
	var (
		buf, out []byte
		frames   []frame
	)
	for read := 0; read < b.n; {
		buf, frames = buf[:0], frames[:0]
		for ; len(buf) < chunk && read < b.n; read++ {
			g, err := binary.ReadUvarint(r)
			if err != nil {
				return readFault(err)
			}
			if g >= uint64(len(b.groups)) {
				return ErrDamaged
			}
			start := len(buf)
			if buf, err = readRecord(r, buf, b.rawSize); err != nil {
				return err
			}
			frames = append(frames, frame{g: int32(g), start: start, end: len(buf)})
		}
		// stable: a group's records stay in the order added
		slices.SortStableFunc(frames, func(x, y frame) int { return cmp.Compare(rank[x.g], rank[y.g]) })
		for i := 0; i < len(frames); {
			g := frames[i].g
			out = out[:0]
			for ; i < len(frames) && frames[i].g == g; i++ {
				out = append(out, buf[frames[i].start:frames[i].end]...)
			}
			grp := &b.groups[g]
			if next[g]+int64(len(out)) > grp.off+grp.size {
				return ErrDamaged
			}
			if _, err := b.file.WriteAt(out, next[g]); err != nil {
				return writeFault(err)
			}
			next[g] += int64(len(out))
		}
	}
	for g, grp := range b.groups {
		if next[g] != grp.off+grp.size {
			return ErrDamaged
		}
	}
	return nil
}

// readRecord reads a record's length and bytes from r and appends both to
// buf; a length beyond limit is refused as damage.
func readRecord(r *bufio.Reader, buf []byte, limit int64) ([]byte, error) {
	n, err := binary.ReadUvarint(r)
	if err != nil {
		return buf, readFault(err)
	}
	if n > uint64(limit) {
		return buf, ErrDamaged
	}
	buf = binary.AppendUvarint(buf, n)
	start := len(buf)
	buf = slices.Grow(buf, int(n))[:start+int(n)]
	if _, err := io.ReadFull(r, buf[start:]); err != nil {
		return buf, readFault(err)
	}
	return buf, nil
}

// Group reads group g's records back in order, one at a time; a record is
// valid until the next is asked for, and one group is read at a time.
// ErrClosed before Arrange or after Close.
func (b *Buckets) Group(g int) iter.Seq2[[]byte, error] {
	return func(yield func([]byte, error) bool) {
		if b.file == nil {
			yield(nil, ErrClosed)
			return
		}
		grp := b.groups[g]
		if b.r == nil {
			b.r = bufio.NewReaderSize(nil, bucketBuf)
		}
		b.r.Reset(io.NewSectionReader(b.file, grp.off, grp.size))
		for range grp.count {
			var err error
			if b.buf, err = readRecord(b.r, b.buf[:0], grp.size); err != nil {
				yield(nil, err)
				return
			}
			_, n := binary.Uvarint(b.buf)
			if !yield(b.buf[n:], nil) {
				return
			}
		}
	}
}

// Close removes the files.
func (b *Buckets) Close() error {
	var err error
	if b.raw != nil {
		err = b.raw.Remove()
		b.raw, b.w = nil, nil
	}
	if b.file != nil {
		if ferr := b.file.Remove(); err == nil {
			err = ferr
		}
		b.file = nil
	}
	return err
}
