package convert

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Options tune how input files are read.
type Options struct {
	// Encoding forces the text encoding of CSV/TSV/HTML inputs: "auto" (or
	// ""), "utf-8", "gbk", "gb18030" or "utf-16".
	Encoding string
	// Context cancels reading: readers check it inside their loops and
	// stop with its error. Nil means never cancelled.
	Context context.Context
	// Limits bound the cells, grid slots, merged cells and text one file
	// may hold; past one, reading stops with an error wrapping ErrBudget.
	// Zero fields take the defaults.
	Limits Limits
}

// Open reads any supported input into a Workbook, choosing the reader by the
// file's content, not its name: a ".xls" that is really an HTML table or a
// CSV export is read as what it is. Unknown formats give an error wrapping
// ErrUnknownFormat that suggests saving the file as .xlsx.
//
//	wb, err := convert.Open("乡镇/丰登坞镇.xls", convert.Options{})
func Open(path string, opt Options) (*Workbook, error) {
	return readFile(path, func(path string, data []byte) (*Workbook, error) { return OpenBytes(path, data, opt) })
}

// MaxInputBytes is the largest input file read (256 MB); a township's
// submission is a few megabytes at most.
const MaxInputBytes = 256 << 20

// ReadInput reads a whole input file, refusing one larger than
// MaxInputBytes with an error wrapping ErrTooLarge before reading it.
//
//	data, err := convert.ReadInput("王官营镇.xlsx")
//	sum := sha256.Sum256(data)                       // the hash of the very bytes
//	wb, err := convert.OpenBytes("王官营镇.xlsx", data, convert.Options{}) // that are read
func ReadInput(path string) ([]byte, error) {
	fail := func(err error) ([]byte, error) { return nil, &LocatedError{File: path, Err: err} }
	if info, err := os.Stat(path); err == nil && !info.Mode().IsRegular() {
		return fail(NotRegularError(info.Mode()))
	}
	// should the file have become a named pipe since, opening it does not
	// wait for a writer
	f, err := openInput(path)
	if err != nil {
		return fail(openError(err))
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return fail(fmt.Errorf("%w: %v", ErrUnreadable, err))
	}
	if !info.Mode().IsRegular() {
		return fail(NotRegularError(info.Mode()))
	}
	if info.Size() > MaxInputBytes {
		return fail(fmt.Errorf("%w：文件大于 %d MB", ErrTooLarge, MaxInputBytes>>20))
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxInputBytes+1))
	if err != nil {
		return fail(fmt.Errorf("%w: %v", ErrUnreadable, err))
	}
	if len(data) > MaxInputBytes { // it grew while being read
		return fail(fmt.Errorf("%w：文件大于 %d MB", ErrTooLarge, MaxInputBytes>>20))
	}
	return data, nil
}

// NotRegularError is the error wrapping ErrNotRegular for a path of the
// given mode, naming what it is.
//
//	if !info.Mode().IsRegular() { return convert.NotRegularError(info.Mode()) }
func NotRegularError(mode os.FileMode) error {
	kind := "特殊文件"
	switch {
	case mode.IsDir():
		kind = "文件夹"
	case mode&os.ModeNamedPipe != 0:
		kind = "命名管道"
	case mode&os.ModeSocket != 0:
		kind = "套接字"
	case mode&os.ModeDevice != 0:
		kind = "设备文件"
	}
	return fmt.Errorf("%w（是%s），未读取", ErrNotRegular, kind)
}

// readFile reads the file at path whole (see ReadInput) and reads a
// Workbook from its bytes with read.
func readFile(path string, read func(path string, data []byte) (*Workbook, error)) (*Workbook, error) {
	data, err := ReadInput(path)
	if err != nil {
		return nil, err
	}
	return read(path, data)
}

