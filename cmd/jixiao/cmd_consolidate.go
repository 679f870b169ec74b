package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/urfave/cli/v2"

	"jixiao/consolidate"
	"jixiao/consolidate/category"
	"jixiao/consolidate/pivot"
	"jixiao/consolidate/report"
	"jixiao/convert"
	"jixiao/templates"
)

func readFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "unit", Value: "万元", Usage: "汇总金额单位：万元 或 元"},
		&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Usage: "使用的 CPU 核心数，也是并行读取的文件数（默认：全部核心）；不影响结果"},
		&cli.StringFlag{Name: "encoding", Value: "auto", Usage: "CSV 文件编码：auto、utf-8、gbk、gb18030、utf-16"},
		&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "不显示进度和摘要"},
		rulesFlag(),
		&cli.StringFlag{Name: "township-list", Usage: "乡镇名单（CSV 或 xlsx，列：乡镇；与 template --townships 相同）：各文件的乡镇名称按名单统一，名单上没有的报错"},
	}
}

func consolidateCommand() *cli.Command {
	return &cli.Command{
		Name:      "consolidate",
		Usage:     "读取各乡镇文件，校验并生成县级汇总工作簿",
		ArgsUsage: "文件或文件夹...",
		Description: "生成的工作簿依次包含：汇总（含审核结论）、审核情况、分类汇总、乡镇差异、单位成本、整改情况（指定 --previous 时）、基期差异（指定 --baseline 时）、\n" +
			"乡镇信息、整体目标、项目明细、指标明细、校验问题、来源清单。合计均为带计算结果的公式。",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "输出的县级汇总工作簿（.xlsx），必须指定"},
			&cli.BoolFlag{Name: "force", Usage: "覆盖已存在的输出文件"},
			&cli.BoolFlag{Name: "timestamp", Usage: "在文档属性中写入当前时间（默认不写，相同输入得到逐字节相同的文件）"},
			&cli.StringFlag{Name: "categories", Usage: "类别对照表（CSV，两列：匹配,类别；匹配为项目名称中的文字或正则表达式，先匹配者优先）"},
			&cli.StringFlag{Name: "threshold", Value: "50%", Usage: "乡镇差异、单位成本的偏离率阈值，超过即标记，如 30% 或 0.3"},
			baselineFlag(),
			previousFlag(),
			&cli.StringFlag{Name: "county", Usage: "县（区）名称，写入各工作表标题和文件属性，如 丰润区（默认：各乡镇单位名称或标题中一致的县区名，没有则写“县级”）"},
			&cli.StringFlag{Name: "json", Usage: "另将摘要和全部问题写成 JSON 文件；写 - 则输出到标准输出"},
		}, readFlags()...),
		Action: runConsolidate,
	}
}

