package baseline

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"jixiao/consolidate"
	"jixiao/consolidate/pivot"
	"jixiao/consolidate/review"
	"jixiao/convert"
)

var (
	titleUnit = regexp.MustCompile(`单位[:：]\s*(万元|元)`)
	titleYear = regexp.MustCompile(`(\d{4})年度`)
)

// readCountyWorkbook reads 乡镇, 类别 and 预算数 back from the 项目明细 sheet of
// a county workbook, and files its minimum targets in t (readCountyTargets).
// ok is false when path is not such a workbook (a folder, another format, or
// a workbook without that sheet and those columns).
func readCountyWorkbook(path string, t *review.Targets) (p *pivot.Pivot, year int, ok bool, err error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, 0, false, &convert.LocatedError{File: path, Err: fmt.Errorf("%w：%v", ErrUnusable, err)}
	}
	if info.IsDir() || !convert.IsWorkbookExtension(filepath.Ext(path)) {
		return nil, 0, false, nil
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, 0, false, nil // not readable as a workbook here; Run will report it
	}
	defer f.Close()
	if idx, _ := f.GetSheetIndex(consolidate.SheetProjects); idx < 0 {
		return nil, 0, false, nil
	}
	rows, err := f.GetRows(consolidate.SheetProjects, excelize.Options{RawCellValue: true})
	if err != nil || len(rows) < 2 {
		return nil, 0, false, nil
	}
	col := headerColumns(rows[1])
	tc, ok1 := col["乡镇"]
	cc, ok2 := col["类别"]
	bc, ok3 := col["预算数"]
	if !ok1 || !ok2 || !ok3 {
		return nil, 0, false, nil
	}
	unit := convert.UnitWan
	title := ""
	if len(rows[0]) > 0 {
		title = rows[0][0]
	}
	if m := titleUnit.FindStringSubmatch(title); m != nil {
		unit, _ = convert.ParseUnit(m[1])
	}
	if m := titleYear.FindStringSubmatch(title); m != nil {
		year, _ = strconv.Atoi(m[1])
	}
	// A cell holds a binary float; round back to the 分 in the sheet's unit.
	places := int32(2)
	if unit == convert.UnitWan {
		places = 6
	}
	p = pivot.New()
	seenTown := map[string]bool{}
	for i, r := range rows[2:] {
		town, cat, raw := cellAt(r, tc), cellAt(r, cc), cellAt(r, bc)
		if town == "" && cat == "" {
			continue
		}
		var yuan decimal.Decimal
		if raw != "" {
			d, err := decimal.NewFromString(raw)
			if err != nil {
				cell, _ := excelize.CoordinatesToCellName(bc+1, i+3)
				return nil, 0, false, &convert.LocatedError{File: path, Sheet: consolidate.SheetProjects, Cell: cell,
					Err: fmt.Errorf("%w：预算数「%s」不是数字", ErrUnusable, raw)}
			}
			yuan = convert.ToYuan(d.Round(places), unit)
		}
		p.Add(cat, town, yuan, 1)
		if !seenTown[town] {
			seenTown[town] = true
			p.Townships = append(p.Townships, town)
		}
	}
	readCountyTargets(f, t)
	return p, year, true, nil
}

// headerColumns is the column of each (normalized) label of a header row.
func headerColumns(header []string) map[string]int {
	col := map[string]int{}
	for i, h := range header {
		col[convert.NormalizeLabel(h)] = i
	}
	return col
}

// cellAt is cell i of row r, trimmed; "" past the row's end.
func cellAt(r []string, i int) string {
	if i < len(r) {
		return strings.TrimSpace(r[i])
	}
	return ""
}
