package convert

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// Every file jixiao writes (the county workbook, JSON reports, templates,
// converted workbooks and CSV) is saved by SaveFile: checked first with
// CheckOutput, written to a temporary file beside it and put in place only
// once complete.

// Errors of output paths. Each comes as a *LocatedError naming the output.
var (
	// ErrOutputExists: the output exists and overwriting was not asked for.
	ErrOutputExists = errors.New("输出文件已存在")
	// ErrOutputIsInput: the output is one of the files being read.
	ErrOutputIsInput = errors.New("输出文件是输入文件之一")
	// ErrOutputPath: the output cannot be written where it is named: its
	// folder does not exist or cannot be written, or it names a folder.
	ErrOutputPath = errors.New("输出位置无法写入")
)

// SaveOptions tune SaveFile and CheckOutput.
type SaveOptions struct {
	// Force replaces an existing output. Without it an existing output is
	// refused, and so is one that appears while the new one is written.
	Force bool
	// Inputs are the files (and folders) the run reads: the output may be
	// none of them, by name or as the same file under another name.
	Inputs []string
}

// CheckOutput tells whether path may be written, before anything is read
// or computed: its folder exists and is a folder, path is no folder, no
// input (compared with os.SameFile too) and, without opt.Force, does not
// exist, and a file can be created in its folder. The error is a
// *LocatedError wrapping ErrOutputPath,
// ErrOutputIsInput or ErrOutputExists, with a message in Chinese that says
// what to do.
//
//	err := convert.CheckOutput("县级汇总.xlsx", convert.SaveOptions{Inputs: []string{"乡镇"}})
func CheckOutput(path string, opt SaveOptions) error {
	if err := checkOutputPath(path, opt); err != nil {
		return err
	}
	// a file is started there and dropped, so that a folder that cannot
	// be written is found now, not after all the reading
	probe, err := createAtomic(path)
	if err != nil {
		return notWritable(path, err)
	}
	probe.discard()
	return nil
}

// checkOutputPath is CheckOutput without creating a file in the folder.
func checkOutputPath(path string, opt SaveOptions) error {
	fail := func(sentinel error, format string, args ...any) error {
		return &LocatedError{File: path, Err: fmt.Errorf("%w："+format, append([]any{sentinel}, args...)...)}
	}
	dir := filepath.Dir(path)
	switch info, err := os.Stat(dir); {
	case errors.Is(err, fs.ErrNotExist):
		return fail(ErrOutputPath, "输出文件夹 %s 不存在；请先创建该文件夹，或换一个输出位置", dir)
	case err != nil:
		return fail(ErrOutputPath, "无法访问输出文件夹 %s（%s）；请换一个输出位置", dir, osReason(err))
	case !info.IsDir():
		return fail(ErrOutputPath, "%s 不是文件夹；请换一个输出位置", dir)
	}
	out, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		out = nil
	case err != nil:
		return fail(ErrOutputPath, "无法访问输出文件（%s）；请换一个输出位置", osReason(err))
	case out.IsDir():
		return fail(ErrOutputPath, "这是一个文件夹；请给出输出文件的名称，如 %s", filepath.Join(path, "县级汇总.xlsx"))
	case !out.Mode().IsRegular():
		return fail(ErrOutputPath, "这不是普通文件（%v）；请换一个输出文件名", out.Mode().Type())
	}
	if in := sameAsInput(path, out, opt.Inputs); in != "" {
		return fail(ErrOutputIsInput, "写出会覆盖输入文件 %s；请换一个输出文件名", in)
	}
	if out != nil && !opt.Force {
		return existsError(path)
	}
	return nil
}

func notWritable(path string, err error) error {
	return &LocatedError{File: path, Err: fmt.Errorf("%w：无法在文件夹 %s 中写入（%s）；请检查文件夹的权限、磁盘是否已满或只读，或换一个输出位置", ErrOutputPath, filepath.Dir(path), osReason(err))}
}

// osReason says in Chinese why a file operation failed, for the common
// causes; others keep the system's words.
func osReason(err error) string {
	switch {
	case errors.Is(err, fs.ErrPermission):
		return "权限不足"
	case errors.Is(err, syscall.EROFS):
		return "磁盘或文件夹只读"
	case errors.Is(err, syscall.ENOSPC):
		return "磁盘已满"
	case errors.Is(err, fs.ErrNotExist):
		return "文件夹不存在或不能存放文件"
	}
	return WithoutPath(err).Error()
}

func existsError(path string) error {
	return &LocatedError{File: path, Err: fmt.Errorf("%w：如需覆盖请加 --force，或换一个输出文件名", ErrOutputExists)}
}

// sameAsInput returns the input that path (whose info is out, nil when it
// does not exist) is, or "".
func sameAsInput(path string, out os.FileInfo, inputs []string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = filepath.Clean(path)
	}
	for _, in := range inputs {
		if a, err := filepath.Abs(in); err == nil && a == abs || filepath.Clean(in) == filepath.Clean(path) {
			return in
		}
		if out == nil {
			continue
		}
		if info, err := os.Stat(in); err == nil && os.SameFile(out, info) {
			return in
		}
	}
	return ""
}

// SaveFile writes path with write, which gets the file to write to: the
// output appears complete or not at all, and a previous one stays intact
// until then. It checks path first (CheckOutput). The data go to a
// temporary file in path's folder (on Linux an unnamed one that vanishes
// with the process, even when killed), flushed to disk and then put in
// place: renamed over path with opt.Force, else given path's name only if
// no file has it (a hard link, or renameat2 without replacing), so that of
// two runs writing the same output one fails rather than silently replacing
// the other. On any failure or cancellation the temporary file is removed;
// a named one left by a killed run is removed by the next run writing path.
//
//	err := convert.SaveFile(ctx, "县级汇总.json", convert.SaveOptions{}, func(w io.Writer) error {
//		return json.NewEncoder(w).Encode(report)
//	})
func SaveFile(ctx context.Context, path string, opt SaveOptions, write func(io.Writer) error) error {
	// the temporary file is the probe CheckOutput would make
	if err := checkOutputPath(path, opt); err != nil {
		return err
	}
	tmp, err := createAtomic(path)
	if err != nil {
		return notWritable(path, err)
	}
	tmp.noReplace = !opt.Force
	defer tmp.discard()
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := write(tmp); err != nil {
		return located(err, path, "")
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := tmp.commit(); err != nil {
		return located(err, path, "")
	}
	return nil
}

// WithoutPath drops the path an *fs.PathError repeats, for messages that
// name the path already.
//
//	fmt.Errorf("文件夹 %s 无法读取（%v）", dir, convert.WithoutPath(err))
func WithoutPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
