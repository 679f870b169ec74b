// Package spill keeps records in temporary files so that a run holds little
// in memory: opaque byte records in a file created with the first (Records),
// sequences of records stored in chunks (Log), values encoded with gob
// beyond a number held in memory (Values), and records sorted into groups
// (Buckets), all in Scratch files. It knows nothing of what the records
// mean: the callers encode and decode them, with AppendString,
// AppendDecimal and Decoder for the common parts.
//
// The temporary files are unnamed where the system allows, so that they
// vanish with the process however it ends. A fault of the file is an error
// saying so (读临时文件, 写临时文件); a record that does not decode is
// ErrDamaged; a record asked for after its file was removed is ErrClosed.
package spill

import "errors"

// ErrClosed means the records were asked for after their file was removed.
var ErrClosed = errors.New("临时文件已删除，其中的记录不再可用")
