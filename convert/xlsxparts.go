package convert

import "archive/zip"

// SheetParts maps each sheet name of the xlsx package zr to its worksheet
// part, following the package relationships (_rels/.rels → workbook →
// workbook rels); nil when the workbook part is missing or unreadable.
//
//	parts := convert.SheetParts(zr) // {"汇总": "xl/worksheets/sheet1.xml", …}
func SheetParts(zr *zip.Reader) map[string]string { return sheetParts(zr) }
