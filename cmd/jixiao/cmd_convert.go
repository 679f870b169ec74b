package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"jixiao/convert"
	"jixiao/templates"
)

func convertCommand() *cli.Command {
	return &cli.Command{
		Name:  "convert",
		Usage: "转换格式：旧格式 CSV → 标准工作簿（每个乡镇一个），工作簿 → CSV",
		Description: "方向由扩展名决定：.csv/.tsv/.txt → .xlsx；.xlsx → .csv；.xls → .xlsx（用 --to 改变）。\n" +
			"   用 -o 时，多个 CSV 输入（如 项目明细.csv 与 指标明细.csv）按项目编码合并。",
		ArgsUsage: "输入文件...",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "输出文件（.xlsx 或 .csv；CSV 有多张表时另加表名后缀）"},
			&cli.StringFlag{Name: "out-dir", Usage: "输出文件夹：工作簿按乡镇命名，CSV 按“输入文件名-表名.csv”命名"},
			&cli.StringFlag{Name: "to", Usage: "输出格式：xlsx 或 csv（默认按扩展名）"},
			&cli.StringFlag{Name: "encoding", Value: "auto", Usage: "输入 CSV 的编码：auto、utf-8、gbk、gb18030、utf-16"},
			&cli.StringFlag{Name: "to-encoding", Value: "utf-8-bom", Usage: "输出 CSV 的编码：utf-8-bom（Excel 直接打开不乱码）、utf-8（无 BOM）、gbk、gb18030"},
			&cli.StringFlag{Name: "unit", Usage: "输出金额单位：万元 或 元（默认沿用输入的单位）"},
			&cli.BoolFlag{Name: "raw", Usage: "CSV 中以 = + - @ 开头的单元格原样写出（默认加 ' 以防被当作公式）"},
			&cli.BoolFlag{Name: "force", Usage: "覆盖已存在的输出文件"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "不列出写入的文件"},
		},
		Action: func(c *cli.Context) error {
			cv, err := newConverter(c)
			if err != nil {
				return err
			}
			return cv.run(c.Args().Slice())
		},
	}
}

// converter carries the options of one convert run and what it found.
type converter struct {
	c                *cli.Context
	out, outDir, to  string
	unit             convert.Unit
	csv              convert.CSVOptions
	encoding         string
	force, quiet     bool
	inputs           []string // what the run reads, never written over
	written          []string
	errors, unreadIn int
}

func newConverter(c *cli.Context) (*converter, error) {
	cv := &converter{c: c, out: c.String("out"), outDir: c.String("out-dir"), to: strings.ToLower(c.String("to")),
		encoding: c.String("encoding"), force: c.Bool("force"), quiet: c.Bool("quiet"),
		csv: convert.CSVOptions{Encoding: c.String("to-encoding"), Raw: c.Bool("raw")}}
	switch {
	case c.NArg() == 0:
		return nil, usagef("请指定要转换的文件")
	case cv.out == "" && cv.outDir == "":
		return nil, usagef("请用 -o 指定输出文件，或用 --out-dir 指定输出文件夹")
	case cv.out != "" && cv.outDir != "":
		return nil, usagef("-o 与 --out-dir 只能用一个")
	}
	if cv.to != "" && cv.to != "xlsx" && cv.to != "csv" {
		return nil, usagef("--to 只能是 xlsx 或 csv，而不是「%s」", cv.to)
	}
	if s := c.String("unit"); s != "" {
		u, err := unitFlag(s)
		if err != nil {
			return nil, err
		}
		cv.unit = u
	}
	if _, err := convert.EncodeText("", cv.csv.Encoding); err != nil {
		return nil, usagef("--to-encoding：%v", err)
	}
	return cv, nil
}

// target is the output format of an input: the --to flag, else the -o
// extension, else the input's extension.
func (cv *converter) target(input string) string {
	if cv.to != "" {
		return cv.to
	}
	if cv.out != "" {
		switch ext := filepath.Ext(cv.out); {
		case strings.EqualFold(ext, ".xlsx"):
			return "xlsx"
		case convert.IsTextExtension(ext):
			return "csv"
		}
	}
	if convert.IsWorkbookExtension(filepath.Ext(input)) {
		return "csv"
	}
	return "xlsx"
}

