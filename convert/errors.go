package convert

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
)

// Sentinel errors. Every error a reader or parser returns wraps one of these,
// so callers test kinds with errors.Is, never message text.
var (
	// ErrUnknownFormat: the file's content is no format jixiao reads.
	ErrUnknownFormat = errors.New("无法识别的文件格式")
	// ErrUnreadable: the file is a known format but damaged or truncated.
	ErrUnreadable = errors.New("文件已损坏或无法读取")
	// ErrNotRegular: the path is a folder, a named pipe, a device or a
	// socket, not a file; it is never opened (a pipe would block for ever).
	ErrNotRegular = errors.New("不是普通文件")
	// ErrEncrypted: the workbook is password-protected.
	ErrEncrypted = errors.New("文件有密码保护")
	// ErrTooLarge: the file or one of its parts exceeds a safety limit.
	ErrTooLarge = errors.New("文件超过安全上限")
	// ErrBudget: reading the file would hold more cells, grid slots, merged
	// cells or text than a reading budget allows (see Limits).
	ErrBudget = errors.New("文件内容超过读取上限")
	// ErrTextTooLong: a cell's text is longer than a worksheet cell holds
	// (32,767 characters).
	ErrTextTooLong = errors.New("单元格文字超过 32,767 个字符")
	// ErrEncoding: the text is in no encoding jixiao can decode.
	ErrEncoding = errors.New("无法识别的文字编码")
	// ErrAmount: a money amount is not a number.
	ErrAmount = errors.New("金额不是有效数字")
	// ErrNegative: a money amount is negative.
	ErrNegative = errors.New("金额为负数")
	// ErrUnit: a unit is neither 万元 nor 元.
	ErrUnit = errors.New("无法识别的金额单位")
	// ErrIndicatorValue: an indicator value (指标值) could not be parsed.
	ErrIndicatorValue = errors.New("无法解析的指标值")
	// ErrNotFound: the path names no file or folder (it is not damaged: it
	// is not there).
	ErrNotFound = errors.New("文件或文件夹不存在，请检查路径是否写错（可把文件或文件夹直接拖到命令行窗口里，以免输错）")
)

// notFoundError is ErrNotFound of a file that was to be read: it is also
// ErrUnreadable (it could not be read), but says why in its own words.
type notFoundError struct{}

func (notFoundError) Error() string   { return ErrNotFound.Error() }
func (notFoundError) Unwrap() []error { return []error{ErrNotFound, ErrUnreadable} }

// openError is the error of a file that could not be opened: one that is
// not there is ErrNotFound, one that may not be read says so; either way
// in Chinese, without the system's text.
func openError(err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return notFoundError{}
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("%w：没有读取这个文件的权限，请检查文件权限，或把它复制到自己的文件夹后再读取", ErrUnreadable)
	}
	return fmt.Errorf("%w: %v", ErrUnreadable, err)
}

// LocatedError is an error at a place in an input: file, sheet, cell, or a
// line and column for text formats. It wraps the underlying error, like
// encoding/csv's ParseError.
//
//	var le *convert.LocatedError
//	if errors.As(err, &le) { fmt.Println(le.File, le.Sheet, le.Cell) }
type LocatedError struct {
	File  string
	Sheet string
	Cell  string // A1-style cell name, when there is one
	Line  int    // 1-based line for text formats, 0 when not applicable
	Col   int    // 1-based column for text formats, 0 when not applicable
	Err   error
}

// Error renders the place and the cause in Chinese, e.g.
// "王官营镇.xlsx 工作表「项目」单元格 C5：金额不是有效数字".
func (e *LocatedError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Sheet != "" {
		fmt.Fprintf(&b, " 工作表「%s」", e.Sheet)
	}
	if e.Cell != "" {
		fmt.Fprintf(&b, " 单元格 %s", e.Cell)
	}
	if e.Line > 0 {
		fmt.Fprintf(&b, " 第%d行", e.Line)
		if e.Col > 0 {
			fmt.Fprintf(&b, "第%d列", e.Col)
		}
	}
	if e.Err != nil {
		b.WriteString("：")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the cause.
func (e *LocatedError) Unwrap() error { return e.Err }
