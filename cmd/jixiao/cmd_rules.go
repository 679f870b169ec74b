package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"jixiao/consolidate"
	"jixiao/consolidate/baseline"
	"jixiao/consolidate/category"
	"jixiao/consolidate/review"
)

// rulesFlag is --rules, the bureau's 审核规则 file.
func rulesFlag() cli.Flag {
	return &cli.StringFlag{Name: "rules", Usage: "审核规则文件（CSV，两列：规则编号或设置,值）：关闭规则、改变级别、设置含糊词、占位符、最低满意度；规则一览见 jixiao rules"}
}

// baselineFlag is --baseline: prior-year data, for 基期差异 and the review's R9.
func baselineFlag() cli.Flag {
	return &cli.StringSliceFlag{Name: "baseline", Usage: "基期（上年）数据：乡镇文件、文件夹或以前生成的县级汇总工作簿，可重复指定；审核时与上年目标比较（R9）"}
}

// loadRules reads --rules (the default rule set without it) and gives it the
// 基期 targets of base for R9.
func loadRules(c *cli.Context, base *consolidate.Baseline) (*review.Config, error) {
	cfg := review.Default()
	if path := c.String("rules"); path != "" {
		var err error
		if cfg, err = review.LoadConfig(path); err != nil {
			return nil, usagef("--rules：%v", err)
		}
	}
	if base != nil {
		cfg.Baseline = base.Targets
	}
	return cfg, nil
}

// loadBaseline reads --baseline, nil when not given.
func loadBaseline(c *cli.Context, cat *category.Categorizer) (*consolidate.Baseline, error) {
	paths := c.StringSlice("baseline")
	if len(paths) == 0 {
		return nil, nil
	}
	if c.NArg() == 0 {
		return nil, usagef("请指定要读取的文件或文件夹")
	}
	unit, err := unitFlag(c.String("unit"))
	if err != nil {
		return nil, err
	}
	return baseline.Load(c.Context, paths, consolidate.Options{Unit: unit, Jobs: c.Int("jobs"), Encoding: c.String("encoding")}, cat)
}

func rulesCommand() *cli.Command {
	return &cli.Command{
		Name:  "rules",
		Usage: "列出审核规则（编号、名称、级别、依据）；加 --rules 显示按审核规则文件调整后的设置",
		Description: "validate 和 consolidate 默认执行全部审核规则，发现的问题列入「校验问题」，各乡镇的审核结论见「汇总」。\n" +
			"   审核规则文件（CSV）每行两列，例如：\n" +
			"     R1,关闭          （关闭规则；开启、错误、警告 同理）\n" +
			"     含糊词,较好、明显、有效\n" +
			"     占位符,*、——、无、/\n" +
			"     最低满意度,90%    （默认不设）",
		Flags: []cli.Flag{rulesFlag()},
		Action: func(c *cli.Context) error {
			cfg, err := loadRules(c, nil)
			if err != nil {
				return err
			}
			return printRules(c.App.Writer, cfg)
		},
	}
}

// printRules writes the rule table, aligned by display width (a Chinese
// character takes two columns), then the settings.
func printRules(w io.Writer, cfg *review.Config) error {
	rows := [][]string{{"编号", "名称", "级别", "启用", "依据"}}
	for _, r := range cfg.Rules() {
		on := "是"
		if !r.Enabled {
			on = "否"
		}
		rows = append(rows, []string{r.ID, r.Name, r.Severity.String(), on, r.Basis})
	}
	widths := make([]int, len(rows[0]))
	for _, row := range rows {
		for i, cell := range row {
			widths[i] = max(widths[i], displayWidth(cell))
		}
	}
	var b strings.Builder
	for _, row := range rows {
		for i, cell := range row {
			b.WriteString(cell)
			if i < len(row)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-displayWidth(cell)+2))
			}
		}
		b.WriteString("\n")
	}
	min := "未设置"
	if m, ok := cfg.MinSatisfaction(); ok {
		min = m.String() + "%"
	}
	fmt.Fprintf(&b, "\n含糊词（R4b）：%s\n占位符（R1）：%s\n最低满意度（R2b）：%s\n",
		strings.Join(cfg.Vague(), "、"), strings.Join(cfg.Placeholders(), "、"), min)
	_, err := io.WriteString(w, b.String())
	return err
}

// printConclusion writes the review's outcome: how many townships must
// revise, and the rules broken most.
func printConclusion(w io.Writer, res *consolidate.Result) {
	per, _ := res.Totals()
	revise := 0
	for _, t := range per {
		if t.Errors > 0 {
			revise++
		}
	}
	fmt.Fprintf(w, "审核结论：%d 个乡镇通过，%d 个需修改。", len(per)-revise, revise)
	var broken []string
	for _, rc := range res.RuleCounts() {
		if rc.Findings > 0 {
			broken = append(broken, fmt.Sprintf("%s %s %d 处", rc.ID, rc.Name, rc.Findings))
		}
	}
	if len(broken) > 0 {
		fmt.Fprintf(w, "审核规则：%s。", strings.Join(broken, "；"))
	}
	fmt.Fprintln(w)
}
