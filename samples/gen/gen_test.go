package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"jixiao/samples/seed"
)

// committed is the samples directory, relative to this package.
const committed = ".."

func cells(t *testing.T, path string) map[string][][]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string][][]string{}
	for _, s := range f.GetSheetList() {
		rows, err := f.GetRows(s, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		m, _ := f.GetMergeCells(s)
		for _, c := range m {
			rows = append(rows, []string{"merge", c.GetStartAxis(), c.GetEndAxis()})
		}
		out[s] = rows
	}
	out["\x00sheets"] = [][]string{f.GetSheetList()}
	return out
}

// TestCommittedUpToDate regenerates every sample into a temporary directory and compares
// the cell texts, sheet by sheet, with the committed workbooks.
func TestCommittedUpToDate(t *testing.T) {
	dir := t.TempDir()
	if err := writeSamples(dir); err != nil {
		t.Fatal(err)
	}
	for _, s := range Samples() {
		want := filepath.Join(committed, s.Path)
		if _, err := os.Stat(want); err != nil {
			t.Errorf("%s not committed; run go run ./samples/gen", s.Path)
			continue
		}
		if !reflect.DeepEqual(cells(t, filepath.Join(dir, s.Path)), cells(t, want)) {
			t.Errorf("%s differs from a fresh generation; run go run ./samples/gen", s.Path)
		}
	}
}

func TestDeterministicBytes(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	w := seed.WangGuanYing()
	for _, dir := range []string{a, b} {
		if err := save(filepath.Join(dir, "x.xlsx"), w, Layout{MergeL1: true}); err != nil {
			t.Fatal(err)
		}
	}
	x, _ := os.ReadFile(filepath.Join(a, "x.xlsx"))
	y, _ := os.ReadFile(filepath.Join(b, "x.xlsx"))
	if string(x) != string(y) {
		t.Error("two generations differ byte for byte")
	}
}

// scan finds, in every sheet, the cells whose text (spaces removed) is one of labels and
// returns the raw value of the neighbour at (dr, dc).
func scan(t *testing.T, path string, labels []string, dr, dc int) []string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	for _, s := range f.GetSheetList() {
		rows, _ := f.GetRows(s, excelize.Options{RawCellValue: true})
		for r, row := range rows {
			for c, v := range row {
				v = strings.ReplaceAll(v, " ", "")
				for _, l := range labels {
					if v == l {
						val := ""
						if r+dr < len(rows) && c+dc < len(rows[r+dr]) {
							val = rows[r+dr][c+dc]
						}
						out = append(out, val)
					}
				}
			}
		}
	}
	return out
}

func halfWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return r - '０' + '0'
		case r == '．':
			return '.'
		}
		return r
	}, s)
}

func sum(t *testing.T, vals []string, places int32) decimal.Decimal {
	t.Helper()
	total := decimal.Zero
	for _, v := range vals {
		d, err := decimal.NewFromString(halfWidth(strings.TrimSpace(v)))
		if err != nil {
			t.Fatalf("amount %q: %v", v, err)
		}
		total = total.Add(d.Round(places))
	}
	return total
}

// TestStructure opens the committed workbooks and checks project counts, indicator rows
// and 预算数 totals against the documents they render.
func TestStructure(t *testing.T) {
	for _, s := range Samples() {
		path := filepath.Join(committed, s.Path)
		codes := scan(t, path, []string{"项目编码", "项目编号"}, 0, 1)
		if len(codes) != len(s.Doc.Projects) {
			t.Errorf("%s: %d 项目编码 labels, want %d", s.Path, len(codes), len(s.Doc.Projects))
			continue
		}
		for i, c := range codes {
			if c != s.Doc.Projects[i].Code && !s.Layout.PerSheet {
				t.Errorf("%s: code %d is %q, want %q", s.Path, i+1, c, s.Doc.Projects[i].Code)
			}
		}
		budgets := scan(t, path, []string{"预算数", "预算金额"}, 0, 1)
		if got := sum(t, budgets, 2); !got.Equal(s.Doc.Total()) {
			t.Errorf("%s: 预算数 total %s, want %s", s.Path, got, s.Doc.Total())
		}
		if n := len(scan(t, path, []string{"一级指标"}, 0, 0)); n != len(s.Doc.Projects) {
			t.Errorf("%s: %d indicator headers", s.Path, n)
		}
	}
}

func TestWangGuanYingWorkbook(t *testing.T) {
	path := filepath.Join(committed, "2024", "王官营镇.xlsx")
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(projectSheet)
	if err != nil {
		t.Fatal(err)
	}
	codes, indicators, inTable := 0, 0, false
	for _, r := range rows {
		first := ""
		if len(r) > 0 {
			first = r[0]
		}
		switch {
		case first == "项目编码":
			codes++
		case first == "一级指标":
			inTable = true
		case len(r) == 0:
			inTable = false
		case inTable:
			indicators++
		}
	}
	if codes != 13 || indicators != 78 {
		t.Errorf("%d 项目编码 and %d indicator rows, want 13 and 78", codes, indicators)
	}
	// Table 12's plan keeps its blanks and its 12月底 slip; blanks are empty cells.
	var plan []string
	for i, r := range rows {
		if len(r) > 0 && strings.HasPrefix(r[0], "12、") {
			plan = rows[i+6]
			break
		}
	}
	if want := []string{"", "", "1.00", "", "1.00"}; !reflect.DeepEqual(plan, want) {
		t.Errorf("table 12 plan row %q, want %q", plan, want)
	}
	if v, _ := f.GetCellValue(projectSheet, "D4"); v != "其中：财政    资金" {
		t.Errorf("D4 = %q", v)
	}
	if typ, _ := f.GetCellType(projectSheet, "C4"); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Error("预算数 is text, want a number")
	}
	if typ, _ := f.GetCellType(projectSheet, "B3"); typ != excelize.CellTypeSharedString {
		t.Error("项目编码 is not text")
	}
	items := scan(t, path, []string{"序号"}, 0, 0)
	if len(items) != 1 {
		t.Errorf("%d 分项 headers", len(items))
	}
	if v := scan(t, path, []string{"城乡居民住户调查补贴"}, 0, 0); len(v) != 1 {
		t.Errorf("住户调查 name found %d times", len(v))
	}
}

func TestBulk(t *testing.T) {
	dir := t.TempDir()
	const n = 9
	if err := writeBulk(dir, n); err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for i := 0; i < 20000; i++ {
		if names[bulkName(i)] {
			t.Fatalf("bulk name %d repeats: %s", i, bulkName(i))
		}
		names[bulkName(i)] = true
	}
	codes := map[string]int{}
	for _, i := range []int{0, 1, 3199, 3200, 9999, 10000, 10001, 19999} {
		for _, p := range bulkDoc(i).Projects {
			if len(p.Code) != 21 {
				t.Errorf("bulk %d: code %s has %d characters", i, p.Code, len(p.Code))
			}
			if j, dup := codes[p.Code]; dup {
				t.Errorf("bulk %d and %d share code %s", j, i, p.Code)
			}
			codes[p.Code] = i
		}
	}
	for i := 1; i <= n; i++ {
		path := filepath.Join(dir, "乡镇"+leftPad(i)+".xlsx")
		if got := len(scan(t, path, []string{"项目编码", "项目编号"}, 0, 1)); got != 13 {
			t.Errorf("%s: %d projects", path, got)
		}
	}
}

func leftPad(i int) string {
	s := strconv.Itoa(i)
	return strings.Repeat("0", 4-len(s)) + s
}
