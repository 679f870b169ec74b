package convert

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

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
// column's unit, UnitUnknown taken as 万元), into an exact amount in 元.
//
// It accepts numbers as text with or without thousands separators
// ("1,234.50", "1，234.50"), spaces, a "¥"/"￥"/"人民币" prefix, a unit in the
// cell that overrides unit ("4.92万元", "2500.00 元"), scientific notation
// ("1.2E+5") and Chinese numerals, financial or plain ("壹拾贰万叁仟元整",
// "贰佰元伍角", "十二万"). Binary-float noise from spreadsheets
// ("4.9199999999999999") is rounded back to 15 significant digits.
// Thousands separators must group by three, so a decimal comma ("4,92") is
// refused rather than misread as 492.
//
// Blank text, "-", "—", "/" and "无" give a Blank amount. Text that is no
// number ("4.9二", "1.2.3") gives an error wrapping ErrAmount; a negative
// figure ("-5", "(5.00)") one wrapping ErrNegative.
//
//	a, err := convert.ParseAmount("4.92", convert.UnitWan)      // a.Yuan = 49200
//	a, err = convert.ParseAmount("2500元", convert.UnitWan)     // a.Yuan = 2500, a.Unit = UnitYuan
//	a, err = convert.ParseAmount("壹拾贰万叁仟元整", convert.UnitWan) // a.Yuan = 123000
func ParseAmount(raw string, unit Unit) (Amount, error) {
	s := NormalizeLabel(raw)
	if isBlankAmount(s) {
		return Amount{Blank: true, Unit: unit}, nil
	}
	if unit == UnitUnknown {
		unit = UnitWan
	}
	body, neg := cutAmountSign(s)
	body = trimMoneyAffixes(body)
	d, cellUnit, ok := parseAmountBody(body)
	if !ok {
		if significantDigits(body) > 15 {
			return Amount{}, fmt.Errorf("%w：「%s」超过 15 位有效数字，电子表格无法精确保存，不作舍入；请核对金额（或改以万元填写）", ErrAmount, raw)
		}
		return Amount{}, fmt.Errorf("%w：「%s」", ErrAmount, raw)
	}
	if neg && !d.IsZero() || d.IsNegative() {
		return Amount{}, fmt.Errorf("%w：「%s」", ErrNegative, raw)
	}
	if cellUnit != UnitUnknown {
		unit = cellUnit
	}
	return Amount{Yuan: ToYuan(d, unit), Unit: unit}, nil
}

// isBlankAmount reports whether normalised text states no figure: empty,
// dashes, slashes or "无".
func isBlankAmount(s string) bool {
	if s == "" || s == "无" {
		return true
	}
	for _, r := range s {
		if !strings.ContainsRune("-—–―‐‑‒─﹣/\\", r) {
			return false
		}
	}
	return true
}

// cutAmountSign removes a leading sign or accounting parentheses and
// reports whether the figure was marked negative.
func cutAmountSign(s string) (string, bool) {
	switch {
	case strings.HasPrefix(s, "+"):
		return s[1:], false
	case strings.HasPrefix(s, "-"):
		return s[1:], true
	case strings.HasPrefix(s, "−"):
		return s[len("−"):], true
	case strings.HasPrefix(s, "负"):
		return s[len("负"):], true
	case len(s) > 2 && s[0] == '(' && s[len(s)-1] == ')':
		return s[1 : len(s)-1], true
	}
	return s, false
}

// trimMoneyAffixes removes currency signs before a figure and 整 after it.
func trimMoneyAffixes(s string) string {
	for _, p := range []string{"¥", "￥", "人民币", "RMB", "rmb", "CNY"} {
		s = strings.TrimPrefix(s, p)
	}
	for _, p := range []string{"整", "正"} {
		s = strings.TrimSuffix(s, p)
	}
	return s
}

// moneySuffixes are the units a figure may carry in its cell, longest
// first: the figure times scale is expressed in unit.
var moneySuffixes = []struct {
	text  string
	scale int32 // power of ten
	unit  Unit
}{
	{"亿元", 8, UnitYuan},
	{"万元", 0, UnitWan},
	{"千元", 3, UnitYuan},
	{"元", 0, UnitYuan},
	{"万", 0, UnitWan},
}

