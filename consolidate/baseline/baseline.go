// Package baseline reads the 基期 (prior year) a county workbook is compared
// with: prior-year township submissions, consolidated with consolidate.Run,
// or county workbooks jixiao wrote before, read back from their 项目明细 and
// 指标明细 sheets.
//
//	base, err := baseline.Load(ctx, []string{"samples/2023"}, consolidate.Options{}, nil)
//	err = consolidate.WriteWorkbook(ctx, res, "县级汇总.xlsx", consolidate.WriteOptions{Baseline: base})
package baseline

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"jixiao/consolidate"
	"jixiao/consolidate/category"
	"jixiao/consolidate/pivot"
	"jixiao/consolidate/review"
	"jixiao/templates"
)

// ErrUnusable means the 基期 (prior-year) data could not be used.
var ErrUnusable = errors.New("基期数据无法使用")

// Load reads the 基期 from paths: each may be a prior county workbook
// (recognised by its 项目明细 sheet with 乡镇, 类别 and 预算数 columns, read in
// the unit its title states) or township files and folders, read with
// consolidate.Run and categorised with cat. A township found in two sources
// is an error, never counted twice.
//
//	base, err := baseline.Load(ctx, []string{"samples/2023"}, consolidate.Options{}, nil)
func Load(ctx context.Context, paths []string, opt consolidate.Options, cat *category.Categorizer) (*consolidate.Baseline, error) {
	b := &consolidate.Baseline{Pivot: pivot.New(), Targets: review.NewTargets(category.Default)}
	var townshipPaths []string
	owner := map[string]string{}
	merge := func(p *pivot.Pivot, src string) error {
		for _, t := range p.Townships {
			if prev, dup := owner[t]; dup {
				return fmt.Errorf("%w：乡镇「%s」同时出现在 %s 和 %s", ErrUnusable, t, prev, src)
			}
			owner[t] = src
			b.Pivot.Townships = append(b.Pivot.Townships, t)
		}
		p.Each(b.Pivot.Add)
		return nil
	}
	for _, path := range paths {
		p, year, ok, err := readCountyWorkbook(path, b.Targets)
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
		b.Sources = append(b.Sources, path+"（县级汇总工作簿）")
		if year > b.Year {
			b.Year = year
		}
	}
	if len(townshipPaths) > 0 {
		opt.Progress = nil
		opt.Rules = review.None() // the 基期 is not reviewed
		res, err := consolidate.Run(ctx, townshipPaths, opt)
		if err != nil {
			return nil, fmt.Errorf("%w：%w", ErrUnusable, err)
		}
		if res.Townships() == 0 {
			res.Close()
			return nil, fmt.Errorf("%w：%s 中没有可读取的乡镇文件", ErrUnusable, strings.Join(townshipPaths, "、"))
		}
		p, err := consolidate.BuildPivot(res, cat)
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
			return nil, fmt.Errorf("%w：%w", ErrUnusable, err)
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
	b.Pivot.Sort()
	return b, nil
}
