package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"jixiao/consolidate"
	"jixiao/convert"
	"jixiao/templates"
)

func validateCommand() *cli.Command {
	return &cli.Command{
		Name:      "validate",
		Usage:     "只校验各乡镇文件，逐行列出问题（文件、工作表、单元格）",
		ArgsUsage: "文件或文件夹...",
		Flags:     append(readFlags(), baselineFlag(), previousFlag()),
		Action: func(c *cli.Context) error {
			defer useCores(c)()
			base, err := loadBaseline(c, nil)
			if err != nil {
				return err
			}
			prev, err := loadPrevious(c)
			if err != nil {
				return err
			}
			res, err := readInputs(c, base)
			if err != nil {
				return err
			}
			defer res.Close()
			err = res.EachProblem(func(p templates.Problem) error {
				_, err := fmt.Fprintln(c.App.Writer, p.Error())
				return err
			})
			if err != nil {
				return err
			}
			if prev != nil {
				if err := printRectification(c.App.Writer, res, prev); err != nil {
					return err
				}
			}
			if !c.Bool("quiet") {
				printSummary(c.App.ErrWriter, res, "")
			}
			return outcome(res)
		},
	}
}

// consolidateAmount is the county 预算数 as the workbook shows it, with two
// decimals, and the exact amount after it when that has more.
//
//	consolidateAmount(res, t) // "1926.48 万元（精确值 1926.476236 万元）"
func consolidateAmount(res *consolidate.Result, t consolidate.Totals) string {
	d := convert.FromYuan(t.Budget, res.Unit)
	shown := d.StringFixed(2) + " " + res.Unit.String()
	if d.Equal(d.Round(2)) {
		return shown
	}
	return fmt.Sprintf("%s（精确值 %s %s）", shown, convert.FormatAmount(d), res.Unit)
}
