package consolidate_test

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"jixiao/consolidate"
	"jixiao/convert"
	"jixiao/templates"
)

func sample(parts ...string) string {
	return filepath.Join(append([]string{"..", "samples"}, parts...)...)
}

func run(t *testing.T, unit convert.Unit, paths ...string) *consolidate.Result {
	t.Helper()
	res, err := consolidate.Run(context.Background(), paths, consolidate.Options{Unit: unit})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	t.Cleanup(func() { res.Close() })
	return res
}

// TestSeedConsolidation: the seed alone gives 13 projects, 318.34 万元 and 78
// indicators, and exactly one error: table 12's 12月底 1.00 on a 2.00 budget,
// located at the cell that holds the 1.00 under the 12月底 label.
func TestSeedConsolidation(t *testing.T) {
	path := sample("2024", "王官营镇.xlsx")
	res := run(t, convert.UnitWan, path)
	if res.Townships() != 1 {
		t.Fatalf("%d submissions, want 1", res.Townships())
	}
	_, county := res.Totals()
	if county.Projects != 13 || county.Indicators != 78 {
		t.Errorf("projects %d, indicators %d; want 13, 78", county.Projects, county.Indicators)
	}
	if got := convert.FromYuan(county.Budget, convert.UnitWan); !got.Equal(decimal.RequireFromString("318.34")) {
		t.Errorf("预算数 %s 万元, want 318.34", got)
	}
	// the original states no township: the file name gives it, with a warning
	if res.Errors() != 1 || res.Warnings() != 1 {
		t.Fatalf("errors %d, warnings %d; want 1, 1: %v", res.Errors(), res.Warnings(), problemsOf(t, res))
	}
	if w := problemsOf(t, res)[0]; w.Rule != templates.RuleTownshipSource || w.Severity != templates.Warning || w.Township != "王官营镇" {
		t.Fatalf("warning = %+v, want the township taken from the file name", w)
	}
	p := problemsOf(t, res)[1]
	if p.Rule != consolidate.RulePlanYearEnd || p.Project != "13020824P00000810014W" || p.Severity != templates.Error {
		t.Fatalf("problem = %+v", p)
	}
	if p.Src.File != path || p.Src.Sheet == "" || p.Src.Cell == "" {
		t.Fatalf("problem not located: %+v", p.Src)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	v, _ := f.GetCellValue(p.Src.Sheet, p.Src.Cell, excelize.Options{RawCellValue: true})
	col, row, _ := excelize.CellNameToCoordinates(p.Src.Cell)
	above, _ := excelize.CoordinatesToCellName(col, row-1)
	label, _ := f.GetCellValue(p.Src.Sheet, above)
	if !decimal.RequireFromString(v).Equal(decimal.NewFromInt(1)) || label != "12月底" {
		t.Errorf("problem cell %s holds %q under %q; want 1.00 under 12月底", p.Src.Cell, v, label)
	}
}

// TestUnitYuan: --unit 元 gives exactly 3,183,400 元 for the seed.
func TestUnitYuan(t *testing.T) {
	res := run(t, convert.UnitYuan, sample("2024", "王官营镇.xlsx"))
	_, county := res.Totals()
	if !county.Budget.Equal(decimal.NewFromInt(3183400)) {
		t.Errorf("预算数 %s 元, want 3183400", county.Budget)
	}
	rows := sheetRows(t, res, consolidate.SheetSummary)
	total := findRow(t, rows, "合计")
	if total[col(t, rows, "预算数")] != "3183400" {
		t.Errorf("汇总 合计 预算数 = %q, want 3183400", total[col(t, rows, "预算数")])
	}
}

// TestSummaryEqualsDetails: in the county workbook of every 2024 sample, each
// township's 汇总 amounts equal the sum of its 项目明细 rows, and 合计 equals the
// sum of the townships, exactly.
func TestSummaryEqualsDetails(t *testing.T) {
	res := run(t, convert.UnitWan, sample("2024"))
	if res.Townships() != 7 {
		t.Fatalf("%d townships, want 7", res.Townships())
	}
	summary := sheetRows(t, res, consolidate.SheetSummary)
	details := sheetRows(t, res, consolidate.SheetProjects)
	amountCols := []string{"预算数", "财政资金", "其他资金", "3月底", "6月底", "10月底", "12月底"}
	detailTown := col(t, details, "乡镇")
	bodyStart := headerIndex(t, details) + 1
	county := map[string]decimal.Decimal{}
	for _, sub := range subsOf(t, res) {
		town := sub.Township.Value
		srow := findRow(t, summary, town)
		for _, name := range amountCols {
			sum := decimal.Zero
			n := 0
			for _, d := range details[bodyStart:] {
				if len(d) > detailTown && d[detailTown] == town {
					sum = sum.Add(dec(t, cell(d, col(t, details, name))))
					n++
				}
			}
			got := dec(t, srow[col(t, summary, name)])
			if !got.Equal(sum) {
				t.Errorf("%s %s: 汇总 %s ≠ 项目明细 %s", town, name, got, sum)
			}
			if name == "预算数" && n != len(sub.Projects) {
				t.Errorf("%s: %d 项目明细 rows, want %d", town, n, len(sub.Projects))
			}
			county[name] = county[name].Add(got)
		}
	}
	total := findRow(t, summary, "合计")
	for _, name := range amountCols {
		if got := dec(t, total[col(t, summary, name)]); !got.Equal(county[name]) {
			t.Errorf("合计 %s = %s, want %s", name, got, county[name])
		}
	}
}

func dec(t *testing.T, s string) decimal.Decimal {
	t.Helper()
	if s == "" {
		return decimal.Zero
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		t.Fatalf("not a number: %q", s)
	}
	return d
}

func cell(row []string, i int) string {
	if i < len(row) {
		return row[i]
	}
	return ""
}

// sheetRows builds the county workbook in memory and returns a sheet's raw rows.
func sheetRows(t *testing.T, res *consolidate.Result, sheet string) [][]string {
	t.Helper()
	b, err := consolidate.BuildWorkbook(res, consolidate.WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := b.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	b.Close()
	g, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	rows, err := g.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// headerIndex is the row holding the column headers (the one starting with 乡镇 or 级别 or 文件).
func headerIndex(t *testing.T, rows [][]string) int {
	t.Helper()
	for i, r := range rows {
		if len(r) > 1 && (r[0] == "乡镇" || r[0] == "级别" || r[0] == "文件") {
			return i
		}
	}
	t.Fatal("no header row")
	return -1
}

func col(t *testing.T, rows [][]string, name string) int {
	t.Helper()
	for i, h := range rows[headerIndex(t, rows)] {
		if strings.TrimSpace(h) == name {
			return i
		}
	}
	t.Fatalf("no column %q", name)
	return -1
}

func findRow(t *testing.T, rows [][]string, first string) []string {
	t.Helper()
	for _, r := range rows {
		if len(r) > 0 && r[0] == first {
			return r
		}
	}
	t.Fatalf("no row %q", first)
	return nil
}
