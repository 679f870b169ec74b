package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"
)

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// TestMain removes the binary built for the end-to-end tests.
func TestMain(m *testing.M) {
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// binary builds the real jixiao binary once per test run.
func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "jixiao-bin-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "jixiao")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = errors.New(string(out))
		}
	})
	if buildErr != nil {
		t.Fatalf("build: %v", buildErr)
	}
	return binPath
}

// runBinary runs the binary and returns stdout, stderr and the exit code.
func runBinary(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(binary(t), args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return stdout.String(), stderr.String(), code
}

func samplePath(parts ...string) string {
	return filepath.Join(append([]string{"..", "..", "samples"}, parts...)...)
}

// TestBinaryConsolidateSeed runs the real binary on the seed sample: the
// workbook is written, the exit code says errors were found (table 12), and
// 汇总's 合计 shows 318.34 万元 for 13 projects and 78 indicators.
func TestBinaryConsolidateSeed(t *testing.T) {
	out := filepath.Join(t.TempDir(), "县级汇总.xlsx")
	stdout, stderr, code := runBinary(t, "consolidate", "-o", out, samplePath("2024", "王官营镇.xlsx"))
	if code != 1 {
		t.Fatalf("exit %d, want 1\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("汇总", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	var header, total []string
	for _, r := range rows {
		if len(r) > 0 && r[0] == "乡镇" {
			header = r
		}
		if len(r) > 0 && r[0] == "合计" {
			total = r
		}
	}
	want := map[string]string{"项目数": "13", "预算数": "318.34", "指标数": "78", "错误数": "1"}
	for i, h := range header {
		if w, ok := want[h]; ok && (i >= len(total) || total[i] != w) {
			t.Errorf("合计 %s = %q, want %s", h, total[i], w)
		}
	}
	problems, _ := f.GetRows("校验问题")
	found := false
	for _, r := range problems {
		if strings.Contains(strings.Join(r, "|"), "13020824P00000810014W") && strings.Contains(strings.Join(r, "|"), "12月底不等于预算数") {
			found = true
		}
	}
	if !found {
		t.Errorf("校验问题 does not list table 12: %v", problems)
	}
	// Same inputs again without --force: the existing output is kept, exit 2.
	_, _, code = runBinary(t, "consolidate", "-o", out, samplePath("2024", "王官营镇.xlsx"))
	if code != 2 {
		t.Errorf("rerun without --force: exit %d, want 2", code)
	}
}

// TestBinaryValidate: validate prints one line per problem with the file,
// sheet and cell, and exits 1.
func TestBinaryValidate(t *testing.T) {
	stdout, stderr, code := runBinary(t, "validate", samplePath("2024", "王官营镇.xlsx"))
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s\n%s", code, stdout, stderr)
	}
	// the original states no township: a warning that the file name gave it,
	// then the one error of table 12
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "警告") || !strings.Contains(lines[0], "按文件名计为「王官营镇」") ||
		!strings.Contains(lines[1], "王官营镇.xlsx!项目绩效目标表!E") || !strings.Contains(lines[1], "13020824P00000810014W") {
		t.Errorf("validate output = %q", stdout)
	}
}

func TestBinaryUsageErrors(t *testing.T) {
	cases := []struct {
		name string
		args []string
	}{
		{"no inputs", []string{"validate"}},
		{"bad unit", []string{"validate", "--unit", "千元", samplePath("2024")}},
		{"missing path", []string{"validate", filepath.Join(t.TempDir(), "没有这个文件.xlsx")}},
		{"unknown flag", []string{"consolidate", "--nope"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, stderr, code := runBinary(t, c.args...)
			if code != 2 {
				t.Errorf("exit %d, want 2 (stderr %s)", code, stderr)
			}
		})
	}
}
