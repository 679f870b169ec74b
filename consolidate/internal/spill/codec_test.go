package spill

import (
	"encoding/binary"
	"errors"
	"slices"
	"testing"

	"github.com/shopspring/decimal"
)

// sample is a record of every kind of field.
type sample struct {
	u    uint64
	i    int64
	s    string
	p    []byte
	kind byte
}

func appendSample(b []byte, v sample) []byte {
	b = binary.AppendUvarint(b, v.u)
	b = binary.AppendVarint(b, v.i)
	b = AppendString(b, v.s)
	b = AppendBytes(b, v.p)
	return append(b, v.kind)
}

func decodeSample(d *Decoder) sample {
	return sample{u: d.Uvarint(), i: d.Varint(), s: d.Str(), p: d.Bytes(), kind: d.Byte()}
}

func TestDecoderRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name string
		v    sample
	}{
		{"zero", sample{p: []byte{}}},
		{"small", sample{u: 1, i: -1, s: "王官营镇", p: []byte{0, 1}, kind: 1}},
		{"large", sample{u: 1<<64 - 1, i: -1 << 63, s: string(make([]byte, 300)), p: make([]byte, 200), kind: 255}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := NewDecoder(appendSample(nil, tc.v))
			got := decodeSample(&d)
			if err := d.End(); err != nil {
				t.Fatal(err)
			}
			if got.u != tc.v.u || got.i != tc.v.i || got.s != tc.v.s || !slices.Equal(got.p, tc.v.p) || got.kind != tc.v.kind {
				t.Errorf("got %+v, want %+v", got, tc.v)
			}
		})
	}
}

// A damaged record is ErrDamaged, and every read after the first fault
// gives zero values.
func TestDecoderDamaged(t *testing.T) {
	rec := appendSample(nil, sample{u: 300, i: -5, s: "甲", p: []byte{9}, kind: 2})
	for n := range len(rec) {
		d := NewDecoder(rec[:n])
		decodeSample(&d)
		if err := d.End(); !errors.Is(err, ErrDamaged) {
			t.Fatalf("cut at %d of %d: %v", n, len(rec), err)
		}
	}
	for _, tc := range []struct {
		name string
		b    []byte
		read func(d *Decoder)
	}{
		{"trailing byte", append(slices.Clone(rec), 0), func(d *Decoder) { decodeSample(d) }},
		{"length too long", []byte{200, 'a'}, func(d *Decoder) { d.Str() }},
		{"count too long", []byte{2, 'a'}, func(d *Decoder) { d.Count() }},
		{"uvarint overflow", slices.Repeat([]byte{0xff}, 11), func(d *Decoder) { d.Uvarint() }},
		{"varint cut", []byte{0x80}, func(d *Decoder) { d.Varint() }},
		{"no byte", nil, func(d *Decoder) { d.Byte() }},
		{"failed", []byte{1, 2, 3}, func(d *Decoder) { d.Fail() }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := NewDecoder(tc.b)
			tc.read(&d)
			if err := d.End(); !errors.Is(err, ErrDamaged) {
				t.Fatalf("error %v, want ErrDamaged", err)
			}
			if d.Len() != 0 || d.Uvarint() != 0 || d.Str() != "" || d.Byte() != 0 {
				t.Error("a read after the fault gave something")
			}
		})
	}
}

func FuzzDecoder(f *testing.F) {
	f.Add(appendSample(nil, sample{u: 7, s: "甲", p: []byte{1}}))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		d := NewDecoder(b)
		v := decodeSample(&d)
		if d.End() != nil {
			return
		}
		again := NewDecoder(appendSample(nil, v))
		if w := decodeSample(&again); again.End() != nil || w.s != v.s || w.u != v.u || w.i != v.i {
			t.Fatalf("%+v read back as %+v", v, w)
		}
	})
}

func TestDecimal(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   string
		big  bool // written with AppendBigDecimal
	}{
		{"zero", "0", false},
		{"amount", "318.34", false},
		{"negative", "-1.5", false},
		{"tiny", "0.00000000000000000001", false},
		{"beyond int64", "123456789012345678901234567890.12", true},
		{"huge negative", "-98765432109876543210987", true},
		{"small written big", "7.5", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := decimal.RequireFromString(tc.in)
			var b []byte
			if tc.big {
				b = AppendBigDecimal(nil, want)
			} else {
				b = AppendDecimal(nil, want.Coefficient().Int64(), want.Exponent())
			}
			d := NewDecoder(b)
			coef, exp, big := d.Decimal()
			if err := d.End(); err != nil {
				t.Fatal(err)
			}
			got := decimal.New(coef, exp)
			if big != nil {
				got = *big
			}
			if (big != nil) != tc.big || got.String() != want.String() || got.Exponent() != want.Exponent() {
				t.Errorf("%s read back as %s (big %v)", want, got, big != nil)
			}
		})
	}
	for name, b := range map[string][]byte{
		"empty":                     nil,
		"unknown kind":              {7, 0, 0},
		"exponent beyond int32":     append([]byte{0, 2}, binary.AppendVarint(nil, 1<<40)...),
		"big exponent beyond int32": append(AppendString([]byte{1}, "12"), binary.AppendVarint(nil, -1<<40)...),
		"not digits":                append(AppendString([]byte{1}, "1x"), 0),
		"cut":                       {0, 2},
	} {
		d := NewDecoder(b)
		if coef, exp, big := d.Decimal(); !errors.Is(d.Err(), ErrDamaged) || coef != 0 || exp != 0 || big != nil {
			t.Errorf("%s: %d, %d, %v; err %v", name, coef, exp, big, d.Err())
		}
	}
}
