package convert

// Legacy .xls (BIFF8, Excel 97-2003, also what WPS writes on 另存为 .xls).
//
// Both pure-Go readers were tried on workbooks converted by LibreOffice and
// neither is usable here, so this file walks the BIFF records itself over the
// compound-file reader github.com/richardlehane/mscfb:
//
//   - github.com/extrame/xls v0.0.1: applies date number formats to plain
//     numbers (4.92 came back as "1901-05-06T00:00:00Z"), returns no value for
//     formula cells, drops cells after a sheet's first rows, ignores merged
//     ranges, and panics (nil row) on an empty sheet.
//   - github.com/shakinm/xlsReader v0.9.12: texts and positive numbers are
//     right, but negative RK numbers come back wrong (-3.5 as 10737414.74),
//     formula cells and booleans are dropped, merged ranges are not read,
//     and truncated input panics on slice bounds.

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/richardlehane/mscfb"
	"golang.org/x/text/encoding"
)

// xlsStreamLimit caps the size of the workbook stream read into memory.
const xlsStreamLimit = 256 << 20

// BIFF record identifiers used by the reader.
const (
	biffFormula     = 0x0006
	biffFormula4    = 0x0406 // FORMULA as BIFF4 numbered it; some writers still do
	biffDateMode    = 0x0022
	biffArray       = 0x0221
	biffTable       = 0x0236
	biffShrFmla     = 0x04BC
	biffEOF         = 0x000A
	biffFilePass    = 0x002F
	biffContinue    = 0x003C
	biffCodePage    = 0x0042
	biffBoundSheet  = 0x0085
	biffMulRK       = 0x00BD
	biffRString     = 0x00D6
	biffMergedCells = 0x00E5
	biffSST         = 0x00FC
	biffLabelSST    = 0x00FD
	biffNumber      = 0x0203
	biffLabel       = 0x0204
	biffBoolErr     = 0x0205
	biffString      = 0x0207
	biffRK          = 0x027E
	biffBOF         = 0x0809
	biffBOF4        = 0x0409
	biffBOF3        = 0x0209
	biffBOF2        = 0x0009
)

// ReadXLS reads every worksheet of a legacy .xls workbook into a Workbook:
// raw values (numbers as the decimal typed, texts as stored, dates as serial
// numbers), merged ranges and formula results. A password-protected workbook,
// and an encrypted .xlsx (which is stored in the same container format),
// give an error wrapping ErrEncrypted.
//
//	wb, err := convert.ReadXLS("乡镇/丰登坞镇.xls")
func ReadXLS(path string) (*Workbook, error) {
	return readFile(path, func(path string, data []byte) (*Workbook, error) {
		return readXLSBytes(path, data, newBudget(path, len(data), Options{}))
	})
}

// readXLSBytes is ReadXLS of the file's bytes, data, within budget bud.
func readXLSBytes(path string, data []byte, bud *budget) (wb *Workbook, err error) {
	defer func() {
		if r := recover(); r != nil {
			wb, err = nil, &LocatedError{File: path, Err: fmt.Errorf("%w: %v", ErrUnreadable, r)}
		}
	}()
	stream, err := xlsWorkbookStream(bytes.NewReader(data))
	if err != nil {
		return nil, &LocatedError{File: path, Err: err}
	}
	return readBIFFBytes(path, stream, bud)
}

