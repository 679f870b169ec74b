package convert

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// Op values of an IndicatorValue.
const (
	OpGE    = "≥"
	OpLE    = "≤"
	OpGT    = ">"
	OpLT    = "<"
	OpEQ    = "="
	OpRange = "区间"
)

// IndicatorValue is a parsed 指标值: a comparison, a number and a unit, a
// deadline, or a grade.
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

// String renders the value canonically: "≥ 95 %", "≤ 0.25 万元",
// "90 ~ 95 %", "≤ 2024-12-31", "优", "≥ 良好"; the raw text when unparsed.
//
//	v, _ := convert.ParseIndicatorValue("95%以上", convert.UnitWan)
//	v.String() // "≥ 95 %"
func (v IndicatorValue) String() string {
	var b strings.Builder
	switch {
	case v.Op == "":
		return v.Raw
	case v.Op == OpRange:
		fmt.Fprintf(&b, "%s ~ %s", v.Num, v.Max)
	case v.Date != "":
		return v.Op + " " + v.Date
	case v.Grade != "" && v.Op == OpEQ:
		return v.Grade
	case v.Grade != "":
		return v.Op + " " + v.Grade
	case v.HasNum:
		fmt.Fprintf(&b, "%s %s", v.Op, v.Num)
	default:
		return v.Raw
	}
	if v.Unit != "" {
		b.WriteString(" " + v.Unit)
	}
	return b.String()
}

// ParseIndicatorValue parses a 指标值 cell:
//   - comparisons with symbols in any width or ASCII form (≥ ≤ > < =, >=,
//     ＞＝, ≧, =>) or words (不低于, 不少于, 大于等于, 至少, 不超过, 低于, 达到, …)
//     before the number, or 以上/及以上/以下/以内 after it: "95%以上" is ≥ 95 %;
//   - a bare number is "=": "100%";
//   - counts keep their unit as written: "≥5次", "≥27个", "≤3个工作日";
//   - money in 元 or 万元 is converted exactly into moneyUnit, keeping a
//     rate: "≤500元/月" with UnitWan is ≤ 0.05 万元/月 (UnitUnknown leaves
//     money as written);
//   - deadlines ("2024年12月31日前", "2024年12月底前", "12月底前",
//     "2024/12/31前") are ≤ with Date "2024-12-31", or "12-31" without a year;
//     a month's end is its last day, leap years included (February without a
//     year ends on 02-28);
//   - ranges ("90%-95%", "90～95%", "90%至95%") are "区间" from Num to Max;
//   - grades (优, 良, 中, 差, 好, 较好, 一般, 达标, 合格, 是/否, …) are "=" with
//     Grade set, or another Op when qualified ("良好以上" is ≥ 良好).
//
// Text it cannot read is returned with only Raw set and an error wrapping
// ErrIndicatorValue, for the caller to report as a warning.
//
//	v, err := convert.ParseIndicatorValue("≤2500元", convert.UnitWan) // ≤ 0.25 万元
//	v, err = convert.ParseIndicatorValue("2024年12月31日前", convert.UnitWan) // ≤ 2024-12-31
func ParseIndicatorValue(raw string, moneyUnit Unit) (IndicatorValue, error) {
	s, inclusive := canonIndicator(raw)
	if s == "" {
		return IndicatorValue{Raw: raw}, fmt.Errorf("%w：指标值为空", ErrIndicatorValue)
	}
	v, reason := parseIndicator(s, moneyUnit)
	if reason != "" {
		return IndicatorValue{Raw: raw}, fmt.Errorf("%w：「%s」%s", ErrIndicatorValue, raw, reason)
	}
	if inclusive == "不含" {
		switch v.Op {
		case OpGE:
			v.Op = OpGT
		case OpLE:
			v.Op = OpLT
		}
	}
	v.Raw = raw
	return v, nil
}

// symbolForms maps the ways forms write comparison symbols (after width
// folding) to the canonical ones. Longer forms come first.
var symbolForms = []struct{ from, to string }{
	{">=", OpGE}, {"=>", OpGE}, {"<=", OpLE}, {"=<", OpLE},
	{"≧", OpGE}, {"⩾", OpGE}, {"≦", OpLE}, {"⩽", OpLE},
	{"≮", OpGE}, {"≯", OpLE}, {"﹥", OpGT}, {"﹤", OpLT}, {"﹦", OpEQ},
	{"〜", "~"}, {"∽", "~"},
}

