package consolidate_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"jixiao/consolidate"
)

// pdfWord is a word of a rendered page and its box's height in points.
type pdfWord struct {
	text   string
	y      float64
	height float64
}

// renderPDF prints a workbook with LibreOffice and reads back each page's
// words with pdftotext -bbox. It skips the test when either is missing.
func renderPDF(t *testing.T, xlsx string) [][]pdfWord {
	t.Helper()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice (LibreOffice) is not installed; skipping the printed-page check")
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed; skipping the printed-page check")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	dir := t.TempDir()
	profile := "file://" + filepath.ToSlash(filepath.Join(dir, "profile"))
	out, err := exec.CommandContext(ctx, soffice, "--headless", "--norestore", "-env:UserInstallation="+profile,
		"--convert-to", "pdf", "--outdir", dir, xlsx).CombinedOutput()
	if err != nil {
		t.Fatalf("soffice --convert-to pdf: %v\n%s", err, out)
	}
	pdf := filepath.Join(dir, strings.TrimSuffix(filepath.Base(xlsx), ".xlsx")+".pdf")
	html := filepath.Join(dir, "words.html")
	if out, err := exec.CommandContext(ctx, pdftotext, "-bbox", pdf, html).CombinedOutput(); err != nil {
		t.Fatalf("pdftotext -bbox: %v\n%s", err, out)
	}
	data, err := os.ReadFile(html)
	if err != nil {
		t.Fatal(err)
	}
	word := regexp.MustCompile(`<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>`)
	var pages [][]pdfWord
	for _, page := range strings.Split(string(data), "<page ")[1:] {
		var words []pdfWord
		for _, m := range word.FindAllStringSubmatch(page, -1) {
			y0, _ := strconv.ParseFloat(m[1], 64)
			y1, _ := strconv.ParseFloat(m[2], 64)
			words = append(words, pdfWord{text: m[3], y: y0, height: y1 - y0})
		}
		pages = append(pages, words)
	}
	return pages
}

// generated writes n township workbooks with samples/gen.
func generated(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	cmd := exec.Command("go", "run", "./samples/gen", "-n", strconv.Itoa(n), "-o", dir)
	cmd.Dir = ".."
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("generating %d townships: %v\n%s", n, err, out)
	}
	return dir
}

// The county workbook of 18 townships, printed by LibreOffice, is readable
// on every page: the median word at least 8 pt tall, none under 6 pt (the
// shrunk-to-one-page layout printed 分类汇总 at 2.6 pt), every page with
// text on it and its sheet's name in the header; and each sheet takes a
// number of pages within bounds.
func TestPrintedPagesReadable(t *testing.T) {
	if testing.Short() {
		t.Skip("renders a 300-page workbook; skipped with -short")
	}
	if _, err := exec.LookPath("soffice"); err != nil {
		t.Skip("soffice (LibreOffice) is not installed; skipping the printed-page check")
	}
	res := wbRun(t, consolidate.Options{}, generated(t, 18))
	_, path := wbWrite(t, res, consolidate.WriteOptions{County: "丰润区"})
	pages := renderPDF(t, path)
	// pages each sheet may take: the rows are as tall as their wrapped text
	// (CJK two characters wide) and wide sheets run across two or three pages
	bounds := map[string][2]int{
		consolidate.SheetSummary: {1, 1}, consolidate.SheetReview: {1, 2}, consolidate.SheetPivot: {2, 4}, consolidate.SheetVariance: {4, 10},
		consolidate.SheetUnitCost: {7, 21}, consolidate.SheetInfo: {1, 30}, consolidate.SheetOverall: {18, 54},
		consolidate.SheetProjects: {32, 96}, consolidate.SheetIndicators: {117, 351},
		consolidate.SheetProblems: {2, 9}, consolidate.SheetSources: {1, 3},
	}
	count := map[string]int{}
	for i, words := range pages {
		if len(words) == 0 {
			t.Errorf("page %d is empty", i+1)
			continue
		}
		// the page header names the sheet: the topmost word
		top := slices.MinFunc(words, func(a, b pdfWord) int { return int(a.y - b.y) })
		sheet := top.text
		if _, ok := bounds[sheet]; !ok {
			t.Errorf("page %d: header %q names no sheet", i+1, sheet)
		}
		count[sheet]++
		heights := make([]float64, len(words))
		for j, w := range words {
			heights[j] = w.height
		}
		slices.Sort(heights)
		if median := heights[len(heights)/2]; median < 8 {
			t.Errorf("page %d (%s): median text %.1f pt, want at least 8", i+1, sheet, median)
		}
		if heights[0] < 6 {
			t.Errorf("page %d (%s): smallest text %.1f pt, want at least 6", i+1, sheet, heights[0])
		}
		if !slices.ContainsFunc(words, func(w pdfWord) bool { return strings.HasPrefix(w.text, "丰润区2024年度") }) {
			t.Errorf("page %d (%s) does not carry the county's title", i+1, sheet)
		}
	}
	for sheet, b := range bounds {
		if n := count[sheet]; n < b[0] || n > b[1] {
			t.Errorf("%s prints on %d pages, want %d to %d", sheet, n, b[0], b[1])
		}
	}
	t.Logf("%d pages: %v", len(pages), count)
}
