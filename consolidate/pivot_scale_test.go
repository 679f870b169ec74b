package consolidate

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"jixiao/consolidate/category"
	"jixiao/consolidate/internal/xlsxw"
)

func scaleWorkbook(t *testing.T, limits sheetLimits) (*Result, *excelize.File) {
	t.Helper()
	res, err := Run(context.Background(), []string{filepath.Join("..", "samples", "2024")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { res.Close() })
	path := filepath.Join(t.TempDir(), "县级汇总.xlsx")
	if err := WriteWorkbook(context.Background(), res, path, WriteOptions{limits: limits}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return res, f
}

// With more townships than columns (here: more than two), 分类汇总 lists the
// townships down and the 类别 across, with the same amounts and totals.
func TestPivotDownWhenTownshipsDoNotFitAcross(t *testing.T) {
	res, f := scaleWorkbook(t, sheetLimits{pivotTownships: 2})
	if res.Townships() <= 2 {
		t.Fatalf("%d townships: the test needs more than 2", res.Townships())
	}
	want := map[string]map[string]decimal.Decimal{} // 乡镇 → 类别 → 元
	cats := map[string]bool{}
	for _, sub := range subsOf(t, res) {
		for _, p := range sub.Projects {
			c := category.Default(p.Name.Value)
			cats[c] = true
			if want[sub.Township.Value] == nil {
				want[sub.Township.Value] = map[string]decimal.Decimal{}
			}
			want[sub.Township.Value][c] = want[sub.Township.Value][c].Add(p.Budget.Yuan)
		}
	}
	rows, err := f.GetRows(SheetPivot, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	head := rows[1]
	if head[0] != "乡镇" || head[len(head)-1] != "合计" || len(head) != len(cats)+2 {
		t.Fatalf("header %v, want 乡镇, %d 类别, 合计", head, len(cats))
	}
	pinyin := collate.New(language.Chinese)
	if !slices.IsSortedFunc(head[1:len(head)-1], pinyin.CompareString) {
		t.Errorf("类别 not in pinyin order: %v", head)
	}
	if len(rows) != 2+res.Townships()+1 {
		t.Fatalf("%d rows, want title, header, %d townships and 合计", len(rows), res.Townships())
	}
	num := func(s string) decimal.Decimal {
		if s == "" {
			return decimal.Zero
		}
		d, err := decimal.NewFromString(s)
		if err != nil {
			t.Fatalf("not a number: %q", s)
		}
		return d
	}
	at := func(r []string, i int) string {
		if i < len(r) {
			return r[i]
		}
		return ""
	}
	var grand decimal.Decimal
	for i, sub := range subsOf(t, res) {
		r := rows[2+i]
		if r[0] != sub.Township.Value {
			t.Fatalf("row %d is %q, want %q (the order of 汇总)", 3+i, r[0], sub.Township.Value)
		}
		var sum decimal.Decimal
		for j, c := range head[1 : len(head)-1] {
			exp, has := want[r[0]][c]
			got := at(r, j+1)
			if !has && got != "" || has && !num(got).Equal(exp.Shift(-4)) {
				t.Errorf("%s/%s = %q, want %s", r[0], c, got, exp.Shift(-4))
			}
			sum = sum.Add(exp)
		}
		if got := num(at(r, len(head)-1)); !got.Equal(sum.Shift(-4)) {
			t.Errorf("%s 合计 %s, want %s", r[0], got, sum.Shift(-4))
		}
		grand = grand.Add(sum)
	}
	total := rows[len(rows)-1]
	if total[0] != "合计" || !num(at(total, len(head)-1)).Equal(grand.Shift(-4)) {
		t.Errorf("合计 row %v, want grand total %s", total, grand.Shift(-4))
	}
	last := len(rows)
	lastCol, _ := excelize.ColumnNumberToName(len(head) - 1)
	if fm, _ := f.GetCellFormula(SheetPivot, fmt.Sprintf("%s3", xlsxw.ColName(len(head)))); fm != fmt.Sprintf("SUM(B3:%s3)", lastCol) {
		t.Errorf("row 合计 formula %q", fm)
	}
	if fm, _ := f.GetCellFormula(SheetPivot, fmt.Sprintf("B%d", last)); fm != fmt.Sprintf("SUM(B3:B%d)", last-1) {
		t.Errorf("column 合计 formula %q", fm)
	}
}

// Across, the township columns of 分类汇总 share one width, so that thousands
// of them are set in one call.
func TestPivotTownshipColumnsShareWidth(t *testing.T) {
	res, f := scaleWorkbook(t, sheetLimits{})
	n := res.Townships()
	var widths []float64
	for c := 2; c <= n+1; c++ {
		w, err := f.GetColWidth(SheetPivot, xlsxw.ColName(c))
		if err != nil {
			t.Fatal(err)
		}
		widths = append(widths, w)
	}
	for _, w := range widths {
		if w != widths[0] {
			t.Fatalf("township column widths %v differ", widths)
		}
	}
}

// A table with more rows than a sheet holds continues on further sheets,
// each with the title and header rows; together they hold every row once.
func TestTableContinuesOnFurtherSheets(t *testing.T) {
	_, whole := scaleWorkbook(t, sheetLimits{})
	want, err := whole.GetRows(SheetIndicators, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	const maxSheetRows = 202
	if len(want)-2 <= 2*(maxSheetRows-2) {
		t.Fatalf("%d indicator rows: the test needs more than two sheets' worth", len(want)-2)
	}
	_, f := scaleWorkbook(t, sheetLimits{rows: maxSheetRows})
	var got [][]string
	sheets := 0
	for n := 1; ; n++ {
		name := SheetIndicators
		if n > 1 {
			name = fmt.Sprintf("%s（%d）", SheetIndicators, n)
		}
		if idx, _ := f.GetSheetIndex(name); idx < 0 {
			break
		}
		rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) > maxSheetRows {
			t.Errorf("%s: %d rows, more than %d", name, len(rows), maxSheetRows)
		}
		if !slices.Equal(rows[1], want[1]) {
			t.Errorf("%s: header %v", name, rows[1])
		}
		if n == 1 {
			got = append(got, rows[:2]...)
		}
		got = append(got, rows[2:]...)
		sheets++
	}
	if wantSheets := (len(want) - 2 + maxSheetRows - 3) / (maxSheetRows - 2); sheets != wantSheets {
		t.Errorf("%d sheets, want %d", sheets, wantSheets)
	}
	if len(got) != len(want) {
		t.Fatalf("%d rows in all, want %d", len(got), len(want))
	}
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Fatalf("row %d: %v, want %v", i+1, got[i], want[i])
		}
	}
	list := f.GetSheetList()
	i := slices.Index(list, SheetIndicators)
	if i < 0 || list[i+1] != SheetIndicators+"（2）" {
		t.Errorf("sheets %v: the continuation does not follow %s", list, SheetIndicators)
	}
}
