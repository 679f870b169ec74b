package convert

import (
	"errors"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// indicatorCase is an expected parse; empty fields are expected empty.
type indicatorCase struct {
	name  string
	raw   string
	op    string
	num   string // "" when HasNum is false
	max   string
	unit  string
	date  string
	grade string
}

func checkIndicator(t *testing.T, tt indicatorCase, v IndicatorValue, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("ParseIndicatorValue(%q) error: %v", tt.raw, err)
	}
	if v.Raw != tt.raw {
		t.Errorf("Raw = %q, want %q", v.Raw, tt.raw)
	}
	if v.Op != tt.op || v.Unit != tt.unit || v.Date != tt.date || v.Grade != tt.grade {
		t.Errorf("got Op %q Unit %q Date %q Grade %q; want %q %q %q %q", v.Op, v.Unit, v.Date, v.Grade, tt.op, tt.unit, tt.date, tt.grade)
	}
	if v.HasNum != (tt.num != "") {
		t.Fatalf("HasNum = %v, want %v", v.HasNum, tt.num != "")
	}
	if tt.num != "" && !v.Num.Equal(decimal.RequireFromString(tt.num)) {
		t.Errorf("Num = %s, want %s", v.Num, tt.num)
	}
	if tt.max != "" && !v.Max.Equal(decimal.RequireFromString(tt.max)) {
		t.Errorf("Max = %s, want %s", v.Max, tt.max)
	}
}

// seedIndicators are every 指标值 of the seed form; num is in 万元 for money.
var seedIndicators = []indicatorCase{
	{name: "seed ≥5次", raw: "≥5次", op: "≥", num: "5", unit: "次"},
	{name: "seed ≥30次", raw: "≥30次", op: "≥", num: "30", unit: "次"},
	{name: "seed ≥50次", raw: "≥50次", op: "≥", num: "50", unit: "次"},
	{name: "seed ≥3次", raw: "≥3次", op: "≥", num: "3", unit: "次"},
	{name: "seed ≥4次", raw: "≥4次", op: "≥", num: "4", unit: "次"},
	{name: "seed ≥27个", raw: "≥27个", op: "≥", num: "27", unit: "个"},
	{name: "seed ≥6个", raw: "≥6个", op: "≥", num: "6", unit: "个"},
	{name: "seed ≥20户", raw: "≥20户", op: "≥", num: "20", unit: "户"},
	{name: "seed ≥5人", raw: "≥5人", op: "≥", num: "5", unit: "人"},
	{name: "seed ≥4人", raw: "≥4人", op: "≥", num: "4", unit: "人"},
	{name: "seed ≥95%", raw: "≥95%", op: "≥", num: "95", unit: "%"},
	{name: "seed 优", raw: "优", op: "=", grade: "优"},
	{name: "seed 优 with space", raw: "优 ", op: "=", grade: "优"},
	{name: "trend 明显改善", raw: "明显改善", op: "=", grade: "明显改善"},
	{name: "trend 有所下降", raw: "有所下降", op: "=", grade: "有所下降"},
	{name: "trend 进一步完善", raw: "进一步完善", op: "=", grade: "进一步完善"},
	{name: "seed deadline", raw: "2024年12月31日前", op: "≤", date: "2024-12-31"},
	{name: "seed ≤0.5万元", raw: "≤0.5万元", op: "≤", num: "0.5", unit: "万元"},
	{name: "seed ≤3万元", raw: "≤3万元", op: "≤", num: "3", unit: "万元"},
	{name: "seed ≤6万元", raw: "≤6万元", op: "≤", num: "6", unit: "万元"},
	{name: "seed ≤1万元", raw: "≤1万元", op: "≤", num: "1", unit: "万元"},
	{name: "seed ≤2万元", raw: "≤2万元", op: "≤", num: "2", unit: "万元"},
	{name: "seed ≤5万元", raw: "≤5万元", op: "≤", num: "5", unit: "万元"},
	{name: "seed ≤30万元", raw: "≤30万元", op: "≤", num: "30", unit: "万元"},
	{name: "seed ≤2500元", raw: "≤2500元", op: "≤", num: "0.25", unit: "万元"},
	{name: "seed ≤1700元", raw: "≤1700元", op: "≤", num: "0.17", unit: "万元"},
	{name: "seed ≤2000元", raw: "≤2000元", op: "≤", num: "0.2", unit: "万元"},
	{name: "seed ≤3000元", raw: "≤3000元", op: "≤", num: "0.3", unit: "万元"},
	{name: "seed ≤500元/月", raw: "≤500元/月", op: "≤", num: "0.05", unit: "万元/月"},
}

