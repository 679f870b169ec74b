package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jixiao/templates"
)

func TestTemplateCommand(t *testing.T) {
	townships := filepath.Join("..", "..", "templates", "testdata", "townships.csv")
	plan := filepath.Join("..", "..", "templates", "testdata", "plan.csv")
	tests := []struct {
		name     string
		existing string // a file created before the run, relative to the temp dir
		args     []string
		wantCode int
		wantOut  string
		// wantFile is a file the run must write, with its township and project count.
		wantFile     string
		wantTownship string
		wantProjects int
	}{
		{name: "blank template", args: []string{"-o", "模板.xlsx", "--year", "2024"}, wantCode: exitOK, wantOut: "已生成模板",
			wantFile: "模板.xlsx", wantTownship: "模板"},
		{name: "for one township", args: []string{"-o", "王官营镇.xlsx", "--township", "王官营镇", "--code", "130208104000", "--framework", "2021", "--projects", "8"},
			wantCode: exitOK, wantOut: "8 张项目表", wantFile: "王官营镇.xlsx", wantTownship: "王官营镇"},
		{name: "existing file without --force", existing: "模板.xlsx", args: []string{"-o", "模板.xlsx"}, wantCode: exitUsage},
		{name: "existing file with --force", existing: "模板.xlsx", args: []string{"-o", "模板.xlsx", "--force"}, wantCode: exitOK,
			wantFile: "模板.xlsx", wantTownship: "模板"},
		{name: "no output", args: []string{"--year", "2024"}, wantCode: exitUsage},
		{name: "not xlsx", args: []string{"-o", "模板.xls"}, wantCode: exitUsage},
		{name: "unknown framework", args: []string{"-o", "模板.xlsx", "--framework", "2018"}, wantCode: exitUsage},
		{name: "bad unit", args: []string{"-o", "模板.xlsx", "--unit", "千元"}, wantCode: exitUsage},
		{name: "plan without townships", args: []string{"--plan", plan, "--out-dir", "out"}, wantCode: exitUsage},
		{name: "townships and plan", args: []string{"--townships", townships, "--plan", plan, "--out-dir", "out", "--year", "2024"},
			wantCode: exitOK, wantOut: "7 个乡镇", wantFile: filepath.Join("out", "王官营镇.xlsx"), wantTownship: "王官营镇", wantProjects: 13},
		{name: "townships without out-dir", args: []string{"--townships", townships}, wantCode: exitUsage},
		{name: "township file exists", existing: filepath.Join("out", "石各庄镇.xlsx"), args: []string{"--townships", townships, "--out-dir", "out"}, wantCode: exitUsage},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			abs := func(p string) string { return filepath.Join(dir, p) }
			if tc.existing != "" {
				if err := os.MkdirAll(filepath.Dir(abs(tc.existing)), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(abs(tc.existing), []byte("old"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			args := []string{"jixiao", "template"}
			for i, a := range tc.args {
				if i > 0 && (tc.args[i-1] == "-o" || tc.args[i-1] == "--out-dir") {
					a = abs(a)
				}
				args = append(args, a)
			}
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), args, &stdout, &stderr)
			if got := exitCode(err); got != tc.wantCode {
				t.Fatalf("exit code %d (%v), want %d\n%s%s", got, err, tc.wantCode, stdout.String(), stderr.String())
			}
			if !strings.Contains(stdout.String(), tc.wantOut) {
				t.Errorf("output %q lacks %q", stdout.String(), tc.wantOut)
			}
			if tc.existing != "" && tc.wantCode != exitOK {
				if b, _ := os.ReadFile(abs(tc.existing)); string(b) != "old" {
					t.Errorf("%s was overwritten", tc.existing)
				}
			}
			if tc.wantFile == "" {
				return
			}
			sub, err := templates.ReadFile(context.Background(), abs(tc.wantFile), templates.ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if sub.Township.Value != tc.wantTownship || len(sub.Projects) != tc.wantProjects {
				t.Errorf("%s: township %q with %d projects, want %q with %d", tc.wantFile, sub.Township.Value, len(sub.Projects), tc.wantTownship, tc.wantProjects)
			}
		})
	}
}