// OpenBytes is Open of a file already read (see ReadInput): data are its
// bytes, path names it in the Workbook and in errors. Whoever hashes data
// and parses it with OpenBytes has the hash of the bytes read, even if the
// file changes meanwhile.
//
//	wb, err := convert.OpenBytes("乡镇/丰登坞镇.xls", data, convert.Options{})
func OpenBytes(path string, data []byte, opt Options) (*Workbook, error) {
	if len(data) == 0 {
		return nil, &LocatedError{File: path, Err: fmt.Errorf("%w：文件为空（0 字节），可能是保存或复制中断，请重新提交", ErrUnreadable)}
	}
	b := newBudget(path, len(data), opt)
	if err := b.alive(); err != nil {
		return nil, err
	}
	head := data[:min(len(data), 8192)]
	format := Sniff(path, head)
	var wb *Workbook
	var err error
	switch format {
	case "xlsx":
		wb, err = readXLSXBytes(path, data, b)
	case "docx":
		wb, err = readDOCXBytes(path, data, b)
	case "xls":
		wb, err = readXLSBytes(path, data, b)
	case "html":
		wb, err = readHTMLBytes(path, data, opt, b)
	case "csv":
		wb, err = readCSVBytes(path, data, opt, b)
	// formats added to Sniff by sniffMore
	case "ods":
		wb, err = readODSBytes(path, data, b)
	case "spreadsheetml":
		wb, err = readSpreadsheetMLBytes(path, data, b)
	case "biff4":
		wb, err = readBIFFBytes(path, data, b)
	case "xlsb", "numbers", "et", "wps", "doc", "pdf", "odf":
		return nil, &LocatedError{File: path, Err: unsupported(format)}
	default:
		return nil, &LocatedError{File: path, Err: unknownFormat(path)}
	}
	if err != nil {
		return refineOpenError(path, data, format, err, b)
	}
	return wb, nil
}

// Sniff names the content format of a file from its first bytes, falling
// back to the extension only for plain text: "xlsx", "docx", "xls", "ole"
// (an OLE2 container that is not a workbook, e.g. an encrypted .xlsx),
// "html", "csv", "ods", "spreadsheetml" (Excel 2003 XML), "biff4" (an
// Excel 2.0–4.0 file), a format jixiao does not read ("xlsb", "numbers",
// "pdf", "odf"), or "" when unknown.
//
//	convert.Sniff("a.xls", []byte("<html>")) // "html"
func Sniff(path string, head []byte) string {
	if f := sniffMore(head); f != "" {
		return f
	}
	ext := strings.ToLower(filepath.Ext(path))
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		switch {
		case bytes.Contains(head, []byte("word/")):
			return "docx"
		case ext == ".docx":
			return "docx"
		default:
			return "xlsx"
		}
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		return "xls"
	}
	probe := strings.ToLower(string(bytes.TrimLeft(stripBOMBytes(head), " \t\r\n")))
	if strings.HasPrefix(probe, "<!doctype html") || strings.HasPrefix(probe, "<html") ||
		strings.HasPrefix(probe, "<table") || strings.HasPrefix(probe, "<?xml") && strings.Contains(probe, "<html") {
		return "html"
	}
	// fragments some web systems export without an <html> element
	for _, p := range []string{"<head", "<meta", "<body", "<title", "<style"} {
		if strings.HasPrefix(probe, p) && strings.Contains(probe, "<table") {
			return "html"
		}
	}
	// web systems export tab-separated text named .xls; under that name
	// binary bytes are a damaged workbook, never text
	if IsTextExtension(ext) && looksLikeText(head) || ext == ".xls" && looksLikeText(head) && !binaryBytes(head) {
		return "csv"
	}
	return ""
}

// unknownFormat is the error for content no reader recognises. Under the
// name of a format jixiao reads (.xlsx, .xls, .docx, .ods), the file is
// damaged or misnamed, and saving it as .xlsx again is no advice.
func unknownFormat(path string) error {
	if k := extensionKind(filepath.Ext(path)); k == extWorkbook || k == extOther {
		return fmt.Errorf("%w（%s）：内容不是这种格式的文件，可能已损坏或被改过扩展名；请在 Excel 或 WPS 中打开原文件，另存为 .xlsx 后再提交",
			ErrUnknownFormat, describeFormat(path))
	}
	return fmt.Errorf("%w（%s）：请在 Excel 或 WPS 中“另存为” .xlsx 后再提交", ErrUnknownFormat, describeFormat(path))
}

func stripBOMBytes(b []byte) []byte {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return b[3:]
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return nil
	}
	return b
}

// binaryBytes reports whether head, unless it is UTF-16 with a BOM, holds
// control bytes no text export writes (any but tab, line feed, form feed,
// carriage return and the old end-of-file mark).
func binaryBytes(head []byte) bool {
	if bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		return false
	}
	for _, c := range head {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r' && c != 0x1A || c == 0x7F {
			return true
		}
	}
	return false
}

// looksLikeText reports whether head can be text in one of the supported
// encodings: UTF-16 with a BOM, or bytes without NUL runs.
func looksLikeText(head []byte) bool {
	if bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		return true
	}
	return !bytes.Contains(head, []byte{0, 0})
}
