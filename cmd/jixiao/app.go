package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"jixiao/consolidate"
	"jixiao/convert"
)

// Exit codes, decided in one place.
const (
	exitOK       = 0 // written and clean (warnings allowed)
	exitProblems = 1 // written, but errors were found
	exitUsage    = 2 // usage error, or nothing could be read
)

// errProblems reports that the run completed and found errors in the inputs.
var errProblems = errors.New("发现错误")

// usageError marks a mistake in how jixiao was called.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return &usageError{fmt.Sprintf(format, a...)} }

// exitCode maps an error from run to the process exit code.
func exitCode(err error) int {
	var ue *usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errProblems):
		return exitProblems
	case errors.As(err, &ue), errors.Is(err, consolidate.ErrNoInput), errors.Is(err, consolidate.ErrOutputExists):
		return exitUsage
	case errors.Is(err, context.Canceled):
		return exitUsage
	}
	return exitUsage
}

// message renders an error from run for the user, in Chinese.
func message(err error) string {
	if errors.Is(err, context.Canceled) {
		return "已取消（未写出或覆盖任何文件）"
	}
	return err.Error()
}

// run is the whole program: it parses args and runs a command, writing to
// stdout and stderr. main only maps its error to an exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	app := newApp(stdout, stderr)
	if paths, ok := desktopPaths(args); ok {
		return desktopDrop(ctx, paths, stdout)
	}
	if isDragDrop(args, commandNames(app)) {
		return dragDrop(ctx, args[1:], stdout)
	}
	return app.RunContext(ctx, args)
}

// commandNames lists the commands and their aliases.
func commandNames(app *cli.App) []string {
	var names []string
	for _, c := range app.Commands {
		names = append(names, c.Names()...)
	}
	return append(names, "help", "h")
}

func newApp(stdout, stderr io.Writer) *cli.App {
	app := &cli.App{
		Name:            "jixiao",
		Usage:           "乡镇预算绩效目标的校验、汇总与转换",
		Version:         buildInfo(),
		Writer:          stdout,
		ErrWriter:       stderr,
		HideHelpCommand: true,
		ExitErrHandler:  func(*cli.Context, error) {},
		Commands: []*cli.Command{
			consolidateCommand(),
			validateCommand(),
			feedbackCommand(),
			convertCommand(),
			templateCommand(),
			rulesCommand(),
			versionCommand(),
		},
	}
	localizeHelp(app)
	localizeErrors(app)
	return app
}

// unitFlag parses the --unit flag.
func unitFlag(s string) (convert.Unit, error) {
	u, ok := convert.ParseUnit(s)
	if !ok {
		return 0, usagef("--unit 只能是 万元 或 元，而不是「%s」", s)
	}
	return u, nil
}
