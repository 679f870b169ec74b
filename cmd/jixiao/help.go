package main

import "github.com/urfave/cli/v2"

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
}

// localizeHelp gives the app and every command the Chinese help layout.
func localizeHelp(app *cli.App) {
	app.CustomAppHelpTemplate = appHelpTemplate
	for _, c := range app.Commands {
		c.CustomHelpTemplate = commandHelpTemplate
	}
}
