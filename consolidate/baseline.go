package consolidate

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"jixiao/consolidate/category"
	"jixiao/consolidate/review"
	"jixiao/convert"
	"jixiao/templates"
)

// ErrBaseline means the 基期 (prior-year) data could not be used.
var ErrBaseline = errors.New("基期数据无法使用")

// Baseline is the 基期 the current year is compared with: 预算数 by 乡镇 and
// 类别, exact, in 元, read from prior-year township submissions or from a
// county workbook jixiao wrote before.
type Baseline struct {
	// Year is the 基期 year where known, else 0.
	Year int
	// Sources describes what was read, one entry per input path.
	Sources []string
	// Pivot holds the amounts.
	Pivot *Pivot
	// Result is the consolidation of the township submissions read (nil when
	// only county workbooks were given). It is closed: its totals, problems
	// and sources remain, its full submissions do not.
	Result *Result
	// Targets are the 基期's minimum targets by project and 三级指标, for the
	// review's R9: from the township forms, or from a county workbook's
	// 指标明细.
	Targets *review.Targets
}

// LoadBaseline reads the 基期 from paths: each may be a prior county workbook
// (recognised by its 项目明细 sheet with 乡镇, 类别 and 预算数 columns, read in
// the unit its title states) or township files and folders, read with Run
// and categorised with cat. A township found in two sources is an error,
// never counted twice.
//
//	base, err := consolidate.LoadBaseline(ctx, []string{"samples/2023"}, consolidate.Options{}, nil)
func LoadBaseline(ctx context.Context, paths []string, opt Options, cat *category.Categorizer) (*Baseline, error) {
	b := &Baseline{Pivot: newPivot(), Targets: review.NewTargets(category.Default)}
	var townshipPaths []string
	owner := map[string]string{}
	merge := func(p *Pivot, src string) error {
		for _, t := range p.Townships {
			if prev, dup := owner[t]; dup {
				return fmt.Errorf("%w：乡镇「%s」同时出现在 %s 和 %s", ErrBaseline, t, prev, src)
			}
			owner[t] = src
			b.Pivot.Townships = append(b.Pivot.Townships, t)
		}
		p.each(func(category, township string, c pivotCell) {
			b.Pivot.add(category, township, c.amount.decimal(), c.projects)
		})
		return nil
	}
	for _, path := range paths {
		p, year, ok, err := readCountyWorkbook(path)
		if err != nil {
			return nil, err
		}
		if !ok {
			townshipPaths = append(townshipPaths, path)
			continue
		}
		if err := merge(p, path); err != nil {
			return nil, err
		}
		readCountyTargets(path, b.Targets)
		b.Sources = append(b.Sources, path+"（县级汇总工作簿）")
		if year > b.Year {
			b.Year = year
		}
	}
	if len(townshipPaths) > 0 {
		opt.Progress = nil
		opt.Rules = review.None() // the 基期 is not reviewed
		res, err := Run(ctx, townshipPaths, opt)
		if err != nil {
			return nil, fmt.Errorf("%w：%w", ErrBaseline, err)
		}
		if res.Townships() == 0 {
			res.Close()
			return nil, fmt.Errorf("%w：%s 中没有可读取的乡镇文件", ErrBaseline, strings.Join(townshipPaths, "、"))
		}
		p, err := BuildPivot(res, cat)
		if err == nil {
			err = res.EachSubmission(func(sub *templates.Submission) error {
				for i := range sub.Projects {
					b.Targets.Add(sub.Township.Value, &sub.Projects[i])
				}
				return nil
			})
		}
		res.Close()
		if err != nil {
			return nil, fmt.Errorf("%w：%w", ErrBaseline, err)
		}
		if err := merge(p, strings.Join(townshipPaths, "、")); err != nil {
			return nil, err
		}
		b.Result = res
		for _, p := range townshipPaths {
			b.Sources = append(b.Sources, p+"（乡镇文件）")
		}
		if res.Year > b.Year {
			b.Year = res.Year
		}
	}
	sortNames(b.Pivot.Townships)
	b.Pivot.sortCategories()
	return b, nil
}

var (
	titleUnit = regexp.MustCompile(`单位[:：]\s*(万元|元)`)
	titleYear = regexp.MustCompile(`(\d{4})年度`)
)

