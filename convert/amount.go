package convert

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// Amount is a parsed money cell.
type Amount struct {
	// Yuan is the amount in 元, exact.
	Yuan decimal.Decimal
	// Blank is true when the cell stated no figure; Yuan is then zero.
	Blank bool
	// Unit is the unit the figure was read in (the cell's own unit when it
	// stated one, else the unit passed in).
	Unit Unit
}

// ParseAmount reads a money cell's raw text, stated in unit (the form's or
// column's unit, UnitUnknown taken as 万元), into an exact amount in 元. Blank
// text gives a Blank amount. Binary-float noise from spreadsheets
// ("4.9199999999999999") is rounded back to 15 significant digits.
//
//	a, err := convert.ParseAmount("4.92", convert.UnitWan) // a.Yuan = 49200
func ParseAmount(raw string, unit Unit) (Amount, error) {
	s := NormalizeLabel(raw)
	if s == "" || s == "-" {
		return Amount{Blank: true, Unit: unit}, nil
	}
	if strings.HasSuffix(s, "万元") {
		unit, s = UnitWan, strings.TrimSuffix(s, "万元")
	} else if strings.HasSuffix(s, "元") {
		unit, s = UnitYuan, strings.TrimSuffix(s, "元")
	}
	s = strings.ReplaceAll(s, ",", "")
	d, err := decimal.NewFromString(s)
	if err != nil {
		return Amount{}, fmt.Errorf("%w：「%s」", ErrAmount, raw)
	}
	d = roundFloatNoise(d)
	if d.IsNegative() {
		return Amount{}, fmt.Errorf("%w：「%s」", ErrNegative, raw)
	}
	if unit == UnitUnknown {
		unit = UnitWan
	}
	return Amount{Yuan: ToYuan(d, unit), Unit: unit}, nil
}

// roundFloatNoise rounds d to 15 significant digits, the precision of a
// spreadsheet number, and drops trailing zeros.
func roundFloatNoise(d decimal.Decimal) decimal.Decimal {
	digits := len(d.Coefficient().String())
	if d.Coefficient().Sign() < 0 {
		digits--
	}
	if digits > 15 {
		places := -d.Exponent() - int32(digits-15)
		d = d.Round(places)
	}
	return d
}
