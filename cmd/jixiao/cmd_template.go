package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"jixiao/convert"
	"jixiao/templates"
)

func templateCommand() *cli.Command {
	return &cli.Command{
		Name:  "template",
		Usage: "生成标准填报模板（可按乡镇名单和项目计划批量预填）",
		Description: "单个模板：jixiao template -o 模板.xlsx --township 王官营镇 --year 2024\n" +
			"批量预填：jixiao template --townships 乡镇名单.csv --plan 项目计划.csv --out-dir 模板 --year 2024",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "输出的模板文件（.xlsx）"},
			&cli.StringFlag{Name: "township", Usage: "预填的单位名称（乡镇）"},
			&cli.StringFlag{Name: "code", Usage: "预填的行政区划代码"},
			&cli.IntFlag{Name: "year", Usage: "预填的预算年度，如 2024"},
			&cli.IntFlag{Name: "projects", Usage: fmt.Sprintf("预留的项目表张数（默认 %d；预填项目更多时按项目数）", templates.DefaultProjects)},
			&cli.StringFlag{Name: "framework", Value: "classic", Usage: "指标体系：classic（成本指标属产出指标）或 2021（成本指标为一级指标）"},
			&cli.StringFlag{Name: "unit", Value: "万元", Usage: "金额单位：万元 或 元"},
			&cli.StringFlag{Name: "password", Usage: "工作表保护密码（默认保护但不设密码）"},
			&cli.BoolFlag{Name: "force", Usage: "覆盖已存在的文件"},
			&cli.StringFlag{Name: "townships", Usage: "乡镇名单（CSV 或 xlsx，列：乡镇、行政区划代码），每个乡镇生成一个模板"},
			&cli.StringFlag{Name: "plan", Usage: "项目计划（CSV 或 xlsx，列：乡镇、项目编码、项目名称、预算数、财政资金、其他资金；金额以万元计，表头注明（元）的以元计）"},
			&cli.StringFlag{Name: "out-dir", Usage: "批量生成时的输出文件夹，文件名为“乡镇.xlsx”"},
		},
		Action: runTemplate,
	}
}

func runTemplate(c *cli.Context) error {
	if c.NArg() > 0 {
		return usagef("template 命令不接受文件参数：%s", strings.Join(c.Args().Slice(), " "))
	}
	fw, ok := templates.FrameworkByName(c.String("framework"))
	if !ok {
		return usagef("--framework 只能是 classic 或 2021，而不是「%s」", c.String("framework"))
	}
	unit, err := unitFlag(c.String("unit"))
	if err != nil {
		return err
	}
	if y := c.Int("year"); y != 0 && (y < 2000 || y > 2100) {
		return usagef("--year 应为四位年份，如 2024，而不是 %d", y)
	}
	if c.Int("projects") < 0 || c.Int("projects") > templates.MaxProjects {
		return usagef("--projects 应在 1 到 %d 之间", templates.MaxProjects)
	}
	opt := templates.TemplateOptions{
		Township: c.String("township"), RegionCode: c.String("code"), Year: c.Int("year"),
		Projects: c.Int("projects"), Framework: fw, Password: c.String("password"), Unit: unit,
	}
	if c.String("townships") != "" {
		return writeTownshipTemplates(c, opt)
	}
	if c.String("plan") != "" || c.String("out-dir") != "" {
		return usagef("--plan 和 --out-dir 需要与 --townships 一起使用")
	}
	out := c.String("output")
	if out == "" {
		return usagef("请用 -o 指定输出的模板文件，如：jixiao template -o 模板.xlsx")
	}
	if err := checkOutput(out, c.Bool("force")); err != nil {
		return err
	}
	if err := templates.SaveTemplate(c.Context, out, opt, convert.SaveOptions{Force: c.Bool("force")}); err != nil {
		return err
	}
	fmt.Fprintf(c.App.Writer, "已生成模板 %s（%d 张项目表，%s指标体系，金额单位%s）。\n", out, projectsOf(opt), frameworkName(fw), unit)
	return nil
}

// writeTownshipTemplates writes one pre-filled template per township of the
// list into --out-dir, with the township's projects from --plan.
func writeTownshipTemplates(c *cli.Context, opt templates.TemplateOptions) error {
	dir := c.String("out-dir")
	if dir == "" {
		return usagef("批量生成请用 --out-dir 指定输出文件夹")
	}
	if c.String("output") != "" || opt.Township != "" || opt.RegionCode != "" {
		return usagef("使用 --townships 时，乡镇名称和代码取自名单，不能同时指定 -o、--township 或 --code")
	}
	ts, err := templates.ReadTownships(c.String("townships"))
	if err != nil {
		return usagef("%v", err)
	}
	plan := map[string][]templates.Project{}
	if p := c.String("plan"); p != "" {
		if plan, err = templates.ReadPlan(p); err != nil {
			return usagef("%v", err)
		}
	}
	subs, err := templates.PlannedSubmissions(ts, plan, opt.Year)
	if err != nil {
		return usagef("%v", err)
	}
	if err := makeOutDir(dir); err != nil {
		return err
	}
	paths := make([]string, len(subs))
	for i, sub := range subs {
		name := sub.Township.Value
		if strings.ContainsAny(name, `/\:*?"<>|`) {
			return usagef("乡镇名称「%s」含有不能用于文件名的字符", name)
		}
		paths[i] = filepath.Join(dir, name+".xlsx")
		if err := checkOutput(paths[i], c.Bool("force")); err != nil {
			return err
		}
	}
	for i, sub := range subs {
		o := opt
		o.Prefill = sub
		if err := templates.SaveTemplate(c.Context, paths[i], o, convert.SaveOptions{Force: c.Bool("force")}); err != nil {
			return err
		}
		fmt.Fprintf(c.App.Writer, "%s：%d 个项目\n", paths[i], len(sub.Projects))
	}
	fmt.Fprintf(c.App.Writer, "已在 %s 中生成 %d 个乡镇的模板（%s指标体系，金额单位%s）。\n", dir, len(subs), frameworkName(opt.Framework), opt.Unit)
	return nil
}

// checkOutput refuses, before anything is built, a template named other
// than .xlsx and one that cannot be written (see convert.CheckOutput).
func checkOutput(path string, force bool) error {
	if err := checkOutputName("-o", path, ".xlsx"); err != nil {
		return err
	}
	return convert.CheckOutput(path, convert.SaveOptions{Force: force})
}

func projectsOf(opt templates.TemplateOptions) int {
	if opt.Projects == 0 {
		return templates.DefaultProjects
	}
	return opt.Projects
}

func frameworkName(fw templates.Framework) string {
	if fw.Name == "2021" {
		return "2021 年"
	}
	return "经典"
}
