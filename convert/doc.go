// Package convert turns the files townships submit into plain grids of text
// and the text into exact values. It knows nothing of the bureau's form:
// that is package templates, which reads a Workbook by its labels.
//
// Reading: Open (and OpenBytes) chooses a reader by the file's content, not
// its name (Sniff; formats.go for OpenDocument, Excel 2003 XML and the
// formats recognised but not read), and returns a Workbook of Sheets: rows
// of cleaned cell text, merged ranges and per-cell flags such as a formula
// without a cached value. There is one reader per format: xlsx*.go (a
// byte-scanning .xlsx reader, with excelize for whatever it does not fully
// understand; xlsxout.go is a writer), xls*.go (BIFF .xls), docx.go,
// html.go, csv.go, ods.go and spreadsheetml.go; grid.go and gridbuild.go
// are the grid they share (trimGrid among it). Every reader is bounded by
// Limits (cells, grid slots, merged cells, text) and stops on its Context.
// Every extension jixiao knows is in extensions.go: which files are taken
// from a folder (IsInputExtension), which are text (IsTextExtension,
// TextExtensions) or workbooks (IsWorkbookExtension), and how a file no
// reader knows is named in its message. ListInputs (inputs.go) lists the
// input files under the files and folders given, and what it leaves out.
//
// Values: ParseAmount (exact decimal money in 万元 or 元), ParseUnit,
// ParseIndicatorValue (comparisons, ranges, dates, grades of an indicator's
// 指标值), NormalizeLabel and NormalizeValue, DecodeText and EncodeText
// (UTF-8, UTF-16, GBK/GB18030).
//
// Writing: SaveFile writes any output atomically (atomic*.go) and never over
// an existing file or an input unless asked (CheckOutput); SaveXLSX writes a
// Workbook as it is, and EncodeCSV and WriteCSV write CSV that Excel and WPS
// open.
//
// Errors carry the file, sheet and cell (LocatedError) and wrap a sentinel
// (ErrUnknownFormat, ErrUnsupported, ErrBudget, ErrTooLarge, …), to be
// tested with errors.Is and errors.As.
package convert
