package main

import (
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"jixiao/consolidate"
)

func readFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "unit", Value: "万元", Usage: "汇总金额单位：万元 或 元"},
		&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Usage: "并行读取的文件数（默认：全部 CPU 核心）"},
		&cli.StringFlag{Name: "encoding", Value: "auto", Usage: "CSV 文件编码：auto、utf-8、gbk、gb18030、utf-16"},
		&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "不显示进度和摘要"},
	}
}

func consolidateCommand() *cli.Command {
	return &cli.Command{
		Name:      "consolidate",
		Usage:     "读取各乡镇文件，校验并生成县级汇总工作簿",
		ArgsUsage: "文件或文件夹...",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "输出的县级汇总工作簿（.xlsx）", Required: true},
			&cli.BoolFlag{Name: "force", Usage: "覆盖已存在的输出文件"},
			&cli.BoolFlag{Name: "timestamp", Usage: "在文档属性中写入当前时间（默认不写，相同输入得到相同文件）"},
		}, readFlags()...),
		Action: func(c *cli.Context) error {
			res, err := readInputs(c)
			if err != nil {
				return err
			}
			out := c.String("output")
			if err := consolidate.WriteWorkbook(c.Context, res, out, consolidate.WriteOptions{
				Force: c.Bool("force"), Timestamp: c.Bool("timestamp"),
			}); err != nil {
				return err
			}
			if !c.Bool("quiet") {
				printSummary(c.App.Writer, res, out)
			}
			return outcome(res)
		},
	}
}

// readInputs runs the reading and validation shared by consolidate and validate.
func readInputs(c *cli.Context) (*consolidate.Result, error) {
	if c.NArg() == 0 {
		return nil, usagef("请指定要读取的文件或文件夹")
	}
	unit, err := unitFlag(c.String("unit"))
	if err != nil {
		return nil, err
	}
	return consolidate.Run(c.Context, c.Args().Slice(), consolidate.Options{
		Unit: unit, Jobs: c.Int("jobs"), Encoding: c.String("encoding"),
		Progress: progressPrinter(c.App.ErrWriter, c.Bool("quiet")),
	})
}

// outcome turns a result into the run's error: nil when clean, errProblems
// when errors were found, a usage-level error when nothing could be read.
func outcome(res *consolidate.Result) error {
	if len(res.Submissions) == 0 {
		return fmt.Errorf("%w：所有文件均无法读取", consolidate.ErrNoInput)
	}
	if res.Errors() > 0 {
		return errProblems
	}
	return nil
}

func printSummary(w io.Writer, res *consolidate.Result, out string) {
	_, county := res.Totals()
	fmt.Fprintf(w, "已读取 %d 个文件，汇总 %d 个乡镇、%d 个项目、%d 条指标。\n", len(res.Sources), len(res.Submissions), county.Projects, county.Indicators)
	fmt.Fprintf(w, "预算数合计 %s %s。\n", consolidateAmount(res, county), res.Unit)
	fmt.Fprintf(w, "发现错误 %d 个、警告 %d 个", res.Errors(), res.Warnings())
	if out != "" {
		fmt.Fprintf(w, "，详见 %s 的「%s」工作表", out, consolidate.SheetProblems)
	}
	fmt.Fprintln(w, "。")
}
