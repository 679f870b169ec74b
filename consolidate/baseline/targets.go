package baseline

import (
	"strings"

	"github.com/xuri/excelize/v2"

	"jixiao/consolidate"
	"jixiao/consolidate/review"
	"jixiao/convert"
)

// readCountyTargets files the minimum targets of a prior county workbook's
// 指标明细 sheets (指标明细, 指标明细（2）, …) in t, for the review's R9: each
// row's 乡镇, 项目编码, 项目名称, 三级指标 and 指标值 as written (parsed again,
// money in 元). A workbook without those columns adds nothing.
func readCountyTargets(f *excelize.File, t *review.Targets) {
	for _, sheet := range f.GetSheetList() {
		if !strings.HasPrefix(sheet, consolidate.SheetIndicators) {
			continue
		}
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil || len(rows) < 2 {
			continue
		}
		col := headerColumns(rows[1])
		need := []string{"乡镇", "项目编码", "项目名称", "三级指标", "指标值"}
		idx := make([]int, len(need))
		ok := true
		for i, h := range need {
			idx[i], ok = col[h]
			if !ok {
				break
			}
		}
		if !ok {
			continue
		}
		for _, r := range rows[2:] {
			town, value := cellAt(r, idx[0]), cellAt(r, idx[4])
			if town == "" || value == "" {
				continue
			}
			if v, err := convert.ParseIndicatorValue(value, convert.UnitYuan); err == nil {
				t.AddTarget(town, cellAt(r, idx[1]), cellAt(r, idx[2]), cellAt(r, idx[3]), v)
			}
		}
	}
}