// parseAmountBody reads a figure without sign or currency sign. It returns
// the value and the unit it is in (UnitUnknown: the column's unit).
func parseAmountBody(s string) (decimal.Decimal, Unit, bool) {
	num, u, scale := s, UnitUnknown, int32(0)
	for _, m := range moneySuffixes {
		if rest, ok := strings.CutSuffix(s, m.text); ok {
			num, u, scale = rest, m.unit, m.scale
			break
		}
	}
	if d, ok := parseNumberText(num); ok {
		return d.Shift(scale), u, true
	}
	if !containsChineseNumeral(s) {
		return decimal.Decimal{}, UnitUnknown, false
	}
	return parseChineseMoney(s)
}

// parseNumberText parses an Arabic number: optional "+", digits with
// optional thousands commas grouped by three, an optional fraction and an
// optional exponent ("1.2E+5"). Binary-float noise beyond 15 significant
// digits is rounded away; a number that holds more digits than float noise
// explains ("1234567890123456.78") is refused (see roundFloatNoise).
func parseNumberText(s string) (decimal.Decimal, bool) {
	s = strings.TrimPrefix(s, "+")
	mant, exp := s, ""
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		mant, exp = s[:i], s[i+1:]
		e := strings.TrimLeft(strings.TrimPrefix(strings.TrimPrefix(exp, "+"), "-"), "0")
		if e == "" && strings.Trim(exp, "+-") == "" || len(e) > 2 || !allDigits(strings.TrimLeft(exp, "+-")) || strings.Count(exp, "+")+strings.Count(exp, "-") > 1 {
			return decimal.Decimal{}, false
		}
	}
	intPart, frac, hasDot := strings.Cut(mant, ".")
	if intPart == "" && frac == "" || !allDigits(frac) {
		return decimal.Decimal{}, false
	}
	if strings.Contains(intPart, ",") {
		groups := strings.Split(intPart, ",")
		if len(groups[0]) < 1 || len(groups[0]) > 3 {
			return decimal.Decimal{}, false
		}
		for _, g := range groups[1:] {
			if len(g) != 3 {
				return decimal.Decimal{}, false
			}
		}
		intPart = strings.Join(groups, "")
	}
	if !allDigits(intPart) || len(intPart)+len(frac) > 40 {
		return decimal.Decimal{}, false
	}
	text := intPart
	if text == "" {
		text = "0"
	}
	if hasDot && frac != "" {
		text += "." + frac
	}
	if exp != "" {
		text += "e" + exp
	}
	d, err := decimal.NewFromString(text)
	if err != nil || d.NumDigits()+int(d.Exponent()) > maxIntegerDigits {
		return decimal.Decimal{}, false
	}
	d, ok := roundFloatNoise(d)
	if !ok || -d.Exponent() > maxFractionDigits {
		return decimal.Decimal{}, false
	}
	return d, true
}

// maxFractionDigits bounds the decimal places of a number once float noise
// is rounded away: money has two (分) in 元 and six in 万元; "1e-70" is no
// amount, and the bound keeps every accepted figure writable and readable
// again as plain digits.
const maxFractionDigits = 20

// maxIntegerDigits bounds the integer part of a number: no form holds a
// figure of 10²⁰ or more, and the bound keeps exponents from blowing up.
const maxIntegerDigits = 20

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// roundFloatNoise rounds d to 15 significant digits, the precision of a
// spreadsheet number, when the digits beyond are binary-float noise: the
// rounded number is at most two float64 steps away ("4.9199999999999999",
// "0.30000000000000004"). ok is false when the digits beyond carry a
// figure ("1234567890123456.78", or an integer part over 15 digits), which
// is never rounded silently.
func roundFloatNoise(d decimal.Decimal) (decimal.Decimal, bool) {
	if d.IsZero() {
		return decimal.Zero, true
	}
	digits := len(d.Coefficient().String())
	if d.Coefficient().Sign() < 0 {
		digits--
	}
	if digits <= 15 {
		return d, true
	}
	r := d.Round(-d.Exponent() - int32(digits-15))
	if r.Equal(d) {
		return r, true
	}
	if digits+int(d.Exponent()) > 15 { // more than 15 integer digits
		return d, false
	}
	fd, _ := d.Float64()
	fr, _ := r.Float64()
	steps := int64(math.Float64bits(fd)) - int64(math.Float64bits(fr))
	if fd < 0 != (fr < 0) || steps < -2 || steps > 2 {
		return d, false
	}
	return r, true
}

