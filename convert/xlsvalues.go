package convert

// Decoding of BIFF cell values and of strings that run across CONTINUE records.

import (
	"encoding/binary"
	"math"
	"strconv"
	"strings"
	"unicode/utf16"
)

func xlsRowCol(d []byte) (int, int) {
	return int(binary.LittleEndian.Uint16(d)), int(binary.LittleEndian.Uint16(d[2:]))
}

// xlsNumber renders a stored binary double as the decimal a user typed:
// rounded to 15 significant digits (Excel's own precision), without
// exponent or trailing zeros, so 4.92 stays "4.92" and 0.1+0.2 is "0.3".
func xlsNumber(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 15, 64), 64)
	if err != nil {
		r = v
	}
	if r == 0 {
		return "0"
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}

// xlsRK decodes an RK number: a 30-bit signed integer or the top 30 bits of
// a double, optionally divided by 100.
func xlsRK(rk uint32) string {
	div100 := rk&1 != 0
	if rk&2 != 0 {
		n := int64(int32(rk) >> 2)
		if div100 {
			return xlsNumber(float64(n) / 100)
		}
		return strconv.FormatInt(n, 10)
	}
	v := math.Float64frombits(uint64(rk&^3) << 32)
	if div100 {
		v /= 100
	}
	return xlsNumber(v)
}

// xlsBool renders a boolean as the raw value the xlsx reader gives ("1"/"0").
func xlsBool(b byte) string {
	if b != 0 {
		return "1"
	}
	return "0"
}

func xlsErrorText(code byte) string {
	switch code {
	case 0x00:
		return "#NULL!"
	case 0x07:
		return "#DIV/0!"
	case 0x0F:
		return "#VALUE!"
	case 0x17:
		return "#REF!"
	case 0x1D:
		return "#NAME?"
	case 0x24:
		return "#NUM!"
	case 0x2A:
		return "#N/A"
	}
	return "#ERROR!"
}

// biffReader reads across a record and its CONTINUE records.
type biffReader struct {
	segs [][]byte
	seg  int
	off  int
	err  error
}

// avail returns the bytes left in the current segment, moving to the next
// segment when the current one is used up.
func (r *biffReader) avail() int {
	for r.seg < len(r.segs) && r.off >= len(r.segs[r.seg]) {
		r.seg++
		r.off = 0
	}
	if r.seg >= len(r.segs) {
		return 0
	}
	return len(r.segs[r.seg]) - r.off
}

func (r *biffReader) bytes(n int) []byte {
	out := make([]byte, 0, min(n, 1<<16))
	for n > 0 {
		a := r.avail()
		if a == 0 {
			r.err = errBIFFTruncated
			return out
		}
		k := min(a, n)
		out = append(out, r.segs[r.seg][r.off:r.off+k]...)
		r.off += k
		n -= k
	}
	return out
}

func (r *biffReader) skip(n int) {
	for n > 0 {
		a := r.avail()
		if a == 0 {
			r.err = errBIFFTruncated
			return
		}
		k := min(a, n)
		r.off += k
		n -= k
	}
}

func (r *biffReader) u8() byte {
	p := r.bytes(1)
	if len(p) < 1 {
		return 0
	}
	return p[0]
}

func (r *biffReader) u16() uint16 {
	p := r.bytes(2)
	if len(p) < 2 {
		return 0
	}
	return binary.LittleEndian.Uint16(p)
}

func (r *biffReader) u32() uint32 {
	p := r.bytes(4)
	if len(p) < 4 {
		return 0
	}
	return binary.LittleEndian.Uint32(p)
}

// unicodeString reads a BIFF8 XLUnicodeRichExtendedString of n characters
// whose flags byte comes next.
func (r *biffReader) unicodeString(n int) (string, error) {
	flags := r.u8()
	runs, ext := 0, 0
	if flags&0x08 != 0 {
		runs = int(r.u16())
	}
	if flags&0x04 != 0 {
		ext = int(r.u32())
	}
	if r.err != nil {
		return "", r.err
	}
	str, err := r.charsFlags(n, flags&0x01 != 0)
	if err != nil {
		return "", err
	}
	r.skip(runs * 4)
	r.skip(ext)
	return str, r.err
}

// chars reads n characters preceded by their flags byte, without rich text
// or phonetic data (ShortXLUnicodeString).
func (r *biffReader) chars(n int) (string, error) {
	flags := r.u8()
	if r.err != nil {
		return "", r.err
	}
	return r.charsFlags(n, flags&0x01 != 0)
}

// charsFlags reads n characters, 2 bytes each when wide, else 1 (Latin-1).
// When the characters continue into the next CONTINUE record, that record
// starts with a fresh flags byte giving the width of the rest.
func (r *biffReader) charsFlags(n int, wide bool) (string, error) {
	units := make([]uint16, 0, min(n, 1<<16))
	for n > 0 {
		if r.seg >= len(r.segs) {
			return "", errBIFFTruncated
		}
		if r.off >= len(r.segs[r.seg]) {
			// the characters continue in the next CONTINUE record
			r.seg++
			r.off = 0
			if r.seg >= len(r.segs) || len(r.segs[r.seg]) == 0 {
				return "", errBIFFTruncated
			}
			wide = r.segs[r.seg][0]&0x01 != 0
			r.off = 1
		}
		seg := r.segs[r.seg][r.off:]
		if wide {
			k := min(len(seg)/2, n)
			if k == 0 {
				return "", errBIFFTruncated
			}
			for i := 0; i < k; i++ {
				units = append(units, binary.LittleEndian.Uint16(seg[2*i:]))
			}
			r.off += 2 * k
			n -= k
		} else {
			k := min(len(seg), n)
			for i := 0; i < k; i++ {
				units = append(units, uint16(seg[i]))
			}
			r.off += k
			n -= k
		}
	}
	return strings.ToValidUTF8(string(utf16.Decode(units)), "\uFFFD"), nil
}
