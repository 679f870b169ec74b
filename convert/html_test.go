package convert

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func htmlFixtures(t testing.TB) []string {
	files, _ := filepath.Glob("testdata/html/*")
	var out []string
	for _, f := range files {
		if !strings.HasSuffix(f, ".golden") {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		t.Fatal("no html fixtures")
	}
	return out
}

func TestReadHTMLGolden(t *testing.T) {
	for _, path := range htmlFixtures(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			wb, err := ReadHTML(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, strings.TrimSuffix(path, filepath.Ext(path))+".golden", dumpWorkbook(wb))
		})
	}
}

func TestReadHTMLTables(t *testing.T) {
	wb, err := ReadHTML("testdata/html/projects.html", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(wb.Sheets) != 3 || wb.Sheets[0].Name != "表1" || wb.Sheets[1].Name != "表2" || wb.Sheets[2].Name != "表3" {
		t.Fatalf("sheets %+v", wb.Sheets)
	}
	sh := wb.Sheets[0]
	for _, c := range []struct {
		r, c int
		want string
	}{
		{0, 0, "1、2022年非税收入绩效目标表"},
		{1, 1, "13020824P000010100133"},
		{1, 3, "项目名称"},
		{1, 4, "2022年非税收入"},
		{2, 1, "4.92"},
		{2, 5, "120.00"},
		{3, 0, ""},
		{3, 2, "其他资金"},
		{3, 3, "0"},
		{4, 1, "数量指标"},
		{4, 2, "开展 宣传&培训"},
		{4, 3, "≥5次"},
		{5, 0, ""},
		{5, 2, "资金使用\n合规率"},
		{6, 2, "按时\n完成率"},
		{6, 3, "<=12月底"},
		{6, 4, "历史标准"},
	} {
		if got := sh.Cell(c.r, c.c); got != c.want {
			t.Errorf("%s = %q, want %q", CellName(c.r, c.c), got, c.want)
		}
	}
	want := []Merge{{0, 0, 0, 5}, {1, 1, 1, 2}, {1, 4, 1, 5}, {2, 0, 3, 0}, {2, 1, 3, 1}, {4, 0, 6, 0}}
	if len(sh.Merges) != len(want) {
		t.Fatalf("merges %v, want %v", sh.Merges, want)
	}
	for i := range want {
		if sh.Merges[i] != want[i] {
			t.Errorf("merge %d = %v, want %v", i, sh.Merges[i], want[i])
		}
	}
	if got := wb.Sheets[1].Cell(0, 1); got != "1、完成全年收入任务 2、及时足额缴库" {
		t.Errorf("collapsed text %q", got)
	}
	if got := wb.Sheets[1].Cell(1, 1); got != "外层文字" {
		t.Errorf("outer cell of a nested table %q", got)
	}
	if got := wb.Sheets[2].Cell(0, 0); got != "嵌套" {
		t.Errorf("nested table %q", got)
	}
}

func TestReadHTMLExcelAttributes(t *testing.T) {
	wb, err := ReadHTML("testdata/html/excel-web.html", Options{})
	if err != nil {
		t.Fatal(err)
	}
	sh := wb.Sheets[0]
	got := []string{sh.Cell(0, 1), sh.Cell(0, 2), sh.Cell(0, 3), sh.Cell(1, 1)}
	want := []string{"4.92", "1234567.5", "120", "用于\n非税收入征管"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("cell %d = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestOpenGBKHTMLNamedXLS(t *testing.T) {
	path := "testdata/html/王官营镇绩效目标导出.xls"
	head, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if f := Sniff(path, head); f != "html" {
		t.Fatalf("Sniff = %q, want html", f)
	}
	wb, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if wb.Format != "html" || wb.Encoding != "GB18030" {
		t.Fatalf("format %q encoding %q", wb.Format, wb.Encoding)
	}
	sh := wb.Sheets[0]
	if sh.Cell(0, 0) != "王官营镇2024年预算项目绩效目标表" || sh.Cell(1, 1) != "13020824P00001210015M" || sh.Cell(2, 2) != "≥95%" {
		t.Errorf("rows %q", sh.Rows)
	}
	if len(sh.Merges) != 1 || sh.Merges[0] != (Merge{0, 0, 0, 2}) {
		t.Errorf("merges %v", sh.Merges)
	}
}

func TestReadHTMLNoMetaGBK(t *testing.T) {
	wb, err := ReadHTML("testdata/html/nometa-gbk.html", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if wb.Encoding != "GB18030" || wb.Sheets[0].Cell(0, 0) != "单位：万元" || wb.Sheets[0].Cell(1, 1) != "10.50" {
		t.Errorf("encoding %q rows %q", wb.Encoding, wb.Sheets[0].Rows)
	}
}

func TestReadHTMLMisdeclaredUTF8(t *testing.T) {
	// declared UTF-8, saved as GBK: the bytes win
	src := "<html><head><meta charset=\"utf-8\"></head><body><table><tr><td>\xb5\xa5\xce\xbb</td></tr></table></body></html>"
	p := filepath.Join(t.TempDir(), "a.html")
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	wb, err := ReadHTML(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := wb.Sheets[0].Cell(0, 0); got != "单位" {
		t.Errorf("cell %q", got)
	}
}

func TestReadHTMLNoTable(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.html")
	if err := os.WriteFile(p, []byte("<html><body><p>无表格</p></body></html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadHTML(p, Options{}); !errors.Is(err, ErrUnknownFormat) {
		t.Fatalf("err = %v, want ErrUnknownFormat", err)
	}
}

func TestReadHTMLHugeSpans(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.html")
	src := `<table><tr><td rowspan="99999999" colspan="99999999">a</td><td>b</td></tr><tr><td>c</td></tr></table>`
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	wb, err := ReadHTML(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	sh := wb.Sheets[0]
	if sh.Merges[0] != (Merge{0, 0, 1, htmlMaxSpan - 1}) || sh.Cell(0, htmlMaxSpan) != "b" || sh.Cell(1, htmlMaxSpan) != "c" {
		t.Errorf("merges %v", sh.Merges)
	}
}

func FuzzReadHTML(f *testing.F) {
	for _, p := range htmlFixtures(f) {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`<table><tr><td rowspan=3 colspan=2>x<br>y</td></tr><tr><td>z</td></tr></table>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(t.TempDir(), "f.html")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := ReadHTML(p, Options{})
		checkSentinel(t, err)
	})
}

func TestSniffHTMLFragments(t *testing.T) {
	for _, head := range []string{
		"<meta charset=gbk><table><tr><td>a</td></tr></table>",
		"\r\n<head><title>x</title></head><body><table></table>",
		"<BODY><TABLE>",
	} {
		if got := Sniff("export.xls", []byte(head)); got != "html" {
			t.Errorf("Sniff(%q) = %q, want html", head, got)
		}
	}
	if got := Sniff("a.csv", []byte("<meta>,1,2\n")); got == "html" {
		t.Errorf("a CSV without a table sniffed as html")
	}
}

// TestReadHTMLSpanBudget: cells whose spans would cover billions of grid
// cells end reading with an error naming the file, never a silent change
// of the spans.
func TestReadHTMLSpanBudget(t *testing.T) {
	var b strings.Builder
	b.WriteString("<table>")
	for r := 0; r < 3000; r++ {
		b.WriteString(`<tr><td rowspan="65534" colspan="1000">x</td><td>y</td></tr>`)
	}
	b.WriteString("</table>")
	path := filepath.Join(t.TempDir(), "bomb.html")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := ReadHTML(path, Options{})
	var le *LocatedError
	if !errors.Is(err, ErrBudget) || !errors.As(err, &le) || le.File != path || le.Sheet != "表1" {
		t.Fatalf("err = %v, want ErrBudget located in %s 表1", err, path)
	}
}

func TestHTMLMetaCharset(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"meta charset", `<meta charset="GBK">`, "GBK"},
		{"http-equiv", `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`, "gb2312"},
		{"http-equiv mixed case", `<meta http-equiv=content-type content="text/html; CharSet=GB18030;">`, "GB18030"},
		{"after body", `<body><meta charset="gbk">`, ""},
		// lowering an invalid byte makes it three bytes long, so an offset
		// found in the lowered text would point past the end of this one
		{"invalid byte before charset", "<meta http-equiv=content-type content=\"\xffcharset=\">", ""},
		{"kelvin sign before charset", "<meta http-equiv=content-type content=\"\u212a charset=big5\">", "big5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := htmlMetaCharset([]byte(tt.src)); got != tt.want {
				t.Errorf("htmlMetaCharset(%q) = %q, want %q", tt.src, got, tt.want)
			}
		})
	}
}
