package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"jixiao/consolidate"
	"jixiao/convert"
	"jixiao/templates"
)

// runJixiao runs the command in-process and returns stdout, stderr and the exit code.
func runJixiao(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), append([]string{"jixiao"}, args...), &stdout, &stderr)
	if err != nil && exitCode(err) != exitProblems {
		fmt.Fprintln(&stderr, "jixiao:", err)
	}
	return stdout.String(), stderr.String(), exitCode(err)
}

// countyDump consolidates paths and renders what the county workbook would
// hold, exactly: totals, and each project with its amounts in 元 and indicators.
func countyDump(t *testing.T, paths ...string) (string, consolidate.Totals) {
	t.Helper()
	res, err := consolidate.Run(context.Background(), paths, consolidate.Options{Jobs: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { res.Close() })
	money := func(m templates.Money) string {
		if m.Blank {
			return "空"
		}
		return m.Yuan.String()
	}
	var b strings.Builder
	for _, sub := range subsOf(t, res) {
		fmt.Fprintf(&b, "%s %d\n", sub.Township.Value, sub.Year)
		for _, p := range sub.Projects {
			fmt.Fprintf(&b, "%s|%s|%s|%s|%s|%q|%q", p.Code.Value, p.Name.Value, money(p.Budget), money(p.Fiscal), money(p.Other), p.Purpose.Value, p.Goal.Value)
			for _, m := range p.Plan {
				b.WriteString("|" + money(m))
			}
			b.WriteString("\n")
			for _, ind := range p.Indicators {
				fmt.Fprintf(&b, "  %s|%s|%s|%s|%s|%s\n", ind.Level1.Value, ind.Level2.Value, ind.Level3.Value, ind.Desc.Value, ind.Value.Value, ind.Basis.Value)
			}
		}
	}
	problems, err := res.AllProblems()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		if p.Rule == templates.RuleTownshipSource {
			// where the name came from is the file's, not its content's:
			// a converted workbook states it, the seed and a CSV do not
			continue
		}
		fmt.Fprintf(&b, "%s %s [%s] %s\n", p.Severity, p.Rule, p.Project, p.Message)
	}
	_, county := res.Totals()
	return b.String(), county
}

// TestConvertLegacyThenConsolidate: each legacy CSV of the seed, converted to
// a standard workbook and consolidated, or consolidated directly, gives the
// seed: 13 projects, 318.34 万元, 78 indicators, and the very same content
// as the seed workbook.
func TestConvertLegacyThenConsolidate(t *testing.T) {
	want, _ := countyDump(t, samplePath("2024", "王官营镇.xlsx"))
	seedTotal := decimal.RequireFromString("3183400")
	for _, name := range []string{"王官营镇-GBK.csv", "王官营镇-UTF16.txt"} {
		t.Run(name, func(t *testing.T) {
			in := samplePath("legacy", name)
			dir := t.TempDir()
			stdout, stderr, code := runJixiao(t, "convert", "--out-dir", dir, in)
			if code != exitOK {
				t.Fatalf("convert exit %d: %s%s", code, stdout, stderr)
			}
			out := filepath.Join(dir, "王官营镇.xlsx")
			for _, path := range []string{out, in} {
				got, county := countyDump(t, path)
				if county.Projects != 13 || county.Indicators != 78 || !county.Budget.Equal(seedTotal) {
					t.Errorf("%s: %d projects, %d indicators, %s 元", filepath.Base(path), county.Projects, county.Indicators, county.Budget)
				}
				if got != want {
					t.Errorf("%s consolidates differently from the seed workbook:\n%s", filepath.Base(path), firstDiff(got, want))
				}
			}
			stdout, _, code = runJixiao(t, "consolidate", "-q=false", "-o", filepath.Join(dir, "县级汇总.xlsx"), out)
			if code != exitProblems || !strings.Contains(stdout, "汇总 1 个乡镇、13 个项目、78 条指标") || !strings.Contains(stdout, "预算数合计 318.34 万元") {
				t.Errorf("consolidate exit %d (the seed's 12月底 slip is one error):\n%s", code, stdout)
			}
		})
	}
}

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d:\n got  %s\n want %s", i+1, g[i], w[i])
		}
	}
	return fmt.Sprintf("%d lines, want %d", len(g), len(w))
}

