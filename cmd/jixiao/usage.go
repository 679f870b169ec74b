package main

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/urfave/cli/v2"

	"jixiao/consolidate"
)

// noCommand runs when the first argument names no command and is no
// existing path (a dropped file is handled before): a mistyped command,
// with the nearest one suggested, or a path that does not exist. Without
// arguments it shows the help.
func noCommand(c *cli.Context) error {
	if c.NArg() == 0 {
		return cli.ShowAppHelp(c)
	}
	first := c.Args().First()
	if first == "help" || first == "h" {
		if c.NArg() > 1 && nearest(c.Args().Get(1), commandNames(c.App)) == c.Args().Get(1) {
			return cli.ShowCommandHelp(c, c.Args().Get(1))
		}
		return cli.ShowAppHelp(c)
	}
	if !looksLikeCommand(first) {
		for _, a := range c.Args().Slice() {
			if _, err := os.Stat(a); err != nil {
				return notFound(a)
			}
		}
	}
	names := commandNames(c.App)
	msg := fmt.Sprintf("没有「%s」这个命令", first)
	if s := nearest(first, names); s != "" {
		msg += fmt.Sprintf("，是否想输入「%s」？", s)
	} else {
		msg += "。"
	}
	return usagef("%s可用的命令：%s；查看说明：jixiao --help", msg, commandList(c.App))
}

// commandShort names what a command does in a word or two, for the list
// of commands in a usage message ("" when there is none).
func commandShort(name string) string {
	switch name {
	case "consolidate":
		return "汇总"
	case "validate":
		return "校验"
	case "feedback":
		return "退回修改"
	case "convert":
		return "转换"
	case "template":
		return "模板"
	case "rules":
		return "审核规则"
	case "version":
		return "版本"
	}
	return ""
}

// commandList lists the app's commands as "consolidate（汇总）、…", in
// the order the help shows them.
func commandList(app *cli.App) string {
	var parts []string
	for _, cmd := range app.Commands {
		if cmd.Hidden || cmd.Name == "help" {
			continue
		}
		if short := commandShort(cmd.Name); short != "" {
			parts = append(parts, cmd.Name+"（"+short+"）")
		} else {
			parts = append(parts, cmd.Name)
		}
	}
	return strings.Join(parts, "、")
}

// notFound is the error for an input path that does not exist.
func notFound(path string) error {
	return usagef("%s：%v", path, consolidate.ErrNotFound)
}

// looksLikeCommand reports whether s could be a mistyped command: ASCII
// letters and hyphens only (a path has a dot, a slash or Chinese).
func looksLikeCommand(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '-') {
			return false
		}
	}
	return true
}

// nearest is the name closest to s by edit distance, when close enough to
// be a typing slip ("consolidte" → consolidate), else "".
func nearest(s string, names []string) string {
	best, bestD := "", 0
	s = strings.ToLower(s)
	for _, n := range names {
		if len(n) < 2 {
			continue
		}
		d := editDistance(s, n)
		if best == "" || d < bestD {
			best, bestD = n, d
		}
	}
	if best == "" || bestD > max(2, len(best)/3) {
		return ""
	}
	return best
}

// editDistance is the Levenshtein distance between a and b (bytes: the
// names are ASCII).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// The library's usage errors, which are in English.
var (
	flagUndefined  = regexp.MustCompile(`^flag provided but not defined: -+(.+)$`)
	flagNeedsValue = regexp.MustCompile(`^flag needs an argument: -+(.+)$`)
	flagBadValue   = regexp.MustCompile(`^invalid value "(.*)" for flag -+([^:]+):`)
	flagRequired   = regexp.MustCompile(`^Required flags? "?([^"]+)"? (?:is|are)? ?not set`)
)

// onUsageError replaces the library's English usage errors by Chinese ones
// that say what to do; the library's own text is not shown.
func onUsageError(c *cli.Context, err error, _ bool) error {
	return usageErr(commandName(c), err)
}

func commandName(c *cli.Context) string {
	if c != nil && c.Command != nil && c.Command.Name != "" {
		return c.Command.Name
	}
	return ""
}

// usageErr renders a library usage error in Chinese.
func usageErr(command string, err error) error {
	help := "jixiao --help"
	if command != "" {
		help = "jixiao " + command + " --help"
	}
	s := err.Error()
	switch {
	case flagUndefined.MatchString(s):
		return usagef("没有「%s」这个选项；可用的选项见 %s", flagName(flagUndefined.FindStringSubmatch(s)[1]), help)
	case flagNeedsValue.MatchString(s):
		return usagef("选项「%s」后面要写一个值；见 %s", flagName(flagNeedsValue.FindStringSubmatch(s)[1]), help)
	case flagBadValue.MatchString(s):
		m := flagBadValue.FindStringSubmatch(s)
		return usagef("选项「%s」的值「%s」无效；见 %s", flagName(m[2]), m[1], help)
	case flagRequired.MatchString(s):
		return usagef("缺少必需的选项「%s」；见 %s", flagName(flagRequired.FindStringSubmatch(s)[1]), help)
	}
	var ue *usageError
	if errors.As(err, &ue) {
		return err
	}
	return usagef("命令行有误；正确的写法见 %s", help)
}

// flagName renders a flag as typed: -o, --output.
func flagName(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// localizeErrors gives the app and every command the Chinese usage errors.
func localizeErrors(app *cli.App) {
	app.OnUsageError = onUsageError
	app.Action = noCommand
	for _, c := range app.Commands {
		c.OnUsageError = onUsageError
	}
}
