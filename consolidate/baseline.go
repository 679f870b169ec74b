package consolidate

import (
	"jixiao/consolidate/pivot"
	"jixiao/consolidate/review"
)

// Baseline is the 基期 the current year is compared with: 预算数 by 乡镇 and
// 类别, exact, in 元, read from prior-year township submissions or from a
// county workbook jixiao wrote before (see package consolidate/baseline).
type Baseline struct {
	// Year is the 基期 year where known, else 0.
	Year int
	// Sources describes what was read, one entry per input path.
	Sources []string
	// Pivot holds the amounts.
	Pivot *pivot.Pivot
	// Result is the consolidation of the township submissions read (nil when
	// only county workbooks were given). It is closed: its totals, problems
	// and sources remain, its full submissions do not.
	Result *Result
	// Targets are the 基期's minimum targets by project and 三级指标, for the
	// review's R9: from the township forms, or from a county workbook's
	// 指标明细.
	Targets *review.Targets
}