// significantDigits counts the digits of an Arabic number's text from its
// first non-zero digit, exponent left out.
func significantDigits(s string) int {
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		s = s[:i]
	}
	n, started := 0, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			continue
		}
		started = started || c != '0'
		if started {
			n++
		}
	}
	return n
}

// Chinese numerals: digits (plain and financial), the small magnitudes
// 十百千 and the large ones 万亿.
var (
	cnDigits = map[rune]int64{
		'零': 0, '〇': 0, '○': 0,
		'一': 1, '壹': 1, '幺': 1,
		'二': 2, '贰': 2, '貳': 2, '两': 2, '兩': 2,
		'三': 3, '叁': 3, '參': 3,
		'四': 4, '肆': 4,
		'五': 5, '伍': 5,
		'六': 6, '陆': 6, '陸': 6,
		'七': 7, '柒': 7,
		'八': 8, '捌': 8,
		'九': 9, '玖': 9,
	}
	cnSmall = map[rune]int64{'十': 10, '拾': 10, '百': 100, '佰': 100, '千': 1000, '仟': 1000}
	cnLarge = map[rune]int32{'万': 4, '萬': 4, '亿': 8, '億': 8}
)

func containsChineseNumeral(s string) bool {
	for _, r := range s {
		if _, ok := cnDigits[r]; ok {
			return true
		}
		if _, ok := cnSmall[r]; ok {
			return true
		}
		if strings.ContainsRune("万萬亿億元圆角分", r) {
			return true
		}
	}
	return false
}

// parseChineseMoney reads "壹拾贰万叁仟元整", "贰佰元伍角", "伍角叁分",
// "十二万" (no 元: a plain number in the column's unit) or "五万元".
func parseChineseMoney(s string) (decimal.Decimal, Unit, bool) {
	intText, fracText, hasYuan := s, "", false
	for _, y := range []string{"元", "圆", "块"} {
		if i := strings.Index(s, y); i >= 0 {
			intText, fracText, hasYuan = s[:i], s[i+len(y):], true
			break
		}
	}
	if !hasYuan && strings.ContainsAny(s, "角毛分") {
		intText, fracText, hasYuan = "", s, true
	}
	v := decimal.Zero
	if intText != "" {
		n, ok := parseChineseNumber(intText)
		if !ok {
			return decimal.Decimal{}, UnitUnknown, false
		}
		v = n
	} else if fracText == "" {
		return decimal.Decimal{}, UnitUnknown, false
	}
	if !hasYuan {
		return v, UnitUnknown, true
	}
	cents, ok := parseJiaoFen(fracText)
	if !ok {
		return decimal.Decimal{}, UnitUnknown, false
	}
	v = v.Add(decimal.New(cents, -2))
	if fracText == "" && (strings.HasSuffix(intText, "万") || strings.HasSuffix(intText, "萬")) {
		return v.Shift(-4), UnitWan, true
	}
	return v, UnitYuan, true
}

// parseJiaoFen reads the part after 元: "伍角", "零伍分", "三角二分", "".
func parseJiaoFen(s string) (int64, bool) {
	var cents int64
	last := 100 // the position value must fall: 角 (10) then 分 (1)
	digit := int64(-1)
	for _, r := range s {
		if d, ok := cnDigits[r]; ok || r >= '0' && r <= '9' {
			if !ok {
				d = int64(r - '0')
			}
			if d == 0 && digit < 0 {
				continue // 零 before 分
			}
			if digit >= 0 {
				return 0, false
			}
			digit = d
			continue
		}
		place := 0
		switch r {
		case '角', '毛':
			place = 10
		case '分':
			place = 1
		default:
			return 0, false
		}
		if digit < 0 || place >= last {
			return 0, false
		}
		cents += digit * int64(place)
		digit, last = -1, place
	}
	return cents, digit < 0
}

