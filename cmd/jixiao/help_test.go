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
