package spill

import (
	"encoding/binary"
	"errors"
	"math/big"

	"github.com/shopspring/decimal"
)

// ErrDamaged means a record did not decode: the temporary file was damaged.
var ErrDamaged = errors.New("临时文件中的记录已损坏")

// AppendString appends s to b as its length and its bytes (see
// Decoder.Str).
func AppendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// AppendBytes appends p to b as its length and its bytes (see
// Decoder.Bytes).
func AppendBytes(b, p []byte) []byte {
	b = binary.AppendUvarint(b, uint64(len(p)))
	return append(b, p...)
}

// AppendDecimal appends the decimal coef×10^exp as 0, coef, exp (see
// Decoder.Decimal).
func AppendDecimal(b []byte, coef int64, exp int32) []byte {
	b = append(b, 0)
	b = binary.AppendVarint(b, coef)
	return binary.AppendVarint(b, int64(exp))
}

// AppendBigDecimal appends d, whose coefficient need not fit an int64, as
// 1, its coefficient's digits, its exponent (see Decoder.Decimal).
func AppendBigDecimal(b []byte, d decimal.Decimal) []byte {
	b = append(b, 1)
	b = AppendString(b, d.Coefficient().String())
	return binary.AppendVarint(b, int64(d.Exponent()))
}

// Decoder reads a record. The first fault is kept (ErrDamaged) and every
// later read gives zero values, so a record is decoded in one go and its
// error looked at once:
//
//	d := spill.NewDecoder(rec)
//	name, n := d.Str(), d.Uvarint()
//	if err := d.End(); err != nil { … }
type Decoder struct {
	b   []byte
	err error
}

// NewDecoder reads b.
func NewDecoder(b []byte) Decoder { return Decoder{b: b} }

// Err is the first fault, or nil.
func (d *Decoder) Err() error { return d.err }

// Len is the number of bytes left.
func (d *Decoder) Len() int { return len(d.b) }

// Fail marks the record damaged.
func (d *Decoder) Fail() {
	if d.err == nil {
		d.err = ErrDamaged
	}
	d.b = nil
}

// End is the first fault; bytes left over are one.
func (d *Decoder) End() error {
	if len(d.b) != 0 {
		d.Fail()
	}
	return d.err
}

// Byte reads one byte.
func (d *Decoder) Byte() byte {
	if len(d.b) == 0 {
		d.Fail()
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

// Uvarint reads what binary.AppendUvarint wrote.
func (d *Decoder) Uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.Fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

// Varint reads what binary.AppendVarint wrote.
func (d *Decoder) Varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.Fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

// Count reads a length, refused when longer than what is left.
func (d *Decoder) Count() int {
	n := d.Uvarint()
	if n > uint64(len(d.b)) {
		d.Fail()
		return 0
	}
	return int(n)
}

// Bytes reads what AppendBytes wrote; the result shares the record's
// memory.
func (d *Decoder) Bytes() []byte {
	n := d.Count()
	p := d.b[:n:n]
	d.b = d.b[n:]
	return p
}

// Str reads what AppendString wrote.
func (d *Decoder) Str() string { return string(d.Bytes()) }

// Skip passes over what AppendString or AppendBytes wrote.
func (d *Decoder) Skip() { d.Bytes() }

// Decimal reads what AppendDecimal wrote as coef and exp (big nil), or what
// AppendBigDecimal wrote as big.
func (d *Decoder) Decimal() (coef int64, exp int32, bigd *decimal.Decimal) {
	kind := d.Byte()
	if d.err != nil {
		return 0, 0, nil
	}
	switch kind {
	case 0:
		coef, exp := d.Varint(), d.Varint()
		if d.err != nil || exp != int64(int32(exp)) {
			d.Fail()
			return 0, 0, nil
		}
		return coef, int32(exp), nil
	case 1:
		digits, exp := d.Str(), d.Varint()
		c, ok := new(big.Int).SetString(digits, 10)
		if !ok || exp != int64(int32(exp)) {
			d.Fail()
			return 0, 0, nil
		}
		v := decimal.NewFromBigInt(c, int32(exp))
		return 0, 0, &v
	}
	d.Fail()
	return 0, 0, nil
}
