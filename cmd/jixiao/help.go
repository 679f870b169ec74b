package main

import (
	"regexp"
	"strings"

	"github.com/urfave/cli/v2"
	"golang.org/x/text/width"
)

// Chinese help layouts for the application and its commands.
const (
	appHelpTemplate = `名称：
   {{.Name}} - {{.Usage}}

用法：
   {{.HelpName}} 命令 [选项] 文件或文件夹...
   {{.HelpName}} 文件或文件夹...      （不写命令时直接汇总，生成 县级汇总_年度.xlsx；把文件拖到 jixiao.exe 上即是如此）

版本：
   {{.Version}}

命令：{{range .VisibleCommands}}
   {{join .Names ", "}}{{"\t"}}{{.Usage}}{{end}}

全局选项：{{range .VisibleFlags}}
   {{.}}{{end}}

查看某个命令的说明：{{.HelpName}} 命令 --help
`
	commandHelpTemplate = `名称：
   {{.HelpName}} - {{.Usage}}

用法：
   {{.HelpName}}{{if .VisibleFlags}} [选项]{{end}}{{if .ArgsUsage}} {{.ArgsUsage}}{{end}}{{if .Description}}

说明：
   {{.Description}}{{end}}{{if .VisibleFlags}}

选项：{{range .VisibleFlags}}
   {{.}}{{end}}{{end}}
`
)

func init() {
	// The library's built-in --help and --version flags, in Chinese.
	cli.HelpFlag = &cli.BoolFlag{Name: "help", Aliases: []string{"h"}, Usage: "显示帮助"}
	cli.VersionFlag = &cli.BoolFlag{Name: "version", Aliases: []string{"v"}, Usage: "显示版本和构建信息"}
	cli.FlagStringer = chineseFlag(cli.FlagStringer)
}

// flagDefault is the library's "(default: …)" at the end of a flag's line.
var flagDefault = regexp.MustCompile(` \(default: (.*)\)$`)

// flagColumn is where a flag's description starts, in display columns (a
// Chinese character takes two): the library aligns with tabs counting
// characters, which leaves lines with "值" out of line.
const flagColumn = 34

// chineseFlag turns the library's line for a flag into Chinese: "值" for
// "value", "（默认：50%）" for ` (default: "50%")`, and no default for a
// switch (false) or a number whose 0 means "not given"; the description
// starts at flagColumn.
//
//	--threshold 值                     乡镇差异、单位成本的偏离率阈值，超过即标记，如 30% 或 0.3（默认：50%）
func chineseFlag(stringer cli.FlagStringFunc) cli.FlagStringFunc {
	return func(f cli.Flag) string {
		s := stringer(f)
		if m := flagDefault.FindStringSubmatchIndex(s); m != nil {
			def := strings.Trim(s[m[2]:m[3]], `"`)
			s = s[:m[0]]
			if def != "false" && def != "0" && def != "" {
				s += "（默认：" + def + "）"
			}
		}
		s = strings.ReplaceAll(s, " value", " 值")
		names, usage, ok := strings.Cut(s, "\t")
		if !ok {
			return s
		}
		pad := max(flagColumn-displayWidth(names), 2)
		return names + strings.Repeat(" ", pad) + usage
	}
}

// displayWidth is how many columns s takes in a terminal.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

// localizeHelp gives the app and every command the Chinese help layout.
func localizeHelp(app *cli.App) {
	app.CustomAppHelpTemplate = appHelpTemplate
	for _, c := range app.Commands {
		c.CustomHelpTemplate = commandHelpTemplate
	}
}
