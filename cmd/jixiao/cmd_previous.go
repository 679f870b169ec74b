package main

import (
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"jixiao/consolidate"
	"jixiao/consolidate/rounds"
	"jixiao/convert"
)

func previousFlag() cli.Flag {
	return &cli.StringFlag{Name: "previous", Usage: "上次的县级汇总工作簿（.xlsx）：与其「校验问题」「汇总」比较，列出已整改、未整改、新增的问题和各乡镇预算数的变化"}
}

// loadPrevious reads --previous, nil when not given.
func loadPrevious(c *cli.Context) (*rounds.Previous, error) {
	path := c.String("previous")
	if path == "" {
		return nil, nil
	}
	return consolidate.LoadPrevious(path)
}

// printRectification prints the comparison with the previous round.
func printRectification(w io.Writer, res *consolidate.Result, prev *rounds.Previous) error {
	rc, err := consolidate.CompareRounds(res, prev)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "与上次（%s）比较：已整改 %d 个，未整改 %d 个，新增 %d 个。\n", prev.Path, rc.Fixed, rc.Open, rc.New)
	for _, r := range rc.Rows {
		loc := r.After
		if loc == "" {
			loc = r.Before
		}
		line := fmt.Sprintf("%s %s %s", r.Status, r.Township, loc)
		if r.Project != "" {
			line += " [" + r.Project + "]"
		}
		line += " " + r.Rule
		if r.Indicator != "" {
			line += " 指标「" + r.Indicator + "」"
		}
		if r.Note != "" {
			line += "（" + r.Note + "）"
		}
		fmt.Fprintln(w, line)
	}
	amt := func(yuan interface{ String() string }, ok bool) string {
		if !ok {
			return "—"
		}
		return yuan.String()
	}
	for _, b := range rc.Budgets {
		if b.HasBefore && b.HasAfter && b.Before.Equal(b.After) {
			continue
		}
		fmt.Fprintf(w, "预算数变化 %s：%s → %s %s\n", b.Township,
			amt(convert.FromYuan(b.Before, res.Unit), b.HasBefore), amt(convert.FromYuan(b.After, res.Unit), b.HasAfter), res.Unit)
	}
	return nil
}
