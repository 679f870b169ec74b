package convert

import (
	"encoding/binary"
	"math"
	"slices"
	"unicode/utf16"
)

// Writers of minimal BIFF workbooks and OLE2 compound files for the tests:
// each regression case builds the few records it is about.

// biffSheet is one worksheet of a built workbook: its name (raw bytes in the
// code page for BIFF5) and its cell records.
type biffSheet struct {
	name    string
	rawName []byte // BIFF5: the name's bytes as stored; name is then unused
	records [][]byte
}

// biffWorkbook builds a workbook stream: BIFF8 when version is 0x0600, BIFF5
// when 0x0500. globals are the records between the BOF and the BOUNDSHEETs.
func biffWorkbook(version uint16, globals [][]byte, sheets ...biffSheet) []byte {
	bof := func(kind uint16) []byte {
		d := make([]byte, 16)
		binary.LittleEndian.PutUint16(d, version)
		binary.LittleEndian.PutUint16(d[2:], kind)
		return biffRec(biffBOF, d)
	}
	boundSheet := func(pos int, sh biffSheet) []byte {
		d := binary.LittleEndian.AppendUint32(nil, uint32(pos))
		d = append(d, 0, 0)
		if version == 0x0600 {
			u := utf16.Encode([]rune(sh.name))
			d = append(d, byte(len(u)), 1)
			for _, c := range u {
				d = binary.LittleEndian.AppendUint16(d, c)
			}
		} else {
			d = append(d, byte(len(sh.rawName)))
			d = append(d, sh.rawName...)
		}
		return biffRec(biffBoundSheet, d)
	}
	// the globals' length does not depend on the offsets written in them
	size := len(bof(5)) + len(slices.Concat(globals...)) + len(biffRec(biffEOF, nil))
	for _, sh := range sheets {
		size += len(boundSheet(0, sh))
	}
	out := bof(5)
	out = append(out, slices.Concat(globals...)...)
	pos := size
	var bodies []byte
	for _, sh := range sheets {
		out = append(out, boundSheet(pos, sh)...)
		body := slices.Concat(bof(0x10), slices.Concat(sh.records...), biffRec(biffEOF, nil))
		bodies = append(bodies, body...)
		pos += len(body)
	}
	out = append(out, biffRec(biffEOF, nil)...)
	return append(out, bodies...)
}

// biffCell starts a cell record's data: row, column and format index 15.
func biffCell(row, col uint16) []byte {
	d := binary.LittleEndian.AppendUint16(nil, row)
	d = binary.LittleEndian.AppendUint16(d, col)
	return binary.LittleEndian.AppendUint16(d, 15)
}

// biffLabel8 is a BIFF8 LABEL record of UTF-16 text.
func biffLabel8(row, col uint16, s string) []byte {
	u := utf16.Encode([]rune(s))
	d := binary.LittleEndian.AppendUint16(biffCell(row, col), uint16(len(u)))
	d = append(d, 1)
	for _, c := range u {
		d = binary.LittleEndian.AppendUint16(d, c)
	}
	return biffRec(biffLabel, d)
}

// biffLabel5 is a BIFF5 LABEL record of bytes in the workbook's code page.
func biffLabel5(row, col uint16, raw []byte) []byte {
	d := binary.LittleEndian.AppendUint16(biffCell(row, col), uint16(len(raw)))
	return biffRec(biffLabel, append(d, raw...))
}

// biffNumberRec is a NUMBER record.
func biffNumberRec(row, col uint16, v float64) []byte {
	return biffRec(biffNumber, binary.LittleEndian.AppendUint64(biffCell(row, col), math.Float64bits(v)))
}

// biffFormulaRec is a FORMULA record (id biffFormula or biffFormula4) whose
// result is the 8 bytes res, with no formula tokens.
func biffFormulaRec(id, row, col uint16, res []byte) []byte {
	d := append(biffCell(row, col), res...)
	return biffRec(id, append(d, make([]byte, 6)...))
}

// biffStringResult is the result field of a formula whose text follows in a STRING record.
var biffStringResult = []byte{0, 0, 0, 0, 0, 0, 0xFF, 0xFF}

// biffString8 is a BIFF8 STRING record (a formula's text result).
func biffString8(s string) []byte {
	u := utf16.Encode([]rune(s))
	d := binary.LittleEndian.AppendUint16(nil, uint16(len(u)))
	d = append(d, 1)
	for _, c := range u {
		d = binary.LittleEndian.AppendUint16(d, c)
	}
	return biffRec(biffString, d)
}

