package convert

import "strings"

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

// extensionKind is the kind of ext (".xlsx", any case), or "" for an
// extension jixiao does not know.
func extensionKind(ext string) string {
	switch strings.ToLower(ext) {
	case ".csv", ".tsv", ".txt":
		return extText
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