func (cv *converter) run(inputs []string) error {
	cv.inputs = runInputs(inputs)
	if err := cv.checkOut(inputs); err != nil {
		return err
	}
	if cv.out != "" && len(inputs) > 1 {
		for _, in := range inputs {
			if cv.target(in) != "xlsx" || !isTextInput(in) {
				return usagef("-o 只能把多个 CSV 文件合并为工作簿；其他情况请用 --out-dir")
			}
		}
		cv.toWorkbooks(inputs)
	} else {
		for _, in := range inputs {
			if err := cv.c.Context.Err(); err != nil {
				return err
			}
			if cv.target(in) == "csv" {
				cv.toCSV(in)
			} else {
				cv.toWorkbooks([]string{in})
			}
		}
	}
	if !cv.quiet {
		for _, w := range cv.written {
			fmt.Fprintln(cv.c.App.Writer, "已写入", w)
		}
	}
	switch {
	case len(cv.written) == 0 && cv.unreadIn > 0:
		return &noInputError{}
	case len(cv.written) == 0:
		return usagef("没有写出任何文件")
	case cv.errors > 0 || cv.unreadIn > 0:
		fmt.Fprintf(cv.c.App.ErrWriter, "发现错误 %d 个，其余内容已转换。\n", cv.errors+cv.unreadIn)
		return errProblems
	}
	return nil
}

func isTextInput(path string) bool { return convert.IsTextExtension(filepath.Ext(path)) }

// fail reports an input or output that could not be handled.
func (cv *converter) fail(err error) {
	fmt.Fprintln(cv.c.App.ErrWriter, "错误", err)
	var ue *usageError
	if errors.As(err, &ue) || isOutputError(err) {
		cv.errors++
		return
	}
	cv.unreadIn++
}

// report prints the problems of a submission: "file:line:column: reason"
// for rows of text files, the problem's own line otherwise.
func (cv *converter) report(sub *templates.Submission) {
	for _, p := range sub.Problems {
		if p.Severity == templates.Error {
			cv.errors++
		}
		var le *convert.LocatedError
		if errors.As(p, &le) && le.Line > 0 {
			fmt.Fprintf(cv.c.App.ErrWriter, "%s:%d:%d: %s %s：%s\n", le.File, le.Line, le.Col, p.Severity, p.Rule, p.Message)
			continue
		}
		fmt.Fprintln(cv.c.App.ErrWriter, p.Error())
	}
}

// checkOut checks the outputs before anything is read: -o names a file of
// the format written (a folder of CSV files when it has no CSV extension)
// that may be written; --out-dir is a folder, created when missing.
func (cv *converter) checkOut(inputs []string) error {
	if cv.outDir != "" {
		return makeOutDir(cv.outDir)
	}
	csvOut, xlsxOut := false, false
	for _, in := range inputs {
		if cv.target(in) == "csv" {
			csvOut = true
		} else {
			xlsxOut = true
		}
	}
	switch {
	case xlsxOut:
		if err := checkOutputName("-o", cv.out, ".xlsx"); err != nil {
			return err
		}
	case csvOut && !isTextInput(cv.out):
		// -o names the folder of one CSV per sheet
		if info, err := os.Stat(cv.out); err == nil && !info.IsDir() {
			return checkOutputName("-o", cv.out, convert.TextExtensions()...)
		}
		if strings.EqualFold(filepath.Ext(cv.out), ".xlsx") || strings.EqualFold(filepath.Ext(cv.out), ".xls") {
			return checkOutputName("-o", cv.out, convert.TextExtensions()...)
		}
		return makeOutputDir(cv.out)
	}
	if csvOut {
		// a workbook of several sheets gives several CSV files named after
		// -o: each is checked for existing when written
		return convert.CheckOutput(cv.out, convert.SaveOptions{Force: true, Inputs: cv.inputs})
	}
	return convert.CheckOutput(cv.out, cv.save())
}

// save is how every output of the run is saved.
func (cv *converter) save() convert.SaveOptions {
	return convert.SaveOptions{Force: cv.force, Inputs: cv.inputs}
}

// claim checks that an output path may be written: not written earlier in
// this run, not an input, and not existing unless --force.
func (cv *converter) claim(path string) error {
	for _, w := range cv.written {
		if w == path {
			return usagef("%s 在本次转换中已写过（同一乡镇出现在多个输入中？），未覆盖", path)
		}
	}
	return convert.CheckOutput(path, cv.save())
}