// xlsWorkbookStream returns the bytes of the "Workbook" (or BIFF5 "Book")
// stream of an OLE2 compound file: the one in the root storage (an embedded
// object, such as another workbook pasted into a sheet, has its own in a
// storage of its own), names compared without case as the format says.
func xlsWorkbookStream(f io.ReaderAt) ([]byte, error) {
	doc, err := mscfb.New(f)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	var book *mscfb.File
	word := false
	for {
		entry, err := doc.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrUnreadable, err)
		}
		if len(entry.Path) > 0 {
			continue // inside an embedded object's storage
		}
		switch strings.ToLower(entry.Name) {
		case "encryptioninfo", "encryptedpackage":
			return nil, fmt.Errorf("%w: 加密的 Office 文件", ErrEncrypted)
		case "workbook":
			book = entry
		case "book":
			if book == nil || !strings.EqualFold(book.Name, "Workbook") {
				book = entry
			}
		case "worddocument":
			word = true
		}
	}
	if book == nil && word {
		return nil, unsupported("doc")
	}
	if book == nil {
		return nil, fmt.Errorf("%w: 文件中没有 Excel 工作簿（可能是 Word 或其他 OLE 文档）", ErrUnknownFormat)
	}
	if book.Size > xlsStreamLimit {
		return nil, fmt.Errorf("%w: 工作簿数据 %d 字节", ErrTooLarge, book.Size)
	}
	data, err := io.ReadAll(io.LimitReader(book, xlsStreamLimit+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	if len(data) > xlsStreamLimit {
		return nil, fmt.Errorf("%w: 工作簿数据超过 %d 字节", ErrTooLarge, xlsStreamLimit)
	}
	return data, nil
}

// biffRecord is one record of a BIFF stream.
type biffRecord struct {
	id   uint16
	pos  int // offset of the record header in the stream
	data []byte
}

// biffStream reads records sequentially.
type biffStream struct {
	buf []byte
	pos int
}

func (s *biffStream) next() (biffRecord, bool) {
	if s.pos+4 > len(s.buf) {
		return biffRecord{}, false
	}
	id := binary.LittleEndian.Uint16(s.buf[s.pos:])
	n := int(binary.LittleEndian.Uint16(s.buf[s.pos+2:]))
	start := s.pos + 4
	if start+n > len(s.buf) {
		return biffRecord{}, false
	}
	rec := biffRecord{id: id, pos: s.pos, data: s.buf[start : start+n]}
	s.pos = start + n
	return rec, true
}

// continued returns first with the data of the CONTINUE records that follow;
// ok is false when one of them is cut short by the end of the stream.
func (s *biffStream) continued(first []byte) (segs [][]byte, ok bool) {
	segs = [][]byte{first}
	for s.peek() == biffContinue {
		c, ok := s.next()
		if !ok {
			return segs, false
		}
		segs = append(segs, c.data)
	}
	return segs, true
}

// peek returns the id of the next record, or 0 at the end.
func (s *biffStream) peek() uint16 {
	if s.pos+4 > len(s.buf) {
		return 0
	}
	return binary.LittleEndian.Uint16(s.buf[s.pos:])
}

type xlsBoundSheet struct {
	name string
	raw  []byte // a BIFF5 name, decoded when the code page is known
	pos  int
}

type xlsBook struct {
	biff8    bool
	decoder  *encoding.Decoder // 8-bit strings of BIFF5 files
	sst      []string
	sheets   []xlsBoundSheet
	bud      *budget
	date1904 bool
}

var errBIFFTruncated = errors.New("记录被截断")

// parseBIFFBudget reads the workbook stream of an .xls, or a whole Excel
// 2.0–4.0 worksheet file, within the reading budget bud.
func parseBIFFBudget(stream []byte, bud *budget) (*Workbook, error) {
	s := &biffStream{buf: stream}
	bof, ok := s.next()
	if !ok || (bof.id != biffBOF && bof.id != biffBOF4 && bof.id != biffBOF3 && bof.id != biffBOF2) || len(bof.data) < 4 {
		return nil, fmt.Errorf("%w: 不是有效的 Excel 工作簿数据", ErrUnreadable)
	}
	if bof.id != biffBOF {
		return parseOldBIFF(s, bof, bud)
	}
	book := &xlsBook{biff8: binary.LittleEndian.Uint16(bof.data) == 0x0600, bud: bud}
	book.decoder = codePageDecoder(1252)
	if err := book.readGlobals(s); err != nil {
		return nil, err
	}
	wb := &Workbook{Format: "xls", Date1904: book.date1904}
	for _, bs := range book.sheets {
		bud.enter(bs.name)
		sh, err := book.readSheet(stream, bs)
		if err != nil {
			return nil, located(err, "", bs.name)
		}
		wb.Sheets = append(wb.Sheets, sh)
	}
	uniqueSheetNames(wb)
	return wb, nil
}

func (b *xlsBook) readGlobals(s *biffStream) error {
	for {
		rec, ok := s.next()
		if !ok {
			return fmt.Errorf("%w: 工作簿全局数据%v", ErrUnreadable, errBIFFTruncated)
		}
		switch rec.id {
		case biffEOF:
			for i := range b.sheets {
				if bs := &b.sheets[i]; bs.raw != nil {
					bs.name, _ = b.bytesText(bs.raw)
				}
			}
			return nil
		case biffDateMode:
			b.date1904 = len(rec.data) >= 2 && binary.LittleEndian.Uint16(rec.data) == 1
		case biffFilePass:
			return fmt.Errorf("%w: 请在 Excel 或 WPS 中取消密码后再提交", ErrEncrypted)
		case biffCodePage:
			if len(rec.data) >= 2 {
				b.decoder = codePageDecoder(binary.LittleEndian.Uint16(rec.data))
			}
		case biffBoundSheet:
			if err := b.addBoundSheet(rec.data); err != nil {
				return err
			}
		case biffSST:
			segs, ok := s.continued(rec.data)
			if !ok {
				return fmt.Errorf("%w: 共享字符串表%v", ErrUnreadable, errBIFFTruncated)
			}
			if err := b.readSST(segs); err != nil {
				return err
			}
		}
	}
}

func (b *xlsBook) addBoundSheet(d []byte) error {
	if len(d) < 8 {
		return fmt.Errorf("%w: 工作表目录%v", ErrUnreadable, errBIFFTruncated)
	}
	pos := int(binary.LittleEndian.Uint32(d))
	kind := d[5] // 0 worksheet, 1 macro sheet, 2 chart, 6 VBA module
	r := &biffReader{segs: [][]byte{d[6:]}}
	var name string
	var raw []byte
	var err error
	if b.biff8 {
		n := int(r.u8())
		name, err = r.chars(n)
	} else {
		n := int(r.u8())
		raw = r.bytes(n)
	}
	if err != nil || r.err != nil {
		return fmt.Errorf("%w: 工作表名称%v", ErrUnreadable, errBIFFTruncated)
	}
	if kind == 0 {
		b.sheets = append(b.sheets, xlsBoundSheet{name: name, raw: raw, pos: pos})
	}
	return nil
}

func (b *xlsBook) bytesText(p []byte) (string, error) {
	out, err := b.decoder.Bytes(p)
	if err != nil {
		return string(p), nil
	}
	return string(out), nil
}

// readSST reads the shared string table from the SST record and its
// CONTINUE records.
func (b *xlsBook) readSST(segs [][]byte) error {
	r := &biffReader{segs: segs}
	r.u32() // total references
	n := int(r.u32())
	if r.err != nil {
		return fmt.Errorf("%w: 共享字符串表%v", ErrUnreadable, errBIFFTruncated)
	}
	if n > 1<<22 {
		n = 1 << 22
	}
	b.sst = make([]string, 0, min(n, 1<<16))
	for i := 0; i < n; i++ {
		str, err := r.unicodeString(int(r.u16()))
		if err != nil || r.err != nil {
			return fmt.Errorf("%w: 共享字符串表第 %d 项%v", ErrUnreadable, i+1, errBIFFTruncated)
		}
		b.sst = append(b.sst, str)
	}
	return nil
}

// xlsCells collects the cells of one sheet within the file's budget; err
// is the budget's error, after which nothing more is stored.
type xlsCells struct {
	sh  Sheet
	bud *budget
	err error
}

func (c *xlsCells) set(row, col int, v string) {
	if c.err != nil {
		return
	}
	if c.err = c.bud.cell(row, col, len(v)); c.err != nil {
		return
	}
	for len(c.sh.Rows) <= row {
		c.sh.Rows = append(c.sh.Rows, nil)
	}
	r := c.sh.Rows[row]
	for len(r) <= col {
		r = append(r, "")
	}
	r[col] = v
	c.sh.Rows[row] = r
}

func (b *xlsBook) readSheet(stream []byte, bs xlsBoundSheet) (Sheet, error) {
	cells := &xlsCells{sh: Sheet{Name: bs.name}, bud: b.bud}
	if bs.pos < 0 || bs.pos >= len(stream) {
		return cells.sh, fmt.Errorf("%w: 工作表位置超出文件", ErrUnreadable)
	}
	s := &biffStream{buf: stream, pos: bs.pos}
	bof, ok := s.next()
	if !ok || bof.id != biffBOF {
		return cells.sh, fmt.Errorf("%w: 工作表数据起始标记缺失", ErrUnreadable)
	}
	depth := 1
	// A FORMULA whose result is a string is followed by a STRING record.
	pendingRow, pendingCol := -1, -1
	for depth > 0 {
		if cells.err != nil {
			return cells.sh, cells.err
		}
		rec, ok := s.next()
		if !ok {
			return cells.sh, fmt.Errorf("%w: 工作表数据%v", ErrUnreadable, errBIFFTruncated)
		}
		d := rec.data
		if rec.id == biffBOF {
			depth++ // an embedded chart substream
			continue
		}
		if rec.id == biffEOF {
			depth--
			continue
		}
		if depth > 1 {
			continue
		}
		switch rec.id {
		case biffString, biffContinue, biffShrFmla, biffArray, biffTable:
			// the formula of a filled-down or array range stands between
			// a FORMULA and its STRING
		default:
			pendingRow, pendingCol = -1, -1
		}
		switch rec.id {
		case biffLabelSST:
			if len(d) < 10 {
				return cells.sh, b.truncated(rec)
			}
			row, col := xlsRowCol(d)
			idx := int(binary.LittleEndian.Uint32(d[6:]))
			if idx < len(b.sst) {
				cells.set(row, col, b.sst[idx])
			}
		case biffLabel, biffRString:
			if len(d) < 8 {
				return cells.sh, b.truncated(rec)
			}
			row, col := xlsRowCol(d)
			str, err := b.cellString(&biffReader{segs: [][]byte{d[6:]}})
			if err != nil {
				return cells.sh, b.truncated(rec)
			}
			cells.set(row, col, str)
		case biffNumber:
			if len(d) < 14 {
				return cells.sh, b.truncated(rec)
			}
			row, col := xlsRowCol(d)
			cells.set(row, col, xlsNumber(math.Float64frombits(binary.LittleEndian.Uint64(d[6:]))))
		case biffRK:
			if len(d) < 10 {
				return cells.sh, b.truncated(rec)
			}
			row, col := xlsRowCol(d)
			cells.set(row, col, xlsRK(binary.LittleEndian.Uint32(d[6:])))
		case biffMulRK:
			if len(d) < 6 {
				return cells.sh, b.truncated(rec)
			}
			row, col := xlsRowCol(d)
			for i := 4; i+6 <= len(d)-2; i += 6 {
				cells.set(row, col, xlsRK(binary.LittleEndian.Uint32(d[i+2:])))
				col++
			}
		case biffBoolErr:
			if len(d) < 8 {
				return cells.sh, b.truncated(rec)
			}
			row, col := xlsRowCol(d)
			if d[7] != 0 {
				cells.set(row, col, xlsErrorText(d[6]))
				cells.sh.SetFlag(row, col, FlagErrorValue)
			} else {
				cells.set(row, col, xlsBool(d[6]))
			}
		case biffFormula, biffFormula4:
			if len(d) < 20 {
				return cells.sh, b.truncated(rec)
			}
			row, col := xlsRowCol(d)
			res := d[6:14]
			if res[6] == 0xFF && res[7] == 0xFF {
				switch res[0] {
				case 0: // string, in the STRING record that follows
					pendingRow, pendingCol = row, col
				case 1:
					cells.set(row, col, xlsBool(res[2]))
				case 2:
					cells.set(row, col, xlsErrorText(res[2]))
					cells.sh.SetFlag(row, col, FlagErrorValue)
				case 3: // empty string
				}
			} else {
				cells.set(row, col, xlsNumber(math.Float64frombits(binary.LittleEndian.Uint64(res))))
			}
		case biffString:
			if pendingRow < 0 {
				continue
			}
			segs, ok := s.continued(d)
			if !ok {
				return cells.sh, b.truncated(rec)
			}
			str, err := b.cellString(&biffReader{segs: segs})
			if err != nil {
				return cells.sh, b.truncated(rec)
			}
			cells.set(pendingRow, pendingCol, str)
			pendingRow, pendingCol = -1, -1
		case biffMergedCells:
			r := &biffReader{segs: [][]byte{d}}
			n := int(r.u16())
			for i := 0; i < n; i++ {
				top, bottom, left, right := int(r.u16()), int(r.u16()), int(r.u16()), int(r.u16())
				if r.err != nil {
					return cells.sh, b.truncated(rec)
				}
				if bottom < top || right < left || (bottom == top && right == left) {
					continue
				}
				cells.sh.Merges = append(cells.sh.Merges, Merge{Top: top, Left: left, Bottom: bottom, Right: right})
			}
		}
	}
	if cells.err != nil {
		return cells.sh, cells.err
	}
	trimGrid(&cells.sh)
	return cells.sh, nil
}

func (b *xlsBook) truncated(rec biffRecord) error {
	return fmt.Errorf("%w: 偏移 %d 处的记录 0x%04X %v", ErrUnreadable, rec.pos, rec.id, errBIFFTruncated)
}

// cellString reads a string with a 16-bit length, as LABEL and STRING
// records hold it: UTF-16 or Latin-1 in BIFF8, the code page in BIFF5.
func (b *xlsBook) cellString(r *biffReader) (string, error) {
	n := int(r.u16())
	var str string
	var err error
	if b.biff8 {
		str, err = r.unicodeString(n)
	} else {
		str, err = b.bytesText(r.bytes(n))
	}
	if err == nil && r.err != nil {
		err = r.err
	}
	return str, err
}