// u16Rec is a record holding one 16-bit value (CODEPAGE, DATEMODE).
func u16Rec(id, v uint16) []byte { return biffRec(id, binary.LittleEndian.AppendUint16(nil, v)) }

// cfbNode is an entry of a built compound file: a stream with data, or a
// storage with children.
type cfbNode struct {
	name     string
	data     []byte
	children []cfbNode
}

// cfbFile builds an OLE2 compound file (version 3, 512-byte sectors) holding
// nodes in its root storage, siblings chained in the order given. Streams
// are padded with zeros to 4096 bytes so none lives in the mini stream.
func cfbFile(nodes []cfbNode) []byte {
	const sector, free, end, fatSect = 512, 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
	type entry struct {
		name               string
		typ                byte
		left, right, child uint32
		start              uint32
		size               uint64
		data               []byte
	}
	entries := []entry{{name: "Root Entry", typ: 5, left: free, right: free, child: free, start: end}}
	var add func(list []cfbNode) uint32
	add = func(list []cfbNode) uint32 {
		first := uint32(free)
		prev := -1
		for _, n := range list {
			i := len(entries)
			e := entry{name: n.name, typ: 2, left: free, right: free, child: free, start: end}
			if n.data == nil {
				e.typ = 1
			} else {
				e.data = append(slices.Clone(n.data), make([]byte, max(0, 4096-len(n.data)))...)
				e.size = uint64(len(e.data))
			}
			entries = append(entries, e)
			if n.data == nil {
				c := add(n.children)
				entries[i].child = c
			}
			if prev < 0 {
				first = uint32(i)
			} else {
				entries[prev].right = uint32(i)
			}
			prev = i
		}
		return first
	}
	entries[0].child = add(nodes)
	dirSectors := (len(entries)*128 + sector - 1) / sector
	dataSectors := 0
	for _, e := range entries {
		dataSectors += (len(e.data) + sector - 1) / sector
	}
	fatSectors := 1
	for (fatSectors+dirSectors+dataSectors+127)/128 > fatSectors {
		fatSectors++
	}
	fat := make([]uint32, fatSectors*128)
	for i := range fat {
		fat[i] = free
	}
	next := 0
	chain := func(n int) uint32 {
		start := next
		for k := 0; k < n; k++ {
			fat[next] = uint32(next + 1)
			next++
		}
		fat[next-1] = end
		return uint32(start)
	}
	for k := 0; k < fatSectors; k++ {
		fat[next] = fatSect
		next++
	}
	dirStart := chain(dirSectors)
	var body []byte
	for i := range entries {
		if n := (len(entries[i].data) + sector - 1) / sector; n > 0 {
			entries[i].start = chain(n)
			d := entries[i].data
			body = append(body, d...)
			body = append(body, make([]byte, n*sector-len(d))...)
		}
	}
	head := make([]byte, sector)
	copy(head, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	le := binary.LittleEndian
	le.PutUint16(head[24:], 0x3E)
	le.PutUint16(head[26:], 3)
	le.PutUint16(head[28:], 0xFFFE)
	le.PutUint16(head[30:], 9)
	le.PutUint16(head[32:], 6)
	le.PutUint32(head[44:], uint32(fatSectors))
	le.PutUint32(head[48:], dirStart)
	le.PutUint32(head[56:], 4096)
	le.PutUint32(head[60:], end)
	le.PutUint32(head[68:], end)
	for k := 0; k < 109; k++ {
		v := uint32(free)
		if k < fatSectors {
			v = uint32(k)
		}
		le.PutUint32(head[76+4*k:], v)
	}
	out := head
	for _, v := range fat {
		out = le.AppendUint32(out, v)
	}
	dir := make([]byte, dirSectors*sector)
	for i, e := range entries {
		d := dir[i*128 : (i+1)*128]
		u := utf16.Encode([]rune(e.name))
		for k, c := range u {
			le.PutUint16(d[2*k:], c)
		}
		le.PutUint16(d[64:], uint16(2*len(u)+2))
		d[66], d[67] = e.typ, 1
		le.PutUint32(d[68:], e.left)
		le.PutUint32(d[72:], e.right)
		le.PutUint32(d[76:], e.child)
		le.PutUint32(d[116:], e.start)
		le.PutUint64(d[120:], e.size)
	}
	for i := len(entries); i < dirSectors*4; i++ {
		d := dir[i*128 : (i+1)*128]
		le.PutUint32(d[68:], free)
		le.PutUint32(d[72:], free)
		le.PutUint32(d[76:], free)
	}
	out = append(out, dir...)
	return append(out, body...)
}
