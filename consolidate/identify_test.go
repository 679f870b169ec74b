package consolidate

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRevisionRank(t *testing.T) {
	cases := []struct {
		name string
		want int
	}{
		{"丰登坞镇.xlsx", 0},
		{"附件2.xlsx", 0},
		{"2024年丰登坞镇绩效目标.xlsx", 0},
		{"丰登坞镇（修改后）.xlsx", 1},
		{"丰登坞镇-更正.xlsx", 1},
		{"丰登坞镇最终版.xlsx", 1},
		{"丰登坞镇v2.xlsx", 3},
		{"丰登坞镇 V3 修改.xlsx", 4},
		{"丰登坞镇(2).xlsx", 3},
		{"丰登坞镇（２）.xlsx", 3},
		{"丰登坞镇第2版.xlsx", 3},
		{"丰登坞镇_Final.xlsx", 1},
		{"新军屯镇.xlsx", 0},
	}
	for _, c := range cases {
		if got := revisionRank(filepath.Join("乡镇", c.name)); got != c.want {
			t.Errorf("revisionRank(%q) = %d, want %d", c.name, got, c.want)
		}
	}
}

func TestDateKey(t *testing.T) {
	cases := map[string]string{
		"2024年1月15日":     "2024-01-15",
		"2024-01-15":     "2024-01-15",
		"2024/1/5":       "2024-01-05",
		"２０２４.１.２０":      "2024-01-20",
		"2024 年 1 月 9 日": "2024-01-09",
		"":               "",
		"一月":             "",
		"2024年13月1日":     "",
	}
	for in, want := range cases {
		if got := dateKey(in); got != want {
			t.Errorf("dateKey(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestPreferred: the rule for which of two files of one township counts is
// a total order on content and names: later date, then revision mark, then
// path order.
func TestPreferred(t *testing.T) {
	src := func(path, filled, sum string) *SourceFile {
		return &SourceFile{Path: path, filled: filled, SHA256: sum}
	}
	cases := []struct {
		name      string
		a, b      *SourceFile // a before b by path
		wantFirst bool
		why       string
	}{
		{"later date", src("a/丰登坞镇.xlsx", "2024-01-20", "1"), src("a/丰登坞镇（修改后）.xlsx", "2024-01-10", "2"), true, "晚于"},
		{"a date beats none", src("a/丰登坞镇.xlsx", "", "1"), src("a/丰登坞镇x.xlsx", "2024-01-10", "2"), false, "未填写填报日期"},
		{"revision by name", src("a/丰登坞镇.xlsx", "", "1"), src("a/丰登坞镇（修改后）.xlsx", "", "2"), false, "修改后"},
		{"same date, revision by name", src("a/丰登坞镇v2.xlsx", "2024-01-10", "1"), src("a/丰登坞镇.xlsx", "2024-01-10", "2"), true, "修改后"},
		{"path order", src("a/1.xlsx", "", "1"), src("a/2.xlsx", "", "2"), true, "文件名顺序"},
		{"same content", src("a/1.xlsx", "", "x"), src("a/2.xlsx", "", "x"), true, "内容完全相同"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			first, why := preferred(c.a, c.b)
			if first != c.wantFirst || !strings.Contains(why, c.why) {
				t.Errorf("preferred = %v (%s), want %v (…%s…)", first, why, c.wantFirst, c.why)
			}
		})
	}
}

// An .xml file in a township folder that is no Excel 2003 XML workbook is
// no form (a warning), not a damaged file (an error); the township beside
// it is counted.
func TestStrayXMLIsNoForm(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile(filepath.Join("..", "samples", "2024", "王官营镇.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "王官营镇.xlsx"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "config.xml"), []byte(`<?xml version="1.0"?><config><a>1</a></config>`), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), []string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer res.Close()
	if res.Townships() != 1 {
		t.Errorf("%d townships, want 1", res.Townships())
	}
	sources, err := res.AllSources()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, s := range sources {
		if filepath.Base(s.Path) == "config.xml" {
			found = true
			if s.Status != StatusNotForm || s.Err != nil {
				t.Errorf("config.xml: status %q, err %v; want %q", s.Status, s.Err, StatusNotForm)
			}
		}
	}
	if !found {
		t.Error("config.xml is not listed in 来源清单")
	}
}
