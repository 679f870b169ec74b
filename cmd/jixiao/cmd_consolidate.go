package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/urfave/cli/v2"

	"jixiao/consolidate"
)

func readFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "unit", Value: "万元", Usage: "汇总金额单位：万元 或 元"},
		&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Usage: "使用的 CPU 核心数，也是并行读取的文件数（默认：全部核心）；不影响结果"},
		&cli.StringFlag{Name: "encoding", Value: "auto", Usage: "CSV 文件编码：auto、utf-8、gbk、gb18030、utf-16"},
		&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "不显示进度和摘要"},
	}
}

func consolidateCommand() *cli.Command {
	return &cli.Command{
		Name:      "consolidate",
		Usage:     "读取各乡镇文件，校验并生成县级汇总工作簿",
		ArgsUsage: "文件或文件夹...",
		Description: "生成的工作簿依次包含：汇总、分类汇总、乡镇差异、单位成本、基期差异（指定 --baseline 时）、\n" +
			"乡镇信息、整体目标、项目明细、指标明细、校验问题、来源清单。合计均为带计算结果的公式。",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "输出的县级汇总工作簿（.xlsx）", Required: true},
			&cli.BoolFlag{Name: "force", Usage: "覆盖已存在的输出文件"},
			&cli.BoolFlag{Name: "timestamp", Usage: "在文档属性中写入当前时间（默认不写，相同输入得到逐字节相同的文件）"},
			&cli.StringFlag{Name: "categories", Usage: "类别对照表（CSV，两列：匹配,类别；匹配为项目名称中的文字或正则表达式，先匹配者优先）"},
			&cli.StringFlag{Name: "threshold", Value: "50%", Usage: "乡镇差异、单位成本的偏离率阈值，超过即标记，如 30% 或 0.3"},
			&cli.StringSliceFlag{Name: "baseline", Usage: "基期（上年）数据：乡镇文件、文件夹或以前生成的县级汇总工作簿，可重复指定"},
			&cli.StringFlag{Name: "county", Usage: "县（区）名称，写入各工作表标题和文件属性，如 丰润区（默认：各乡镇单位名称中一致的县区名，没有则写“县级”）"},
			&cli.StringFlag{Name: "json", Usage: "另将摘要和全部问题写成 JSON 文件；写 - 则输出到标准输出"},
		}, readFlags()...),
		Action: runConsolidate,
	}
}

func runConsolidate(c *cli.Context) error {
	defer useCores(c)()
	opt := consolidate.WriteOptions{Force: c.Bool("force"), Timestamp: c.Bool("timestamp"), County: strings.TrimSpace(c.String("county"))}
	var err error
	if opt.Threshold, err = thresholdFlag(c.String("threshold")); err != nil {
		return err
	}
	if path := c.String("categories"); path != "" {
		if opt.Categories, err = consolidate.LoadCategories(path); err != nil {
			return err
		}
	}
	res, err := readInputs(c)
	if err != nil {
		return err
	}
	defer res.Close()
	if paths := c.StringSlice("baseline"); len(paths) > 0 {
		opt.Baseline, err = consolidate.LoadBaseline(c.Context, paths, consolidate.Options{
			Unit: res.Unit, Jobs: c.Int("jobs"), Encoding: c.String("encoding")}, opt.Categories)
		if err != nil {
			return err
		}
	}
	out := c.String("output")
	var doneWriting func()
	opt.Progress, doneWriting = writeProgressPrinter(c.App.ErrWriter, c.Bool("quiet"))
	err = consolidate.WriteWorkbook(c.Context, res, out, opt)
	doneWriting()
	if err != nil {
		return err
	}
	// res stays open (closed when the command ends): the report reads the
	// projects, sources and problems back from its temporary file rather
	// than loading them all into memory
	summaryTo := c.App.Writer
	if jsonPath := c.String("json"); jsonPath != "" {
		rep, err := consolidate.NewReport(res, opt, out)
		if err != nil {
			return err
		}
		if jsonPath == "-" {
			summaryTo = c.App.ErrWriter
			if err := rep.WriteJSON(c.App.Writer); err != nil {
				return err
			}
		} else if err := writeJSONFile(jsonPath, rep); err != nil {
			return err
		}
	}
	if !c.Bool("quiet") {
		printSummary(summaryTo, res, out)
		if b := opt.Baseline; b != nil {
			fmt.Fprintf(summaryTo, "已与基期（%s）比较，详见「%s」工作表。\n", baselineLabel(b), consolidate.SheetBaseline)
		}
	}
	return outcome(res)
}

func baselineLabel(b *consolidate.Baseline) string {
	if b.Year > 0 {
		return fmt.Sprintf("%d年", b.Year)
	}
	return fmt.Sprintf("%d 个来源", len(b.Sources))
}

// thresholdFlag parses --threshold.
func thresholdFlag(s string) (decimal.Decimal, error) {
	d, err := consolidate.ParseThreshold(s)
	if err != nil {
		return d, usagef("--threshold：%v", err)
	}
	if d.IsZero() {
		return d, usagef("--threshold 须大于 0，而不是「%s」", s)
	}
	return d, nil
}

// writeJSONFile writes the report beside its final path and renames it into
// place, so a reader never sees half a file.
func writeJSONFile(path string, rep consolidate.Report) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	name := tmp.Name()
	err = tmp.Chmod(0o644)
	if err == nil {
		err = rep.WriteJSON(tmp)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(name, path)
	}
	if err != nil {
		os.Remove(name)
	}
	return err
}

// useCores holds the run to --jobs CPU cores, when given (reading, checking
// and writing alike, so that --jobs 1 leaves the other cores free), and
// returns what lifts the limit.
func useCores(c *cli.Context) (restore func()) {
	n := c.Int("jobs")
	if n <= 0 {
		return func() {}
	}
	prev := runtime.GOMAXPROCS(n)
	return func() { runtime.GOMAXPROCS(prev) }
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
	if res.Townships() == 0 {
		return fmt.Errorf("%w：所有文件均无法读取", consolidate.ErrNoInput)
	}
	if res.Errors() > 0 {
		return errProblems
	}
	return nil
}

func printSummary(w io.Writer, res *consolidate.Result, out string) {
	_, county := res.Totals()
	fmt.Fprintf(w, "已读取 %d 个文件，汇总 %d 个乡镇、%d 个项目、%d 条指标。\n", res.SourceCount(), res.Townships(), county.Projects, county.Indicators)
	fmt.Fprintf(w, "预算数合计 %s。\n", consolidateAmount(res, county))
	fmt.Fprintf(w, "发现错误 %d 个、警告 %d 个", res.Errors(), res.Warnings())
	if out != "" {
		fmt.Fprintf(w, "，详见 %s 的「%s」工作表", out, consolidate.SheetProblems)
	}
	fmt.Fprintln(w, "。")
}