// canonIndicator normalises an indicator text: NormalizeLabel, canonical
// symbols, trailing punctuation and "(含)"/"(不含)" removed (reported).
func canonIndicator(raw string) (string, string) {
	s := NormalizeLabel(raw)
	for _, f := range symbolForms {
		s = strings.ReplaceAll(s, f.from, f.to)
	}
	s = strings.TrimRight(s, "。.,;、")
	inclusive := ""
	for _, m := range []string{"(含)", "(不含)"} {
		if strings.Contains(s, m) {
			inclusive = strings.Trim(m, "()")
			s = strings.Replace(s, m, "", 1)
		}
	}
	return s, inclusive
}

// opWords are comparison words before a number, longest first.
var opWords = []struct{ word, op string }{
	{"大于或等于", OpGE}, {"小于或等于", OpLE}, {"大于等于", OpGE}, {"小于等于", OpLE},
	{"不低于", OpGE}, {"不少于", OpGE}, {"不小于", OpGE}, {"不高于", OpLE}, {"不超过", OpLE},
	{"不大于", OpLE}, {"不多于", OpLE}, {"不晚于", OpLE}, {"不迟于", OpLE}, {"控制在", OpLE},
	{"至少", OpGE}, {"最少", OpGE}, {"最低", OpGE}, {"最多", OpLE}, {"最高", OpLE},
	{"低于", OpLT}, {"高于", OpGT}, {"大于", OpGT}, {"小于", OpLT}, {"超过", OpGT},
	{"多于", OpGT}, {"少于", OpLT}, {"不足", OpLT}, {"达到", OpGE}, {"等于", OpEQ},
	{"≥", OpGE}, {"≤", OpLE}, {">", OpGT}, {"<", OpLT}, {"=", OpEQ},
}

// suffixWords are comparison words after a number and unit, longest first.
var suffixWords = []struct{ word, op string }{
	{"及以上", OpGE}, {"或以上", OpGE}, {"及以下", OpLE}, {"或以下", OpLE},
	{"以上", OpGE}, {"之上", OpGE}, {"以下", OpLE}, {"之下", OpLE},
	{"以内", OpLE}, {"之内", OpLE}, {"内", OpLE},
}

// grades are the qualitative values forms use.
var grades = map[string]bool{
	"优": true, "良": true, "中": true, "差": true, "优秀": true, "良好": true, "优良": true,
	"好": true, "较好": true, "一般": true, "较差": true, "中等": true, "合格": true,
	"不合格": true, "达标": true, "不达标": true, "基本达标": true, "是": true, "否": true,
	"有": true, "无": true, "有效": true, "显著": true, "明显": true, "较明显": true,
	"满意": true, "基本满意": true, "不满意": true, "提升": true, "提高": true,
	"有所提升": true, "有所提高": true, "明显提升": true, "明显提高": true, "显著提升": true,
	"稳步提升": true, "逐步提高": true, "持续": true, "长期": true, "长期有效": true,
	"持续有效": true, "完成": true, "按时完成": true, "全部完成": true, "及时": true,
	"按时": true, "准确": true, "规范": true, "达到预期": true, "符合要求": true, "符合标准": true,
}

// trendGrade matches qualitative trends such as 明显改善, 有所下降, 进一步完善:
// an optional degree word followed by a direction of change.
var trendGrade = regexp.MustCompile(`^(?:明显|显著|有所|稳步|逐步|进一步|持续|大幅|较大|大幅度|基本|全面|不断|得到)?(?:提升|提高|改善|增强|增加|降低|减少|下降|好转|优化|完善|改进|加强)$`)

// isGrade reports whether s is a qualitative value.
func isGrade(s string) bool { return grades[s] || trendGrade.MatchString(s) }

