// Package exact keeps exact decimals compactly. What a run keeps in memory
// of each township, and the 分类汇总's cells, are mostly amounts: with tens
// of thousands of townships they are most of the run's memory.
package exact

import (
	"cmp"
	"slices"

	"github.com/shopspring/decimal"
)

// Num is an exact decimal in a compact form: most amounts have a
// coefficient that fits an int64 and need no big integer of their own; the
// others keep their decimal.
//
//	x := exact.Pack(d) // x.Decimal().Equal(d)
type Num struct {
	coef int64
	exp  int32
	big  *decimal.Decimal // when the coefficient does not fit an int64
}

// Pack is d in the compact form.
func Pack(d decimal.Decimal) Num {
	if c := d.Coefficient(); c.IsInt64() {
		return Num{coef: c.Int64(), exp: d.Exponent()}
	}
	return Num{big: &d}
}

// FromParts is the Num with the given parts (see Parts): coef × 10^exp when
// big is nil, else big.
func FromParts(coef int64, exp int32, big *decimal.Decimal) Num {
	return Num{coef: coef, exp: exp, big: big}
}

// Parts is x's stored form: coef × 10^exp with big nil, or big when the
// coefficient does not fit an int64.
func (x Num) Parts() (coef int64, exp int32, big *decimal.Decimal) {
	return x.coef, x.exp, x.big
}

// Decimal is x as a decimal.Decimal.
func (x Num) Decimal() decimal.Decimal {
	if x.big != nil {
		return *x.big
	}
	return decimal.New(x.coef, x.exp)
}

// Cmp compares x and y by value: -1, 0 or +1.
func (x Num) Cmp(y Num) int {
	if x.big == nil && y.big == nil && x.exp == y.exp {
		return cmp.Compare(x.coef, y.coef)
	}
	return x.Decimal().Cmp(y.Decimal())
}

// Median is the median of vals, exactly; for an even count it is the mean
// of the middle two, and zero for no values. It sorts vals.
func Median(vals []Num) decimal.Decimal {
	if len(vals) == 0 {
		return decimal.Zero
	}
	slices.SortFunc(vals, Num.Cmp)
	n := len(vals)
	if n%2 == 1 {
		return vals[n/2].Decimal()
	}
	return vals[n/2-1].Decimal().Add(vals[n/2].Decimal()).Div(decimal.NewFromInt(2))
}
