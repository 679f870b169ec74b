package pivot

import (
	"errors"
	"testing"

	"github.com/shopspring/decimal"

	"jixiao/consolidate/internal/exact"
)

func decs(ss ...string) []decimal.Decimal {
	out := make([]decimal.Decimal, len(ss))
	for i, s := range ss {
		out[i] = decimal.RequireFromString(s)
	}
	return out
}

func TestMedianMean(t *testing.T) {
	tests := []struct {
		name       string
		in         []decimal.Decimal
		median     string
		mean       string
		meanPrefix bool
	}{
		{"empty", nil, "0", "0", false},
		{"one", decs("4.92"), "4.92", "4.92", false},
		{"odd, unsorted", decs("3", "1", "2"), "2", "2", false},
		{"even: mean of the middle two", decs("0.01", "40", "2.5", "1"), "1.75", "10.8775", false},
		{"exact cents", decs("160.376236", "117.72"), "139.048118", "139.048118", false},
		{"non-terminating mean", decs("1", "1", "2"), "1", "1.3333333333333333", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Median(tt.in); !got.Equal(decimal.RequireFromString(tt.median)) {
				t.Errorf("Median = %s, want %s", got, tt.median)
			}
			if got := Mean(tt.in); !got.Equal(decimal.RequireFromString(tt.mean)) {
				t.Errorf("Mean = %s, want %s", got, tt.mean)
			}
		})
	}
}

func TestParseThreshold(t *testing.T) {
	tests := []struct {
		name, in, want string
		err            bool
	}{
		{"percent", "50%", "0.5", false},
		{"full-width percent", "３０％", "0.3", false},
		{"fraction", "0.25", "0.25", false},
		{"bare percent number", "40", "0.4", false},
		{"not a number", "一半", "", true},
		{"negative", "-5%", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseThreshold(tt.in)
			if tt.err {
				if !errors.Is(err, ErrThreshold) {
					t.Errorf("err = %v, want ErrThreshold", err)
				}
				return
			}
			if err != nil || !got.Equal(decimal.RequireFromString(tt.want)) {
				t.Errorf("ParseThreshold(%q) = %s, %v; want %s", tt.in, got, err, tt.want)
			}
		})
	}
}

// exact.Median agrees with Median, values of any size and exponent.
func TestMedianExact(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   []string
	}{
		{"none", nil},
		{"one", []string{"2.5"}},
		{"odd", []string{"3", "1", "2"}},
		{"even", []string{"4", "1", "3", "2"}},
		{"exponents differ", []string{"0.25", "2500", "1.5", "0.000001", "25"}},
		{"equal values, different forms", []string{"2.50", "2.5", "2.500", "1"}},
		{"negative", []string{"-1", "-0.5", "3"}},
		{"beyond int64", []string{"123456789012345678901234567890", "1", "9223372036854775808", "-98765432109876543210"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var ds []decimal.Decimal
			var xs []exact.Num
			for _, s := range tc.in {
				d := decimal.RequireFromString(s)
				ds = append(ds, d)
				xs = append(xs, exact.Pack(d))
			}
			if got, want := exact.Median(xs), Median(ds); !got.Equal(want) {
				t.Errorf("exact.Median = %s, Median = %s", got, want)
			}
		})
	}
}
