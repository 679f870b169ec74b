//go:build linux

package main

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"jixiao/internal/deepdir"
)

// The real binary on hostile inputs and odd folders: every run ends within
// a minute under 1 GB, never prints "fatal error" or "panic", still writes
// the county workbook of the good townships, names each bad file, and
// leaves the inputs as they were.

// boundedRun runs the binary with a deadline and returns its outputs, exit
// code and peak memory (RSS, in bytes).
func boundedRun(t *testing.T, args ...string) (stdout, stderr string, code int, peak int64) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary(t), args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("jixiao %s did not end within 60 s", strings.Join(args, " "))
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		peak = ru.Maxrss << 10
	}
	for _, s := range []string{out.String(), errb.String()} {
		if strings.Contains(s, "fatal error") || strings.Contains(s, "panic") || strings.Contains(s, "goroutine ") {
			t.Fatalf("jixiao %s crashed:\n%s", strings.Join(args, " "), s)
		}
	}
	if peak > 1<<30 {
		t.Errorf("jixiao %s peaked at %d MB", strings.Join(args, " "), peak>>20)
	}
	return out.String(), errb.String(), code, peak
}

// regularSnap hashes the regular files under dir, leaving out pipes and
// folders that cannot be listed.
func regularSnap(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.Type().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			out[p] = string(data)
		}
		return nil
	})
	return out
}

