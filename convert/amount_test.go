package convert

import (
	"errors"
	"testing"

	"github.com/shopspring/decimal"
)

func TestParseAmount(t *testing.T) {
	tests := []struct {
		name  string
		raw   string
		unit  Unit
		yuan  string
		blank bool
		got   Unit
	}{
		{name: "seed budget 万元", raw: "4.92", unit: UnitWan, yuan: "49200", got: UnitWan},
		{name: "seed half", raw: "2.46", unit: UnitWan, yuan: "24600", got: UnitWan},
		{name: "unknown unit is 万元", raw: "1.00", unit: UnitUnknown, yuan: "10000", got: UnitWan},
		{name: "yuan column", raw: "2500.50", unit: UnitYuan, yuan: "2500.5", got: UnitYuan},
		{name: "spaces around", raw: "  4.92 ", unit: UnitWan, yuan: "49200", got: UnitWan},
		{name: "ideographic and nbsp spaces", raw: "\u3000４．９２\u00a0", unit: UnitWan, yuan: "49200", got: UnitWan},
		{name: "thousands commas", raw: "1,234.50", unit: UnitYuan, yuan: "1234.5", got: UnitYuan},
		{name: "full-width thousands commas", raw: "１，２３４．５０", unit: UnitYuan, yuan: "1234.5", got: UnitYuan},
		{name: "millions", raw: "12,345,678.9", unit: UnitYuan, yuan: "12345678.9", got: UnitYuan},
		{name: "unit in cell 万元", raw: "4.92万元", unit: UnitYuan, yuan: "49200", got: UnitWan},
		{name: "unit in cell 元", raw: "2500元", unit: UnitWan, yuan: "2500", got: UnitYuan},
		{name: "unit in cell spaced", raw: "2500.00 元", unit: UnitWan, yuan: "2500", got: UnitYuan},
		{name: "unit 万 alone", raw: "3万", unit: UnitYuan, yuan: "30000", got: UnitWan},
		{name: "unit 亿元", raw: "1.5亿元", unit: UnitWan, yuan: "150000000", got: UnitYuan},
		{name: "yen sign", raw: "¥2,500.00", unit: UnitYuan, yuan: "2500", got: UnitYuan},
		{name: "full-width yen sign", raw: "￥2500", unit: UnitYuan, yuan: "2500", got: UnitYuan},
		{name: "人民币 prefix", raw: "人民币2500元", unit: UnitWan, yuan: "2500", got: UnitYuan},
		{name: "plus sign", raw: "+3", unit: UnitWan, yuan: "30000", got: UnitWan},
		{name: "float noise", raw: "4.9199999999999999", unit: UnitWan, yuan: "49200", got: UnitWan},
		{name: "float noise up", raw: "0.30000000000000004", unit: UnitWan, yuan: "3000", got: UnitWan},
		{name: "float noise large", raw: "1234.5600000000001", unit: UnitYuan, yuan: "1234.56", got: UnitYuan},
		{name: "float noise of a sum", raw: "0.6000000000000001", unit: UnitYuan, yuan: "0.6", got: UnitYuan},
		{name: "15 significant digits exact", raw: "123456789012345", unit: UnitYuan, yuan: "123456789012345", got: UnitYuan},
		{name: "16 digits, zeros beyond", raw: "1234567890123450", unit: UnitYuan, yuan: "1234567890123450", got: UnitYuan},
		{name: "scientific", raw: "1.2E+5", unit: UnitYuan, yuan: "120000", got: UnitYuan},
		{name: "scientific lower", raw: "1.2e5", unit: UnitYuan, yuan: "120000", got: UnitYuan},
		{name: "scientific negative exponent", raw: "4.92E-2", unit: UnitWan, yuan: "492", got: UnitWan},
		{name: "leading dot", raw: ".5", unit: UnitWan, yuan: "5000", got: UnitWan},
		{name: "zero", raw: "0", unit: UnitWan, yuan: "0", got: UnitWan},
		{name: "zero with decimals", raw: "0.00", unit: UnitWan, yuan: "0", got: UnitWan},
		{name: "minus zero is zero", raw: "-0", unit: UnitWan, yuan: "0", got: UnitWan},
		{name: "financial numerals", raw: "壹拾贰万叁仟元整", unit: UnitWan, yuan: "123000", got: UnitYuan},
		{name: "financial with jiao", raw: "贰佰元伍角", unit: UnitWan, yuan: "200.5", got: UnitYuan},
		{name: "financial with jiao fen", raw: "壹仟零伍元叁角贰分", unit: UnitWan, yuan: "1005.32", got: UnitYuan},
		{name: "financial zero jiao", raw: "捌元零伍分", unit: UnitWan, yuan: "8.05", got: UnitYuan},
		{name: "jiao only", raw: "伍角", unit: UnitWan, yuan: "0.5", got: UnitYuan},
		{name: "圆 for 元", raw: "叁佰圆整", unit: UnitWan, yuan: "300", got: UnitYuan},
		{name: "plain numerals", raw: "一万二千三百四十五元", unit: UnitWan, yuan: "12345", got: UnitYuan},
		{name: "plain numerals no unit", raw: "十二", unit: UnitWan, yuan: "120000", got: UnitWan},
		{name: "plain 万元", raw: "五万元", unit: UnitYuan, yuan: "50000", got: UnitWan},
		{name: "亿 and 万", raw: "一亿二千万元", unit: UnitWan, yuan: "120000000", got: UnitWan},
		{name: "亿 and 万 ending 万元", raw: "一亿二千万", unit: UnitYuan, yuan: "120000000", got: UnitYuan},
		{name: "colloquial 一千五", raw: "一千五百元", unit: UnitWan, yuan: "1500", got: UnitYuan},
		{name: "abbreviated 一千五", raw: "一千五元", unit: UnitWan, yuan: "1500", got: UnitYuan},
		{name: "abbreviated 三万五", raw: "三万五元", unit: UnitWan, yuan: "35000", got: UnitYuan},
		{name: "zero keeps units", raw: "一千零五元", unit: UnitWan, yuan: "1005", got: UnitYuan},
		{name: "十 leading", raw: "十五元", unit: UnitWan, yuan: "15", got: UnitYuan},
		{name: "两", raw: "两千元", unit: UnitWan, yuan: "2000", got: UnitYuan},
		{name: "arabic mixed", raw: "3万2千元", unit: UnitWan, yuan: "32000", got: UnitYuan},
		{name: "arabic with jiao", raw: "2500元5角", unit: UnitWan, yuan: "2500.5", got: UnitYuan},
		{name: "positional", raw: "二〇二四", unit: UnitYuan, yuan: "2024", got: UnitYuan},
		{name: "decimal 点", raw: "一点五万元", unit: UnitYuan, yuan: "15000", got: UnitWan},
		{name: "empty", raw: "", unit: UnitWan, blank: true, got: UnitWan},
		{name: "spaces only", raw: " \u3000 ", unit: UnitWan, blank: true, got: UnitWan},
		{name: "hyphen", raw: "-", unit: UnitWan, blank: true, got: UnitWan},
		{name: "em dash", raw: "—", unit: UnitWan, blank: true, got: UnitWan},
		{name: "double em dash", raw: "——", unit: UnitWan, blank: true, got: UnitWan},
		{name: "slash", raw: "/", unit: UnitYuan, blank: true, got: UnitYuan},
		{name: "full-width slash", raw: "／", unit: UnitYuan, blank: true, got: UnitYuan},
		{name: "none", raw: "无", unit: UnitWan, blank: true, got: UnitWan},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ParseAmount(tt.raw, tt.unit)
			if err != nil {
				t.Fatalf("ParseAmount(%q) error: %v", tt.raw, err)
			}
			if a.Blank != tt.blank {
				t.Fatalf("Blank = %v, want %v", a.Blank, tt.blank)
			}
			if a.Unit != tt.got {
				t.Errorf("Unit = %v, want %v", a.Unit, tt.got)
			}
			if tt.blank {
				if !a.Yuan.IsZero() {
					t.Errorf("blank Yuan = %s, want 0", a.Yuan)
				}
				return
			}
			if want := decimal.RequireFromString(tt.yuan); !a.Yuan.Equal(want) {
				t.Errorf("Yuan = %s, want %s", a.Yuan, want)
			}
		})
	}
}

