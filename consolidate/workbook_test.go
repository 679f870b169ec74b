package consolidate_test

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"jixiao/consolidate"
	"jixiao/consolidate/baseline"
	"jixiao/consolidate/category"
	"jixiao/convert"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden text dumps under testdata/")

func wbSamples(parts ...string) string {
	return filepath.Join(append([]string{"..", "samples"}, parts...)...)
}

func wbRun(t *testing.T, opt consolidate.Options, paths ...string) *consolidate.Result {
	t.Helper()
	res, err := consolidate.Run(context.Background(), paths, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { res.Close() })
	return res
}

// wbWrite writes the county workbook to a temporary folder and opens it.
func wbWrite(t *testing.T, res *consolidate.Result, opt consolidate.WriteOptions) (*excelize.File, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "县级汇总.xlsx")
	if err := consolidate.WriteWorkbook(context.Background(), res, path, opt); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f, path
}

func wbRows(t *testing.T, f *excelize.File, sheet string) [][]string {
	t.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// wan converts 元 to 万元 by shifting the decimal point, independently of the writer.
func toWan(yuan decimal.Decimal) decimal.Decimal { return yuan.Shift(-4) }

// expectedPivot sums 预算数 by 类别 and 乡镇 straight from the submissions.
func expectedPivot(t *testing.T, res *consolidate.Result) map[string]map[string]decimal.Decimal {
	out := map[string]map[string]decimal.Decimal{}
	for _, sub := range subsOf(t, res) {
		for _, p := range sub.Projects {
			c := category.Default(p.Name.Value)
			if out[c] == nil {
				out[c] = map[string]decimal.Decimal{}
			}
			out[c][sub.Township.Value] = out[c][sub.Township.Value].Add(p.Budget.Yuan)
		}
	}
	return out
}

func TestPivotSheet(t *testing.T) {
	res := wbRun(t, consolidate.Options{}, wbSamples("2024"))
	f, _ := wbWrite(t, res, consolidate.WriteOptions{})
	rows := wbRows(t, f, consolidate.SheetPivot)
	want := expectedPivot(t, res)
	head := rows[1]
	if head[0] != "类别" || head[len(head)-1] != "合计" || len(head) != res.Townships()+2 {
		t.Fatalf("header %v", head)
	}
	// by pinyin, as Excel and WPS sort: bái, fēng, lǐ, qī, shā, shí, wáng
	if got, want := head[1:len(head)-1], []string{"白官屯镇", "丰登坞镇", "李钊庄镇", "七树庄镇", "沙流河镇", "石各庄镇", "王官营镇"}; !slices.Equal(got, want) {
		t.Errorf("townships %v, want %v", got, want)
	}
	if len(rows) != 2+len(want)+1 {
		t.Fatalf("%d rows, want %d categories plus title, header and 合计", len(rows), len(want))
	}
	colTotals := make([]decimal.Decimal, len(head))
	var grand decimal.Decimal
	for _, r := range rows[2 : len(rows)-1] {
		byTown, ok := want[r[0]]
		if !ok {
			t.Errorf("unexpected 类别 %q", r[0])
			continue
		}
		var rowSum decimal.Decimal
		for i, town := range head[1 : len(head)-1] {
			exp, has := byTown[town]
			got := cell(r, i+1)
			switch {
			case !has && got != "":
				t.Errorf("%s/%s: %q, want blank", r[0], town, got)
			case has && !dec(t, got).Equal(toWan(exp)):
				t.Errorf("%s/%s: %s, want %s", r[0], town, got, toWan(exp))
			}
			rowSum = rowSum.Add(exp)
			colTotals[i+1] = colTotals[i+1].Add(exp)
		}
		grand = grand.Add(rowSum)
		if got := cell(r, len(head)-1); !dec(t, got).Equal(toWan(rowSum)) {
			t.Errorf("%s 合计 %s, want %s", r[0], got, toWan(rowSum))
		}
	}
	total := rows[len(rows)-1]
	if total[0] != "合计" {
		t.Fatalf("last row %v", total)
	}
	for i := 1; i < len(head)-1; i++ {
		if !dec(t, total[i]).Equal(toWan(colTotals[i])) {
			t.Errorf("合计 of %s: %s, want %s", head[i], total[i], toWan(colTotals[i]))
		}
	}
	if got := total[len(head)-1]; !dec(t, got).Equal(decimal.RequireFromString("1926.476236")) || !dec(t, got).Equal(toWan(grand)) {
		t.Errorf("grand total %s, want %s", got, toWan(grand))
	}
	last := len(rows)
	if fm, _ := f.GetCellFormula(consolidate.SheetPivot, fmt.Sprintf("B%d", last)); fm != fmt.Sprintf("SUM(B3:B%d)", last-1) {
		t.Errorf("合计 formula %q", fm)
	}
}

func TestSummarySheetTotals(t *testing.T) {
	res := wbRun(t, consolidate.Options{}, wbSamples("2024"))
	f, _ := wbWrite(t, res, consolidate.WriteOptions{})
	rows := wbRows(t, f, consolidate.SheetSummary)
	var budget, fiscal, other decimal.Decimal
	projects := 0
	for _, sub := range subsOf(t, res) {
		for _, p := range sub.Projects {
			budget, fiscal, other = budget.Add(p.Budget.Yuan), fiscal.Add(p.Fiscal.Yuan), other.Add(p.Other.Yuan)
			projects++
		}
	}
	total := findRow(t, rows, "合计")
	// under it, the note that the plan totals add up only stated figures,
	// then (a township wrote 160.376236 万元) that the cells keep more
	// decimals than the two shown
	notes := rows[len(rows)-2:]
	if note := notes[0]; len(note) != 1 || !strings.Contains(note[0], "未填写（空白）的不计入") {
		t.Errorf("row under 合计 %q, want the note on blank plan figures", note)
	}
	if note := notes[1]; len(note) != 1 || !strings.Contains(note[0], "金额显示两位小数") {
		t.Errorf("last row of 汇总 %q, want the note on amounts with more decimals", note)
	}
	checks := []struct {
		name, got string
		want      decimal.Decimal
	}{
		{"项目数", total[1], decimal.NewFromInt(int64(projects))},
		{"预算数", total[2], toWan(budget)},
		{"财政资金", total[3], toWan(fiscal)},
		{"其他资金", total[4], toWan(other)},
	}
	for _, c := range checks {
		if !dec(t, c.got).Equal(c.want) {
			t.Errorf("合计 %s = %s, want %s", c.name, c.got, c.want)
		}
	}
	if f.GetActiveSheetIndex() != 0 || f.GetSheetList()[0] != consolidate.SheetSummary {
		t.Errorf("汇总 must be first and active: %v active %d", f.GetSheetList(), f.GetActiveSheetIndex())
	}
}

func TestVarianceSheet(t *testing.T) {
	res := wbRun(t, consolidate.Options{}, wbSamples("2024"))
	thr := decimal.RequireFromString("0.2")
	f, _ := wbWrite(t, res, consolidate.WriteOptions{Threshold: thr})
	rows := wbRows(t, f, consolidate.SheetVariance)
	want := expectedPivot(t, res)
	n := 0
	for _, byTown := range want {
		n += len(byTown)
	}
	if len(rows)-2 != n {
		t.Fatalf("%d rows, want one per 类别 and township: %d", len(rows)-2, n)
	}
	flagged := 0
	for _, r := range rows[2:] {
		byTown := want[r[0]]
		var vals []decimal.Decimal
		var sum decimal.Decimal
		for _, v := range byTown {
			vals = append(vals, v)
			sum = sum.Add(v)
		}
		sort.Slice(vals, func(i, j int) bool { return vals[i].LessThan(vals[j]) })
		med := vals[len(vals)/2]
		if len(vals)%2 == 0 {
			med = vals[len(vals)/2-1].Add(vals[len(vals)/2]).Div(decimal.NewFromInt(2))
		}
		amt := byTown[r[1]]
		if !dec(t, r[2]).Equal(toWan(amt)) {
			t.Errorf("%s/%s 预算数 %s, want %s", r[0], r[1], r[2], toWan(amt))
		}
		if !dec(t, r[4]).Equal(toWan(med)) {
			t.Errorf("%s median %s, want %s", r[0], r[4], toWan(med))
		}
		mean := toWan(sum).Div(decimal.NewFromInt(int64(len(vals))))
		if d := dec(t, r[5]).Sub(mean).Abs(); d.GreaterThan(decimal.New(1, -10)) {
			t.Errorf("%s mean %s, want %s", r[0], r[5], mean)
		}
		dev := amt.Sub(med).Div(med)
		if d := dec(t, r[6]).Sub(dev).Abs(); d.GreaterThan(decimal.New(1, -10)) {
			t.Errorf("%s/%s 偏离率 %s, want %s", r[0], r[1], r[6], dev)
		}
		wantFlag := ""
		if dev.Abs().GreaterThan(thr) {
			wantFlag = map[bool]string{true: "偏高", false: "偏低"}[dev.IsPositive()]
			flagged++
		}
		if cell(r, 7) != wantFlag {
			t.Errorf("%s/%s 标记 %q, want %q (偏离率 %s)", r[0], r[1], cell(r, 7), wantFlag, dev)
		}
	}
	if flagged == 0 {
		t.Error("no row flagged at 20%: the samples vary more than that")
	}
}

func TestUnitCostSheet(t *testing.T) {
	res := wbRun(t, consolidate.Options{}, wbSamples("2024"))
	f, _ := wbWrite(t, res, consolidate.WriteOptions{})
	rows := wbRows(t, f, consolidate.SheetUnitCost)
	costs := 0
	for _, sub := range subsOf(t, res) {
		for _, p := range sub.Projects {
			for _, ind := range p.Indicators {
				if strings.Contains(ind.Level1.Value+ind.Level2.Value, "成本") && ind.ParsedOK && ind.Parsed.HasNum {
					costs++
				}
			}
		}
	}
	if costs == 0 || len(rows)-2 != costs {
		t.Fatalf("%d rows, want %d cost indicators", len(rows)-2, costs)
	}
	for _, r := range rows[2:] {
		if r[2] == "月均资金使用成本" && r[4] == "王官营镇" && r[0] == "征兵工作经费" {
			// ≤2500元 is 0.25 万元; the median of 0.25 0.3 0.21 0.3 0.25 0.35 is 0.275.
			if r[3] != "万元" || r[7] != "0.25" || r[9] != "0.275" {
				t.Errorf("征兵工作经费 王官营镇: %v", r)
			}
			return
		}
	}
	t.Error("no 月均资金使用成本 row for 王官营镇 征兵工作经费")
}

func TestOverallSheet(t *testing.T) {
	res := wbRun(t, consolidate.Options{}, wbSamples("2024"))
	f, _ := wbWrite(t, res, consolidate.WriteOptions{})
	rows := wbRows(t, f, consolidate.SheetOverall)
	want := 0
	for _, sub := range subsOf(t, res) {
		if sub.Overall.Summary.Value != "" {
			want++
		}
		want += len(sub.Overall.Items)
	}
	if len(rows)-2 != want || want == 0 {
		t.Fatalf("%d rows, want %d", len(rows)-2, want)
	}
	if h := strings.Join(rows[1][:6], ","); h != "乡镇,类型,序号,名称,绩效目标,绩效指标" {
		t.Errorf("header %s", h)
	}
	for _, r := range rows[2:] {
		if r[0] == "王官营镇" && r[2] == "（一）" {
			if r[1] != "分项" || r[3] != "基层党建" || !strings.Contains(r[5], "大于等于90%") {
				t.Errorf("王官营镇 （一）: %v", r)
			}
			return
		}
	}
	t.Error("王官营镇 （一） 基层党建 missing")
}

func TestUnitYuanIsTenThousandTimesWan(t *testing.T) {
	wan := wbRun(t, consolidate.Options{Unit: convert.UnitWan}, wbSamples("2024"))
	yuan := wbRun(t, consolidate.Options{Unit: convert.UnitYuan}, wbSamples("2024"))
	fw, _ := wbWrite(t, wan, consolidate.WriteOptions{})
	fy, _ := wbWrite(t, yuan, consolidate.WriteOptions{})
	for _, sheet := range []string{consolidate.SheetSummary, consolidate.SheetPivot} {
		tw, ty := findRow(t, wbRows(t, fw, sheet), "合计"), findRow(t, wbRows(t, fy, sheet), "合计")
		if len(tw) != len(ty) {
			t.Fatalf("%s: 合计 rows %v / %v", sheet, tw, ty)
		}
		for i := 1; i < len(tw); i++ {
			if sheet == consolidate.SheetSummary && (i == 1 || i >= 9) {
				continue // counts, not money
			}
			if w, y := dec(t, tw[i]), dec(t, ty[i]); !y.Equal(w.Mul(decimal.NewFromInt(10000))) {
				t.Errorf("%s column %d: %s 元 is not 10000 × %s 万元", sheet, i+1, y, w)
			}
		}
	}
	if !strings.Contains(wbRows(t, fy, consolidate.SheetSummary)[0][0], "单位：元") {
		t.Error("title does not state 元")
	}
}

func TestSameBytesWhateverJobs(t *testing.T) {
	var outs [][]byte
	for _, jobs := range []int{1, 4} {
		res := wbRun(t, consolidate.Options{Jobs: jobs}, wbSamples("2024"))
		_, path := wbWrite(t, res, consolidate.WriteOptions{})
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		outs = append(outs, data)
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Error("--jobs 1 and --jobs 4 gave different workbooks")
	}
}

// countdown is a context that reports cancellation once Err has been asked
// a given number of times, to cancel at every point of writing in turn.
type countdown struct {
	context.Context
	left *atomic.Int64
}

func (c countdown) Err() error {
	if c.left.Add(-1) < 0 {
		return context.Canceled
	}
	return nil
}

func TestCancelLeavesNoPartialFile(t *testing.T) {
	res := wbRun(t, consolidate.Options{}, wbSamples("2024", "王官营镇.xlsx"))
	dir := t.TempDir()
	path := filepath.Join(dir, "县级汇总.xlsx")
	previous := []byte("previous output")
	if err := os.WriteFile(path, previous, 0o644); err != nil {
		t.Fatal(err)
	}
	for n := int64(0); ; n++ {
		left := &atomic.Int64{}
		left.Store(n)
		err := consolidate.WriteWorkbook(countdown{context.Background(), left}, res, path, consolidate.WriteOptions{Force: true})
		entries, _ := os.ReadDir(dir)
		if err == nil {
			if n < 3 {
				t.Fatalf("finished after only %d checks of the context", n)
			}
			break
		}
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("after %d checks: %v", n, err)
		}
		if len(entries) != 1 {
			t.Fatalf("after %d checks a stray file was left: %v", n, entries)
		}
		if got, _ := os.ReadFile(path); !bytes.Equal(got, previous) {
			t.Fatalf("after %d checks the previous output was touched", n)
		}
		if n > 1000 {
			t.Fatal("writing never finished")
		}
	}
}