// TestConvertRoundTrip: township workbook → CSV → workbook → CSV gives the
// same CSV bytes, for every 2024 sample and both output encodings.
func TestConvertRoundTrip(t *testing.T) {
	files, _ := filepath.Glob(samplePath("2024", "*.xlsx"))
	if len(files) == 0 {
		t.Fatal("no samples")
	}
	for _, f := range files {
		for _, enc := range []string{"utf-8-bom", "gbk"} {
			t.Run(filepath.Base(f)+"/"+enc, func(t *testing.T) {
				dir := t.TempDir()
				first := filepath.Join(dir, "a.csv")
				mustRun(t, "convert", "--to-encoding", enc, "-o", first, f)
				pa, ia := filepath.Join(dir, "a-项目明细.csv"), filepath.Join(dir, "a-指标明细.csv")
				mustRun(t, "convert", "-o", filepath.Join(dir, "b.xlsx"), pa, ia)
				mustRun(t, "convert", "--to-encoding", enc, "-o", filepath.Join(dir, "b.csv"), filepath.Join(dir, "b.xlsx"))
				for _, pair := range [][2]string{{pa, "b-项目明细.csv"}, {ia, "b-指标明细.csv"}} {
					x, _ := os.ReadFile(pair[0])
					y, err := os.ReadFile(filepath.Join(dir, pair[1]))
					if err != nil || !bytes.Equal(x, y) {
						t.Errorf("%s differs after a round trip (%v)", pair[1], err)
					}
				}
			})
		}
	}
}

func mustRun(t *testing.T, args ...string) {
	t.Helper()
	stdout, stderr, code := runJixiao(t, args...)
	if code != exitOK {
		t.Fatalf("%v: exit %d\n%s%s", args, code, stdout, stderr)
	}
}

func TestConvertProblems(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "王官营镇-bad.csv")
	text := "项目编码,项目名称,预算数,三级指标\nP1,甲,1,a\n,,2,\nP2,乙,abc,b\nP1,甲,3,c\n"
	if err := os.WriteFile(bad, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.xlsx")
	_, stderr, code := runJixiao(t, "convert", "-o", out, bad)
	if code != exitProblems {
		t.Fatalf("exit %d, want %d\n%s", code, exitProblems, stderr)
	}
	for _, want := range []string{bad + ":3:1:", bad + ":4:3:", bad + ":5:3:"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	sub, err := templates.ReadFile(context.Background(), out, templates.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(sub.Projects) != 2 || len(sub.Projects[0].Indicators) != 2 {
		t.Errorf("the rest was not converted: %d projects", len(sub.Projects))
	}
	if _, _, code := runJixiao(t, "convert", "-o", out, bad); code != exitUsage {
		t.Errorf("existing output: exit %d, want %d", code, exitUsage)
	}
}

func TestConvertUsage(t *testing.T) {
	seed := samplePath("2024", "王官营镇.xlsx")
	dir := t.TempDir()
	multi := filepath.Join(dir, "县.csv")
	os.WriteFile(multi, []byte("乡镇,项目编码,预算数\n王官营镇,P1,1\n丰登坞镇,P2,2\n"), 0o644)
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"no output", []string{"convert", seed}, exitUsage},
		{"no input", []string{"convert", "-o", "x.csv"}, exitUsage},
		{"both outputs", []string{"convert", "-o", "x.csv", "--out-dir", dir, seed}, exitUsage},
		{"bad target", []string{"convert", "--to", "pdf", "--out-dir", dir, seed}, exitUsage},
		{"bad encoding", []string{"convert", "--to-encoding", "latin1", "--out-dir", dir, seed}, exitUsage},
		{"several townships into one file", []string{"convert", "-o", filepath.Join(dir, "one.xlsx"), multi}, exitUsage},
		{"missing input", []string{"convert", "--out-dir", dir, filepath.Join(dir, "无.csv")}, exitUsage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, stderr, code := runJixiao(t, tt.args...); code != tt.code {
				t.Errorf("exit %d, want %d\n%s", code, tt.code, stderr)
			}
		})
	}
}

