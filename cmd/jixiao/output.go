package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	"jixiao/convert"
	"jixiao/templates"
)

// checkOutputName refuses an output named with the wrong extension before
// anything is read: flag names the option ("-o"), exts the extensions the
// command writes (the first is suggested).
func checkOutputName(flag, path string, exts ...string) error {
	ext := strings.ToLower(filepath.Ext(path))
	for _, e := range exts {
		if ext == e {
			return nil
		}
	}
	suggest := strings.TrimSuffix(path, filepath.Ext(path)) + exts[0]
	if ext == "" {
		return usagef("%s「%s」没有扩展名：输出文件名应以 %s 结尾，如「%s」（要输出到文件夹请写出文件名，如「%s」）",
			flag, path, strings.Join(exts, " 或 "), suggest, filepath.Join(path, "县级汇总"+exts[0]))
	}
	return usagef("%s「%s」的扩展名 %s 不对：jixiao 写出的是 %s 文件，请改为「%s」", flag, path, filepath.Ext(path), strings.Join(exts, " 或 "), suggest)
}

// runInputs lists what a run reads, for refusing an output that is one of
// them: the paths given and the files found in the folders among them. A
// file found in a folder that is one of the outputs and carries the marker
// of a county workbook jixiao wrote is left out: the run never reads it as
// a form (it is its own earlier output, rewritten with --force), whereas a
// township's form there is never overwritten.
func runInputs(paths []string, outputs ...string) []string {
	files, _, err := convert.ListInputs(paths)
	if err != nil {
		return paths
	}
	inputs := append([]string(nil), paths...)
	for _, f := range files {
		if !ownOutput(f, outputs) {
			inputs = append(inputs, f)
		}
	}
	return inputs
}

// ownOutput reports whether file is one of outputs and holds a county
// workbook written by jixiao.
func ownOutput(file string, outputs []string) bool {
	for _, out := range outputs {
		if !sameFile(file, out) {
			continue
		}
		// the marker alone: a county workbook of thousands of townships
		// is not read whole to learn what it is
		return convert.FileCategory(file) == templates.MarkerCounty
	}
	return false
}

// sameFile reports whether a and b name the same file: the same clean path,
// or the same file on disk.
func sameFile(a, b string) bool {
	if filepath.Clean(a) == filepath.Clean(b) {
		return true
	}
	ia, errA := os.Stat(a)
	ib, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(ia, ib)
}

// makeOutDir checks that --out-dir names a folder, and creates it when
// missing.
func makeOutDir(dir string) error {
	if info, err := os.Stat(dir); err == nil && !info.IsDir() {
		return usagef("--out-dir「%s」是一个文件，不是文件夹；请换一个输出文件夹", dir)
	}
	return makeOutputDir(dir)
}

// makeOutputDir creates the output folder dir when missing.
func makeOutputDir(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return usagef("无法创建输出文件夹「%s」（%v）；请检查权限或换一个输出位置", dir, convert.WithoutPath(err))
	}
	return nil
}

// checkOutputs checks every output path of a run before anything is read
// (see convert.CheckOutput); the paths must also differ from each other.
func checkOutputs(force bool, inputs []string, outputs ...string) error {
	for i, out := range outputs {
		for _, prev := range outputs[:i] {
			if filepath.Clean(prev) == filepath.Clean(out) {
				return usagef("两个输出都是「%s」；请给它们不同的文件名", out)
			}
		}
		if err := convert.CheckOutput(out, convert.SaveOptions{Force: force, Inputs: inputs}); err != nil {
			return err
		}
	}
	return nil
}

// isOutputError reports whether err is about an output, not an input.
func isOutputError(err error) bool {
	return errors.Is(err, convert.ErrOutputExists) || errors.Is(err, convert.ErrOutputIsInput) || errors.Is(err, convert.ErrOutputPath)
}
