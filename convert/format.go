package convert

import (
	"strings"

	"github.com/shopspring/decimal"
)

// FormatAmount renders an exact amount with at least two decimals, as money
// is written on the forms, and more only when the amount has them.
//
//	convert.FormatAmount(decimal.RequireFromString("1"))      // "1.00"
//	convert.FormatAmount(decimal.RequireFromString("0.4567")) // "0.4567"
func FormatAmount(d decimal.Decimal) string {
	s := d.String()
	dot := strings.IndexByte(s, '.')
	if dot < 0 || len(s)-dot-1 < 2 {
		return d.StringFixed(2)
	}
	return s
}

// Empty reports whether a sheet has no text in any cell.
//
//	if sh.Empty() { continue }
func (s *Sheet) Empty() bool {
	for _, row := range s.Rows {
		for _, c := range row {
			if strings.TrimSpace(c) != "" {
				return false
			}
		}
	}
	return true
}
