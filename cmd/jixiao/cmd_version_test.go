package main

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestDescribeBuild(t *testing.T) {
	vcs := []debug.BuildSetting{
		{Key: "vcs.revision", Value: "0123456789abcdef0123"},
		{Key: "vcs.time", Value: "2024-03-01T02:03:04Z"},
		{Key: "vcs.modified", Value: "true"},
	}
	cases := []struct {
		name           string
		ver, rev, date string
		settings       []debug.BuildSetting
		want           buildDetails
		line, lines    []string
	}{
		{
			name: "plain go build outside git",
			want: buildDetails{Version: "dev", Go: "go1.26", Platform: "linux/loong64"},
			line: []string{"dev，go1.26 linux/loong64"}, lines: []string{"jixiao dev\n", "修订：未知\n", "构建日期：未知", "平台：linux/loong64\n"},
		},
		{
			name: "plain go build in git", settings: vcs,
			want: buildDetails{Version: "dev", Commit: "0123456789ab", Modified: true, Date: "2024-03-01T02:03:04Z", Go: "go1.26", Platform: "linux/loong64"},
			line: []string{"dev 修订 0123456789ab（含未提交修改） 日期 2024-03-01T02:03:04Z，go1.26 linux/loong64"},
		},
		{
			name: "stamped by dist.sh", ver: "1.2.0", rev: "fedcba9876543210fedc", date: "2024-05-06T07:08:09Z", settings: vcs,
			want:  buildDetails{Version: "1.2.0", Commit: "fedcba987654", Date: "2024-05-06T07:08:09Z", Go: "go1.26", Platform: "linux/loong64"},
			line:  []string{"1.2.0 修订 fedcba987654 日期 2024-05-06T07:08:09Z，go1.26 linux/loong64"},
			lines: []string{"jixiao 1.2.0\n", "修订：fedcba987654\n", "构建日期：2024-05-06T07:08:09Z", "Go：go1.26\n", "平台：linux/loong64\n"},
		},
		{
			name: "stamped from a modified tree", ver: "1.2.0", rev: "fedcba9876543210fedc-dirty", date: "2024-05-06T07:08:09Z",
			want:  buildDetails{Version: "1.2.0", Commit: "fedcba987654", Modified: true, Date: "2024-05-06T07:08:09Z", Go: "go1.26", Platform: "linux/loong64"},
			lines: []string{"修订：fedcba987654（含未提交修改）\n"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := describeBuild(c.ver, c.rev, c.date, c.settings, "go1.26", "linux/loong64")
			if got != c.want {
				t.Fatalf("describeBuild = %+v, want %+v", got, c.want)
			}
			for _, w := range c.line {
				if got.line() != w {
					t.Errorf("line() = %q, want %q", got.line(), w)
				}
			}
			for _, w := range c.lines {
				if !strings.Contains(got.lines(), w) {
					t.Errorf("lines() = %q, lacks %q", got.lines(), w)
				}
			}
		})
	}
}
