package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"jixiao/consolidate"
	"jixiao/consolidate/feedback"
)

// defaultFeedbackDir is the folder feedback writes into unless told.
const defaultFeedbackDir = "退回修改"

func feedbackCommand() *cli.Command {
	return &cli.Command{
		Name:      "feedback",
		Usage:     "为每个有问题的乡镇生成退回修改工作簿：问题单元格标色并加批注，首页为问题清单",
		ArgsUsage: "文件或文件夹...",
		Description: "每个有问题的乡镇得到「<乡镇>_退回修改.xlsx」：提交的是 .xlsx 时为其原表的副本（格式、合并单元格、其他工作表原样保留），\n" +
			"其他格式（.xls、.docx、CSV、HTML、.ods）改为填好其全部内容的标准模板；问题单元格标色（错误红、警告黄）并加批注，\n" +
			"首个工作表「问题清单」列出全部问题，单元格可点击跳转。没有问题的乡镇不生成文件。另写「审核结果.xlsx」列出全部乡镇。\n" +
			"输入文件不会被修改；已存在的输出文件不会被覆盖，除非加 --force。",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "out-dir", Aliases: []string{"o"}, Value: defaultFeedbackDir, Usage: "写入退回修改工作簿的文件夹"},
			&cli.BoolFlag{Name: "force", Usage: "覆盖已存在的输出文件"},
			baselineFlag(),
		}, readFlags()...),
		Action: func(c *cli.Context) error {
			defer useCores(c)()
			base, err := loadBaseline(c, nil)
			if err != nil {
				return err
			}
			res, err := readInputs(c, base)
			if err != nil {
				return err
			}
			defer res.Close()
			rep, err := feedback.Write(c.Context, res, c.String("out-dir"), feedback.Options{Force: c.Bool("force")})
			if err != nil {
				return err
			}
			if !c.Bool("quiet") {
				printSummary(c.App.ErrWriter, res, "")
				printFeedback(c.App.Writer, rep)
			}
			return outcome(res)
		},
	}
}

// printFeedback lists the workbooks written.
func printFeedback(w io.Writer, rep *feedback.Report) {
	for _, r := range rep.Rows {
		if r.Output == "" {
			continue
		}
		fmt.Fprintf(w, "%s：错误 %d 个、警告 %d 个 → %s（%s）\n", r.Township, r.Errors, r.Warnings, r.Output, r.Kind)
	}
	fmt.Fprintf(w, "%d 个乡镇退回修改，审核结果见 %s。\n", rep.Returned(), filepath.Clean(rep.Summary))
}

// printFeedbackHint ends the drag-and-drop summary with where the 退回修改
// folder would go and the command that makes it, when any township has a
// problem to send back.
func printFeedbackHint(w io.Writer, res *consolidate.Result, dir string, paths []string) {
	if res.ProblemCount() == 0 {
		return
	}
	out := filepath.Join(dir, defaultFeedbackDir)
	cmd := "jixiao feedback --out-dir " + quoteArg(out)
	for _, p := range paths {
		cmd += " " + quoteArg(p)
	}
	fmt.Fprintf(w, "退回修改：有问题的乡镇可各得一份标注好问题的工作簿，写入 %s；在命令行运行：%s\n", out, cmd)
}

// quoteArg quotes a path for the command line when it holds a space.
func quoteArg(s string) string {
	if strings.ContainsAny(s, " \t") {
		return `"` + s + `"`
	}
	return s
}
