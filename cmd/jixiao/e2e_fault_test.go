package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The real binary on the fault corpus: problems are reported in Chinese,
// naming each file; the good file is still consolidated; exit code 1; no
// panic; inputs untouched; the output written atomically.

type snapEntry struct {
	data []byte
	mod  time.Time
}

func snapDir(t *testing.T, dir string) map[string]snapEntry {
	t.Helper()
	out := map[string]snapEntry{}
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		out[p] = snapEntry{data, info.ModTime()}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameSnap(t *testing.T, before, after map[string]snapEntry) {
	t.Helper()
	if len(before) != len(after) {
		t.Errorf("input folder held %d files, now %d", len(before), len(after))
	}
	for p, b := range before {
		a, ok := after[p]
		if !ok || !bytes.Equal(a.data, b.data) || !a.mod.Equal(b.mod) {
			t.Errorf("input %s was modified", filepath.Base(p))
		}
	}
}

// faultInputs copies the fault corpus and a good township into a folder.
func faultInputs(t *testing.T) (string, []string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "乡镇 报送")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	copyTo := func(src, name string) {
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	copyTo(samplePath("2024", "王官营镇.xlsx"), "王官营镇.xlsx")
	corpus := filepath.Join("..", "..", "consolidate", "testdata", "faults")
	entries, err := os.ReadDir(corpus)
	if err != nil {
		t.Fatal(err)
	}
	var faults []string
	for _, e := range entries {
		copyTo(filepath.Join(corpus, e.Name()), e.Name())
		faults = append(faults, e.Name())
	}
	copyTo(filepath.Join(corpus, "损坏的压缩包.xlsx"), "沙流河镇 🚜 第２版.xlsx")
	faults = append(faults, "沙流河镇 🚜 第２版.xlsx")
	return dir, faults
}

func noPanic(t *testing.T, outputs ...string) {
	t.Helper()
	for _, s := range outputs {
		if strings.Contains(s, "panic") || strings.Contains(s, "goroutine ") {
			t.Fatalf("panic in output:\n%s", s)
		}
	}
}

// notForms are the files of the fault corpus that hold no form: an empty
// workbook, a web page with no form, garbled text.
var notForms = map[string]bool{"空白工作簿.xlsx": true, "网页另存.xlsx": true, "乱码.csv": true}

func TestFaultCorpusBinary(t *testing.T) {
	in, faults := faultInputs(t)
	before := snapDir(t, in)

	stdout, stderr, code := runBinary(t, "validate", "--quiet", in)
	noPanic(t, stdout, stderr)
	if code != exitProblems {
		t.Errorf("validate exit code %d, want %d", code, exitProblems)
	}
	for _, name := range faults {
		// a file with no form in it is listed with a warning, a damaged one
		// with an error
		want := "错误"
		if notForms[name] {
			want = "警告"
		}
		found := false
		for _, line := range strings.Split(stdout, "\n") {
			if strings.Contains(line, name) && strings.HasPrefix(line, want) {
				found = true
			}
		}
		if !found {
			t.Errorf("no %s line names %s:\n%s", want, name, stdout)
		}
	}

	out := filepath.Join(t.TempDir(), "县级汇总.xlsx")
	stdout, stderr, code = runBinary(t, "consolidate", "-o", out, in)
	noPanic(t, stdout, stderr)
	if code != exitProblems {
		t.Errorf("consolidate exit code %d, want %d\n%s%s", code, exitProblems, stdout, stderr)
	}
	if !strings.Contains(stdout, "318.34") {
		t.Errorf("summary lacks 王官营镇's 318.34 万元:\n%s", stdout)
	}
	if _, err := os.Stat(out); err != nil {
		t.Errorf("no output: %v", err)
	}
	sameSnap(t, before, snapDir(t, in))
}

// bulkInputs generates n township workbooks with the sample generator.
func bulkInputs(t *testing.T, n int) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "bulk")
	cmd := exec.Command("go", "run", "./samples/gen", "-n", strconv.Itoa(n), "-o", dir)
	cmd.Dir = filepath.Join("..", "..")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("generating inputs: %v\n%s", err, out)
	}
	return dir
}

// writingOutput reports whether process pid has a file open in dir.
func writingOutput(pid int, dir string) bool {
	fds := filepath.Join("/proc", strconv.Itoa(pid), "fd")
	entries, err := os.ReadDir(fds)
	if err != nil {
		return false
	}
	for _, e := range entries {
		target, err := os.Readlink(filepath.Join(fds, e.Name()))
		if err == nil && strings.HasPrefix(target, dir+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// TestKillWhileWriting kills the binary with SIGKILL while it writes the
// county workbook over a previous one: the previous output keeps its bytes
// and no temporary file remains, immediately (Linux writes into an unnamed
// file that dies with the process).
func TestKillWhileWriting(t *testing.T) {
	if testing.Short() || runtime.GOOS != "linux" {
		t.Skip("needs /proc and a large input; skipped with -short")
	}
	in := bulkInputs(t, 150)
	before := snapDir(t, in)
	outDir := t.TempDir()
	out := filepath.Join(outDir, "县级汇总.xlsx")
	old := []byte("previous county workbook")
	if err := os.WriteFile(out, old, 0o644); err != nil {
		t.Fatal(err)
	}
	caught := false
	for attempt := 0; attempt < 3 && !caught; attempt++ {
		cmd := exec.Command(binary(t), "consolidate", "--quiet", "--force", "-o", out, in)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
	poll:
		for {
			select {
			case <-done:
				break poll
			default:
			}
			if writingOutput(cmd.Process.Pid, outDir) {
				cmd.Process.Signal(syscall.SIGKILL)
				<-done
				caught = true
				break poll
			}
			time.Sleep(200 * time.Microsecond)
		}
		if !caught {
			// The run finished before it was caught writing: restore the
			// previous output and try again.
			if err := os.WriteFile(out, old, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if !caught {
		t.Fatal("never caught the binary writing its output")
	}
	got, err := os.ReadFile(out)
	if err != nil || !bytes.Equal(got, old) {
		t.Errorf("previous output changed after SIGKILL (err %v)", err)
	}
	entries, _ := os.ReadDir(outDir)
	for _, e := range entries {
		if e.Name() != filepath.Base(out) {
			t.Errorf("left behind: %s", e.Name())
		}
	}
	sameSnap(t, before, snapDir(t, in))
}

// TestInterrupt sends SIGINT (Ctrl-C) while the binary reads: it stops
// quickly with exit code 2 and writes no output.
func TestInterrupt(t *testing.T) {
	if testing.Short() || runtime.GOOS == "windows" {
		t.Skip("large input; skipped with -short")
	}
	in := bulkInputs(t, 150)
	out := filepath.Join(t.TempDir(), "县级汇总.xlsx")
	cmd := exec.Command(binary(t), "consolidate", "--quiet", "--jobs", "1", "-o", out, in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	sent := time.Now()
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitUsage {
		t.Errorf("exit after SIGINT: %v, want code %d", err, exitUsage)
	}
	if d := time.Since(sent); d > 5*time.Second {
		t.Errorf("took %v to stop after SIGINT", d)
	}
	noPanic(t, stderr.String())
	if !strings.Contains(stderr.String(), "已取消") {
		t.Errorf("no Chinese cancellation message: %q", stderr.String())
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("output exists after an interrupted run")
	}
}