func TestExistingOutputNeedsForce(t *testing.T) {
	res := wbRun(t, consolidate.Options{}, wbSamples("2024", "王官营镇.xlsx"))
	path := filepath.Join(t.TempDir(), "out.xlsx")
	if err := os.WriteFile(path, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := consolidate.WriteWorkbook(context.Background(), res, path, consolidate.WriteOptions{})
	if !errors.Is(err, consolidate.ErrOutputExists) {
		t.Fatalf("err = %v, want ErrOutputExists", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "keep" {
		t.Error("existing output was overwritten")
	}
}

// dumpWorkbook renders every sheet's cells (value and formula), merged
// ranges, panes, autofilters and defined names as text, one cell a line.
func dumpWorkbook(t *testing.T, f *excelize.File) string {
	t.Helper()
	var b strings.Builder
	for _, sheet := range f.GetSheetList() {
		fmt.Fprintf(&b, "== %s\n", sheet)
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c := range row {
				name, _ := excelize.CoordinatesToCellName(c+1, r+1)
				fm, _ := f.GetCellFormula(sheet, name)
				if row[c] == "" && fm == "" {
					continue
				}
				line := name + "\t" + strings.ReplaceAll(row[c], "\n", `\n`)
				if fm != "" {
					line += "\t=" + fm
				}
				b.WriteString(line + "\n")
			}
		}
		merged, _ := f.GetMergeCells(sheet)
		for _, m := range merged {
			fmt.Fprintf(&b, "merge %s:%s\n", m.GetStartAxis(), m.GetEndAxis())
		}
		if p, err := f.GetPanes(sheet); err == nil && p.Freeze {
			fmt.Fprintf(&b, "freeze x=%d y=%d %s\n", p.XSplit, p.YSplit, p.TopLeftCell)
		}
		if len(rows) > 1 {
			var widths []string
			for c := range rows[1] {
				name, _ := excelize.ColumnNumberToName(c + 1)
				w, _ := f.GetColWidth(sheet, name)
				widths = append(widths, fmt.Sprint(w))
			}
			fmt.Fprintf(&b, "widths %s\n", strings.Join(widths, " "))
		}
		props, _ := f.GetSheetProps(sheet)
		layout, _ := f.GetPageLayout(sheet)
		fmt.Fprintf(&b, "print fitToPage=%v paper=%v %v wide=%v tall=%v scale=%v\n", deref(props.FitToPage), deref(layout.Size),
			deref(layout.Orientation), deref(layout.FitToWidth), deref(layout.FitToHeight), deref(layout.AdjustTo))
	}
	for _, dn := range f.GetDefinedName() {
		fmt.Fprintf(&b, "name %s [%s] %s\n", dn.Name, dn.Scope, dn.RefersTo)
	}
	return b.String()
}

// deref is *p, or the zero value when p is nil.
func deref[T any](p *T) (v T) {
	if p != nil {
		v = *p
	}
	return v
}

func TestGoldenCountyWorkbook(t *testing.T) {
	res := wbRun(t, consolidate.Options{}, wbSamples("2024"))
	base, err := baseline.Load(context.Background(), []string{wbSamples("2023")}, consolidate.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	f, _ := wbWrite(t, res, consolidate.WriteOptions{Baseline: base})
	got := dumpWorkbook(t, f)
	golden := filepath.Join("testdata", "county_2024.txt")
	if *updateGolden {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./consolidate -run Golden -update)", err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) && i < len(wl); i++ {
			if gl[i] != wl[i] {
				t.Fatalf("workbook differs from %s at line %d:\n got  %s\n want %s\n(run with -update if the change is intended)", golden, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("workbook differs from %s: %d lines, want %d", golden, len(gl), len(wl))
	}
}
