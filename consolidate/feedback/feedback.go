// Package feedback writes what goes back to the townships after a review
// (jixiao feedback): for each township with a problem a workbook with every
// problem marked at its cell and listed on 问题清单, and 审核结果.xlsx of
// every source.
package feedback

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"jixiao/consolidate"
	"jixiao/convert"
	"jixiao/templates"
)

// SummaryFile is the name of the summary workbook that Write
// writes beside the township workbooks (审核结果.xlsx).
const SummaryFile = "审核结果.xlsx"

// Outcomes of a township in 审核结果.
const (
	Pass   = "通过"
	Revise = "退回修改"
)

// Kinds of feedback workbook.
const (
	// OwnCopy: a copy of the township's own .xlsx with the problems marked.
	OwnCopy = "原表标注"
	// Template: the standard template pre-filled from the township's
	// file (.xls, .docx, CSV, …), with the problems marked.
	Template = "标准模板"
)

// ErrDir means the output folder given is an existing file.
var ErrDir = errors.New("输出位置是一个文件，不是文件夹；请用 --out-dir 指定一个文件夹")

// Options tune Write.
type Options struct {
	// Force allows replacing existing output files.
	Force bool
}

// Row is one source in 审核结果: a township (or an unreadable file)
// and what was sent back to it.
type Row struct {
	Township string
	// File is the township's submitted file.
	File string
	// Outcome is 通过, 退回修改, or the source's status when it was not
	// counted (无法读取, 重复提交，未计入, 已跳过).
	Outcome          string
	Errors, Warnings int
	// Output is the feedback workbook written, "" when none.
	Output string
	// Kind is OwnCopy or Template when Output is set.
	Kind string
	// Marked is the number of problems marked at a cell of Output; the
	// others (about the whole file) are listed in its 问题清单 only.
	Marked int
}

// Report is what Write wrote.
type Report struct {
	Rows []Row
	// Summary is the path of 审核结果.xlsx.
	Summary string
}

// Returned counts the townships sent back for revision.
func (r *Report) Returned() int {
	n := 0
	for _, row := range r.Rows {
		if row.Output != "" {
			n++
		}
	}
	return n
}

// source is a submission's file and township: what its problems, its row
// of 审核结果 and its workbook are found by.
type source struct{ file, township string }

// job is one township workbook to write.
type job struct {
	row      int // index in the report's rows
	sub      *templates.Submission
	problems []templates.Problem
	path     string
	own      bool // mark a copy of the township's own workbook
}

// Write writes, into dir, a workbook for each counted township with
// at least one problem (<乡镇>_退回修改.xlsx) with every problem marked at its
// cell (a fill and a comment) and listed on a first sheet 问题清单, and the
// summary 审核结果.xlsx of every source. A township's own .xlsx/.xlsm is
// copied with everything in it kept; any other format gives the standard
// template pre-filled with what was read. Inputs are never written; every
// output appears complete or not at all; existing outputs are replaced only
// with opt.Force, and nothing is written when one would be refused.
//
// Outputs over an input fail with convert.ErrOutputIsInput, over an
// existing file without opt.Force with convert.ErrOutputExists.
//
//	rep, err := feedback.Write(ctx, res, "退回修改", feedback.Options{})
func Write(ctx context.Context, res *consolidate.Result, dir string, opt Options) (*Report, error) {
	sources, err := res.AllSources()
	if err != nil {
		return nil, err
	}
	problems, err := res.AllProblems()
	if err != nil {
		return nil, err
	}
	byKey := map[source][]templates.Problem{}
	for _, p := range problems {
		k := source{p.Src.File, p.Township}
		byKey[k] = append(byKey[k], p)
	}
	perFile := map[string]int{}
	for _, s := range sources {
		perFile[s.Path]++
	}
	rep := &Report{Summary: filepath.Join(dir, SummaryFile)}
	rowOf := map[source]int{}
	inputs := map[string]bool{}
	for _, s := range sources {
		inputs[absPath(s.Path)] = true
		row := Row{Township: s.Township, File: s.Path, Outcome: s.Status}
		k := source{s.Path, s.Township}
		for _, p := range byKey[k] {
			if p.Severity == templates.Error {
				row.Errors++
			} else {
				row.Warnings++
			}
		}
		if s.Status == consolidate.StatusOK || s.Status == consolidate.StatusProblems {
			row.Outcome = Pass
			if row.Errors+row.Warnings > 0 {
				row.Outcome = Revise
			}
			rowOf[k] = len(rep.Rows)
		}
		if s.Err != nil {
			row.Township = cmp.Or(row.Township, templates.TownshipFromFileName(s.Path))
		}
		rep.Rows = append(rep.Rows, row)
	}
	var jobs []job
	names := map[string]bool{}
	err = res.EachSubmission(func(sub *templates.Submission) error {
		k := source{sub.File, sub.Township.Value}
		i, ok := rowOf[k]
		if !ok || rep.Rows[i].Outcome != Revise {
			return nil
		}
		own := perFile[sub.File] == 1 && ownWorkbook(sub)
		ext := ".xlsx"
		if own && strings.EqualFold(filepath.Ext(sub.File), ".xlsm") {
			ext = ".xlsm" // macros kept: an .xlsx name would not open
		}
		name := fileName(sub.Township.Value, ext, names)
		jobs = append(jobs, job{row: i, sub: sub, problems: byKey[k], path: filepath.Join(dir, name), own: own})
		return nil
	})
	if err != nil {
		return nil, err
	}
	outs := []string{rep.Summary}
	for _, j := range jobs {
		outs = append(outs, j.path)
	}
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return nil, &convert.LocatedError{File: dir, Err: ErrDir}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, &convert.LocatedError{File: dir, Err: fmt.Errorf("无法创建输出文件夹：%w", err)}
	}
	save := convert.SaveOptions{Force: opt.Force}
	for in := range inputs {
		save.Inputs = append(save.Inputs, in)
	}
	sort.Strings(save.Inputs)
	for _, out := range outs {
		if err := convert.CheckOutput(out, save); err != nil {
			return nil, err
		}
	}
	for _, j := range jobs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		marked, own, err := writeTownshipFeedback(ctx, j, save)
		if err != nil {
			return nil, err
		}
		row := &rep.Rows[j.row]
		row.Output, row.Marked, row.Kind = j.path, marked, Template
		if own {
			row.Kind = OwnCopy
		}
	}
	if err := writeFeedbackSummary(ctx, rep, save); err != nil {
		return nil, err
	}
	return rep, nil
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return filepath.Clean(p)
}

