package templates_test

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"jixiao/templates"
)

// Each project table prints from the top of a page of its own, and the note
// on the plan amounts has a row of its own, under the amounts and above
// 绩效目标, so it overlaps neither.
func TestTemplateProjectTablesPrintApart(t *testing.T) {
	f, err := templates.BuildTemplate(templates.TemplateOptions{Projects: 3, Year: 2024})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(templates.SheetProjects)
	if err != nil {
		t.Fatal(err)
	}
	var titles, tips []int
	for r, row := range rows {
		for _, c := range row {
			switch {
			case strings.HasSuffix(c, "、项目绩效目标表"):
				titles = append(titles, r+1)
			case strings.HasPrefix(c, "填截至各月底的累计金额"):
				tips = append(tips, r+1)
				if strings.Join(rows[r], "") != c {
					t.Errorf("row %d holds %q besides the note", r+1, rows[r])
				}
				if next := strings.Join(rows[r+1], ""); !strings.Contains(next, "绩效目标") {
					t.Errorf("row %d under the note holds %q, want 绩效目标", r+2, next)
				}
				if prev := strings.Join(rows[r-1], ""); prev != "累计金额" {
					t.Errorf("row %d over the note holds %q, want the plan amounts", r, prev)
				}
			}
		}
	}
	if len(titles) != 3 || len(tips) != 3 {
		t.Fatalf("%d project titles and %d notes, want 3 of each", len(titles), len(tips))
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var breaks []int
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/") {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range regexp.MustCompile(`<brk id="(\d+)"`).FindAllSubmatch(data, -1) {
			n, _ := strconv.Atoi(string(m[1]))
			breaks = append(breaks, n)
		}
	}
	// a row break's id is the last row of the page before it
	want := []int{titles[1] - 1, titles[2] - 1}
	slices.Sort(breaks)
	if !slices.Equal(breaks, want) {
		t.Errorf("page breaks after rows %v, want %v (before each project table but the first)", breaks, want)
	}
}
