// Command jixiao checks, merges and reports township budget performance
// targets (预算绩效目标) for a county finance bureau.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"syscall"
)

func main() {
	restore := setupConsole()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args, os.Stdout, os.Stderr)
	stop()
	code := exitCode(err)
	if err != nil && code != exitProblems {
		fmt.Fprintln(os.Stderr, "jixiao:", message(err))
	}
	if keepWindowOpen(runtime.GOOS, os.Args, commandNames(newApp(os.Stdout, os.Stderr))) {
		// Started by dropping files on the .exe or from the desktop
		// entry: keep the window open.
		waitForEnter(os.Stdin, os.Stdout)
	}
	restore()
	os.Exit(code)
}