// TestConvertSplitsTownships: a county-wide CSV gives one workbook per township.
func TestConvertSplitsTownships(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "县.csv")
	os.WriteFile(in, []byte("单位：元\n乡镇,项目编码,项目名称,预算金额,三级指标,指标值\n王官营镇,P1,甲,49200.00,a,≥5次\n丰登坞镇,P2,乙,100,b,优\n"), 0o644)
	mustRun(t, "convert", "--out-dir", dir, in)
	for _, town := range []string{"王官营镇", "丰登坞镇"} {
		sub, err := templates.ReadFile(context.Background(), filepath.Join(dir, town+".xlsx"), templates.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if sub.Township.Value != town || len(sub.Projects) != 1 || len(sub.Projects[0].Indicators) != 1 {
			t.Errorf("%s: township %q, %d projects", town, sub.Township.Value, len(sub.Projects))
		}
	}
}

// TestConvertCountyToCSV: a county workbook is written sheet by sheet as it
// is, amounts exactly, formulas defused unless --raw.
func TestConvertCountyToCSV(t *testing.T) {
	dir := t.TempDir()
	county := filepath.Join(dir, "县级汇总.xlsx")
	runJixiao(t, "consolidate", "-q", "-o", county, samplePath("2024"))
	mustRun(t, "convert", "--out-dir", dir, county)
	data, err := os.ReadFile(filepath.Join(dir, "县级汇总-项目明细.csv"))
	if err != nil {
		t.Fatal(err)
	}
	text, enc, _ := convert.DecodeText(data, "auto")
	if enc != convert.EncUTF8BOM || !strings.Contains(text, ",4.92,") || !strings.Contains(text, "13020824P000010100133") {
		t.Errorf("encoding %s; 项目明细.csv:\n%.400s", enc, text)
	}
	for _, sheet := range []string{consolidate.SheetSummary, consolidate.SheetIndicators, consolidate.SheetProblems, consolidate.SheetSources} {
		if _, err := os.Stat(filepath.Join(dir, "县级汇总-"+sheet+".csv")); err != nil {
			t.Errorf("sheet %s not written: %v", sheet, err)
		}
	}

	f := excelize.NewFile()
	f.SetCellStr("Sheet1", "A1", "说明")
	f.SetCellStr("Sheet1", "B1", "=HYPERLINK(\"http://x\")")
	if err := f.SaveAs(filepath.Join(dir, "grid.xlsx")); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		raw  bool
		want string
	}{{false, "'=HYPERLINK"}, {true, "\"=HYPERLINK"}} {
		out := filepath.Join(dir, fmt.Sprintf("grid-%v.csv", tt.raw))
		mustRun(t, "convert", fmt.Sprintf("--raw=%v", tt.raw), "--to-encoding", "utf-8", "-o", out, filepath.Join(dir, "grid.xlsx"))
		got, _ := os.ReadFile(out)
		if !strings.Contains(string(got), tt.want) {
			t.Errorf("raw=%v: %q", tt.raw, got)
		}
	}
}

// subsOf returns res's counted submissions.
func subsOf(t *testing.T, res *consolidate.Result) []*templates.Submission {
	t.Helper()
	subs, err := res.AllSubmissions()
	if err != nil {
		t.Fatal(err)
	}
	return subs
}