func TestParseIndicatorValueSeedWan(t *testing.T) {
	for _, tt := range seedIndicators {
		t.Run(tt.name, func(t *testing.T) {
			v, err := ParseIndicatorValue(tt.raw, UnitWan)
			checkIndicator(t, tt, v, err)
		})
	}
}

func TestParseIndicatorValueSeedYuan(t *testing.T) {
	for _, tt := range seedIndicators {
		if len(tt.unit) >= len("元") && (tt.unit[:3] == "万" || tt.unit[:3] == "元") {
			n := decimal.RequireFromString(tt.num).Shift(4)
			tt.num = n.String()
			tt.unit = "元" + tt.unit[len("万元"):]
		}
		t.Run(tt.name, func(t *testing.T) {
			v, err := ParseIndicatorValue(tt.raw, UnitYuan)
			checkIndicator(t, tt, v, err)
		})
	}
}

func TestParseIndicatorValue(t *testing.T) {
	tests := []indicatorCase{
		{name: "ascii >=", raw: ">=95%", op: "≥", num: "95", unit: "%"},
		{name: "full-width >=", raw: "＞＝９５％", op: "≥", num: "95", unit: "%"},
		{name: "≧", raw: "≧90%", op: "≥", num: "90", unit: "%"},
		{name: "≦", raw: "≦3天", op: "≤", num: "3", unit: "天"},
		{name: "=>", raw: "=>80%", op: "≥", num: "80", unit: "%"},
		{name: "ascii <=", raw: "<=10个", op: "≤", num: "10", unit: "个"},
		{name: "ascii >", raw: ">0", op: ">", num: "0"},
		{name: "ascii <", raw: "<5%", op: "<", num: "5", unit: "%"},
		{name: "equals", raw: "=100%", op: "=", num: "100", unit: "%"},
		{name: "bare percent", raw: "100%", op: "=", num: "100", unit: "%"},
		{name: "bare count", raw: "27个", op: "=", num: "27", unit: "个"},
		{name: "stray spaces", raw: " ≥ 95 % ", op: "≥", num: "95", unit: "%"},
		{name: "不低于", raw: "不低于90%", op: "≥", num: "90", unit: "%"},
		{name: "不少于", raw: "不少于5件", op: "≥", num: "5", unit: "件"},
		{name: "大于等于", raw: "大于等于90%", op: "≥", num: "90", unit: "%"},
		{name: "至少", raw: "至少3场", op: "≥", num: "3", unit: "场"},
		{name: "不高于", raw: "不高于5%", op: "≤", num: "5", unit: "%"},
		{name: "不超过", raw: "不超过2500元", op: "≤", num: "0.25", unit: "万元"},
		{name: "小于等于", raw: "小于等于3天", op: "≤", num: "3", unit: "天"},
		{name: "低于", raw: "低于1%", op: "<", num: "1", unit: "%"},
		{name: "高于", raw: "高于80%", op: ">", num: "80", unit: "%"},
		{name: "大于", raw: "大于0", op: ">", num: "0"},
		{name: "小于", raw: "小于2次", op: "<", num: "2", unit: "次"},
		{name: "达到", raw: "达到100%", op: "≥", num: "100", unit: "%"},
		{name: "等于", raw: "等于100%", op: "=", num: "100", unit: "%"},
		{name: "以上", raw: "95%以上", op: "≥", num: "95", unit: "%"},
		{name: "及以上", raw: "90%及以上", op: "≥", num: "90", unit: "%"},
		{name: "以下", raw: "5%以下", op: "≤", num: "5", unit: "%"},
		{name: "及以下", raw: "3次及以下", op: "≤", num: "3", unit: "次"},
		{name: "以内", raw: "2000元以内", op: "≤", num: "0.2", unit: "万元"},
		{name: "内", raw: "3个工作日内", op: "≤", num: "3", unit: "个工作日"},
		{name: "在…以上", raw: "在95%以上", op: "≥", num: "95", unit: "%"},
		{name: "含 marker", raw: "95%（含）以上", op: "≥", num: "95", unit: "%"},
		{name: "不含 marker", raw: "95%以上（不含）", op: ">", num: "95", unit: "%"},
		{name: "prefix and suffix agree", raw: "不少于95%以上", op: "≥", num: "95", unit: "%"},
		{name: "decimal", raw: "≥99.5%", op: "≥", num: "99.5", unit: "%"},
		{name: "thousands", raw: "≤2,500元", op: "≤", num: "0.25", unit: "万元"},
		{name: "money 万元 per year", raw: "≤1.2万元/年", op: "≤", num: "1.2", unit: "万元/年"},
		{name: "money 亿元", raw: "≥1亿元", op: "≥", num: "10000", unit: "万元"},
		{name: "Chinese count", raw: "不少于三次", op: "≥", num: "3", unit: "次"},
		{name: "Chinese percent", raw: "百分之九十五", op: "=", num: "95", unit: "%"},
		{name: "Chinese ten", raw: "≥十个", op: "≥", num: "10", unit: "个"},
		{name: "permille", raw: "≤5‰", op: "≤", num: "5", unit: "‰"},
		{name: "area", raw: "≥1200平方米", op: "≥", num: "1200", unit: "平方米"},
		{name: "distance", raw: "≥3.5公里", op: "≥", num: "3.5", unit: "公里"},
		{name: "float noise", raw: "≥0.95000000000000007", op: "≥", num: "0.95"},
		{name: "negative after op", raw: "≥-5%", op: "≥", num: "-5", unit: "%"},
		{name: "trailing full stop", raw: "≥95%。", op: "≥", num: "95", unit: "%"},
		{name: "range hyphen", raw: "90%-95%", op: "区间", num: "90", max: "95", unit: "%"},
		{name: "range wave", raw: "90%～95%", op: "区间", num: "90", max: "95", unit: "%"},
		{name: "range unit once", raw: "90-95%", op: "区间", num: "90", max: "95", unit: "%"},
		{name: "range 至", raw: "90%至95%", op: "区间", num: "90", max: "95", unit: "%"},
		{name: "range 之间", raw: "在90%-95%之间", op: "区间", num: "90", max: "95", unit: "%"},
		{name: "range money", raw: "2000-3000元", op: "区间", num: "0.2", max: "0.3", unit: "万元"},
		{name: "range mixed money", raw: "5000元-1万元", op: "区间", num: "0.5", max: "1", unit: "万元"},
		{name: "deadline 月底", raw: "2024年12月底前", op: "≤", date: "2024-12-31"},
		{name: "deadline no year", raw: "12月底前", op: "≤", date: "12-31"},
		{name: "deadline ISO", raw: "2024-12-31", op: "≤", date: "2024-12-31"},
		{name: "deadline dots", raw: "2024.12.31", op: "≤", date: "2024-12-31"},
		{name: "deadline slashes", raw: "2024/12/31前", op: "≤", date: "2024-12-31"},
		{name: "deadline short month", raw: "2024/6/30", op: "≤", date: "2024-06-30"},
		{name: "deadline leap February", raw: "2024年2月底前", op: "≤", date: "2024-02-29"},
		{name: "deadline common February", raw: "2023年2月底", op: "≤", date: "2023-02-28"},
		{name: "deadline February no year", raw: "2月底前", op: "≤", date: "02-28"},
		{name: "deadline 30-day month", raw: "2024年6月底前", op: "≤", date: "2024-06-30"},
		{name: "deadline 月末", raw: "2024年9月末", op: "≤", date: "2024-09-30"},
		{name: "deadline month", raw: "2024年11月", op: "≤", date: "2024-11-30"},
		{name: "deadline 年底", raw: "2024年底前", op: "≤", date: "2024-12-31"},
		{name: "deadline 年底 no year", raw: "年底前", op: "≤", date: "12-31"},
		{name: "deadline 完成", raw: "2024年12月31日前完成", op: "≤", date: "2024-12-31"},
		{name: "deadline 截至", raw: "截至2024年10月31日", op: "≤", date: "2024-10-31"},
		{name: "deadline Chinese numerals", raw: "二〇二四年十二月底前", op: "≤", date: "2024-12-31"},
		{name: "deadline ≤ symbol", raw: "≤2024年12月31日", op: "≤", date: "2024-12-31"},
		{name: "deadline month and day", raw: "6月30日前", op: "≤", date: "06-30"},
		{name: "grade 良", raw: "良", op: "=", grade: "良"},
		{name: "grade 中", raw: "中", op: "=", grade: "中"},
		{name: "grade 差", raw: "差", op: "=", grade: "差"},
		{name: "grade 好", raw: "好", op: "=", grade: "好"},
		{name: "grade 较好", raw: "较好", op: "=", grade: "较好"},
		{name: "grade 一般", raw: "一般", op: "=", grade: "一般"},
		{name: "grade 达标", raw: "达标", op: "=", grade: "达标"},
		{name: "grade 合格", raw: "合格", op: "=", grade: "合格"},
		{name: "grade 优秀", raw: "优秀", op: "=", grade: "优秀"},
		{name: "grade 是", raw: "是", op: "=", grade: "是"},
		{name: "grade 否", raw: "否", op: "=", grade: "否"},
		{name: "grade 有效", raw: "有效", op: "=", grade: "有效"},
		{name: "grade 显著", raw: "显著", op: "=", grade: "显著"},
		{name: "grade with =", raw: "=优", op: "=", grade: "优"},
		{name: "grade full-width space", raw: "\u3000良好\u3000", op: "=", grade: "良好"},
		{name: "grade qualified", raw: "良好以上", op: "≥", grade: "良好"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := ParseIndicatorValue(tt.raw, UnitWan)
			checkIndicator(t, tt, v, err)
		})
	}
}