// parseIndicator parses canonical text; a non-empty reason means failure.
func parseIndicator(s string, moneyUnit Unit) (IndicatorValue, string) {
	op, rest := cutOpPrefix(s)
	if isGrade(rest) {
		return IndicatorValue{Op: orDefault(op, OpEQ), Grade: rest}, ""
	}
	if g, sop, ok := cutSuffixWord(rest); ok && isGrade(g) && (op == "" || op == sop) {
		return IndicatorValue{Op: sop, Grade: g}, ""
	}
	if d, ok := parseDeadline(rest); ok {
		if op == "" || op == OpEQ {
			op = OpLE
		}
		return IndicatorValue{Op: op, Date: d}, ""
	}
	if v, reason, ok := parseRange(rest, moneyUnit); ok {
		if op != "" && op != OpEQ {
			return IndicatorValue{}, "：区间前不应再有比较符号"
		}
		return v, reason
	}
	n, unit, ok := cutNumber(rest, op != "")
	if !ok {
		return IndicatorValue{}, "：未找到数值"
	}
	unit, sop, hasSuffix := cutSuffixWord(unit)
	switch {
	case hasSuffix && op == "":
		op = sop
	case hasSuffix && !sameDirection(op, sop):
		return IndicatorValue{}, "：前后比较方向矛盾"
	case op == "":
		op = OpEQ
	}
	if !validUnit(unit) {
		return IndicatorValue{}, "：单位「" + unit + "」无法识别"
	}
	n, unit = convertMoney(n, unit, moneyUnit)
	return IndicatorValue{Op: op, Num: n, HasNum: true, Unit: unit}, ""
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// cutOpPrefix removes a comparison symbol or word (and a linking 为/在/达)
// from the front.
func cutOpPrefix(s string) (string, string) {
	for _, w := range opWords {
		if rest, ok := strings.CutPrefix(s, w.word); ok {
			return w.op, rest
		}
	}
	for _, w := range []string{"介于", "在", "为", "于"} {
		if rest, ok := strings.CutPrefix(s, w); ok && rest != "" {
			return "", rest
		}
	}
	return "", s
}

// cutSuffixWord removes a trailing 以上/以下/以内 word and names its Op.
func cutSuffixWord(s string) (string, string, bool) {
	for _, w := range suffixWords {
		if rest, ok := strings.CutSuffix(s, w.word); ok {
			if w.word == "内" && rest == "" {
				continue
			}
			return rest, w.op, true
		}
	}
	return s, "", false
}

func sameDirection(a, b string) bool {
	up := func(op string) bool { return op == OpGE || op == OpGT }
	down := func(op string) bool { return op == OpLE || op == OpLT }
	return up(a) && up(b) || down(a) && down(b)
}

// cutNumber reads the number at the front of s and returns it with the
// text after it. "百分之九十五" reads as 95 with the rest "%". A sign is
// allowed only when signed is true (after a comparison).
func cutNumber(s string, signed bool) (decimal.Decimal, string, bool) {
	if rest, ok := strings.CutPrefix(s, "百分之"); ok {
		n, after, ok := cutNumber(rest, false)
		return n, "%" + after, ok && !strings.HasPrefix(after, "%")
	}
	neg := false
	if signed && strings.HasPrefix(s, "-") && len(s) > 1 && s[1] >= '0' && s[1] <= '9' {
		neg, s = true, s[1:]
	}
	end := 0
	for end < len(s) && (s[end] >= '0' && s[end] <= '9' || s[end] == '.' || s[end] == ',') {
		end++
	}
	if end > maxNumberText {
		return decimal.Decimal{}, "", false
	}
	if end > 0 {
		for ; end > 0; end-- {
			if s[end-1] >= '0' && s[end-1] <= '9' {
				if d, ok := parseNumberText(s[:end]); ok {
					if neg {
						d = d.Neg()
					}
					return d, s[end:], true
				}
			}
		}
		return decimal.Decimal{}, "", false
	}
	r, _ := utf8.DecodeRuneInString(s)
	if _, ok := cnDigits[r]; !ok && r != '十' && r != '拾' {
		return decimal.Decimal{}, "", false
	}
	var ends []int
	off := 0
	for _, r := range s {
		if _, ok := cnDigits[r]; !ok && !isMagnitude(r) && r != '点' {
			break
		}
		off += utf8.RuneLen(r)
		ends = append(ends, off)
		if len(ends) > maxNumberText {
			return decimal.Decimal{}, "", false
		}
	}
	for i := len(ends) - 1; i >= 0; i-- {
		if d, ok := parseChineseNumber(s[:ends[i]]); ok {
			return d, s[ends[i]:], true
		}
	}
	return decimal.Decimal{}, "", false
}

// maxNumberText bounds the length of a number in an indicator value.
const maxNumberText = 64

// validUnit accepts the unit text after a number: short, no digits, no
// comparison symbols, no brackets and no hedges such as 左右.
func validUnit(u string) bool {
	if utf8.RuneCountInString(u) > 10 || strings.ContainsAny(u, "0123456789≥≤<>=~()[]【】,;:，；：、") {
		return false
	}
	for _, w := range []string{"左右", "上下", "约", "大概", "以上", "以下"} {
		if strings.Contains(u, w) {
			return false
		}
	}
	return !strings.ContainsFunc(u, func(r rune) bool { _, digit := cnDigits[r]; return digit })
}

// moneyScales are the money units an indicator may carry, as powers of ten
// of 元, longest first.
var moneyScales = []struct {
	unit  string
	scale int32
}{{"亿元", 8}, {"万元", 4}, {"千元", 3}, {"元", 0}}

// convertMoney expresses a money figure in moneyUnit, keeping what follows
// the unit ("/月"). Other units and UnitUnknown leave the figure as it is.
func convertMoney(n decimal.Decimal, unit string, moneyUnit Unit) (decimal.Decimal, string) {
	if moneyUnit == UnitUnknown {
		return n, unit
	}
	for _, m := range moneyScales {
		if rest, ok := strings.CutPrefix(unit, m.unit); ok {
			return FromYuan(n.Shift(m.scale), moneyUnit), moneyUnit.String() + rest
		}
	}
	return n, unit
}

// rangeSeparators split the bounds of a range.
var rangeSeparators = []string{"~", "-", "—", "–", "―", "至", "到"}

// parseRange reads "90%-95%", "90～95%", "90%至95%之间". ok is false when s
// is no range; a non-empty reason then means a malformed one.
func parseRange(s string, moneyUnit Unit) (IndicatorValue, string, bool) {
	s = strings.TrimSuffix(strings.TrimSuffix(s, "之间"), "范围内")
	for _, sep := range rangeSeparators {
		i := strings.Index(s, sep)
		if i <= 0 {
			continue
		}
		lo, lu, ok1 := cutNumber(s[:i], false)
		hi, hu, ok2 := cutNumber(s[i+len(sep):], false)
		if !ok1 || !ok2 || !validUnit(lu) || !validUnit(hu) {
			continue
		}
		if lu == "" {
			lu = hu
		}
		if hu == "" {
			hu = lu
		}
		lo, lu = convertMoney(lo, lu, moneyUnit)
		hi, hu = convertMoney(hi, hu, moneyUnit)
		if lu != hu {
			return IndicatorValue{}, "：区间两端单位不同", true
		}
		if lo.GreaterThan(hi) {
			return IndicatorValue{}, "：区间下限大于上限", true
		}
		return IndicatorValue{Op: OpRange, Num: lo, Max: hi, HasNum: true, Unit: hu}, "", true
	}
	return IndicatorValue{}, "", false
}

// Deadline patterns; numbers may be Arabic or Chinese numerals.
const cnNum = `([0-9〇零一二三四五六七八九十]+)`

var (
	reFullDate  = regexp.MustCompile(`^(?:` + cnNum + `年)?` + cnNum + `月` + cnNum + `[日号]$`)
	reMonthEnd  = regexp.MustCompile(`^(?:` + cnNum + `年)?` + cnNum + `月(?:底|末|份|末前|内)?$`)
	reYearEnd   = regexp.MustCompile(`^(?:` + cnNum + `年)?(?:年)?(?:底|末|内|度内|年底|年末)$`)
	reISODate   = regexp.MustCompile(`^([0-9]{4})([-./])([0-9]{1,2})([-./])([0-9]{1,2})$`)
	deadlineCut = []string{"前完成", "之前完成", "以前完成", "完成", "之前", "以前", "前", "为止", "止"}
	deadlineTop = []string{"截止到", "截止于", "截至", "截止", "于", "在"}
)

// parseDeadline reads a deadline and returns it as YYYY-MM-DD or MM-DD.
func parseDeadline(s string) (string, bool) {
	for _, p := range deadlineTop {
		s = strings.TrimPrefix(s, p)
	}
	for _, c := range deadlineCut {
		if rest, ok := strings.CutSuffix(s, c); ok && rest != "" {
			s = rest
			break
		}
	}
	if m := reISODate.FindStringSubmatch(s); m != nil && m[2] == m[4] {
		return makeDate(m[1], m[3], m[5])
	}
	if m := reFullDate.FindStringSubmatch(s); m != nil {
		return makeDate(m[1], m[2], m[3])
	}
	if m := reMonthEnd.FindStringSubmatch(s); m != nil {
		if strings.HasSuffix(s, "月") && m[1] == "" {
			return "", false // "12月" alone is a count of months
		}
		return makeDate(m[1], m[2], "")
	}
	if s == "年底" || s == "年末" || s == "年内" {
		return "12-31", true
	}
	if m := reYearEnd.FindStringSubmatch(s); m != nil && m[1] != "" {
		return makeDate(m[1], "12", "")
	}
	return "", false
}

// makeDate validates a date; an empty day means the month's last day.
func makeDate(year, month, day string) (string, bool) {
	num := func(t string) int {
		d, ok := parseChineseNumber(t)
		if !ok || !d.IsInteger() || d.GreaterThan(decimal.NewFromInt(9999)) {
			return -1
		}
		return int(d.IntPart())
	}
	y, m := 0, num(month)
	if year != "" {
		if y = num(year); y < 1900 || y > 2200 {
			return "", false
		}
	}
	if m < 1 || m > 12 {
		return "", false
	}
	last := 28
	switch {
	case y != 0:
		last = time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	case m != 2:
		last = time.Date(2001, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	}
	d := last
	if day != "" {
		d = num(day)
		if y == 0 && m == 2 && d == 29 {
			last = 29
		}
		if d < 1 || d > last {
			return "", false
		}
	}
	if y == 0 {
		return fmt.Sprintf("%02d-%02d", m, d), true
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d), true
}