// toWorkbooks reads inputs (several are one set of flat tables) and writes
// one standard workbook per township.
func (cv *converter) toWorkbooks(inputs []string) {
	var wbs []*convert.Workbook
	for _, in := range inputs {
		wb, err := convert.Open(in, convert.Options{Encoding: cv.encoding})
		if err != nil {
			cv.fail(err)
			continue
		}
		wbs = append(wbs, wb)
	}
	if len(wbs) == 0 {
		return
	}
	subs, flat := templates.ReadWorkbooks(wbs...)
	if !flat {
		forms := subs[:0]
		for i, sub := range subs {
			if len(sub.Projects) == 0 && wbs[i].Format != "csv" {
				cv.copyWorkbook(wbs[i])
				continue
			}
			forms = append(forms, sub)
		}
		subs = forms
	}
	if cv.out != "" && len(subs) > 1 {
		names := make([]string, len(subs))
		for i, s := range subs {
			names[i] = s.Township.Value
		}
		cv.fail(usagef("输入含 %d 个乡镇（%s），每个乡镇一个工作簿，请用 --out-dir 指定输出文件夹", len(subs), strings.Join(names, "、")))
		return
	}
	for _, sub := range subs {
		cv.report(sub)
		if len(sub.Projects) == 0 {
			cv.fail(usagef("%s：没有找到项目（表头需有“项目编码”或“项目名称”，以及“预算数”或指标列）", sub.File))
			continue
		}
		path := cv.out
		if path == "" {
			path = filepath.Join(cv.outDir, fileSafe(sub.Township.Value)+".xlsx")
		}
		if err := cv.claim(path); err != nil {
			cv.fail(err)
			continue
		}
		err := templates.SaveTemplate(cv.c.Context, path, templates.TemplateOptions{Prefill: sub, Unit: cv.unit, Projects: len(sub.Projects)}, cv.save())
		if err != nil {
			cv.fail(err)
			continue
		}
		cv.written = append(cv.written, path)
	}
}

// copyWorkbook writes a workbook that is neither a form nor a flat table
// sheet by sheet as it is.
func (cv *converter) copyWorkbook(wb *convert.Workbook) {
	path := cv.out
	if path == "" {
		path = filepath.Join(cv.outDir, stem(wb.Path)+".xlsx")
	}
	if err := cv.claim(path); err != nil {
		cv.fail(err)
		return
	}
	if err := convert.SaveXLSX(cv.c.Context, path, wb, cv.save()); err != nil {
		cv.fail(err)
		return
	}
	cv.written = append(cv.written, path)
}

// toCSV writes a workbook as CSV: a township form as 项目明细 and 指标明细,
// any other workbook one CSV per non-empty sheet, as it is.
func (cv *converter) toCSV(input string) {
	wb, err := convert.Open(input, convert.Options{Encoding: cv.encoding})
	if err != nil {
		cv.fail(err)
		return
	}
	var sheets []convert.Sheet
	if subs, flat := templates.ReadWorkbooks(wb); !flat && len(subs[0].Projects) > 0 {
		cv.report(subs[0])
		sheets = templates.FlatTables(subs[0], cv.unit)
	}
	if sheets == nil {
		for _, sh := range wb.Sheets {
			if !sh.Empty() {
				sheets = append(sheets, sh)
			}
		}
	}
	if len(sheets) == 0 {
		cv.fail(usagef("%s：所有工作表都是空的", input))
		return
	}
	for _, sh := range sheets {
		path := cv.csvPath(input, sh.Name, len(sheets))
		if err := cv.claim(path); err != nil {
			cv.fail(err)
			continue
		}
		opt := cv.csv
		if strings.EqualFold(filepath.Ext(path), ".tsv") {
			opt.Comma = '\t'
		}
		err := convert.SaveFile(cv.c.Context, path, cv.save(), func(w io.Writer) error {
			if err := convert.WriteCSV(w, sh.Rows, opt); err != nil {
				return &convert.LocatedError{File: path, Sheet: sh.Name, Err: err}
			}
			return nil
		})
		if err != nil {
			cv.fail(err)
			continue
		}
		cv.written = append(cv.written, path)
	}
}

// csvPath names the CSV of one sheet: -o itself for a single sheet, else
// "<-o stem>-<sheet>.csv" beside it (or "<-o>/<sheet>.csv" when -o has no
// CSV extension); with --out-dir "<dir>/<input stem>-<sheet>.csv".
func (cv *converter) csvPath(input, sheet string, n int) string {
	if cv.out == "" {
		return filepath.Join(cv.outDir, stem(input)+"-"+fileSafe(sheet)+".csv")
	}
	ext := filepath.Ext(cv.out)
	if !isTextInput(cv.out) {
		return filepath.Join(cv.out, fileSafe(sheet)+".csv")
	}
	if n == 1 {
		return cv.out
	}
	return strings.TrimSuffix(cv.out, ext) + "-" + fileSafe(sheet) + ext
}

func stem(path string) string {
	return strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
}

// fileSafe replaces characters Windows forbids in file names.
func fileSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`\/:*?"<>|`, r) || r < ' ' {
			return '_'
		}
		return r
	}, s)
}

// noInputError is the end of a conversion in which no input could be read:
// why is on the lines above (a file may be missing rather than damaged).
type noInputError struct{}

func (*noInputError) Error() string {
	return "没有可转换的输入，各文件的原因见上面各行"
}

// Unwrap keeps the error a kind of convert.ErrUnreadable.
func (*noInputError) Unwrap() error { return convert.ErrUnreadable }
