package consolidate

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/big"
	"sync"

	"github.com/shopspring/decimal"
)

// The projects of each tally (names, codes, 预算数 and numeric 成本指标) are
// what the summary sheets and the checks across townships read, one township
// at a time, in township order. Held in memory they would cost more than
// everything else a run keeps of a township; they are kept as compact
// records in a temporary file instead (see recordFile), a few hundred bytes
// each, and decoded when read.

// errRecord means a record did not decode: the temporary file was damaged.
var errRecord = errors.New("临时文件中的记录已损坏")

// appendProjects appends the record of ps to b. Cost texts and places are
// written as their numbers in the run's interner.
func appendProjects(b []byte, ps []projectTally) []byte {
	b = binary.AppendUvarint(b, uint64(len(ps)))
	for _, p := range ps {
		b = appendString(b, p.name)
		b = appendString(b, p.code)
		b = appendPlace(b, p.codeAt)
		b = appendExact(b, p.budget)
		b = binary.AppendUvarint(b, uint64(len(p.costs)))
		for _, c := range p.costs {
			b = binary.AppendUvarint(b, uint64(c.costText.id))
			b = appendExact(b, c.num)
			b = appendPlace(b, c.at)
		}
	}
	return b
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// appendPlace writes 0 for no place, else its number + 1.
func appendPlace(b []byte, p *place) []byte {
	if p == nil {
		return append(b, 0)
	}
	return binary.AppendUvarint(b, uint64(p.id)+1)
}

// appendExact writes 0, coefficient, exponent; or, for a coefficient beyond
// an int64, 1, its digits, exponent.
func appendExact(b []byte, x exact) []byte {
	if x.big == nil {
		b = append(b, 0)
		b = binary.AppendVarint(b, x.coef)
		return binary.AppendVarint(b, int64(x.exp))
	}
	b = append(b, 1)
	b = appendString(b, x.big.Coefficient().String())
	return binary.AppendVarint(b, int64(x.big.Exponent()))
}

// recordDecoder reads a record; the first fault is kept in err and every
// later read gives zero values.
type recordDecoder struct {
	b   []byte
	in  *interner
	err error
}

func (d *recordDecoder) fail() {
	if d.err == nil {
		d.err = errRecord
	}
	d.b = nil
}

func (d *recordDecoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *recordDecoder) varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

// count reads a length, refused when longer than what is left.
func (d *recordDecoder) count() int {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.fail()
		return 0
	}
	return int(n)
}

func (d *recordDecoder) str() string {
	n := d.count()
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

// skip passes over a string.
func (d *recordDecoder) skip() {
	n := d.count()
	d.b = d.b[n:]
}

func (d *recordDecoder) place() *place {
	id := d.uvarint()
	if id == 0 || d.err != nil {
		return nil
	}
	p := d.in.placeByID(id - 1)
	if p == nil {
		d.fail()
	}
	return p
}

func (d *recordDecoder) exact() exact {
	if len(d.b) == 0 {
		d.fail()
		return exact{}
	}
	kind := d.b[0]
	d.b = d.b[1:]
	switch kind {
	case 0:
		coef, exp := d.varint(), d.varint()
		if exp != int64(int32(exp)) {
			d.fail()
			return exact{}
		}
		return exact{coef: coef, exp: int32(exp)}
	case 1:
		digits, exp := d.str(), d.varint()
		c, ok := new(big.Int).SetString(digits, 10)
		if !ok || exp != int64(int32(exp)) {
			d.fail()
			return exact{}
		}
		v := decimal.NewFromBigInt(c, int32(exp))
		return exact{big: &v}
	}
	d.fail()
	return exact{}
}

// projects decodes a record written by appendProjects.
func (d *recordDecoder) projects() []projectTally {
	n := d.count()
	if d.err != nil {
		return nil
	}
	ps := make([]projectTally, 0, n)
	for range n {
		p := projectTally{name: d.str(), code: d.str(), codeAt: d.place(), budget: d.exact()}
		if nc := d.count(); nc > 0 {
			p.costs = make([]costTally, 0, nc)
			for range nc {
				text := d.in.costByID(d.uvarint())
				if text == nil {
					d.fail()
				}
				p.costs = append(p.costs, costTally{costText: text, num: d.exact(), at: d.place()})
			}
		}
		if d.err != nil {
			return nil
		}
		ps = append(ps, p)
	}
	if len(d.b) != 0 {
		d.fail()
		return nil
	}
	return ps
}

// recordFile keeps records in a temporary file, created with the first;
// load moves them into memory and removes the file. It is safe for
// concurrent use.
type recordFile struct {
	mu   sync.Mutex
	file *scratch
	size int64
	mem  []byte // the records, once loaded
	err  error  // the first write fault: no record is taken after it
}

// put stores b and returns where.
func (f *recordFile) put(b []byte) (spillRef, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return spillRef{}, f.err
	}
	if f.mem != nil {
		ref := spillRef{off: int64(len(f.mem)), n: int64(len(b))}
		f.mem = append(f.mem, b...)
		return ref, nil
	}
	if f.file == nil {
		s, err := scratchFile("jixiao-tallies-*.tmp")
		if err != nil {
			f.err = fmt.Errorf("创建临时文件：%w", err)
			return spillRef{}, f.err
		}
		f.file = s
	}
	if _, err := f.file.WriteAt(b, f.size); err != nil {
		f.err = fmt.Errorf("写临时文件：%w", err)
		return spillRef{}, f.err
	}
	ref := spillRef{off: f.size, n: int64(len(b))}
	f.size += int64(len(b))
	return ref, nil
}

// get reads the record at ref into buf (grown as needed) and returns it.
func (f *recordFile) get(ref spillRef, buf []byte) ([]byte, error) {
	f.mu.Lock()
	file, mem := f.file, f.mem
	f.mu.Unlock()
	if mem != nil {
		if ref.off < 0 || ref.off+ref.n > int64(len(mem)) {
			return nil, errRecord
		}
		return mem[ref.off : ref.off+ref.n], nil
	}
	if ref.n == 0 {
		return buf[:0], nil
	}
	if file == nil {
		return nil, errClosed
	}
	buf = append(buf[:0], make([]byte, ref.n)...)
	if _, err := file.ReadAt(buf, ref.off); err != nil {
		return nil, fmt.Errorf("读临时文件：%w", err)
	}
	return buf, nil
}

// load reads every record into memory and removes the file.
func (f *recordFile) load() error {
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
	err := f.file.remove()
	f.file = nil
	return err
}

// remove removes the file and forgets the records.
func (f *recordFile) remove() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.mem = nil
	if f.file == nil {
		return nil
	}
	err := f.file.remove()
	f.file, f.size = nil, 0
	return err
}
