// Medians, means and deviations for 乡镇差异 and 单位成本.

package pivot

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"jixiao/convert"
)

// DefaultThreshold is the |偏离率| above which a figure is marked (50%).
var DefaultThreshold = decimal.New(5, -1)

// RatioPlaces is how many decimals a 偏离率 or 变动率 keeps.
const RatioPlaces = 12

// ErrThreshold means a --threshold value could not be understood.
var ErrThreshold = errors.New("偏离率阈值无效")

// ParseThreshold reads a 偏离率 threshold: "50%", "0.5" or "50" (a bare
// number above 1 is taken as a percentage).
//
//	t, _ := pivot.ParseThreshold("30%") // 0.3
func ParseThreshold(s string) (decimal.Decimal, error) {
	s = strings.TrimSpace(convert.NormalizeLabel(s))
	pct := strings.HasSuffix(s, "%")
	d, err := decimal.NewFromString(strings.TrimSuffix(s, "%"))
	if err != nil || d.IsNegative() {
		return decimal.Zero, fmt.Errorf("%w：「%s」，应为百分数，如 50%%", ErrThreshold, s)
	}
	if pct || d.GreaterThan(decimal.NewFromInt(1)) {
		d = d.Shift(-2)
	}
	return d, nil
}

// Median returns the median of ds, exactly; for an even count it is the mean
// of the middle two. It returns zero for no values.
//
//	pivot.Median([]decimal.Decimal{a, b, c, d}) // (b+c)/2 after sorting
func Median(ds []decimal.Decimal) decimal.Decimal {
	if len(ds) == 0 {
		return decimal.Zero
	}
	s := append([]decimal.Decimal(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i].LessThan(s[j]) })
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return s[n/2-1].Add(s[n/2]).Div(decimal.NewFromInt(2))
}

// Mean returns the arithmetic mean of ds; it is exact when the division
// terminates and otherwise rounded to 16 decimals (far below a 分).
func Mean(ds []decimal.Decimal) decimal.Decimal {
	if len(ds) == 0 {
		return decimal.Zero
	}
	return decimal.Sum(decimal.Zero, ds...).DivRound(decimal.NewFromInt(int64(len(ds))), 16)
}

// Deviation is (v − median) / median, rounded to RatioPlaces; ok is false
// when the median is zero and no ratio exists.
func Deviation(v, median decimal.Decimal) (decimal.Decimal, bool) {
	if median.IsZero() {
		return decimal.Zero, false
	}
	return v.Sub(median).DivRound(median, RatioPlaces), true
}

// Flag marks a deviation beyond the threshold: 偏高 or 偏低.
func Flag(dev decimal.Decimal, ok bool, threshold decimal.Decimal) string {
	switch {
	case !ok || dev.Abs().LessThanOrEqual(threshold):
		return ""
	case dev.IsPositive():
		return "偏高"
	}
	return "偏低"
}
