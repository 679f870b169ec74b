package convert

import "bytes"

// This file reads one worksheet part in a single pass: the cells as
// excelize's row iterator returns them with RawCellValue, the flags as
// flagCells sets them, and the merged ranges as partMerges reads them. The
// rules that follow excelize are noted where they are applied; a part where
// excelize's iterator would do something irregular (rows out of order, a
// cell reference naming another row, unknown elements inside a cell, …)
// is not handled, so excelize reads it.

// nsSpreadsheet is the transitional SpreadsheetML namespace.
const nsSpreadsheet = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

// Limits excelize applies to cell references (TotalRows, MaxColumns).
const (
	xlsxMaxRows = 1048576
	xlsxMaxCols = 16384
)

// fastCell is one cell the row iterator returns: its text is sst when
// fromSST, else arena[off:end] of the sheet.
type fastCell struct {
	col      int
	off, end int
	sst      string
	fromSST  bool
}

// fastRow is a row with at least one cell, cells[first:last].
type fastRow struct{ num, first, last int }

// sheetScan holds the state of reading one worksheet part; its buffers are
// reused from sheet to sheet.
type sheetScan struct {
	x       xmlScanner
	book    *fastBook
	arena   []byte
	cells   []fastCell
	rows    []fastRow
	lastRow int
	merged  bool
	merges  []Merge
	flags   map[CellPos]CellFlag
	scratch []byte
	// bud is the file's reading budget; err, when set, is its error (or a
	// cancellation), which ends reading the file rather than handing it to
	// excelize.
	bud *budget
	err error
}

// readSheet reads the worksheet part data into a Sheet; ok is false when
// the part is not handled, and sc.x.why tells why.
//
//	sh, ok := b.scan.readSheet("项目", data)
func (sc *sheetScan) readSheet(name string, data []byte) (Sheet, bool) {
	sc.x.reset(data)
	sc.arena, sc.cells, sc.rows = sc.arena[:0], sc.cells[:0], sc.rows[:0]
	sc.lastRow, sc.merged, sc.merges, sc.flags = 0, false, sc.merges[:0], nil
	if !sc.worksheet() {
		return Sheet{}, false
	}
	// partMerges starts at the first "<mergeCells" in the bytes; only a
	// CDATA section could hold one before the element found here.
	if sc.x.sawCDATA && !sc.merged && mergeCellsStart(data) >= 0 {
		sc.x.fail("mergeCells text in a CDATA section")
		return Sheet{}, false
	}
	// The empty rows above the last one are slots of the grid too.
	if sc.err = sc.bud.height(sc.lastRow); sc.err != nil {
		return Sheet{}, false
	}
	// flagCells looks at a part only when markerIn finds a marker in it.
	if sc.flags != nil && !markerIn(data) {
		sc.flags = nil
	}
	return sc.sheet(name), true
}

func (sc *sheetScan) worksheet() bool {
	x := &sc.x
	if x.next() != xmlStart || !x.rootIn(nsSpreadsheet) {
		return x.refuse("not a SpreadsheetML part")
	}
	sheetData := false
	for {
		switch x.next() {
		case xmlEOF:
			return x.why == ""
		case xmlStart:
			switch {
			case x.is("sheetData") && x.depth() == 2 && !sheetData:
				sheetData = true
				if !sc.sheetData() {
					return false
				}
			case x.is("mergeCells") && !sc.merged:
				if !sc.mergeCells(x.at) {
					return false
				}
			case rowTag(x.local):
				return x.refuse("row or cell outside sheetData")
			}
		}
	}
}

// rowTag reports the names excelize's iterator and flagCells react to
// wherever they appear.
func rowTag(local []byte) bool {
	switch string(local) {
	case "row", "c", "sheetData":
		return true
	}
	return false
}

func (sc *sheetScan) sheetData() bool {
	return sc.x.children("row", "sheetData", sc.row)
}

