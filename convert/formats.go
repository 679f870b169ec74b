package convert

// Formats recognised by content beyond the basic ones of Sniff: OpenDocument
// spreadsheets, SpreadsheetML 2003, and the formats jixiao knows but does not
// read (refused with a message saying what the file is and what to do).

import (
	"archive/zip"
	"bytes"
	"errors"
	"path/filepath"
	"strings"
)

// ErrUnsupported: the file is a known format jixiao does not read (.xlsb,
// .numbers, .et, .wps, .pdf, …). Errors wrapping it also wrap
// ErrUnknownFormat.
var ErrUnsupported = errors.New("不支持的文件格式")

// unsupportedError names a format jixiao does not read.
type unsupportedError struct{ what string }

func (e *unsupportedError) Error() string {
	return "不支持" + e.what + "格式，请用 Excel/WPS 另存为 .xlsx 后再提交"
}

func (e *unsupportedError) Is(t error) bool { return t == ErrUnsupported || t == ErrUnknownFormat }

// unsupportedFormats describes, by the name Sniff gives them, the formats
// jixiao recognises but does not read.
var unsupportedFormats = map[string]string{
	"xlsb":    " Excel 二进制工作簿（.xlsb）",
	"numbers": " Apple Numbers 表格（.numbers）",
	"et":      " WPS 表格（.et）",
	"wps":     " WPS 文字（.wps）",
	"doc":     " Word 97-2003 文档（.doc）",
	"pdf":     " PDF ",
	"odf":     " OpenDocument 文字或演示文稿（.odt/.odp）",
	"biff4":   " Excel 4.0 工作簿（.xlw）或旧版图表、宏表",
}

// unsupported returns the error for a format of unsupportedFormats.
func unsupported(format string) error { return &unsupportedError{what: unsupportedFormats[format]} }

// sniffMore names the formats of this file from the first bytes: "ods",
// "spreadsheetml", or a key of unsupportedFormats; "" for the others.
func sniffMore(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return zipNamesFormat(head)
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return "pdf"
	case len(head) >= 4 && head[0] == 0x09 && (head[1] == 0x00 || head[1] == 0x02 || head[1] == 0x04) && head[3] == 0 && head[2] <= 16:
		return "biff4" // the BOF record of an Excel 2.0–4.0 file, stored without an OLE2 container
	case isSpreadsheetML(head):
		return "spreadsheetml"
	}
	return ""
}

// zipNamesFormat names the format of a zip from its entry names and an ODF
// mimetype, all found in text (the first bytes of the file, or the names of
// its entries joined).
func zipNamesFormat(text []byte) string {
	has := func(s string) bool { return bytes.Contains(text, []byte(s)) }
	switch {
	case has("mimetypeapplication/vnd.oasis.opendocument.spreadsheet"):
		return "ods"
	case has("mimetypeapplication/vnd.oasis.opendocument."):
		return "odf"
	case has("xl/workbook.bin"):
		return "xlsb"
	case has("Index/Document.iwa"), has("index.xml.gz"):
		return "numbers"
	}
	return ""
}

// zipFormat names the format of a zip that did not read as what its first
// bytes suggested, from all its entries: "ods" for an ODF spreadsheet whose
// mimetype entry is not first, a key of unsupportedFormats, or "".
func zipFormat(data []byte) string {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return ""
	}
	var names strings.Builder
	for _, e := range zr.File {
		names.WriteString(e.Name)
		names.WriteByte('\n')
		if e.Name == "mimetype" && e.UncompressedSize64 < 128 {
			if mt, err := readZipEntry(e, 128); err == nil {
				names.WriteString("mimetype" + strings.TrimSpace(string(mt)) + "\n")
			}
		}
	}
	if f := zipNamesFormat([]byte(names.String())); f != "" {
		return f
	}
	if strings.Contains(names.String(), "content.xml\n") && strings.Contains(names.String(), "mimetype\n") {
		return "ods" // ODF without a readable mimetype: try it as a spreadsheet
	}
	return ""
}

// refineOpenError looks again at a file that failed to read as format:
// a zip that is an ODF spreadsheet after all is read as one, and a file
// of a format jixiao does not read gets the message saying so.
func refineOpenError(path string, data []byte, format string, err error, b *budget) (*Workbook, error) {
	if errors.Is(err, ErrEncrypted) || errors.Is(err, ErrTooLarge) || errors.Is(err, ErrBudget) || isCancel(err) {
		return nil, err
	}
	switch format {
	case "xlsx", "docx":
		switch f := zipFormat(data); f {
		case "":
		case "ods":
			b.reset()
			return readODSBytes(path, data, b)
		default:
			return nil, &LocatedError{File: path, Err: unsupported(f)}
		}
	case "xls":
		if !errors.Is(err, ErrUnknownFormat) {
			return nil, err
		}
		if f := unreadOLEFormat(filepath.Ext(path)); f != "" {
			return nil, &LocatedError{File: path, Err: unsupported(f)}
		}
	}
	return nil, err
}
