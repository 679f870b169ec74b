package feedback_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"jixiao/consolidate"
	"jixiao/consolidate/feedback"
	"jixiao/convert"
)

func samples(parts ...string) string {
	return filepath.Join(append([]string{"..", "..", "samples"}, parts...)...)
}

func run(t *testing.T, paths ...string) *consolidate.Result {
	t.Helper()
	res, err := consolidate.Run(context.Background(), paths, consolidate.Options{Unit: convert.UnitWan})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { res.Close() })
	return res
}

// TestWrite: a township's own comment at a problem cell is kept
// ahead of the problem's; a township without problems gets no workbook but a
// 通过 row; outputs are refused over existing files and over inputs.
func TestWrite(t *testing.T) {
	in := t.TempDir()
	f, err := excelize.OpenFile(samples("2024", "王官营镇.xlsx"))
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
	clean, _ := os.ReadFile(samples("2024", "七树庄镇.xlsx"))
	if err := os.WriteFile(filepath.Join(in, "七树庄镇.xlsx"), clean, 0o644); err != nil {
		t.Fatal(err)
	}
	res := run(t, in)
	out := filepath.Join(t.TempDir(), "退回修改")
	rep, err := feedback.Write(context.Background(), res, out, feedback.Options{})
	if err != nil {
		t.Fatal(err)
	}
	outcomes := map[string]feedback.Row{}
	for _, r := range rep.Rows {
		outcomes[r.Township] = r
	}
	if r := outcomes["七树庄镇"]; r.Outcome != feedback.Pass || r.Output != "" {
		t.Errorf("clean township: %+v", r)
	}
	r := outcomes["王官营镇"]
	if r.Outcome != feedback.Revise || r.Kind != feedback.OwnCopy || r.Errors != 1 || r.Marked != 1 {
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
	if len(rows) != 4 || got["七树庄镇"] != feedback.Pass || got["王官营镇"] != feedback.Revise {
		t.Errorf("审核结果 %q: want title, header and 七树庄镇 通过, 王官营镇 退回修改", rows)
	}
	_, err = feedback.Write(context.Background(), res, out, feedback.Options{})
	if !errors.Is(err, convert.ErrOutputExists) {
		t.Errorf("second write: %v, want ErrOutputExists", err)
	}
	if _, err := feedback.Write(context.Background(), res, out, feedback.Options{Force: true}); err != nil {
		t.Errorf("with Force: %v", err)
	}
	if _, err := feedback.Write(context.Background(), res, rep.Summary, feedback.Options{}); !errors.Is(err, feedback.ErrDir) {
		t.Errorf("a file as the folder: %v, want ErrDir", err)
	}
	// an input named like an output is never written over
	trap := filepath.Join(in, "审核结果.xlsx")
	if err := os.WriteFile(trap, clean, 0o644); err != nil {
		t.Fatal(err)
	}
	res2 := run(t, in)
	_, err = feedback.Write(context.Background(), res2, in, feedback.Options{Force: true})
	if !errors.Is(err, convert.ErrOutputIsInput) {
		t.Errorf("output over an input: %v, want ErrOutputIsInput", err)
	}
	if got, _ := os.ReadFile(trap); string(got) != string(clean) {
		t.Error("the input was written over")
	}
}