// parseChineseNumber reads a number in Chinese numerals: with magnitudes
// ("一千零五", "壹拾贰万叁仟", "三万五" = 35000), positional digits
// ("二〇二四"), Arabic digit runs between magnitudes ("3万2千") and a
// decimal part after 点 ("一点五", "一点五万").
func parseChineseNumber(s string) (decimal.Decimal, bool) {
	if s == "" || utf8.RuneCountInString(s) > 64 {
		return decimal.Decimal{}, false
	}
	intText, fracText, hasPoint := strings.Cut(s, "点")
	if !hasPoint {
		return parseChineseInteger(intText)
	}
	var shift int32
	for r, e := range cnLarge {
		if rest, ok := strings.CutSuffix(fracText, string(r)); ok {
			fracText, shift = rest, e
		}
	}
	n, ok := parseChineseInteger(intText)
	if !ok || fracText == "" {
		return decimal.Decimal{}, false
	}
	digits, ok := digitString(fracText)
	if !ok {
		return decimal.Decimal{}, false
	}
	f, err := decimal.NewFromString("0." + digits)
	if err != nil {
		return decimal.Decimal{}, false
	}
	return n.Add(f).Shift(shift), true
}

func parseChineseInteger(s string) (decimal.Decimal, bool) {
	if s == "" {
		return decimal.Decimal{}, false
	}
	if !strings.ContainsFunc(s, isMagnitude) {
		return parseChinesePositional(s)
	}
	total, wan, section, digit := decimal.Zero, decimal.Zero, decimal.Zero, decimal.Zero
	hasDigit, zeroSeen := false, false
	lastSmall := int64(10000)
	lastPlace := int32(0) // power of ten of the last magnitude read
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r >= '0' && r <= '9' {
			j := i
			for j < len(rs) && rs[j] >= '0' && rs[j] <= '9' {
				j++
			}
			if hasDigit || j-i > 15 {
				return decimal.Decimal{}, false
			}
			digit, hasDigit = decimal.RequireFromString(string(rs[i:j])), true
			i = j - 1
			continue
		}
		if d, ok := cnDigits[r]; ok {
			if hasDigit {
				return decimal.Decimal{}, false
			}
			if d == 0 {
				zeroSeen = true
				continue
			}
			digit, hasDigit = decimal.NewFromInt(d), true
			continue
		}
		if m, ok := cnSmall[r]; ok {
			if m >= lastSmall {
				return decimal.Decimal{}, false
			}
			if !hasDigit {
				if !section.IsZero() || zeroSeen {
					return decimal.Decimal{}, false
				}
				digit = decimal.NewFromInt(1) // 十五 = 15
			}
			section = section.Add(digit.Mul(decimal.NewFromInt(m)))
			lastSmall = m
			lastPlace = map[int64]int32{10: 1, 100: 2, 1000: 3}[m]
			hasDigit, zeroSeen = false, false
			continue
		}
		e, ok := cnLarge[r]
		if !ok {
			return decimal.Decimal{}, false
		}
		group := section
		if hasDigit {
			group = group.Add(digit)
		}
		switch {
		case e == 4 && (group.IsZero() || !wan.IsZero()):
			return decimal.Decimal{}, false
		case e == 4:
			wan = group.Shift(4)
		case group.IsZero() || !total.IsZero() || !wan.IsZero():
			return decimal.Decimal{}, false
		default:
			total = group.Shift(8)
		}
		section, lastSmall, lastPlace = decimal.Zero, 10000, e
		hasDigit, zeroSeen = false, false
	}
	if hasDigit {
		// 一千五 = 1500, 三万五 = 35000, 一亿五 = 150000000: a single digit
		// right after a magnitude of 百 or more (no 零 between) counts in
		// the next lower place.
		if !zeroSeen && lastPlace >= 2 && isMagnitude(rs[len(rs)-2]) {
			digit = digit.Shift(lastPlace - 1)
		}
		section = section.Add(digit)
	}
	return total.Add(wan).Add(section), true
}

func isMagnitude(r rune) bool {
	_, small := cnSmall[r]
	_, large := cnLarge[r]
	return small || large
}

// digitString turns digits written one by one, Chinese ("二〇二四") or
// ASCII, into ASCII digits; ok is false at any other character.
func digitString(s string) (string, bool) {
	digits := make([]byte, 0, len(s))
	for _, r := range s {
		d, ok := cnDigits[r]
		if !ok {
			if r < '0' || r > '9' {
				return "", false
			}
			d = int64(r - '0')
		}
		digits = append(digits, byte('0'+d))
	}
	return string(digits), true
}

// parseChinesePositional reads digits written one by one: "二〇二四" = 2024.
func parseChinesePositional(s string) (decimal.Decimal, bool) {
	digits, ok := digitString(s)
	if !ok || digits == "" || len(digits) > 30 {
		return decimal.Decimal{}, false
	}
	return decimal.RequireFromString(digits), true
}