// ownWorkbook reports whether a submission's own file can be copied and
// marked: a real .xlsx/.xlsm workbook.
func ownWorkbook(sub *templates.Submission) bool {
	return sub.Format == "xlsx" && convert.IsWorkbookExtension(filepath.Ext(sub.File))
}

// fileName is <乡镇>_退回修改<ext>, with characters a file name cannot
// hold replaced, and a number added when two townships would share it.
func fileName(township, ext string, taken map[string]bool) string {
	base := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`\/:*?"<>|`, r) || r < ' ' {
			return '_'
		}
		return r
	}, strings.TrimSpace(township))
	if base == "" {
		base = "未知乡镇"
	}
	base += "_" + Revise
	name := base + ext
	for n := 2; taken[name]; n++ {
		name = fmt.Sprintf("%s(%d)%s", base, n, ext)
	}
	taken[name] = true
	return name
}

// writeTownshipFeedback writes one township's workbook and returns how many
// problems were marked at a cell and whether it is the township's own.
func writeTownshipFeedback(ctx context.Context, j job, save convert.SaveOptions) (marked int, own bool, err error) {
	var f *excelize.File
	var marks []mark
	own = j.own
	if own {
		// a workbook the fast reader reads but excelize cannot open gets
		// the template instead
		f, marks, err = ownFeedbackBook(j.sub, j.problems)
		own = err == nil
	}
	if !own {
		f, marks, err = templateFeedbackBook(ctx, j.sub, j.problems)
	}
	if err != nil {
		return 0, false, &convert.LocatedError{File: j.sub.File, Err: fmt.Errorf("生成退回修改工作簿：%w", err)}
	}
	defer f.Close()
	n, err := markBook(f, marks)
	if err != nil {
		return 0, false, &convert.LocatedError{File: j.path, Err: err}
	}
	return n, own, saveAtomic(ctx, f, j.path, save)
}

// ownFeedbackBook opens a copy of the township's own workbook; every problem
// is marked where the reader found it.
func ownFeedbackBook(sub *templates.Submission, ps []templates.Problem) (*excelize.File, []mark, error) {
	f, err := excelize.OpenFile(sub.File)
	if err != nil {
		return nil, nil, err
	}
	if err := dropOldNotes(f); err != nil {
		f.Close()
		return nil, nil, err
	}
	marks := make([]mark, len(ps))
	for i, p := range ps {
		marks[i] = mark{p: p, sheet: p.Src.Sheet, cell: p.Src.Cell}
	}
	return f, marks, nil
}

// saveAtomic writes f to path through the project's one save path:
// complete or not at all, never onto an input, never replacing a file
// without opt.Force.
func saveAtomic(ctx context.Context, f *excelize.File, path string, opt convert.SaveOptions) error {
	return convert.SaveFile(ctx, path, opt, func(w io.Writer) error {
		_, err := f.WriteTo(w)
		return err
	})
}

// dropOldNotes removes the comments an earlier round of feedback left in a
// workbook sent back again, and their fills: they are of problems this
// round checks afresh. The township's own comments stay.
func dropOldNotes(f *excelize.File) error {
	for _, sheet := range f.GetSheetList() {
		cs, err := f.GetComments(sheet)
		if err != nil {
			return err
		}
		for _, c := range cs {
			if c.Author != author {
				continue
			}
			if err := f.DeleteComment(sheet, c.Cell); err != nil {
				return err
			}
			if err := unhighlight(f, sheet, c.Cell); err != nil {
				return err
			}
		}
	}
	return nil
}

// unhighlight takes the fill of an earlier round's mark off a cell (the
// township's own fill there was replaced by it and is not known).
func unhighlight(f *excelize.File, sheet, cell string) error {
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		return err
	}
	st, err := f.GetStyle(id)
	if err != nil || st == nil || len(st.Fill.Color) != 1 || st.Fill.Color[0] != fillError && st.Fill.Color[0] != fillWarning {
		return nil
	}
	st.Fill = excelize.Fill{}
	if id, err = f.NewStyle(st); err != nil {
		return err
	}
	return f.SetCellStyle(sheet, cell, cell, id)
}
