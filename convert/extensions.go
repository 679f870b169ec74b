package convert

import (
	"path/filepath"
	"slices"
	"strings"
)

// The kinds of file extension jixiao knows. Which reader a file gets is
// decided by its content (Sniff); the extension decides only which files
// are taken from a folder, what an output is written as, and how plain text
// is told from other bytes.
const (
	extText        = "text"        // delimited text: .csv, .tsv, .txt
	extWorkbook    = "workbook"    // Office Open XML workbook: .xlsx, .xlsm
	extOther       = "other"       // other formats read: .xls, .docx, .ods, .xml
	extUnsupported = "unsupported" // known formats not read, taken so that the user is told what they are
)

// TextExtensions are the extensions of delimited text, .csv first: the
// text files taken from a folder, and the names a CSV output may have.
func TextExtensions() []string { return []string{".csv", ".tsv", ".txt"} }

// extensionKind is the kind of ext (".xlsx", any case), or "" for an
// extension jixiao does not know.
func extensionKind(ext string) string {
	ext = strings.ToLower(ext)
	if slices.Contains(TextExtensions(), ext) {
		return extText
	}
	switch ext {
	case ".xlsx", ".xlsm":
		return extWorkbook
	case ".xls", ".docx", ".ods", ".xml": // .xml: the Excel 2003 XML workbooks web systems export
		return extOther
	case ".et", ".ett", ".wps", ".doc", ".pdf", ".xlsb", ".numbers":
		return extUnsupported
	}
	return ""
}

// IsInputExtension reports whether files with extension ext (any case) are
// taken from folders: the formats jixiao reads, and those it recognises but
// does not read (.et, .pdf, .xlsb, …), so that the user is told what they
// are and to save them as .xlsx.
//
//	convert.IsInputExtension(".XLSX") // true
func IsInputExtension(ext string) bool { return extensionKind(ext) != "" }

// IsTextExtension reports whether ext (any case) names delimited text:
// .csv, .tsv or .txt.
//
//	convert.IsTextExtension(".tsv") // true
func IsTextExtension(ext string) bool { return extensionKind(ext) == extText }

// IsWorkbookExtension reports whether ext (any case) names an Office Open
// XML workbook: .xlsx or .xlsm.
//
//	convert.IsWorkbookExtension(".xlsm") // true
func IsWorkbookExtension(ext string) bool { return extensionKind(ext) == extWorkbook }

// IsXMLExtension reports whether ext (any case) is .xml: read for the Excel
// 2003 XML workbooks web systems export, though most files of that name
// hold other XML (a configuration, a web page's data) and no table.
//
//	convert.IsXMLExtension(".XML") // true
func IsXMLExtension(ext string) bool { return strings.EqualFold(ext, ".xml") }

// unreadOLEFormat names the format jixiao does not read that an OLE2 file
// under ext (any case) holds: "et" for a WPS spreadsheet (.et, .ett), "wps"
// for a WPS text document (.wps, .wpt), "" for the others.
func unreadOLEFormat(ext string) string {
	switch strings.ToLower(ext) {
	case ".et", ".ett":
		return "et"
	case ".wps", ".wpt":
		return "wps"
	}
	return ""
}

// describeFormat names a file jixiao could not read by its extension, for
// the message that asks for it as .xlsx.
func describeFormat(path string) string {
	ext := strings.ToLower(filepath.Ext(path))
	switch ext {
	case ".et", ".ett":
		return "WPS 表格格式 " + ext
	case ".pdf":
		return "PDF 文件"
	case ".doc", ".wps":
		return "旧版 Word/WPS 文字格式 " + ext
	case "":
		return "无扩展名"
	}
	return "扩展名 " + ext
}