// row reads one <row>. Rows must be numbered upwards; a row without r is
// the one after the previous row.
func (sc *sheetScan) row() bool {
	x := &sc.x
	num := sc.lastRow + 1
	if v, n := sc.attr("r"); n > 1 {
		return x.refuse("repeated attribute")
	} else if n == 1 {
		r, ok := atoiStrict(v)
		if !ok || r <= sc.lastRow || r > xlsxMaxRows {
			return x.refuse("unusual row number")
		}
		num = r
	}
	sc.lastRow = num
	// excelize reads the shared strings as soon as it reads a row.
	if !sc.book.loadSST() {
		return x.refuse("shared strings not handled")
	}
	first, col, arenaAt := len(sc.cells), 0, len(sc.arena)
	for {
		switch x.next() {
		case xmlEOF:
			return false
		case xmlEnd:
			if len(sc.cells) > first {
				sc.rows = append(sc.rows, fastRow{num, first, len(sc.cells)})
				last := sc.cells[len(sc.cells)-1].col
				if sc.err = sc.bud.rowCells(num-1, last-1, len(sc.cells)-first, len(sc.arena)-arenaAt); sc.err != nil {
					return x.refuse("reading budget")
				}
			}
			return true
		case xmlStart:
			if !x.is("c") {
				return x.refuse("unexpected element in a row")
			}
			if !sc.cell(num, &col) {
				return false
			}
		}
	}
}

// cell reads one <c> of row num; col is the previous cell's column.
func (sc *sheetScan) cell(num int, col *int) bool {
	x := &sc.x
	ref, nr := sc.attr("r")
	typ, nt := sc.attr("t")
	style, ns := sc.attr("s")
	if nr > 1 || nt > 1 || ns > 1 {
		return x.refuse("repeated attribute")
	}
	if ns == 1 && !int64Plain(style) {
		return x.refuse("unusual style index")
	}
	c := *col + 1
	if len(ref) > 0 {
		cc, rr, ok := cellRef(ref)
		if !ok || rr != num || cc <= *col {
			return x.refuse("unusual cell reference")
		}
		c = cc
	}
	*col = c
	mark := len(sc.arena)
	vOff, vEnd, isOff, isEnd := mark, mark, mark, mark
	var hasV, hasF, hasIS, vNonSpace bool
	vLen := 0
	for done := false; !done; {
		switch x.next() {
		case xmlEOF:
			return false
		case xmlEnd:
			done = true
		case xmlStart:
			switch {
			case x.is("v") && !hasV:
				hasV, vOff = true, len(sc.arena)
				for end := false; !end; {
					switch x.next() {
					case xmlEOF:
						return false
					case xmlStart:
						return x.refuse("element inside <v>")
					case xmlEnd:
						end = true
					case xmlText:
						at := len(sc.arena)
						sc.arena = x.appendText(sc.arena)
						// flagCells keeps the value's text while under 64 bytes.
						if vLen < 64 {
							vLen += len(sc.arena) - at
							vNonSpace = vNonSpace || len(bytes.TrimSpace(sc.arena[at:])) > 0
						}
					}
				}
				vEnd = len(sc.arena)
			case x.is("f") && !hasF:
				hasF = true
				if !sc.formulaAttrsOK() {
					return x.refuse("formula attribute excelize refuses")
				}
				if _, ok := x.textOnly(nil); !ok {
					return false
				}
			case x.is("is") && !hasIS:
				hasIS, isOff = true, len(sc.arena)
				var ok bool
				if sc.arena, ok = readSI(x, sc.arena, &sc.scratch); !ok {
					return false
				}
				isEnd = len(sc.arena)
			default:
				return x.refuse("unexpected element in a cell")
			}
		}
	}
	switch {
	case string(typ) == "e":
		sc.setFlag(num-1, c-1, FlagErrorValue)
	case hasF && (!hasV || string(typ) != "str" && !vNonSpace):
		sc.setFlag(num-1, c-1, FlagFormulaNoValue)
	}
	// The value as excelize's getValueFrom gives it with RawCellValue.
	cell := fastCell{col: c, off: vOff, end: vEnd}
	switch string(typ) {
	case "s":
		if vEnd > vOff {
			if i := sstIndex(sc.arena[vOff:vEnd]); i >= 0 && i < len(sc.book.sst) {
				cell.sst, cell.fromSST = sc.book.sst[i], true
			}
		}
		sc.arena = sc.arena[:mark]
		cell.off, cell.end = mark, mark
	case "inlineStr":
		if hasIS {
			cell.off, cell.end = isOff, isEnd
		}
	}
	if cell.end > cell.off || cell.fromSST && cell.sst != "" || hasF {
		sc.cells = append(sc.cells, cell)
	} else {
		sc.arena = sc.arena[:mark]
	}
	return true
}

func (sc *sheetScan) setFlag(r, c int, f CellFlag) {
	if sc.flags == nil {
		sc.flags = map[CellPos]CellFlag{}
	}
	sc.flags[CellPos{r, c}] = f
}

