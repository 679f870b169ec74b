package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// copySamples copies sample files into a fresh folder (a path with Chinese
// characters and spaces), so outputs land beside them.
func copySamples(t *testing.T, names ...string) (string, []string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "乡镇 报送 材料")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, n := range names {
		data, err := os.ReadFile(samplePath("2024", n))
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, n)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return dir, paths
}

// TestDragDrop runs the drag-and-drop entry point (paths only, no command)
// twice: the first run writes 县级汇总_2024.xlsx beside the inputs, the second
// writes 县级汇总_2024(2).xlsx and leaves the first untouched.
func TestDragDrop(t *testing.T) {
	dir, paths := copySamples(t, "王官营镇.xlsx", "丰登坞镇.xlsx")
	var out, errb bytes.Buffer
	err := run(context.Background(), append([]string{"jixiao"}, paths...), &out, &errb)
	if code := exitCode(err); code != exitProblems {
		t.Fatalf("exit %d (%v), want %d; stdout %s", code, err, exitProblems, out.String())
	}
	first := filepath.Join(dir, "县级汇总_2024.xlsx")
	before, err := os.ReadFile(first)
	if err != nil {
		t.Fatalf("output not written: %v\n%s", err, out.String())
	}
	info, _ := os.Stat(first)
	for _, want := range []string{"汇总 2 个乡镇", "24 个项目", "596.19 万元", first, "校验问题",
		filepath.Join(dir, "退回修改"), "jixiao feedback --out-dir"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("summary lacks %q:\n%s", want, out.String())
		}
	}
	time.Sleep(10 * time.Millisecond)
	out.Reset()
	_ = run(context.Background(), append([]string{"jixiao"}, paths...), &out, &errb)
	second := filepath.Join(dir, "县级汇总_2024(2).xlsx")
	if _, err := os.Stat(second); err != nil {
		t.Fatalf("second run did not write %s: %v", second, err)
	}
	after, _ := os.ReadFile(first)
	info2, _ := os.Stat(first)
	if !bytes.Equal(before, after) || !info.ModTime().Equal(info2.ModTime()) {
		t.Error("the first output was overwritten")
	}
}

// TestDragDropBinary drops a folder on the real binary: it consolidates,
// prints the summary and waits for Enter before exiting — on Windows as is,
// elsewhere when started from the desktop entry (--desktop). Typed at a
// terminal outside Windows it writes the next free name and does not wait.
func TestDragDropBinary(t *testing.T) {
	dir, _ := copySamples(t, "王官营镇.xlsx")
	type start struct {
		name   string
		args   []string
		out    string
		prompt bool
	}
	starts := []start{{"dropped", []string{dir}, "县级汇总_2024.xlsx", runtime.GOOS == "windows"}}
	if runtime.GOOS != "windows" {
		starts = append(starts, start{"desktop entry", []string{desktopFlag, dir}, "县级汇总_2024(2).xlsx", true})
	}
	for _, s := range starts {
		t.Run(s.name, func(t *testing.T) {
			cmd := exec.Command(binary(t), s.args...)
			cmd.Stdin = strings.NewReader("\n")
			var stdout bytes.Buffer
			cmd.Stdout = &stdout
			err := cmd.Run()
			if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != exitProblems {
				t.Fatalf("exit: %v, want %d\n%s", err, exitProblems, stdout.String())
			}
			if _, err := os.Stat(filepath.Join(filepath.Dir(dir), s.out)); err != nil {
				t.Errorf("output not beside the dropped folder: %v", err)
			}
			if !strings.Contains(stdout.String(), "318.34 万元") {
				t.Errorf("stdout = %s", stdout.String())
			}
			if got := strings.Contains(stdout.String(), "按回车键关闭窗口"); got != s.prompt {
				t.Errorf("waits for Enter: %v, want %v; stdout = %s", got, s.prompt, stdout.String())
			}
		})
	}
}