func TestParseIndicatorValueMoneyUnit(t *testing.T) {
	tests := []struct {
		name, raw string
		unit      Unit
		num, want string
	}{
		{name: "元 to 万元", raw: "≤2500元", unit: UnitWan, num: "0.25", want: "万元"},
		{name: "万元 to 元", raw: "≤0.5万元", unit: UnitYuan, num: "5000", want: "元"},
		{name: "rate to 元", raw: "≤0.05万元/月", unit: UnitYuan, num: "500", want: "元/月"},
		{name: "unknown keeps 元", raw: "≤2500元", unit: UnitUnknown, num: "2500", want: "元"},
		{name: "unknown keeps 万元", raw: "≤0.5万元", unit: UnitUnknown, num: "0.5", want: "万元"},
		{name: "odd cents exact", raw: "≤1234.56元", unit: UnitWan, num: "0.123456", want: "万元"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := ParseIndicatorValue(tt.raw, tt.unit)
			if err != nil {
				t.Fatal(err)
			}
			if !v.Num.Equal(decimal.RequireFromString(tt.num)) || v.Unit != tt.want {
				t.Errorf("got %s %q, want %s %q", v.Num, v.Unit, tt.num, tt.want)
			}
		})
	}
}

func TestParseIndicatorValueErrors(t *testing.T) {
	tests := []struct{ name, raw string }{
		{name: "empty", raw: ""},
		{name: "spaces", raw: "  "},
		{name: "free text", raw: "群众满意度较高的水平"},
		{name: "mixed digits", raw: "≥9五%"},
		{name: "contradiction", raw: "≥95%以下"},
		{name: "approximate", raw: "95%左右"},
		{name: "bad date", raw: "2024年13月31日前"},
		{name: "bad day", raw: "2023年2月29日前"},
		{name: "bad ISO date", raw: "2024-02-30"},
		{name: "range reversed", raw: "95%-90%"},
		{name: "range mixed units", raw: "5次-10个"},
		{name: "range with op", raw: "≥90%-95%"},
		{name: "op only", raw: "≥"},
		{name: "bracketed remark", raw: "≥95%(问卷)"},
		{name: "two numbers", raw: "≥5次3个"},
		{name: "dash", raw: "—"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := ParseIndicatorValue(tt.raw, UnitWan)
			if !errors.Is(err, ErrIndicatorValue) {
				t.Fatalf("ParseIndicatorValue(%q) = %+v, %v; want ErrIndicatorValue", tt.raw, v, err)
			}
			if v.Raw != tt.raw || v.Op != "" || v.HasNum || v.Grade != "" || v.Date != "" {
				t.Errorf("unparsed value = %+v, want only Raw %q", v, tt.raw)
			}
		})
	}
}

