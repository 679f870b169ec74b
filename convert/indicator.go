package convert

import (
	"strings"

	"github.com/shopspring/decimal"
)

// IndicatorValue is a parsed 指标值: a comparison, a number and a unit.
//
//	v, _ := convert.ParseIndicatorValue("≤2500元", convert.UnitWan)
//	// v.Op "≤", v.Num 0.25, v.Unit "万元"
type IndicatorValue struct {
	Raw string
	// Op is one of ≥ ≤ > < = or "区间" for a range; "" when unparsed.
	Op string
	// Num is the number (the lower bound of a range); HasNum is false for
	// grades and deadlines.
	Num    decimal.Decimal
	HasNum bool
	// Max is the upper bound of a range.
	Max decimal.Decimal
	// Unit is the unit after conversion: "%", "次", "个", "万元", "万元/月", …
	Unit string
	// Date is a deadline as YYYY-MM-DD (or MM-DD when no year is stated).
	Date string
	// Grade is a qualitative value: 优, 良, 中, 差, 达标, …
	Grade string
}

// ParseIndicatorValue parses a 指标值. Money values are expressed in
// moneyUnit (元 or 万元). An error wrapping ErrIndicatorValue means the raw
// text is kept but could not be understood.
func ParseIndicatorValue(raw string, moneyUnit Unit) (IndicatorValue, error) {
	v := IndicatorValue{Raw: raw}
	s := NormalizeLabel(raw)
	for _, op := range []string{"≥", "≤", ">=", "<=", ">", "<", "="} {
		if strings.HasPrefix(s, op) {
			v.Op = op
			s = strings.TrimPrefix(s, op)
			break
		}
	}
	i := 0
	for i < len(s) && (s[i] == '.' || (s[i] >= '0' && s[i] <= '9')) {
		i++
	}
	if i > 0 {
		if d, err := decimal.NewFromString(s[:i]); err == nil {
			v.Num, v.HasNum, v.Unit = d, true, s[i:]
			return v, nil
		}
	}
	if s != "" && v.Op == "" {
		v.Op, v.Grade = "=", s
		return v, nil
	}
	return v, ErrIndicatorValue
}