// TestDesktopDrop starts jixiao as the desktop entry does with files from
// two folders: the workbook lands beside the first file, a second start
// never overwrites it, and a start without files is a usage error.
func TestDesktopDrop(t *testing.T) {
	dirA, a := copySamples(t, "王官营镇.xlsx")
	_, b := copySamples(t, "丰登坞镇.xlsx")
	var out, errb bytes.Buffer
	err := run(context.Background(), []string{"jixiao", desktopFlag, a[0], b[0]}, &out, &errb)
	if code := exitCode(err); code != exitProblems {
		t.Fatalf("exit %d (%v), want %d; stdout %s", code, err, exitProblems, out.String())
	}
	first := filepath.Join(dirA, "县级汇总_2024.xlsx")
	before, err := os.ReadFile(first)
	if err != nil {
		t.Fatalf("output not beside the first file: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "汇总 2 个乡镇") {
		t.Errorf("summary = %s", out.String())
	}
	_ = run(context.Background(), []string{"jixiao", desktopFlag, a[0], b[0]}, &out, &errb)
	if _, err := os.Stat(filepath.Join(dirA, "县级汇总_2024(2).xlsx")); err != nil {
		t.Errorf("second start did not write the next free name: %v", err)
	}
	if after, _ := os.ReadFile(first); !bytes.Equal(before, after) {
		t.Error("the first output was overwritten")
	}

	err = run(context.Background(), []string{"jixiao", desktopFlag}, &out, &errb)
	var ue *usageError
	if !errors.As(err, &ue) || exitCode(err) != exitUsage {
		t.Errorf("no files: err = %v, want a usage error", err)
	}
}

func TestKeepWindowOpen(t *testing.T) {
	existing := samplePath("2024", "王官营镇.xlsx")
	cmds := []string{"consolidate", "validate", "help"}
	cases := []struct {
		name string
		goos string
		args []string
		want bool
	}{
		{"windows drop", "windows", []string{"jixiao", existing}, true},
		{"windows command", "windows", []string{"jixiao", "validate", existing}, false},
		{"windows no arguments", "windows", []string{"jixiao"}, false},
		{"linux paths typed at a terminal", "linux", []string{"jixiao", existing}, false},
		{"linux desktop entry with files", "linux", []string{"jixiao", desktopFlag, existing}, true},
		{"linux desktop entry without files", "linux", []string{"jixiao", desktopFlag}, true},
		{"linux desktop entry with a missing file", "linux", []string{"jixiao", desktopFlag, "没有.xlsx"}, true},
		{"linux command", "linux", []string{"jixiao", "consolidate", existing}, false},
		{"flag not first", "linux", []string{"jixiao", existing, desktopFlag}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := keepWindowOpen(c.goos, c.args, cmds); got != c.want {
				t.Errorf("keepWindowOpen(%s, %v) = %v", c.goos, c.args, got)
			}
		})
	}
}

func TestIsDragDrop(t *testing.T) {
	existing := samplePath("2024", "王官营镇.xlsx")
	cmds := []string{"consolidate", "validate", "help"}
	cases := []struct {
		name string
		args []string
		want bool
	}{
		{"no arguments", []string{"jixiao"}, false},
		{"a command", []string{"jixiao", "validate", existing}, false},
		{"a flag", []string{"jixiao", "--version"}, false},
		{"existing paths only", []string{"jixiao", existing, samplePath("2024")}, true},
		{"a missing path", []string{"jixiao", existing, "没有.xlsx"}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := isDragDrop(c.args, cmds); got != c.want {
				t.Errorf("isDragDrop(%v) = %v", c.args, got)
			}
		})
	}
}

func TestConsoleCodePage(t *testing.T) {
	cases := []struct {
		name    string
		windows bool
		current uint32
		want    uint32
	}{
		{"not windows", false, 936, 0},
		{"windows GBK console", true, 936, utf8CodePage},
		{"windows already UTF-8", true, utf8CodePage, 0},
		{"windows without console", true, 0, 0},
		{"windows US console", true, 437, utf8CodePage},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := consoleCodePage(c.windows, c.current); got != c.want {
				t.Errorf("consoleCodePage(%v, %d) = %d, want %d", c.windows, c.current, got, c.want)
			}
		})
	}
}

func TestWaitForEnter(t *testing.T) {
	var out bytes.Buffer
	waitForEnter(strings.NewReader("\n"), &out)
	if !strings.Contains(out.String(), "回车") {
		t.Errorf("prompt = %q", out.String())
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		stdout, _, code := runBinary(t, args...)
		if code != 0 || !strings.Contains(stdout, "jixiao") || !strings.Contains(stdout, "go1.") {
			t.Errorf("%v: exit %d, %q", args, code, stdout)
		}
	}
}

// TestDesktopEntry ties the Linux desktop entry the .deb installs to the
// switch jixiao knows: files dropped on the icon come after --desktop, in a
// terminal window.
func TestDesktopEntry(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "packaging", "linux", "jixiao.desktop"))
	if err != nil {
		t.Fatal(err)
	}
	fields := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			fields[k] = v
		}
	}
	for key, want := range map[string]string{
		"Exec":        "jixiao " + desktopFlag + " %F",
		"Terminal":    "true",
		"Name[zh_CN]": "绩效目标汇总",
		"Icon":        "jixiao",
	} {
		if fields[key] != want {
			t.Errorf("%s=%q, want %q", key, fields[key], want)
		}
	}
}
