package convert

import (
	"testing"

	"github.com/shopspring/decimal"
)

func TestFormatAmount(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"whole", "1", "1.00"},
		{"one decimal", "2.5", "2.50"},
		{"two decimals", "318.34", "318.34"},
		{"trailing zeros dropped to two", "1.2300", "1.23"},
		{"exact 元 in 万元", "0.4567", "0.4567"},
		{"分 in 万元", "160.376236", "160.376236"},
		{"large", "3183400", "3183400.00"},
		{"zero", "0", "0.00"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := FormatAmount(decimal.RequireFromString(c.in)); got != c.want {
				t.Errorf("FormatAmount(%s) = %s, want %s", c.in, got, c.want)
			}
		})
	}
}

func TestSheetEmpty(t *testing.T) {
	for name, c := range map[string]struct {
		rows [][]string
		want bool
	}{
		"no rows":        {nil, true},
		"nbsp only":      {[][]string{{"", " ", "\u00a0"}}, true},
		"spaces only":    {[][]string{{"", "  "}, {"\t"}}, true},
		"one text cell":  {[][]string{{""}, {"", "x"}}, false},
		"ideographic sp": {[][]string{{"\u3000"}}, true},
	} {
		t.Run(name, func(t *testing.T) {
			sh := Sheet{Rows: c.rows}
			if got := sh.Empty(); got != c.want {
				t.Errorf("Empty() = %v, want %v", got, c.want)
			}
		})
	}
}