func TestIndicatorValueString(t *testing.T) {
	tests := []struct{ name, raw, want string }{
		{name: "percent", raw: "95%以上", want: "≥ 95 %"},
		{name: "money", raw: "≤2500元", want: "≤ 0.25 万元"},
		{name: "rate", raw: "≤500元/月", want: "≤ 0.05 万元/月"},
		{name: "range", raw: "90-95%", want: "90 ~ 95 %"},
		{name: "deadline", raw: "2024年12月31日前", want: "≤ 2024-12-31"},
		{name: "grade", raw: "优 ", want: "优"},
		{name: "qualified grade", raw: "良好及以上", want: "≥ 良好"},
		{name: "no unit", raw: ">0", want: "> 0"},
		{name: "unparsed", raw: "看情况", want: "看情况"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, _ := ParseIndicatorValue(tt.raw, UnitWan)
			if got := v.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
		})
	}
}

func FuzzParseIndicatorValue(f *testing.F) {
	for _, tt := range seedIndicators {
		f.Add(tt.raw)
	}
	for _, s := range []string{
		"大于等于90%", "全年不少于5件", "95%以上", "90%-95%", "90～95%", "12月底前", "2024/12/31前",
		"良好以上", "≥ 95 %", "百分之九十五", "二〇二四年十二月底前", "5000元-1万元", "≥-5%", "", "—",
		"占工作任务的比例大于等于100%。",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		for _, u := range []Unit{UnitWan, UnitYuan, UnitUnknown} {
			v, err := ParseIndicatorValue(raw, u)
			if v.Raw != raw {
				t.Fatalf("Raw = %q, want %q", v.Raw, raw)
			}
			if err != nil {
				if !errors.Is(err, ErrIndicatorValue) || v.Op != "" {
					t.Fatalf("ParseIndicatorValue(%q) = %+v, %v", raw, v, err)
				}
				continue
			}
			switch v.Op {
			case OpGE, OpLE, OpGT, OpLT, OpEQ:
			case OpRange:
				if v.Num.GreaterThan(v.Max) {
					t.Fatalf("range %q: %s > %s", raw, v.Num, v.Max)
				}
			default:
				t.Fatalf("ParseIndicatorValue(%q): Op %q", raw, v.Op)
			}
			if !v.HasNum && v.Date == "" && v.Grade == "" {
				t.Fatalf("ParseIndicatorValue(%q) = %+v: nothing parsed", raw, v)
			}
			_ = v.String()
		}
	})
}

// TestParseLongInputs guards against quadratic work on pathological cells.
func TestParseLongInputs(t *testing.T) {
	tests := []struct{ name, unit string }{
		{name: "Arabic digits", unit: "1"},
		{name: "Chinese digits", unit: "一"},
		{name: "comparisons", unit: "≥一"},
		{name: "digits and commas", unit: "1,"},
		{name: "magnitudes", unit: "一万"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := strings.Repeat(tt.unit, 100000)
			ParseIndicatorValue(s, UnitWan)
			ParseAmount(s, UnitWan)
		})
	}
}