// readCountyWorkbook reads 乡镇, 类别 and 预算数 back from the 项目明细 sheet of
// a county workbook. ok is false when path is not such a workbook (a folder,
// another format, or a workbook without that sheet and those columns).
func readCountyWorkbook(path string) (p *Pivot, year int, ok bool, err error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, 0, false, &convert.LocatedError{File: path, Err: fmt.Errorf("%w：%v", ErrBaseline, err)}
	}
	if ext := strings.ToLower(filepath.Ext(path)); info.IsDir() || ext != ".xlsx" && ext != ".xlsm" {
		return nil, 0, false, nil
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, 0, false, nil // not readable as a workbook here; Run will report it
	}
	defer f.Close()
	if idx, _ := f.GetSheetIndex(SheetProjects); idx < 0 {
		return nil, 0, false, nil
	}
	rows, err := f.GetRows(SheetProjects, excelize.Options{RawCellValue: true})
	if err != nil || len(rows) < 2 {
		return nil, 0, false, nil
	}
	col := map[string]int{}
	for i, h := range rows[1] {
		col[convert.NormalizeLabel(h)] = i
	}
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
	p = newPivot()
	seenTown := map[string]bool{}
	at := func(r []string, i int) string {
		if i < len(r) {
			return strings.TrimSpace(r[i])
		}
		return ""
	}
	for i, r := range rows[2:] {
		town, cat, raw := at(r, tc), at(r, cc), at(r, bc)
		if town == "" && cat == "" {
			continue
		}
		var yuan decimal.Decimal
		if raw != "" {
			d, err := decimal.NewFromString(raw)
			if err != nil {
				cell, _ := excelize.CoordinatesToCellName(bc+1, i+3)
				return nil, 0, false, &convert.LocatedError{File: path, Sheet: SheetProjects, Cell: cell,
					Err: fmt.Errorf("%w：预算数「%s」不是数字", ErrBaseline, raw)}
			}
			yuan = convert.ToYuan(d.Round(places), unit)
		}
		p.add(cat, town, yuan, 1)
		if !seenTown[town] {
			seenTown[town] = true
			p.Townships = append(p.Townships, town)
		}
	}
	return p, year, true, nil
}

// Baseline statuses in 基期差异.
const (
	StatusNew     = "新增" // in the current year only
	StatusDropped = "减少" // in the 基期 only
)

// BaselineRow is one 乡镇 × 类别 line of 基期差异, amounts in 元.
type BaselineRow struct {
	Township, Category string
	Current, Base      decimal.Decimal
	HasCurrent         bool
	HasBase            bool
	// Change is Current − Base; Rate is Change / Base (HasRate false when the
	// 基期 is zero or absent).
	Change  decimal.Decimal
	Rate    decimal.Decimal
	HasRate bool
	// Status is 新增, 减少 or "" when present in both.
	Status string
}

// CompareBaseline lines up the current pivot with the 基期 by 乡镇 and 类别,
// sorted by 乡镇 then 类别.
//
//	cur, err := consolidate.BuildPivot(res, nil)
//	rows := consolidate.CompareBaseline(cur, base.Pivot)
func CompareBaseline(cur, base *Pivot) []BaselineRow {
	type key struct{ Category, Township string }
	keys := map[key]bool{}
	mark := func(category, township string, c pivotCell) {
		if c.projects > 0 {
			keys[key{category, township}] = true
		}
	}
	cur.each(mark)
	base.each(mark)
	sorted := make([]key, 0, len(keys))
	for k := range keys {
		sorted = append(sorted, k)
	}
	o := newNameOrder()
	slices.SortFunc(sorted, func(a, b key) int {
		return cmp.Or(o.compare(a.Township, b.Township), o.compare(a.Category, b.Category))
	})
	out := make([]BaselineRow, 0, len(sorted))
	for _, k := range sorted {
		r := BaselineRow{Township: k.Township, Category: k.Category}
		r.Current, r.HasCurrent = cur.Amount(k.Category, k.Township)
		r.Base, r.HasBase = base.Amount(k.Category, k.Township)
		r.Change = r.Current.Sub(r.Base)
		if r.HasBase && !r.Base.IsZero() {
			r.Rate, r.HasRate = r.Change.DivRound(r.Base, ratioPlaces), true
		}
		switch {
		case !r.HasBase:
			r.Status = StatusNew
		case !r.HasCurrent:
			r.Status = StatusDropped
		}
		out = append(out, r)
	}
	return out
}