// zipOf zips name, content pairs.
func zipOf(t *testing.T, parts ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(parts); i += 2 {
		w, err := zw.Create(parts[i])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(parts[i+1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sheetXLSX is a one-sheet workbook whose sheetData holds rows.
func sheetXLSX(t *testing.T, rows string) []byte {
	return zipOf(t,
		"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
		"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="表1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`+rows+`</sheetData></worksheet>`)
}

// hostileInputs is a folder of 王官营镇's good workbook beside files that
// describe huge grids, a named pipe and a folder that cannot be listed.
func hostileInputs(t *testing.T) (dir string, bad []string) {
	t.Helper()
	dir = filepath.Join(t.TempDir(), "乡镇报送")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile(samplePath("2024", "王官营镇.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	var far, colspan strings.Builder
	for r := 1; r <= 100_000; r++ {
		fmt.Fprintf(&far, `<row r="%d"><c r="XFD%d"><v>1</v></c></row>`, r, r)
	}
	colspan.WriteString("<table>")
	for r := 0; r < 20_000; r++ {
		colspan.WriteString(`<tr><td colspan="1000">x</td><td colspan="1000">y</td></tr>`)
	}
	colspan.WriteString("</table>")
	files := map[string][]byte{
		"王官营镇.xlsx": good,
		"白官屯镇.xlsx": sheetXLSX(t, far.String()),
		"石各庄镇.xls":  []byte(colspan.String()),
		"丰登坞镇.csv":  bytes.Repeat([]byte("1,"), 5_000_000),
		"李钊庄镇.csv":  append([]byte("项目编码,项目名称,预算数\n"), bytes.Repeat([]byte("P1,项目,1\n"), 1_000_000)...),
		"七树庄镇.xlsx": sheetXLSX(t, `<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row>`),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		if name != "王官营镇.xlsx" {
			bad = append(bad, name)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "沙流河镇.csv"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad = append(bad, "沙流河镇.csv")
	deepdir.Make(t, dir)
	bad = append(bad, "深深深")
	return dir, bad
}

// TestBinaryHostileInputs: the good township is consolidated and every bad
// file, the pipe and the folder are named; nothing crashes, hangs or grows
// past 1 GB.
func TestBinaryHostileInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs; skipped with -short")
	}
	in, bad := hostileInputs(t)
	before := regularSnap(t, in)

	stdout, _, code, _ := boundedRun(t, "validate", "--quiet", in)
	if code != exitProblems {
		t.Errorf("validate exit code %d, want %d", code, exitProblems)
	}
	for _, name := range bad {
		if name == "七树庄镇.xlsx" { // read: two cells, no form
			continue
		}
		if !strings.Contains(stdout, name) {
			t.Errorf("validate names no %s:\n%s", name, stdout)
		}
	}

	out := filepath.Join(t.TempDir(), "县级汇总.xlsx")
	stdout, stderr, code, _ := boundedRun(t, "consolidate", "-o", out, in)
	if code != exitProblems {
		t.Errorf("consolidate exit code %d, want %d\n%s%s", code, exitProblems, stdout, stderr)
	}
	if !strings.Contains(stdout, "318.34") {
		t.Errorf("summary lacks 王官营镇's 318.34 万元:\n%s", stdout)
	}
	if _, err := os.Stat(out); err != nil {
		t.Errorf("no county workbook: %v", err)
	}
	after := regularSnap(t, in)
	if len(after) != len(before) {
		t.Errorf("input folder held %d files, now %d", len(before), len(after))
	}
	for p, data := range before {
		if after[p] != data {
			t.Errorf("input %s changed", filepath.Base(p))
		}
	}
}

// TestBinaryOutputs: outputs never land on inputs or on existing files
// without --force, are checked before reading, and a CSV of a grid from
// A1 to XFD1048576 is refused rather than written.
func TestBinaryOutputs(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "乡镇")
	if err := os.Mkdir(in, 0o755); err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile(samplePath("2024", "王官营镇.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	township := filepath.Join(in, "王官营镇.xlsx")
	if err := os.WriteFile(township, good, 0o644); err != nil {
		t.Fatal(err)
	}
	existing := filepath.Join(dir, "已有.xlsx")
	if err := os.WriteFile(existing, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	corners := filepath.Join(dir, "角落.xlsx")
	if err := os.WriteFile(corners, sheetXLSX(t, `<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row>`), 0o644); err != nil {
		t.Fatal(err)
	}
	plain := filepath.Join(dir, "一张表.xlsx")
	if err := os.WriteFile(plain, sheetXLSX(t, `<row r="1"><c r="A1" t="inlineStr"><is><t>名称</t></is></c></row>`), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "县级汇总.xlsx")
	tests := []struct {
		name string
		args []string
		want string // in stderr
		code int
	}{
		{"--json onto an input", []string{"consolidate", "--force", "-o", out, "--json", township, in}, "输出文件是输入文件之一", exitUsage},
		{"-o onto an input", []string{"consolidate", "--force", "-o", township, in}, "输出文件是输入文件之一", exitUsage},
		{"output exists", []string{"consolidate", "-o", existing, in}, "如需覆盖请加 --force", exitUsage},
		{"--json exists", []string{"consolidate", "-o", out, "--json", existing, in}, "如需覆盖请加 --force", exitUsage},
		{"-o .xls", []string{"consolidate", "-o", filepath.Join(dir, "汇总.xls"), in}, "扩展名 .xls 不对", exitUsage},
		{"-o a folder", []string{"consolidate", "-o", in, in}, "没有扩展名", exitUsage},
		{"missing folder", []string{"consolidate", "-o", filepath.Join(dir, "没有", "汇总.xlsx"), in}, "不存在；请先创建该文件夹", exitUsage},
		{"folder not writable", []string{"consolidate", "-o", "/proc/汇总.xlsx", in}, "无法在文件夹 /proc 中写入", exitUsage},
		{"convert onto an existing file", []string{"convert", "--to", "csv", "-o", filepath.Join(dir, "已有.csv"), plain}, "如需覆盖请加 --force", exitUsage},
		{"convert onto its input", []string{"convert", "--force", "--to", "xlsx", "-o", plain, plain}, "输出文件是输入文件之一", exitUsage},
		{"convert CSV of A1 and XFD1048576", []string{"convert", "--to", "csv", "-o", filepath.Join(dir, "角落.csv"), corners}, "超过", exitUsage},
		{"template onto an existing file", []string{"template", "-o", existing}, "如需覆盖请加 --force", exitUsage},
		{"template -o .xls", []string{"template", "-o", filepath.Join(dir, "模板.xls")}, "扩展名 .xls 不对", exitUsage},
	}
	if err := os.WriteFile(filepath.Join(dir, "已有.csv"), []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := regularSnap(t, dir)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code, _ := boundedRun(t, tt.args...)
			if code == 0 || tt.code != 0 && code != tt.code {
				t.Errorf("exit code %d, want %d\n%s", code, tt.code, stderr)
			}
			if !strings.Contains(stderr, tt.want) {
				t.Errorf("stderr lacks %q:\n%s", tt.want, stderr)
			}
		})
	}
	after := regularSnap(t, dir)
	for p, data := range after {
		if b, ok := before[p]; !ok || b != data {
			t.Errorf("%s written or changed", p)
		}
	}
	if len(after) != len(before) {
		t.Errorf("folder held %d files, now %d", len(before), len(after))
	}
}

// TestBinaryInterruptWhileReading: Ctrl-C (SIGINT) or SIGTERM while one
// large file is being read ends the run within a second, writing nothing.
func TestBinaryInterruptWhileReading(t *testing.T) {
	if testing.Short() {
		t.Skip("large input; skipped with -short")
	}
	in := filepath.Join(t.TempDir(), "乡镇")
	if err := os.Mkdir(in, 0o755); err != nil {
		t.Fatal(err)
	}
	big := bytes.Repeat([]byte("甲,1,2\n"), 1_200_000)
	if err := os.WriteFile(filepath.Join(in, "大表.csv"), big, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "县级汇总.xlsx")
	for _, sig := range []os.Signal{os.Interrupt, syscall.SIGTERM} {
		cmd := exec.Command(binary(t), "consolidate", "--quiet", "-o", out, in)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(400 * time.Millisecond)
		sent := time.Now()
		if err := cmd.Process.Signal(sig); err != nil {
			t.Fatal(err)
		}
		err := cmd.Wait()
		took := time.Since(sent)
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != exitUsage {
			t.Errorf("%v: exit %v, want code %d", sig, err, exitUsage)
		}
		if took > time.Second {
			t.Errorf("%v: took %v to stop", sig, took)
		}
		if strings.Contains(stderr.String(), "panic") || strings.Contains(stderr.String(), "fatal error") {
			t.Fatalf("%v: crashed:\n%s", sig, stderr.String())
		}
		if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%v: output exists after an interrupted run", sig)
		}
	}
}
