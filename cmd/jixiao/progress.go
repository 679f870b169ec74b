package main

import (
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
