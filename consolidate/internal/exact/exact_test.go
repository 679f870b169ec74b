package exact

import (
	"testing"

	"github.com/shopspring/decimal"
)

func TestPack(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		small    bool // fits the compact form
	}{
		{"zero", "0", true},
		{"budget", "3183400", true},
		{"万元", "318.34", true},
		{"negative", "-1.5", true},
		{"tiny", "0.00000000000000000001", true},
		{"int64 max", "9223372036854775807", true},
		{"beyond int64", "9223372036854775808", false},
		{"huge", "123456789012345678901234567890.12", false},
		{"huge negative", "-98765432109876543210987", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := decimal.RequireFromString(tc.in)
			x := Pack(d)
			if got := x.Decimal(); !got.Equal(d) || got.String() != d.String() {
				t.Errorf("Pack(%s) gives back %s", d, got)
			}
			if small := x.big == nil; small != tc.small {
				t.Errorf("compact form: %v, want %v", small, tc.small)
			}
			if y := FromParts(x.Parts()); y != x {
				t.Errorf("FromParts(Parts()) = %+v, want %+v", y, x)
			}
		})
	}
}

func TestCmp(t *testing.T) {
	for _, tc := range []struct{ a, b string }{
		{"1", "2"}, {"2.50", "2.5"}, {"0.001", "1"}, {"-5", "0.1"},
		{"9223372036854775808", "9223372036854775807"}, {"1e30", "1e29"}, {"-1e30", "5"},
	} {
		a, b := decimal.RequireFromString(tc.a), decimal.RequireFromString(tc.b)
		if got, want := Pack(a).Cmp(Pack(b)), a.Cmp(b); got != want {
			t.Errorf("Cmp(%s, %s) = %d, want %d", tc.a, tc.b, got, want)
		}
		if got, want := Pack(b).Cmp(Pack(a)), b.Cmp(a); got != want {
			t.Errorf("Cmp(%s, %s) = %d, want %d", tc.b, tc.a, got, want)
		}
	}
}