func TestParseAmountErrors(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		want error
	}{
		{name: "mixed digits", raw: "4.9二", want: ErrAmount},
		{name: "letters", raw: "abc", want: ErrAmount},
		{name: "two dots", raw: "1.2.3", want: ErrAmount},
		{name: "tiny exponent is no amount", raw: "1e-70", want: ErrAmount},
		{name: "too many decimal places", raw: "0.000000000000000000001", want: ErrAmount},
		{name: "decimal comma", raw: "4,92", want: ErrAmount},
		{name: "bad grouping", raw: "12,34,567", want: ErrAmount},
		{name: "trailing comma", raw: "1,234,", want: ErrAmount},
		{name: "dot only", raw: ".", want: ErrAmount},
		{name: "exponent only", raw: "1e", want: ErrAmount},
		{name: "huge exponent", raw: "1e999999999", want: ErrAmount},
		// beyond 15 significant digits: exact or refused, never rounded
		{name: "16 integer digits", raw: "1234567890123456", want: ErrAmount},
		{name: "digits beyond 15 after the point", raw: "1234567890123456.78", want: ErrAmount},
		{name: "16th digit not noise", raw: "1.000000000000001", want: ErrAmount},
		{name: "20 digits", raw: "12345678901234567890", want: ErrAmount},
		{name: "percent", raw: "95%", want: ErrAmount},
		{name: "text with number", raw: "约5万元", want: ErrAmount},
		{name: "two units", raw: "5万元元", want: ErrAmount},
		{name: "unit only", raw: "万元", want: ErrAmount},
		{name: "jiao before yuan order", raw: "伍分叁角", want: ErrAmount},
		{name: "magnitudes out of order", raw: "一百一千元", want: ErrAmount},
		{name: "double 万", raw: "一万二万", want: ErrAmount},
		{name: "formula text", raw: "=SUM(B2:B4)", want: ErrAmount},
		{name: "error value", raw: "#DIV/0!", want: ErrAmount},
		{name: "negative", raw: "-5", want: ErrNegative},
		{name: "negative unicode minus", raw: "−2.5", want: ErrNegative},
		{name: "negative accounting", raw: "(1,234.00)", want: ErrNegative},
		{name: "negative full-width parens", raw: "（５）", want: ErrNegative},
		{name: "negative with unit", raw: "-2500元", want: ErrNegative},
		{name: "negative Chinese", raw: "负五万元", want: ErrNegative},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ParseAmount(tt.raw, UnitWan)
			if !errors.Is(err, tt.want) {
				t.Fatalf("ParseAmount(%q) = %+v, %v; want error %v", tt.raw, a, err, tt.want)
			}
		})
	}
}

func TestParseAmountRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		d    string
	}{
		{name: "integer", d: "2500"},
		{name: "cents", d: "1234.56"},
		{name: "small", d: "0.01"},
		{name: "large", d: "98765432109.87"},
		{name: "fifteen digits", d: "123456789012.345"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := decimal.RequireFromString(tt.d)
			for _, text := range []string{d.String(), d.StringFixed(4)} {
				a, err := ParseAmount(text, UnitYuan)
				if err != nil || !a.Yuan.Equal(d) {
					t.Errorf("ParseAmount(%q) = %s, %v; want %s", text, a.Yuan, err, d)
				}
			}
		})
	}
}

func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{
		"4.92", "2.46", "1.00", "2.00", "4.9199999999999999", "1,234.50", "１，２３４．５０",
		"4.92万元", "2500元", "2500.00 元", "¥2,500.00", "壹拾贰万叁仟元整", "贰佰元伍角",
		"一亿二千万", "三万五", "1.2E+5", "-", "—", "/", "4.9二", "1.2.3", "-5", "(5)", "",
		"一点五万", "3万2千元", "伍角叁分", "1e999",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		a, err := ParseAmount(raw, UnitWan)
		if err != nil {
			if !errors.Is(err, ErrAmount) && !errors.Is(err, ErrNegative) {
				t.Fatalf("ParseAmount(%q): error %v wraps neither ErrAmount nor ErrNegative", raw, err)
			}
			return
		}
		if a.Yuan.IsNegative() {
			t.Fatalf("ParseAmount(%q) = %s: negative without error", raw, a.Yuan)
		}
		if a.Blank && !a.Yuan.IsZero() {
			t.Fatalf("ParseAmount(%q): blank with value %s", raw, a.Yuan)
		}
		// A value read once reads back the same when written out in 元.
		y := a.Yuan
		if !a.Blank && len(y.Coefficient().String()) <= 15 && y.NumDigits()+int(y.Exponent()) <= maxIntegerDigits {
			b, err := ParseAmount(a.Yuan.String(), UnitYuan)
			if err != nil || !b.Yuan.Equal(a.Yuan) {
				t.Fatalf("round trip of %q: %s → %s, %v", raw, a.Yuan, b.Yuan, err)
			}
		}
	})
}
