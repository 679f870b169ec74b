package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"unicode"

	"github.com/urfave/cli/v2"
)

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// TestHelpIsChinese: every command and every flag has Chinese help text, and
// the help pages use Chinese headings.
func TestHelpIsChinese(t *testing.T) {
	app := newApp(&bytes.Buffer{}, &bytes.Buffer{})
	for _, c := range app.Commands {
		if !hasHan(c.Usage) {
			t.Errorf("command %s: usage %q is not Chinese", c.Name, c.Usage)
		}
		for _, f := range c.Flags {
			if df, ok := f.(cli.DocGenerationFlag); ok && !hasHan(df.GetUsage()) {
				t.Errorf("command %s flag %v: usage %q is not Chinese", c.Name, f.Names(), df.GetUsage())
			}
		}
	}
	for _, args := range [][]string{{"jixiao", "--help"}, {"jixiao", "consolidate", "--help"}, {"jixiao", "template", "--help"}} {
		var out bytes.Buffer
		if err := run(context.Background(), args, &out, &out); err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		for _, want := range []string{"用法：", "显示帮助"} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("%v: help lacks %q:\n%s", args, want, out.String())
			}
		}
		if strings.Contains(out.String(), "USAGE:") || strings.Contains(out.String(), "show help") {
			t.Errorf("%v: English help text:\n%s", args, out.String())
		}
	}
}

// TestHelpFlagLines: flag lines say 值 and 默认 in Chinese, leave out the
// defaults that say nothing (false, 0), and start every description in the
// same display column, Chinese characters counting two.
func TestHelpFlagLines(t *testing.T) {
	for _, args := range [][]string{{"jixiao", "--help"}, {"jixiao", "consolidate", "--help"},
		{"jixiao", "validate", "--help"}, {"jixiao", "template", "--help"}, {"jixiao", "convert", "--help"}} {
		var out bytes.Buffer
		if err := run(context.Background(), args, &out, &out); err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		help := out.String()
		for _, english := range []string{"(default:", " value", "\t"} {
			if strings.Contains(help, english) {
				t.Errorf("%v: help has %q:\n%s", args, english, help)
			}
		}
		lines := 0
		for _, line := range strings.Split(help, "\n") {
			if !strings.HasPrefix(line, "   --") {
				continue
			}
			lines++
			i := strings.Index(line[3:], "  ")
			if i < 0 {
				t.Errorf("%v: no description in %q", args, line)
				continue
			}
			start := 3 + i + len(line[3+i:]) - len(strings.TrimLeft(line[3+i:], " "))
			if w := displayWidth(line[:start]); w != 3+flagColumn {
				t.Errorf("%v: description at column %d, want %d: %q", args, w, 3+flagColumn, line)
			}
		}
		if lines == 0 {
			t.Errorf("%v: no flag lines:\n%s", args, help)
		}
	}
	var out bytes.Buffer
	if err := run(context.Background(), []string{"jixiao", "consolidate", "--help"}, &out, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"（默认：50%）", "（默认：万元）", "--output 值, -o 值"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("consolidate help lacks %q:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), "不显示进度和摘要（默认") {
		t.Errorf("a switch shows its default:\n%s", out.String())
	}
}