func runConsolidate(c *cli.Context) error {
	if c.String("output") == "" {
		return usagef("请用 -o 指定要生成的县级汇总工作簿，例如：jixiao consolidate -o 县级汇总.xlsx 乡镇文件夹" +
			"（不写命令、直接 jixiao 乡镇文件夹 时，自动在旁边生成 县级汇总_年度.xlsx）")
	}
	defer useCores(c)()
	opt := consolidate.WriteOptions{Force: c.Bool("force"), Timestamp: c.Bool("timestamp"), County: strings.TrimSpace(c.String("county"))}
	var err error
	if opt.Threshold, err = thresholdFlag(c.String("threshold")); err != nil {
		return err
	}
	// every output is checked before anything is read
	out, jsonPath := c.String("output"), c.String("json")
	if err := checkOutputName("-o", out, ".xlsx"); err != nil {
		return err
	}
	outputs := outputsOf(c)
	inputs := runInputs(append(c.Args().Slice(), c.StringSlice("baseline")...), outputs...)
	if p := c.String("categories"); p != "" {
		inputs = append(inputs, p)
	}
	if err := checkOutputs(opt.Force, inputs, outputs...); err != nil && c.NArg() > 0 {
		return err
	}
	if path := c.String("categories"); path != "" {
		if opt.Categories, err = category.Load(path); err != nil {
			return err
		}
	}
	// the 基期 is read first: the review compares each form with it (R9)
	if opt.Baseline, err = loadBaseline(c, opt.Categories); err != nil {
		return err
	}
	if opt.Previous, err = loadPrevious(c); err != nil {
		return err
	}
	res, err := readInputs(c, opt.Baseline)
	if err != nil {
		return err
	}
	defer res.Close()
	var doneWriting func()
	opt.Progress, doneWriting = writeProgressPrinter(c.App.ErrWriter, c.Bool("quiet"))
	err = consolidate.WriteWorkbook(c.Context, res, out, opt)
	doneWriting()
	if err != nil {
		return err
	}
	// res stays open (closed when the command ends): the report streams the
	// townships, problems and sources back from its temporary files rather
	// than loading them all into memory
	summaryTo := c.App.Writer
	if jsonPath != "" {
		write := func(w io.Writer) error { return report.Write(w, res, opt, out) }
		if jsonPath == "-" {
			summaryTo = c.App.ErrWriter
			if err := write(c.App.Writer); err != nil {
				return err
			}
		} else if err := convert.SaveFile(c.Context, jsonPath, convert.SaveOptions{Force: opt.Force, Inputs: inputs}, write); err != nil {
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
	d, err := pivot.ParseThreshold(s)
	if err != nil {
		return d, usagef("--threshold：%v", err)
	}
	if d.IsZero() {
		return d, usagef("--threshold 须大于 0，而不是「%s」", s)
	}
	return d, nil
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

// readInputs runs the reading, validation and review shared by consolidate
// and validate; base (may be nil) is the 基期 the review compares with.
func readInputs(c *cli.Context, base *consolidate.Baseline) (*consolidate.Result, error) {
	if c.NArg() == 0 {
		return nil, usagef("请指定要读取的文件或文件夹")
	}
	unit, err := unitFlag(c.String("unit"))
	if err != nil {
		return nil, err
	}
	rules, err := loadRules(c, base)
	if err != nil {
		return nil, err
	}
	list, err := townshipList(c.String("township-list"))
	if err != nil {
		return nil, err
	}
	return consolidate.Run(c.Context, c.Args().Slice(), consolidate.Options{
		Unit: unit, Jobs: c.Int("jobs"), Encoding: c.String("encoding"),
		Progress: progressPrinter(c.App.ErrWriter, c.Bool("quiet")),
		Rules:    rules, Townships: list, Outputs: outputsOf(c),
	})
}

// townshipList reads --township-list, when given.
func townshipList(path string) (*templates.TownshipList, error) {
	if path == "" {
		return nil, nil
	}
	if _, err := os.Stat(path); err != nil {
		return nil, usagef("--township-list：%s：%v", path, consolidate.ErrNotFound)
	}
	entries, err := templates.ReadTownships(path)
	if err != nil {
		return nil, usagef("--township-list：%v", err)
	}
	names := make([]string, len(entries))
	for i, e := range entries {
		names[i] = e.Township
	}
	return templates.NewTownshipList(path, names), nil
}

// outputsOf are the files the command writes, never read as inputs.
func outputsOf(c *cli.Context) []string {
	var out []string
	for _, name := range []string{"output", "json"} {
		if v := c.String(name); v != "" && v != "-" {
			out = append(out, v)
		}
	}
	return out
}

// outcome turns a result into the run's error: nil when clean, errProblems
// when errors were found, a usage-level error when nothing could be read.
func outcome(res *consolidate.Result) error {
	if res.Townships() == 0 {
		return nothingCounted(res)
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
	printConclusion(w, res)
	fmt.Fprintf(w, "发现错误 %d 个、警告 %d 个", res.Errors(), res.Warnings())
	if out != "" {
		fmt.Fprintf(w, "，详见 %s 的「%s」工作表", out, consolidate.SheetProblems)
	}
	fmt.Fprintln(w, "。")
	where := "上面列出的问题"
	if out != "" {
		where = "「" + consolidate.SheetProblems + "」工作表"
	}
	for _, town := range res.UnitMismatches() {
		fmt.Fprintf(w, "注意：「%s」的金额与所标单位相差一万倍，没有换算，合计中它的金额不可信；详见%s，请该乡镇改正后重新汇总。\n", town, where)
	}
}

// nothingCounted is the error of a run in which no file was a township's
// form: it says how many files were what, so the user knows why.
func nothingCounted(res *consolidate.Result) error {
	count := map[string]int{}
	var order []string
	_ = res.EachSource(func(s consolidate.SourceFile) error {
		if count[s.Status] == 0 {
			order = append(order, s.Status)
		}
		count[s.Status]++
		return nil
	})
	parts := make([]string, 0, len(order))
	for _, st := range order {
		parts = append(parts, fmt.Sprintf("%d 个%s", count[st], st))
	}
	return fmt.Errorf("%w：没有一个文件是可汇总的乡镇绩效目标表（%s）；各文件的情况见上面列出的问题或「%s」工作表，请检查是否选对了文件夹",
		consolidate.ErrNoInput, strings.Join(parts, "；"), consolidate.SheetSources)
}
