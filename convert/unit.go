package convert

import (
	"strings"

	"github.com/shopspring/decimal"
)

// Unit is a money unit of a form: 万元 (the default of the bureau's forms) or 元.
type Unit int

const (
	// UnitUnknown means no unit was stated.
	UnitUnknown Unit = iota
	// UnitWan is 万元 (10,000 元).
	UnitWan
	// UnitYuan is 元.
	UnitYuan
)

// String returns "万元", "元" or "".
func (u Unit) String() string {
	switch u {
	case UnitWan:
		return "万元"
	case UnitYuan:
		return "元"
	}
	return ""
}

// ParseUnit reads a money unit as forms state it: "万元", "元", "万",
// "单位：万元", "金额单位：元", "（元）", "单位：人民币万元", "万元人民币".
// Anything else gives UnitUnknown, false.
//
//	u, ok := convert.ParseUnit("单位：万元") // UnitWan, true
func ParseUnit(s string) (Unit, bool) {
	s = NormalizeLabel(s)
	s = strings.TrimSuffix(strings.TrimPrefix(s, "("), ")")
	for _, p := range []string{"金额单位", "计量单位", "单位"} {
		if rest, found := strings.CutPrefix(s, p); found {
			s = strings.TrimPrefix(strings.TrimPrefix(rest, ":"), "为")
			break
		}
	}
	s = strings.TrimSuffix(strings.TrimPrefix(s, "("), ")")
	s = strings.TrimSuffix(strings.TrimPrefix(s, "人民币"), "人民币")
	switch s {
	case "万元", "万":
		return UnitWan, true
	case "元":
		return UnitYuan, true
	}
	return UnitUnknown, false
}

// FromYuan expresses an amount held in 元 in unit u, exactly.
//
//	convert.FromYuan(decimal.RequireFromString("49200"), convert.UnitWan) // 4.92
func FromYuan(yuan decimal.Decimal, u Unit) decimal.Decimal {
	if u == UnitWan {
		return yuan.Shift(-4)
	}
	return yuan
}

// ToYuan expresses an amount stated in unit u in 元, exactly. An unknown unit
// is taken as 万元, the forms' default.
//
//	convert.ToYuan(decimal.RequireFromString("4.92"), convert.UnitWan) // 49200
func ToYuan(v decimal.Decimal, u Unit) decimal.Decimal {
	if u == UnitYuan {
		return v
	}
	return v.Shift(4)
}
