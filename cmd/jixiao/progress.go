package main

import (
	"fmt"
	"io"
	"os"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"jixiao/consolidate"
)

// progressPrinter draws reading progress on stderr when it is a terminal, and
// stays silent otherwise (or with --quiet).
func progressPrinter(stderr io.Writer, quiet bool) func(consolidate.Progress) {
	f, ok := stderr.(*os.File)
	if quiet || !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	var bar *progressbar.ProgressBar
	return func(p consolidate.Progress) {
		if bar == nil {
			bar = progressbar.NewOptions(p.Total, progressbar.OptionSetWriter(stderr),
				progressbar.OptionSetDescription("读取乡镇文件"), progressbar.OptionShowCount(),
				progressbar.OptionClearOnFinish())
		}
		_ = bar.Set(p.Done)
		if p.Done == p.Total {
			_ = bar.Finish()
		}
	}
}

// writeProgressPrinter shows which sheets of the county workbook are being
// written, and how many townships the detail sheets have done, after the
// reading bar, so that the display does not stand still while the workbook
// is written; silent where progressPrinter is. done ends the display.
func writeProgressPrinter(stderr io.Writer, quiet bool) (show func(consolidate.WriteProgress), done func()) {
	f, ok := stderr.(*os.File)
	if quiet || !ok || !term.IsTerminal(int(f.Fd())) {
		return nil, func() {}
	}
	bar := progressbar.NewOptions(-1, progressbar.OptionSetWriter(stderr), progressbar.OptionSpinnerType(14),
		progressbar.OptionSetDescription("写入县级汇总工作簿"), progressbar.OptionClearOnFinish())
	show = func(p consolidate.WriteProgress) {
		desc := "写入「" + p.Stage + "」"
		if p.Stage == "保存文件" {
			desc = "保存文件"
		}
		if p.Total > 0 {
			desc = fmt.Sprintf("%s %d/%d 个乡镇", desc, p.Done, p.Total)
		}
		bar.Describe(desc)
		_ = bar.Add(1)
	}
	return show, func() { _ = bar.Finish() }
}
