package consolidate_test

import (
	"context"
	"testing"

	"github.com/shopspring/decimal"

	"jixiao/consolidate"
	"jixiao/consolidate/baseline"
	"jixiao/consolidate/category"
)

// expectedBaseline sums the 2023 submissions by 乡镇 and 类别, in 元.
func expectedBaseline(t *testing.T) map[[2]string]decimal.Decimal {
	t.Helper()
	res := wbRun(t, consolidate.Options{}, wbSamples("2023"))
	out := map[[2]string]decimal.Decimal{}
	for _, sub := range subsOf(t, res) {
		for _, p := range sub.Projects {
			k := [2]string{sub.Township.Value, category.Default(p.Name.Value)}
			out[k] = out[k].Add(p.Budget.Yuan)
		}
	}
	return out
}

func TestBaselineSheet(t *testing.T) {
	ctx := context.Background()
	res := wbRun(t, consolidate.Options{}, wbSamples("2024"))
	base, err := baseline.Load(ctx, []string{wbSamples("2023")}, consolidate.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if base.Year != 2023 {
		t.Errorf("基期 year %d, want 2023", base.Year)
	}
	f, _ := wbWrite(t, res, consolidate.WriteOptions{Baseline: base})
	rows := wbRows(t, f, consolidate.SheetBaseline)
	if rows[1][2] != "本期（2024年）" || rows[1][3] != "基期（2023年）" {
		t.Errorf("header %v", rows[1])
	}
	prior := expectedBaseline(t)
	current := map[[2]string]decimal.Decimal{}
	for _, sub := range subsOf(t, res) {
		for _, p := range sub.Projects {
			k := [2]string{sub.Township.Value, category.Default(p.Name.Value)}
			current[k] = current[k].Add(p.Budget.Yuan)
		}
	}
	keys := map[[2]string]bool{}
	for k := range prior {
		keys[k] = true
	}
	for k := range current {
		keys[k] = true
	}
	body := rows[2 : len(rows)-1]
	if len(body) != len(keys) {
		t.Fatalf("%d rows, want %d 乡镇×类别", len(body), len(keys))
	}
	statuses := map[string]int{}
	var sumCur, sumBase decimal.Decimal
	for _, r := range body {
		k := [2]string{r[0], r[1]}
		cur, hasCur := current[k]
		pre, hasPre := prior[k]
		sumCur, sumBase = sumCur.Add(cur), sumBase.Add(pre)
		if hasCur != (r[2] != "") || hasPre != (r[3] != "") {
			t.Errorf("%v: blank cells do not match presence (本期 %v, 基期 %v)", r, hasCur, hasPre)
		}
		if !dec(t, r[2]).Equal(toWan(cur)) || !dec(t, r[3]).Equal(toWan(pre)) || !dec(t, r[4]).Equal(toWan(cur.Sub(pre))) {
			t.Errorf("%v: want 本期 %s 基期 %s", r, toWan(cur), toWan(pre))
		}
		want := ""
		switch {
		case !hasPre:
			want = "新增"
		case !hasCur:
			want = "减少"
		}
		if got := cell(r, 6); got != want {
			t.Errorf("%v: 增减情况 %q, want %q", r, got, want)
		}
		statuses[want]++
	}
	if statuses["新增"] == 0 || statuses["减少"] == 0 {
		t.Errorf("samples add and drop projects, got %v", statuses)
	}
	total := rows[len(rows)-1]
	if total[0] != "合计" || !dec(t, total[2]).Equal(toWan(sumCur)) || !dec(t, total[3]).Equal(toWan(sumBase)) {
		t.Errorf("合计 %v, want %s and %s", total, toWan(sumCur), toWan(sumBase))
	}
}