// attr returns the decoded value of the current tag's attribute with the
// given local name (whatever its prefix, as excelize matches them) and how
// many there are.
func (sc *sheetScan) attr(local string) ([]byte, int) {
	var v []byte
	n := 0
	for i := range sc.x.attrs {
		a := &sc.x.attrs[i]
		if string(a.local) == local {
			n++
			v = a.value()
		}
	}
	return v, n
}

// formulaAttrsOK reports whether excelize decodes the current <f> tag's
// attributes without error (its boolean and integer fields).
func (sc *sheetScan) formulaAttrsOK() bool {
	for i := range sc.x.attrs {
		a := &sc.x.attrs[i]
		v := a.value()
		switch string(a.local) {
		case "aca", "dt2D", "dtr", "del1", "del2", "ca", "bx":
			if !xmlBoolOK(v) {
				return false
			}
		case "si":
			if !xmlIntOK(v) {
				return false
			}
		}
	}
	return true
}

// mergeCells reads the first <mergeCells> element as partMerges does: the
// "A1:B2" refs of its <mergeCell> children, which must be distinct and not
// overlap (else excelize reads the ranges).
func (sc *sheetScan) mergeCells(at int) bool {
	x := &sc.x
	sc.merged = true
	if x.sawCDATA && mergeCellsStart(x.data) != at {
		return x.refuse("mergeCells text in a CDATA section")
	}
	depth := x.depth()
	for {
		switch x.next() {
		case xmlEOF:
			return false
		case xmlEnd:
			if x.depth() < depth {
				if !overlaps(sc.merges) {
					return true
				}
				if len(sc.merges) > maxQuickMerges {
					sc.err = errManyOverlaps
				}
				return x.refuse("overlapping merged ranges")
			}
		case xmlStart:
			if rowTag(x.local) {
				return x.refuse("row or cell outside sheetData")
			}
			if x.depth() != depth+1 || !x.is("mergeCell") {
				continue
			}
			var ref []byte
			for i := range x.attrs {
				if string(x.attrs[i].local) == "ref" {
					ref = x.attrs[i].value()
					break
				}
			}
			m, ok := mergeRefBytes(ref)
			if !ok {
				return x.refuse("merged ranges excelize must read")
			}
			sc.merges = append(sc.merges, m)
		}
	}
}

// sheet builds the Sheet: one backing array for all rows, each row capped
// so appending to it cannot overwrite the next. Each text is a string of
// its own, never a slice of one string for the whole sheet: a caller that
// keeps a township's name must not keep the whole sheet alive with it.
func (sc *sheetScan) sheet(name string) Sheet {
	sh := Sheet{Name: name, Flags: sc.flags}
	if len(sc.merges) > 0 {
		sh.Merges = append([]Merge(nil), sc.merges...)
	}
	if sc.lastRow == 0 {
		return sh
	}
	total := 0
	for _, r := range sc.rows {
		total += sc.cells[r.last-1].col
	}
	backing := make([]string, total)
	sh.Rows = make([][]string, sc.lastRow)
	p := 0
	for _, r := range sc.rows {
		width := sc.cells[r.last-1].col
		row := backing[p : p+width : p+width]
		for _, c := range sc.cells[r.first:r.last] {
			if c.fromSST {
				row[c.col-1] = c.sst
			} else {
				row[c.col-1] = string(sc.arena[c.off:c.end])
			}
		}
		sh.Rows[r.num-1] = row
		p += width
	}
	return sh
}

// mergeRefBytes is mergeRef on bytes.
func mergeRefBytes(ref []byte) (Merge, bool) {
	a, b, found := bytes.Cut(ref, []byte(":"))
	if !found || bytes.IndexByte(b, ':') >= 0 {
		return Merge{}, false
	}
	c1, r1, ok1 := cellRef(a)
	c2, r2, ok2 := cellRef(b)
	if !ok1 || !ok2 {
		return Merge{}, false
	}
	return Merge{Top: min(r1, r2) - 1, Left: min(c1, c2) - 1, Bottom: max(r1, r2) - 1, Right: max(c1, c2) - 1}, true
}

