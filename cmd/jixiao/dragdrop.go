package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"jixiao/consolidate"
	"jixiao/convert"
)

// isDragDrop reports whether jixiao was started with only file or folder
// paths and no command — what Windows does when files are dropped onto
// jixiao.exe.
func isDragDrop(args []string, commands []string) bool {
	if len(args) < 2 {
		return false
	}
	first := args[1]
	if strings.HasPrefix(first, "-") {
		return false
	}
	for _, c := range commands {
		if first == c {
			return false
		}
	}
	for _, a := range args[1:] {
		if _, err := os.Stat(a); err != nil {
			return false
		}
	}
	return true
}

// desktopFlag is the hidden switch the Linux desktop entry puts before the
// files (Exec=jixiao --desktop %F): jixiao was started from the application
// menu, by files dropped on its icon or by 打开方式, in a terminal window that
// closes as soon as jixiao ends.
const desktopFlag = "--desktop"

// desktopPaths returns the files passed after --desktop, and whether jixiao
// was started that way.
func desktopPaths(args []string) ([]string, bool) {
	if len(args) < 2 || args[1] != desktopFlag {
		return nil, false
	}
	return args[2:], true
}

// keepWindowOpen reports whether jixiao waits for Enter before it exits, so
// that the summary stays readable: when files were dropped on jixiao.exe on
// Windows, and whenever it was started from the Linux desktop entry. Typed
// at a Linux terminal, the no-command form ends at once like any command.
func keepWindowOpen(goos string, args, commands []string) bool {
	if _, ok := desktopPaths(args); ok {
		return true
	}
	return goos == "windows" && isDragDrop(args, commands)
}

// desktopDrop consolidates the files the desktop passed, exactly as a drop
// on jixiao.exe; started from the menu without files it explains how to
// give them.
func desktopDrop(ctx context.Context, paths []string, stdout io.Writer) error {
	if len(paths) == 0 {
		return usagef("没有收到要汇总的文件：请把各乡镇报送的文件拖到「绩效目标汇总」图标上，" +
			"或在文件上右键 → 打开方式 → 绩效目标汇总；命令行用法见 jixiao --help")
	}
	return dragDrop(ctx, paths, stdout)
}

// dragDrop consolidates the dropped paths into 县级汇总_<年度>.xlsx beside the
// first input, never overwriting an existing file, and prints a short
// Chinese summary.
func dragDrop(ctx context.Context, paths []string, stdout io.Writer) error {
	res, err := consolidate.Run(ctx, paths, consolidate.Options{Unit: convert.UnitWan})
	if err != nil {
		return err
	}
	defer res.Close()
	dir := filepath.Dir(filepath.Clean(paths[0]))
	base := "县级汇总"
	if res.Year > 0 {
		base = fmt.Sprintf("县级汇总_%d", res.Year)
	}
	out, err := writeNew(ctx, res, dir, base)
	if err != nil {
		return err
	}
	printSummary(stdout, res, out)
	printFeedbackHint(stdout, res, dir, paths)
	return outcome(res)
}

// writeNew writes the county workbook as dir/base.xlsx, or base(2).xlsx,
// base(3).xlsx … when taken: an existing file is never overwritten.
func writeNew(ctx context.Context, res *consolidate.Result, dir, base string) (string, error) {
	for n := 1; n < 1000; n++ {
		name := base + ".xlsx"
		if n > 1 {
			name = fmt.Sprintf("%s(%d).xlsx", base, n)
		}
		path := filepath.Join(dir, name)
		err := consolidate.WriteWorkbook(ctx, res, path, consolidate.WriteOptions{})
		if errors.Is(err, consolidate.ErrOutputExists) {
			continue
		}
		return path, err
	}
	return "", fmt.Errorf("%w：%s", consolidate.ErrOutputExists, filepath.Join(dir, base+".xlsx"))
}

// waitForEnter keeps the console window open until the user presses Enter.
func waitForEnter(in io.Reader, out io.Writer) {
	fmt.Fprint(out, "按回车键关闭窗口……")
	_, _ = bufio.NewReader(in).ReadString('\n')
}
