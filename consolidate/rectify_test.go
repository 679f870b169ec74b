package consolidate_test

import (
	"errors"
	"path/filepath"
	"testing"

	"jixiao/consolidate"
	"jixiao/consolidate/rounds"
	"jixiao/convert"
)

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
			if !errors.Is(err, rounds.ErrPrevious) || !errors.As(err, &le) || le.File != path {
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
	if len(rows) < 3 || rows[1][1] != "整改情况" || rows[2][1] != rounds.StatusOpen {
		t.Errorf("整改情况 starts %q", rows[:min(len(rows), 3)])
	}
}