// readSI appends the text of a shared string item (<si>, or a cell's <is>)
// to dst as excelize's xlsxSI.String gives it: the <t> text, then each rich
// text run's <t>, phonetic runs left out, _xHHHH_ escapes resolved. ok is
// false when excelize would fail to decode the item or the item holds
// elements excelize does not know there.
//
//	dst, ok = readSI(x, dst, &scratch) // x just read <si>
func readSI(x *xmlScanner, dst []byte, scratch *[]byte) ([]byte, bool) {
	start := len(dst)
	tOff, tEnd, runs := -1, -1, false
	for {
		switch x.next() {
		case xmlEOF:
			return dst, false
		case xmlEnd:
			if tOff >= 0 && tOff > start {
				// <t> came after a run; it still goes first.
				t := append((*scratch)[:0], dst[tOff:tEnd]...)
				*scratch = t
				copy(dst[start+len(t):tEnd], dst[start:tOff])
				copy(dst[start:], t)
			}
			text, ok := bstrDecode(dst[start:])
			if !ok {
				x.fail("escaped surrogate pair")
			}
			return dst[:start+len(text)], ok
		case xmlStart:
			var ok bool
			switch {
			case x.is("t") && tOff < 0:
				tOff = len(dst)
				dst, ok = x.textOnly(dst)
				tEnd = len(dst)
				if !runs {
					tOff = start // nothing to move
				}
			case x.is("r"):
				runs = true
				dst, ok = readRun(x, dst)
			case x.is("rPh"):
				ok = attrsOK(x, "sb", xmlUint32OK, "eb", xmlUint32OK) && readPhonetic(x)
			case x.is("phoneticPr"):
				ok = attrsOK(x, "fontId", xmlIntOK, "", nil) && x.skip(anyElement)
			default:
				x.fail("unexpected element in a string item")
			}
			if !ok {
				return dst, false
			}
		}
	}
}

// readRun appends the text of one rich text run.
func readRun(x *xmlScanner, dst []byte) ([]byte, bool) {
	sawT := false
	for {
		switch x.next() {
		case xmlEOF:
			return dst, false
		case xmlEnd:
			return dst, true
		case xmlStart:
			var ok bool
			switch {
			case x.is("t") && !sawT:
				sawT = true
				dst, ok = x.textOnly(dst)
			case x.is("rPr"):
				ok = readRunProps(x)
			default:
				x.fail("unexpected element in a text run")
			}
			if !ok {
				return dst, false
			}
		}
	}
}

// readRunProps checks a run's <rPr>: excelize decodes its children into
// typed fields and fails on a value that does not parse.
func readRunProps(x *xmlScanner) bool {
	for {
		switch x.next() {
		case xmlEOF:
			return false
		case xmlEnd:
			return true
		case xmlStart:
			ok := true
			switch string(x.local) {
			case "rFont", "u", "vertAlign", "scheme":
			case "charset", "family":
				ok = attrsOK(x, "val", xmlIntOK, "", nil)
			case "sz":
				ok = attrsOK(x, "val", xmlFloatOK, "", nil)
			case "b", "i", "strike", "outline", "shadow", "condense", "extend":
				// attrValBool.UnmarshalXML: the first val, untrimmed.
				for i := range x.attrs {
					if string(x.attrs[i].local) == "val" {
						v := x.attrs[i].value()
						ok = len(v) == 0 || xmlBoolOK(v) && string(bytes.TrimSpace(v)) == string(v)
						break
					}
				}
			case "color":
				ok = attrsOK(x, "auto", xmlBoolOK, "tint", xmlFloatOK) &&
					attrsOK(x, "indexed", xmlIntOK, "theme", xmlIntOK)
			default:
				x.fail("unexpected element in run properties")
				return false
			}
			if !ok || !x.skip(anyElement) {
				return x.refuse("run property excelize refuses")
			}
		}
	}
}

// readPhonetic skips a phonetic run (<rPh><t>…</t></rPh>).
func readPhonetic(x *xmlScanner) bool {
	return x.children("t", "a phonetic run", func() bool {
		_, ok := x.textOnly(nil)
		return ok
	})
}

func anyElement([]byte) bool { return true }

// attrsOK checks every attribute of the current tag named a or b (any
// prefix, as encoding/xml matches struct fields) with its parser.
func attrsOK(x *xmlScanner, a string, okA func([]byte) bool, b string, okB func([]byte) bool) bool {
	for i := range x.attrs {
		at := &x.attrs[i]
		switch string(at.local) {
		case a:
			if !okA(at.value()) {
				return false
			}
		case b:
			if okB != nil && !okB(at.value()) {
				return false
			}
		}
	}
	return true
}
