package consolidate_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"jixiao/consolidate"
	"jixiao/convert"
)

// TestWriteFeedback: a township's own comment at a problem cell is kept
// ahead of the problem's; a township without problems gets no workbook but a
// 通过 row; outputs are refused over existing files and over inputs.
func TestWriteFeedback(t *testing.T) {
	in := t.TempDir()
	f, err := excelize.OpenFile(wbSamples("2024", "王官营镇.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.AddComment("项目绩效目标表", excelize.Comment{Author: "乡镇", Cell: "E205", Text: "原有批注"}); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(filepath.Join(in, "王官营镇.xlsx")); err != nil {
		t.Fatal(err)
	}
	f.Close()
	clean, _ := os.ReadFile(wbSamples("2024", "七树庄镇.xlsx"))
	if err := os.WriteFile(filepath.Join(in, "七树庄镇.xlsx"), clean, 0o644); err != nil {
		t.Fatal(err)
	}
	res := wbRun(t, consolidate.Options{Unit: convert.UnitWan}, in)
	out := filepath.Join(t.TempDir(), "退回修改")
	rep, err := consolidate.WriteFeedback(context.Background(), res, out, consolidate.FeedbackOptions{})
	if err != nil {
		t.Fatal(err)
	}
	outcomes := map[string]consolidate.FeedbackRow{}
	for _, r := range rep.Rows {
		outcomes[r.Township] = r
	}
	if r := outcomes["七树庄镇"]; r.Outcome != consolidate.FeedbackPass || r.Output != "" {
		t.Errorf("clean township: %+v", r)
	}
	r := outcomes["王官营镇"]
	if r.Outcome != consolidate.FeedbackRevise || r.Kind != consolidate.FeedbackOwnCopy || r.Errors != 1 || r.Marked != 1 {
		t.Fatalf("seed township: %+v", r)
	}
	g, err := excelize.OpenFile(r.Output)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	cs, _ := g.GetComments("项目绩效目标表")
	if len(cs) != 1 || cs[0].Cell != "E205" {
		t.Fatalf("comments %+v, want one at E205", cs)
	}
	text := cs[0].Text
	for _, run := range cs[0].Paragraph {
		text += run.Text
	}
	if want := "原有批注"; len(text) < len(want) || text[:len(want)] != want {
		t.Errorf("comment %q does not keep the township's own first", text)
	}
	sum, err := excelize.OpenFile(rep.Summary)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := sum.GetRows("审核结果")
	sum.Close()
	got := map[string]string{}
	for _, r := range rows[min(2, len(rows)):] {
		if len(r) > 1 {
			got[r[0]] = r[1]
		}
	}
	if len(rows) != 4 || got["七树庄镇"] != consolidate.FeedbackPass || got["王官营镇"] != consolidate.FeedbackRevise {
		t.Errorf("审核结果 %q: want title, header and 七树庄镇 通过, 王官营镇 退回修改", rows)
	}
	_, err = consolidate.WriteFeedback(context.Background(), res, out, consolidate.FeedbackOptions{})
	if !errors.Is(err, consolidate.ErrOutputExists) {
		t.Errorf("second write: %v, want ErrOutputExists", err)
	}
	if _, err := consolidate.WriteFeedback(context.Background(), res, out, consolidate.FeedbackOptions{Force: true}); err != nil {
		t.Errorf("with Force: %v", err)
	}
	if _, err := consolidate.WriteFeedback(context.Background(), res, rep.Summary, consolidate.FeedbackOptions{}); !errors.Is(err, consolidate.ErrFeedbackDir) {
		t.Errorf("a file as the folder: %v, want ErrFeedbackDir", err)
	}
	// an input named like an output is never written over
	trap := filepath.Join(in, "审核结果.xlsx")
	if err := os.WriteFile(trap, clean, 0o644); err != nil {
		t.Fatal(err)
	}
	res2 := wbRun(t, consolidate.Options{Unit: convert.UnitWan}, in)
	_, err = consolidate.WriteFeedback(context.Background(), res2, in, consolidate.FeedbackOptions{Force: true})
	if !errors.Is(err, consolidate.ErrOutputIsInput) {
		t.Errorf("output over an input: %v, want ErrOutputIsInput", err)
	}
	if got, _ := os.ReadFile(trap); string(got) != string(clean) {
		t.Error("the input was written over")
	}
}

// TestLoadPreviousErrors: what is not a county workbook is refused with
// ErrPrevious, located.
func TestLoadPreviousErrors(t *testing.T) {
	for name, path := range map[string]string{
		"missing file":        filepath.Join(t.TempDir(), "无.xlsx"),
		"a township workbook": wbSamples("2024", "王官营镇.xlsx"),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := consolidate.LoadPrevious(path)
			var le *convert.LocatedError
			if !errors.Is(err, consolidate.ErrPrevious) || !errors.As(err, &le) || le.File != path {
				t.Errorf("err = %v, want ErrPrevious located at %s", err, path)
			}
		})
	}
}

// TestCompareRounds: against its own county workbook a run has every
// problem 未整改 and none 新增 or 已整改, and no 预算数 change.
func TestCompareRounds(t *testing.T) {
	res := wbRun(t, consolidate.Options{Unit: convert.UnitWan}, wbSamples("2024"))
	_, path := wbWrite(t, res, consolidate.WriteOptions{})
	prev, err := consolidate.LoadPrevious(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(prev.Problems) != res.ProblemCount() || len(prev.Budgets) != res.Townships() {
		t.Fatalf("read %d problems, %d townships; want %d, %d", len(prev.Problems), len(prev.Budgets), res.ProblemCount(), res.Townships())
	}
	// a previous workbook in 元 compares with a run in 万元
	resYuan := wbRun(t, consolidate.Options{Unit: convert.UnitYuan}, wbSamples("2024"))
	_, yuanPath := wbWrite(t, resYuan, consolidate.WriteOptions{})
	prevYuan, err := consolidate.LoadPrevious(yuanPath)
	if err != nil {
		t.Fatal(err)
	}
	for town, b := range prev.Budgets {
		if !prevYuan.Budgets[town].Equal(b) {
			t.Errorf("%s: %s 元 read from the 元 workbook, %s from the 万元 one", town, prevYuan.Budgets[town], b)
		}
	}
	rc, err := consolidate.CompareRounds(res, prevYuan)
	if err != nil {
		t.Fatal(err)
	}
	if rc.Open != res.ProblemCount() || rc.Fixed != 0 || rc.New != 0 {
		t.Errorf("fixed %d open %d new %d; want all %d open", rc.Fixed, rc.Open, rc.New, res.ProblemCount())
	}
	for _, b := range rc.Budgets {
		if !b.HasBefore || !b.HasAfter || !b.Before.Equal(b.After) {
			t.Errorf("%s: %s → %s", b.Township, b.Before, b.After)
		}
	}
	f, _ := wbWrite(t, res, consolidate.WriteOptions{Previous: prev})
	rows := wbRows(t, f, consolidate.SheetRectify)
	if len(rows) < 3 || rows[1][1] != "整改情况" || rows[2][1] != consolidate.RectifyOpen {
		t.Errorf("整改情况 starts %q", rows[:min(len(rows), 3)])
	}
}
