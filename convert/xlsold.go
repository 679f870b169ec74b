package convert

// Excel 2.0–4.0 worksheets (BIFF2, BIFF3, BIFF4): one sheet per file, its
// records stored as they are, without an OLE2 container. Workbooks of
// Excel 4.0 (several sheets bound in one file) are refused by name.

import (
	"encoding/binary"
	"fmt"
	"math"
)

// Record identifiers of BIFF2–4 that BIFF8 numbers otherwise.
const (
	biff2Integer = 0x0002
	biff2Number  = 0x0003
	biff2Label   = 0x0004
	biff2BoolErr = 0x0005
	biff2String  = 0x0007
	biff2Array   = 0x0021
	biff2Table   = 0x0036
	biff3Formula = 0x0206
)

// readBIFFBytes reads a BIFF stream, data: an Excel 2.0–4.0 worksheet
// file, or the workbook stream of an .xls (see readXLSBytes).
func readBIFFBytes(path string, data []byte, bud *budget) (wb *Workbook, err error) {
	defer func() {
		if r := recover(); r != nil {
			wb, err = nil, &LocatedError{File: path, Err: fmt.Errorf("%w: %v", ErrUnreadable, r)}
		}
	}()
	wb, err = parseBIFFBudget(data, bud)
	if err != nil {
		return nil, located(err, path, "")
	}
	wb.Path = path
	return wb, nil
}

// parseOldBIFF reads the worksheet of a BIFF2–4 stream whose BOF record,
// bof, was just read from s. The file names no sheet: it is "Sheet 1".
func parseOldBIFF(s *biffStream, bof biffRecord, bud *budget) (*Workbook, error) {
	if len(bof.data) >= 4 && binary.LittleEndian.Uint16(bof.data[2:]) != 0x0010 {
		return nil, unsupported("biff4") // a workbook, chart or macro sheet
	}
	b := &xlsBook{decoder: codePageDecoder(1252)}
	bud.enter("Sheet 1")
	cells := &xlsCells{sh: Sheet{Name: "Sheet 1"}, bud: bud}
	wb := &Workbook{Format: "xls"}
	pendingRow, pendingCol := -1, -1
	for {
		rec, ok := s.next()
		if !ok {
			return nil, fmt.Errorf("%w: 工作表数据%v", ErrUnreadable, errBIFFTruncated)
		}
		switch rec.id {
		case biffString, biff2String, biffContinue, biffArray, biffTable, biff2Array, biff2Table:
		default:
			pendingRow, pendingCol = -1, -1
		}
		if cells.err != nil {
			return nil, located(cells.err, "", cells.sh.Name)
		}
		switch rec.id {
		case biffEOF:
			trimGrid(&cells.sh)
			wb.Sheets = []Sheet{cells.sh}
			return wb, nil
		case biffFilePass:
			return nil, fmt.Errorf("%w: 请在 Excel 或 WPS 中取消密码后再提交", ErrEncrypted)
		case biffCodePage:
			if len(rec.data) >= 2 {
				b.decoder = codePageDecoder(binary.LittleEndian.Uint16(rec.data))
			}
		case biffDateMode:
			wb.Date1904 = len(rec.data) >= 2 && binary.LittleEndian.Uint16(rec.data) == 1
		case biff2String, biffString:
			if pendingRow >= 0 {
				cells.set(pendingRow, pendingCol, b.oldText(rec.data, rec.id == biff2String))
				pendingRow, pendingCol = -1, -1
			}
		default:
			if row, col, ok := b.oldCell(cells, rec); ok {
				pendingRow, pendingCol = row, col
			}
		}
	}
}

// oldCell stores the value of one BIFF2–4 cell record; ok reports a formula
// whose text result follows in a STRING record.
func (b *xlsBook) oldCell(cells *xlsCells, rec biffRecord) (row, col int, ok bool) {
	d := rec.data
	// BIFF2 records (ids below 0x0100) give a cell 3 bytes of attributes,
	// BIFF3 and BIFF4 records a 2-byte format index
	off := 6
	if rec.id < 0x0100 {
		off = 7
	}
	var need int // bytes of the value read here
	switch rec.id {
	case biff2Label:
		need = 1
	case biff2Integer, biffLabel, biff2BoolErr, biffBoolErr:
		need = 2
	case biffRK:
		need = 4
	case biff2Number, biffNumber, biffFormula, biff3Formula, biffFormula4:
		need = 8
	}
	if need == 0 || len(d) < off+need {
		return 0, 0, false
	}
	row, col = xlsRowCol(d)
	v := d[off:]
	switch rec.id {
	case biff2Integer:
		cells.set(row, col, xlsNumber(float64(binary.LittleEndian.Uint16(v))))
	case biff2Number, biffNumber:
		cells.set(row, col, xlsNumber(math.Float64frombits(binary.LittleEndian.Uint64(v))))
	case biffRK:
		cells.set(row, col, xlsRK(binary.LittleEndian.Uint32(v)))
	case biff2Label, biffLabel:
		cells.set(row, col, b.oldText(v, rec.id == biff2Label))
	case biff2BoolErr, biffBoolErr:
		if v[1] != 0 {
			cells.set(row, col, xlsErrorText(v[0]))
			cells.sh.SetFlag(row, col, FlagErrorValue)
		} else {
			cells.set(row, col, xlsBool(v[0]))
		}
	default: // FORMULA: its cached result
		if v[6] != 0xFF || v[7] != 0xFF {
			cells.set(row, col, xlsNumber(math.Float64frombits(binary.LittleEndian.Uint64(v))))
			break
		}
		switch v[0] {
		case 0:
			return row, col, true
		case 1:
			cells.set(row, col, xlsBool(v[2]))
		case 2:
			cells.set(row, col, xlsErrorText(v[2]))
			cells.sh.SetFlag(row, col, FlagErrorValue)
		}
	}
	return 0, 0, false
}

// oldText decodes a string of 8-bit characters in the code page, its length
// in one byte (short) or two before it; a string cut short is read as far
// as it goes.
func (b *xlsBook) oldText(d []byte, short bool) string {
	n, start := 0, 2
	switch {
	case short && len(d) >= 1:
		n, start = int(d[0]), 1
	case !short && len(d) >= 2:
		n = int(binary.LittleEndian.Uint16(d))
	default:
		return ""
	}
	str, _ := b.bytesText(d[start:min(len(d), start+n)])
	return str
}
