package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// copyInto copies src into dir under name and returns the new path.
func copyInto(t *testing.T, src, dir, name string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	copyFile(t, src, path)
	return path
}

// hashes returns the SHA-256 of every file under dir, by path.
func hashes(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		out[p] = sha256.Sum256(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// comments returns the comments of a workbook by "sheet!cell".
func comments(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	for _, sh := range f.GetSheetList() {
		cs, err := f.GetComments(sh)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cs {
			text := c.Text
			for _, r := range c.Paragraph {
				text += r.Text
			}
			out[sh+"!"+c.Cell] = text
		}
	}
	return out
}

// feedbackFixture is a folder with the seed township (table 12's plan
// error), a township with planted review weaknesses and a clean township.
func feedbackFixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	copyInto(t, samplePath("2024", "王官营镇.xlsx"), dir, "王官营镇.xlsx")
	copyInto(t, samplePath("2024", "七树庄镇.xlsx"), dir, "七树庄镇.xlsx")
	weakTownship(t, dir, plantedWeaknesses)
	return dir
}

// TestBinaryFeedback: workbooks for exactly the townships with problems,
// a comment at every problem's sheet!cell as 校验问题 reports it, a 问题清单
// first, the inputs byte-identical, no overwrite without --force.
func TestBinaryFeedback(t *testing.T) {
	in := feedbackFixture(t)
	before := hashes(t, in)
	out := filepath.Join(t.TempDir(), "退回修改")
	stdout, stderr, code := runBinary(t, "feedback", "--out-dir", out, in)
	if code != 1 {
		t.Fatalf("exit %d, want 1 (errors found)\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := []string{"审核结果.xlsx", "弱目标镇_退回修改.xlsx", "王官营镇_退回修改.xlsx"}
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Fatalf("wrote %q, want %q", names, want)
	}
	rep, _ := jsonReport(t, in)
	if len(rep.Problems) == 0 {
		t.Fatal("no problems reported")
	}
	books := map[string]map[string]string{}
	seedTable12 := false
	for _, p := range rep.Problems {
		if p.Cell == "" {
			continue
		}
		book := filepath.Join(out, p.Township+"_退回修改.xlsx")
		if books[book] == nil {
			books[book] = comments(t, book)
		}
		note, ok := books[book][p.Sheet+"!"+p.Cell]
		if !ok {
			t.Errorf("%s: no comment at %s!%s (%s)", filepath.Base(book), p.Sheet, p.Cell, p.RuleID)
			continue
		}
		if p.Suggestion != "" && !strings.Contains(note, p.Suggestion) {
			t.Errorf("%s!%s comment %q lacks the 处理建议 %q", p.Sheet, p.Cell, note, p.Suggestion)
		}
		if p.Township == "王官营镇" && p.Cell == "E205" && strings.Contains(note, "12月底") {
			seedTable12 = true
		}
	}
	if !seedTable12 {
		t.Error("table 12's plan error is not commented at 项目绩效目标表!E205")
	}
	f, err := excelize.OpenFile(filepath.Join(out, "王官营镇_退回修改.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	sheets := f.GetSheetList()
	if sheets[0] != "问题清单" || f.GetActiveSheetIndex() != 0 {
		t.Errorf("sheets %q, active %d: want 问题清单 first and active", sheets, f.GetActiveSheetIndex())
	}
	rows, _ := f.GetRows("问题清单")
	linked := false
	for i, r := range rows {
		if len(r) > 2 && r[2] == "E205" {
			ok, link, _ := f.GetCellHyperLink("问题清单", fmt.Sprintf("C%d", i+1))
			linked = ok && link == "'项目绩效目标表'!E205"
		}
	}
	if len(rows) == 0 || strings.Join(rows[0], ",") != "级别,工作表,单元格,项目编码,项目名称,规则,说明,处理建议" || !linked {
		t.Errorf("问题清单 %q: want the headers and a row for E205 linking to it", rows)
	}
	// the fill is added to the cell's style: its number format stays
	id, _ := f.GetCellStyle("项目绩效目标表", "E205")
	st, _ := f.GetStyle(id)
	orig, _ := excelize.OpenFile(samplePath("2024", "王官营镇.xlsx"))
	oid, _ := orig.GetCellStyle("项目绩效目标表", "E205")
	ost, _ := orig.GetStyle(oid)
	orig.Close()
	if len(st.Fill.Color) == 0 || st.Fill.Color[0] != "FFC7CE" || st.NumFmt != ost.NumFmt || !equalFont(st.Font, ost.Font) {
		t.Errorf("E205 style %+v, want the original's (numfmt %d) with a red fill", st, ost.NumFmt)
	}
	f.Close()
	if after := hashes(t, in); !equalHashes(before, after) {
		t.Error("an input file was changed")
	}
	_, stderr, code = runBinary(t, "feedback", "--out-dir", out, in)
	if code != 2 || !strings.Contains(stderr, "--force") {
		t.Errorf("second run: exit %d, stderr %q; want a refusal naming --force", code, stderr)
	}
	if _, _, code = runBinary(t, "feedback", "-q", "--force", "--out-dir", out, in); code != 1 {
		t.Errorf("--force: exit %d", code)
	}
	// into the inputs' own folder: the inputs stay as they were
	if _, _, code = runBinary(t, "feedback", "-q", "--out-dir", in, filepath.Join(in, "王官营镇.xlsx")); code != 1 {
		t.Errorf("into the input folder: exit %d", code)
	}
	for p, h := range before {
		if hashes(t, in)[p] != h {
			t.Errorf("%s changed", p)
		}
	}
}

func equalFont(a, b *excelize.Font) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Family == b.Family && a.Size == b.Size && a.Bold == b.Bold
}

func equalHashes(a, b map[string][32]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestBinaryFeedbackVariants: for every layout variant, .xls and .docx
// included, the feedback workbook carries a comment at the cell of table
// 12's plan error and at every cell that validating the feedback workbook
// itself reports; an .xlsx keeps its own cells, the others get the template.
func TestBinaryFeedbackVariants(t *testing.T) {
	files, err := filepath.Glob(samplePath("variants", "*.*"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, file := range files {
		if strings.HasSuffix(file, ".md") {
			continue
		}
		n++
		t.Run(filepath.Base(file), func(t *testing.T) {
			in := t.TempDir()
			src := copyInto(t, file, in, filepath.Base(file))
			before := hashes(t, in)
			out := filepath.Join(t.TempDir(), "退回修改")
			if _, stderr, code := runBinary(t, "feedback", "-q", "-o", out, src); code != 1 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			books, _ := filepath.Glob(filepath.Join(out, "*_退回修改.xlsx"))
			if len(books) != 1 {
				t.Fatalf("feedback workbooks %q, want one", books)
			}
			notes := comments(t, books[0])
			orig, _ := jsonReport(t, src)
			back, _ := jsonReport(t, books[0])
			own := strings.HasSuffix(file, ".xlsx")
			check := back.Problems
			if own {
				check = append(check, orig.Problems...)
			}
			table12 := false
			for _, p := range check {
				if p.Cell == "" {
					continue
				}
				note, ok := notes[p.Sheet+"!"+p.Cell]
				if !ok {
					t.Errorf("no comment at %s!%s (%s %s)", p.Sheet, p.Cell, p.Level, p.RuleID)
				}
				if strings.Contains(note, "12月底") {
					table12 = true
				}
			}
			if !table12 {
				t.Error("no comment on table 12's 12月底")
			}
			// the template names its township (填报单位), so the warning
			// that the original's name came from its file name is gone
			want := 0
			for _, p := range orig.Problems {
				if own || p.Rule != "乡镇名称来源" {
					want++
				}
			}
			if len(back.Problems) != want {
				t.Errorf("the feedback workbook reads with %d problems, want %d (the original's %d less any file-name warning)", len(back.Problems), want, len(orig.Problems))
			}
			if !equalHashes(before, hashes(t, in)) {
				t.Error("the input was changed")
			}
		})
	}
	if n < 8 {
		t.Fatalf("only %d variants", n)
	}
}

// fixCell sets a cell of a workbook to a number and saves it.
func fixCell(t *testing.T, path, sheet, cell string, v float64) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.SetCellFloat(sheet, cell, v, 2, 64); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBinaryFeedbackRoundTrip: the township fixes the marked cell in its
// feedback workbook and sends it back; consolidate reads it as a form (its
// 问题清单 and comments ignored), the problem is gone, and --previous lists
// it as 已整改 while the others stay 未整改.
func TestBinaryFeedbackRoundTrip(t *testing.T) {
	in := feedbackFixture(t)
	work := t.TempDir()
	first := filepath.Join(work, "第一轮.xlsx")
	if _, stderr, code := runBinary(t, "consolidate", "-q", "-o", first, in); code != 1 {
		t.Fatalf("first round: exit %d: %s", code, stderr)
	}
	out := filepath.Join(work, "退回修改")
	if _, stderr, code := runBinary(t, "feedback", "-q", "-o", out, in); code != 1 {
		t.Fatalf("feedback: exit %d: %s", code, stderr)
	}
	// the seed township fixes table 12's 12月底 and resubmits its workbook
	back := t.TempDir()
	fixed := copyInto(t, filepath.Join(out, "王官营镇_退回修改.xlsx"), back, "王官营镇.xlsx")
	fixCell(t, fixed, "项目绩效目标表", "E205", 2)
	copyInto(t, filepath.Join(in, "七树庄镇.xlsx"), back, "七树庄镇.xlsx")
	copyInto(t, filepath.Join(in, "弱目标镇.xlsx"), back, "弱目标镇.xlsx")
	second := filepath.Join(work, "第二轮.xlsx")
	stdout, stderr, code := runBinary(t, "consolidate", "-o", second, "--previous", first, back)
	if code != 1 {
		t.Fatalf("second round: exit %d\n%s\n%s", code, stdout, stderr)
	}
	rep, _ := jsonReport(t, fixed)
	for _, p := range rep.Problems {
		if p.Cell == "E205" {
			t.Errorf("the fixed cell is still reported: %+v", p)
		}
	}
	if len(rep.Townships) != 1 || rep.Townships[0].Name != "王官营镇" {
		t.Errorf("the feedback workbook reads as %+v, want 王官营镇", rep.Townships)
	}
	f, err := excelize.OpenFile(second)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("整改情况")
	if err != nil {
		t.Fatal(err)
	}
	status := map[string]int{}
	table12 := ""
	for _, r := range rows[2:] {
		if len(r) < 9 || r[2] == "" {
			continue
		}
		status[r[1]]++
		if r[0] == "王官营镇" && r[8] == "项目绩效目标表!E205" {
			table12 = r[1]
		}
	}
	if table12 != "已整改" {
		t.Errorf("table 12's plan error is %q, want 已整改; rows %q", table12, rows)
	}
	if status["未整改"] == 0 {
		t.Errorf("no 未整改 problem (the weak township changed nothing): %v", status)
	}
	// a second round of feedback on the resubmission: the seed keeps only
	// its remaining problems' comments, none of the fixed cell's
	out2 := filepath.Join(work, "第二轮退回修改")
	runBinary(t, "feedback", "-q", "-o", out2, back)
	notes := comments(t, filepath.Join(out2, "王官营镇_退回修改.xlsx"))
	if note, ok := notes["项目绩效目标表!E205"]; ok {
		t.Errorf("the fixed cell still carries %q", note)
	}
	if len(notes) == 0 {
		t.Error("no comments in the second round")
	}
	g, err := excelize.OpenFile(filepath.Join(out2, "王官营镇_退回修改.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	id, _ := g.GetCellStyle("项目绩效目标表", "E205")
	if st, _ := g.GetStyle(id); st != nil && len(st.Fill.Color) > 0 {
		t.Errorf("the fixed cell is still filled %v", st.Fill.Color)
	}
	g.Close()
	stdout, _, _ = runBinary(t, "validate", "-q", "--previous", first, back)
	if !strings.Contains(stdout, "已整改 王官营镇 项目绩效目标表!E205") || !strings.Contains(stdout, "未整改 弱目标镇") {
		t.Errorf("validate --previous printed:\n%s", stdout)
	}
}
