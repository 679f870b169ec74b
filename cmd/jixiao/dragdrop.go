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
