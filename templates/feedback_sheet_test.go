package templates_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"jixiao/templates"
)

// TestReadSkipsFeedbackSheet: a 问题清单 sheet (whose headers look like
// labels) put first in a form changes nothing that is read from it.
func TestReadSkipsFeedbackSheet(t *testing.T) {
	src := filepath.Join("..", "samples", "2024", "王官营镇.xlsx")
	ctx := context.Background()
	want, err := templates.ReadFile(ctx, src, templates.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(src)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.NewSheet(templates.SheetFeedback); err != nil {
		t.Fatal(err)
	}
	for i, v := range []string{"级别", "工作表", "单元格", "项目编码", "项目名称", "规则", "说明", "处理建议"} {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		f.SetCellStr(templates.SheetFeedback, cell, v)
		cell, _ = excelize.CoordinatesToCellName(i+1, 2)
		f.SetCellStr(templates.SheetFeedback, cell, "13020824P00000810014W")
	}
	if err := f.MoveSheet(templates.SheetFeedback, f.GetSheetList()[0]); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "王官营镇.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	for _, read := range []func() (*templates.Submission, error){
		func() (*templates.Submission, error) { return templates.ReadFile(ctx, path, templates.ReadOptions{}) },
		func() (*templates.Submission, error) {
			subs, err := templates.ReadFileAll(ctx, path, templates.ReadOptions{})
			if err != nil || len(subs) != 1 {
				t.Fatalf("ReadFileAll: %d submissions, %v", len(subs), err)
			}
			return subs[0], nil
		},
	} {
		got, err := read()
		if err != nil {
			t.Fatal(err)
		}
		compareSubmissions(t, got, want)
		if len(got.Problems) != len(want.Problems) {
			t.Errorf("%d problems, want %d", len(got.Problems), len(want.Problems))
		}
	}
}
