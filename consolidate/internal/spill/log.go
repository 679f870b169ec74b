package spill

import "iter"

// DefaultChunk is the size (in bytes) a chunk of a Log's records reaches
// before it is stored.
const DefaultChunk = 64 << 10

// Log is a sequence of records kept in a Records a chunk at a time: a few
// bytes in memory per chunk, nothing per record. Records are added through
// a LogWriter and read back in order with All.
type Log struct {
	chunks []Ref
	n      int
}

// Len is the number of records.
func (l *Log) Len() int { return l.n }

// LogWriter adds records to a Log, storing a chunk in its Records whenever
// it reaches its size. Flush stores the last.
type LogWriter struct {
	recs  *Records
	log   *Log
	buf   []byte
	chunk int
}

// Writer adds records to l, stored in recs in chunks of about chunk bytes
// (DefaultChunk when 0 or less).
func (l *Log) Writer(recs *Records, chunk int) *LogWriter {
	if chunk <= 0 {
		chunk = DefaultChunk
	}
	return &LogWriter{recs: recs, log: l, chunk: chunk}
}

// Add adds rec, storing the chunk when it is full.
func (w *LogWriter) Add(rec []byte) error {
	w.buf = AppendBytes(w.buf, rec)
	w.log.n++
	if len(w.buf) >= w.chunk {
		return w.Flush()
	}
	return nil
}

// Flush stores the records added since the last flush as one chunk.
func (w *LogWriter) Flush() error {
	if len(w.buf) == 0 {
		return nil
	}
	ref, err := w.recs.Put(w.buf)
	if err != nil {
		return err
	}
	w.log.chunks = append(w.log.chunks, ref)
	w.buf = w.buf[:0]
	return nil
}

// All reads l's records back from recs in order, a chunk at a time. A
// record is valid until the next is asked for. A fault ends the sequence
// with its error, and so do more or fewer records than were added
// (ErrDamaged).
//
//	for rec, err := range l.All(recs) {
//		if err != nil { … }
//	}
func (l *Log) All(recs *Records) iter.Seq2[[]byte, error] {
	return func(yield func([]byte, error) bool) {
		var buf []byte
		i := 0
		for _, ref := range l.chunks {
			b, err := recs.Get(ref, buf)
			if err != nil {
				yield(nil, err)
				return
			}
			if cap(b) > cap(buf) {
				buf = b // the buffer Get grew (a record in memory is never written to)
			}
			d := NewDecoder(b)
			for d.Len() > 0 {
				rec := d.Bytes()
				if d.err == nil && i >= l.n {
					d.Fail()
				}
				if d.err != nil {
					yield(nil, d.err)
					return
				}
				if !yield(rec, nil) {
					return
				}
				i++
			}
		}
		if i != l.n {
			yield(nil, ErrDamaged)
		}
	}
}

// Chunks is the number of chunks stored.
func (l *Log) Chunks() int { return len(l.chunks) }
