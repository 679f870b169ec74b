package convert

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
)

// The fast .xlsx reader opens the package with archive/zip once, reads each
// worksheet part in one pass with a byte-level scanner and gives exactly the
// Workbook excelize's path (readXLSXLibrary) gives. It handles the packages
// spreadsheet applications write; on anything it does not fully understand
// (a strict OOXML namespace, comments or DTDs in a part, malformed XML,
// parts over the size limit, damaged entries, irregular rows, …) it returns
// an error wrapping errNotHandled and ReadXLSX asks excelize instead, so a
// result is never worse than excelize's.
//
// It does not read the parts it has no use for (styles, theme, calcChain,
// content types): where excelize refuses a package only because one of
// those does not decode, the fast reader still reads the cells.

// errNotHandled marks a workbook the fast reader leaves to excelize.
var errNotHandled = errors.New("xlsx: not handled by the fast reader")

type notHandledError struct{ why string }

func (e *notHandledError) Error() string   { return errNotHandled.Error() + ": " + e.why }
func (e *notHandledError) Is(t error) bool { return t == errNotHandled }

func notHandled(why string) error { return &notHandledError{why} }

// Relationship types and namespaces the package structure uses.
const (
	relOfficeDocument = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
	nsRelationships   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsPackageRels     = "http://schemas.openxmlformats.org/package/2006/relationships"
	strictMarker      = "purl.oclc.org"
)

// fastBook is the state of reading one package. Books are pooled so their
// buffers serve workbook after workbook.
type fastBook struct {
	entries  map[string]*zip.File
	read     map[*zip.File]bool
	sstFile  *zip.File
	sstDone  bool
	sstWhy   string
	sst      []string
	sstScan  xmlScanner
	meta     xmlScanner
	sstArena []byte
	sstEnds  []int
	sheetBuf []byte
	sstBuf   []byte
	date1904 bool // workbookPr date1904 in the workbook part
	metaBuf  []byte
	scan     sheetScan
}

var fastBooks = sync.Pool{New: func() any { return new(fastBook) }}

// fastSheetRef is one sheet of the workbook and its worksheet part.
type fastSheetRef struct {
	name string
	file *zip.File
}

// readXLSXFast reads the package zr (the file at path) as readXLSXLibrary
// would, or returns an error wrapping errNotHandled.
//
//	wb, err := readXLSXFast("王官营镇.xlsx", &zr.Reader, nil)
//	if errors.Is(err, errNotHandled) { /* ask excelize */ }
func readXLSXFast(path string, zr *zip.Reader, bud *budget) (*Workbook, error) {
	b := fastBooks.Get().(*fastBook)
	defer b.release()
	b.scan.bud, b.scan.err = bud, nil
	defer func() { b.scan.bud, b.scan.err = nil, nil }()
	if err := b.open(zr); err != nil {
		return nil, err
	}
	refs, err := b.sheetList()
	if err != nil {
		return nil, err
	}
	wb := &Workbook{Path: path, Format: "xlsx", Date1904: b.date1904}
	if len(refs) > 0 {
		wb.Sheets = make([]Sheet, 0, len(refs))
	}
	for _, r := range refs {
		data, err := b.readPart(r.file, b.sheetBuf)
		b.sheetBuf = data
		if err != nil {
			return nil, err
		}
		bud.enter(r.name)
		sh, ok := b.scan.readSheet(r.name, data)
		if b.scan.err != nil {
			return nil, located(b.scan.err, path, r.name)
		}
		if !ok {
			why := b.scan.x.why
			if b.sstWhy != "" {
				why = "shared strings: " + b.sstWhy
			}
			return nil, notHandled("sheet " + strconv.Quote(r.name) + ": " + why)
		}
		wb.Sheets = append(wb.Sheets, sh)
	}
	if err := b.checkOtherEntries(zr); err != nil {
		return nil, err
	}
	return wb, nil
}

// open indexes the zip entries. Names excelize and sheetParts would file
// differently (backslashes, names equal but for case) are not handled.
func (b *fastBook) open(zr *zip.Reader) error {
	b.scan.book = b
	b.entries = make(map[string]*zip.File, len(zr.File))
	b.read = make(map[*zip.File]bool, 8)
	lower := make(map[string]bool, len(zr.File))
	for _, e := range zr.File {
		l := strings.ToLower(e.Name)
		if strings.Contains(e.Name, "\\") || lower[l] {
			return notHandled("unusual entry name " + strconv.Quote(e.Name))
		}
		lower[l] = true
		b.entries[e.Name] = e
		if l == "xl/sharedstrings.xml" {
			b.sstFile = e
		}
	}
	return nil
}

func (b *fastBook) release() {
	buffers := *b
	*b = fastBook{}
	if cap(buffers.sheetBuf) <= 16<<20 && cap(buffers.sstBuf) <= 16<<20 && cap(buffers.sstArena) <= 16<<20 {
		b.sheetBuf, b.sstBuf, b.metaBuf = buffers.sheetBuf[:0], buffers.sstBuf[:0], buffers.metaBuf[:0]
		b.meta.stack, b.meta.attrs = buffers.meta.stack[:0], buffers.meta.attrs[:0]
		b.sstArena, b.sstEnds = buffers.sstArena[:0], buffers.sstEnds[:0]
		b.sstScan.stack, b.sstScan.attrs = buffers.sstScan.stack[:0], buffers.sstScan.attrs[:0]
		sc := &buffers.scan
		b.scan = sheetScan{arena: sc.arena[:0], cells: sc.cells[:0], rows: sc.rows[:0], merges: sc.merges[:0], scratch: sc.scratch[:0]}
		b.scan.x.stack, b.scan.x.attrs = sc.x.stack[:0], sc.x.attrs[:0]
	}
	fastBooks.Put(b)
}

// readPart inflates one entry into buf. A part over the XML size limit
// (which excelize streams from a temporary file) or one that does not
// inflate cleanly is not handled.
func (b *fastBook) readPart(e *zip.File, buf []byte) ([]byte, error) {
	b.read[e] = true
	if e.UncompressedSize64 > xlsxUnzipXMLLimit {
		return buf, notHandled(e.Name + " is over the XML size limit")
	}
	n := int(e.UncompressedSize64)
	if cap(buf) < n {
		buf = make([]byte, n)
	}
	buf = buf[:n]
	rc, err := e.Open()
	if err != nil {
		return buf, notHandled(e.Name + ": " + err.Error())
	}
	_, err = io.ReadFull(rc, buf)
	if err == nil {
		var one [1]byte
		if _, err = io.ReadFull(rc, one[:]); err == io.EOF {
			err = nil
		} else if err == nil {
			err = errors.New("longer than its declared size")
		}
	}
	if cerr := rc.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return buf, notHandled(e.Name + ": " + err.Error())
	}
	return buf, nil
}

// checkOtherEntries inflates the entries not read, as excelize does on
// opening: an entry that does not open, or whose deflate stream is
// damaged, makes excelize refuse the package.
func (b *fastBook) checkOtherEntries(zr *zip.Reader) error {
	for _, e := range zr.File {
		if b.read[e] {
			continue
		}
		rc, err := e.Open()
		if err != nil {
			return notHandled(e.Name + ": " + err.Error())
		}
		if e.Method != zip.Store {
			_, _ = io.Copy(io.Discard, rc)
		}
		if err := rc.Close(); err != nil {
			return notHandled(e.Name + ": " + err.Error())
		}
	}
	return nil
}

// smallPart reads a package part (rels, workbook) and starts b.meta on it.
func (b *fastBook) smallPart(name string) (*xmlScanner, error) {
	e := b.entries[name]
	if e == nil {
		return nil, notHandled("no part " + name)
	}
	data, err := b.readPart(e, b.metaBuf)
	b.metaBuf = data
	if err != nil {
		return nil, err
	}
	if bytes.Contains(data, []byte(strictMarker)) {
		return nil, notHandled("strict OOXML in " + name)
	}
	b.meta.reset(data)
	return &b.meta, nil
}

// fastRel is one relationship; the fields are decoded attribute values.
type fastRel struct{ id, typ, target string }

// rels reads a relationships part as excelize's relsReader decodes it: the
// root must be the package Relationships element, and its Relationship
// children give Id, Type and Target (attributes matched by local name).
func (b *fastBook) rels(name string) ([]fastRel, error) {
	x, err := b.smallPart(name)
	if err != nil {
		return nil, err
	}
	if x.next() != xmlStart || !x.is("Relationships") || !x.rootIn(nsPackageRels) {
		return nil, notHandled(name + " is not a relationships part")
	}
	var out []fastRel
	for {
		switch x.next() {
		case xmlEOF:
			if x.why != "" {
				return nil, notHandled(name + ": " + x.why)
			}
			return out, nil
		case xmlStart:
			if x.depth() != 2 || !x.is("Relationship") {
				continue
			}
			var r fastRel
			var seen [3]bool
			for i := range x.attrs {
				a := &x.attrs[i]
				k := 0
				switch string(a.local) {
				case "Id":
					k, r.id = 0, string(a.value())
				case "Type":
					k, r.typ = 1, string(a.value())
				case "Target":
					k, r.target = 2, string(a.value())
				default:
					continue
				}
				if seen[k] {
					return nil, notHandled("repeated attribute in " + name)
				}
				seen[k] = true
			}
			out = append(out, r)
		}
	}
}

// sheetList gives the sheets as excelize's GetSheetList names them, each
// with the part its Rows reads, which must also be the part sheetParts
// finds (flags and merges are read from that one).
func (b *fastBook) sheetList() ([]fastSheetRef, error) {
	top, err := b.rels("_rels/.rels")
	if err != nil {
		return nil, err
	}
	// excelize takes the first officeDocument relationship's target as it
	// stands; sheetParts the last one's, resolved.
	book, found, suffixed := "", false, 0
	for _, r := range top {
		if r.typ == relOfficeDocument && !found {
			book, found = strings.TrimPrefix(r.target, "/"), true
		}
		if strings.HasSuffix(r.typ, "/officeDocument") {
			suffixed++
		}
	}
	if !found || suffixed != 1 || book != resolvePart("", book) || strings.Contains(book, "\\") {
		return nil, notHandled("unusual officeDocument relationship")
	}
	dir := path.Dir(book)
	wbRels, err := b.rels(path.Join(dir, "_rels", path.Base(book)+".rels"))
	if err != nil {
		return nil, err
	}
	for i, r := range wbRels {
		for _, o := range wbRels[:i] {
			if o.id == r.id {
				return nil, notHandled("repeated relationship id " + r.id)
			}
		}
	}
	for _, r := range wbRels {
		// excelize reads only xl/sharedStrings.xml; Excel the part related
		if strings.HasSuffix(r.typ, "/sharedStrings") && b.sstFile == nil && b.entries[resolvePart(dir, r.target)] != nil {
			return nil, notHandled("shared strings in " + r.target)
		}
	}
	sheets, err := b.workbookSheets(book)
	if err != nil {
		return nil, err
	}
	refs := make([]fastSheetRef, 0, len(sheets))
	for i, s := range sheets {
		var e *zip.File
		for _, r := range wbRels {
			if r.id == s.id && !strings.Contains(r.target, "\\") {
				e = b.entries[resolvePart(dir, r.target)]
			}
		}
		if e == nil || !sheetNameOK(s.name) {
			return nil, notHandled("sheet " + strconv.Quote(s.name) + " without a usable part")
		}
		for j, o := range sheets[:i] {
			if strings.EqualFold(o.name, s.name) || refs[j].file == e {
				return nil, notHandled("sheets " + strconv.Quote(s.name) + " and " + strconv.Quote(o.name) + " clash")
			}
		}
		refs = append(refs, fastSheetRef{s.name, e})
	}
	return refs, nil
}

type workbookSheet struct{ name, id string }

// workbookSheets reads the <sheet> elements of workbook.xml: the root must
// be the SpreadsheetML workbook (excelize checks its name), each sheet
// needs exactly one name, exactly one id attribute and that one in the
// relationships namespace (excelize reads that one, sheetParts any
// attribute named id), and a sheetId excelize can decode.
func (b *fastBook) workbookSheets(name string) ([]workbookSheet, error) {
	x, err := b.smallPart(name)
	if err != nil {
		return nil, err
	}
	if x.next() != xmlStart || !x.is("workbook") || !x.rootIn(nsSpreadsheet) {
		return nil, notHandled(name + " is not a SpreadsheetML workbook")
	}
	var out []workbookSheet
	var scopes [2][]nsDecl // declarations on the root and on <sheets>
	scopes[0] = nsDecls(x, nil)
	inSheets := false
	for {
		switch x.next() {
		case xmlEOF:
			if x.why != "" {
				return nil, notHandled(name + ": " + x.why)
			}
			return out, nil
		case xmlEnd:
			if x.depth() == 1 {
				inSheets = false
			}
		case xmlStart:
			switch {
			case x.depth() == 2:
				inSheets = x.is("sheets")
				scopes[1] = nsDecls(x, scopes[1][:0])
				if x.is("workbookPr") {
					b.date1904 = workbookPrDate1904(x)
				}
			case x.depth() == 3 && inSheets && x.is("sheet"):
				s, ok := sheetAttrs(x, scopes)
				if !ok {
					return nil, notHandled("unusual <sheet> in " + name)
				}
				out = append(out, s)
			}
		}
	}
}

// workbookPrDate1904 reads the date1904 attribute of <workbookPr> as
// excelize decodes the boolean.
func workbookPrDate1904(x *xmlScanner) bool {
	for i := range x.attrs {
		if a := &x.attrs[i]; string(a.local) == "date1904" {
			v := strings.TrimSpace(string(a.value()))
			return v == "1" || v == "true"
		}
	}
	return false
}

// nsDecl is a namespace prefix declared on an element ("" for xmlns=).
type nsDecl struct{ prefix, uri string }

func nsDecls(x *xmlScanner, dst []nsDecl) []nsDecl {
	for i := range x.attrs {
		a := &x.attrs[i]
		switch {
		case string(a.prefix) == "xmlns":
			dst = append(dst, nsDecl{string(a.local), string(a.value())})
		case len(a.prefix) == 0 && string(a.local) == "xmlns":
			dst = append(dst, nsDecl{"", string(a.value())})
		}
	}
	return dst
}

// sheetAttrs reads one <sheet>; outer holds the declarations in scope
// outside it, innermost last.
func sheetAttrs(x *xmlScanner, outer [2][]nsDecl) (workbookSheet, bool) {
	var s workbookSheet
	names, ids := 0, 0
	own := nsDecls(x, nil)
	for i := range x.attrs {
		a := &x.attrs[i]
		switch string(a.local) {
		case "name":
			s.name = string(a.value())
			names++
		case "id":
			s.id = string(a.value())
			ids++
			if len(a.prefix) == 0 || lookupNS(string(a.prefix), own, outer[1], outer[0]) != nsRelationships {
				return s, false
			}
		case "sheetId":
			if !xmlIntOK(a.value()) {
				return s, false
			}
		}
	}
	return s, names == 1 && ids == 1
}

// lookupNS resolves a prefix through scopes, innermost first.
func lookupNS(prefix string, scopes ...[]nsDecl) string {
	if prefix == "xmlns" || prefix == "xml" {
		return prefix
	}
	for _, sc := range scopes {
		for i := len(sc) - 1; i >= 0; i-- {
			if sc[i].prefix == prefix {
				return sc[i].uri
			}
		}
	}
	return prefix
}

// sheetNameOK is excelize's checkSheetName: a name Rows refuses.
func sheetNameOK(name string) bool {
	n := 0
	for _, r := range name {
		n += utf16.RuneLen(r)
	}
	return name != "" && n <= 31 && !strings.HasPrefix(name, "'") && !strings.HasSuffix(name, "'") &&
		!strings.ContainsAny(name, ":\\/?*[]")
}

// loadSST reads xl/sharedStrings.xml (the path excelize always reads,
// whatever the relationships say) into b.sst: each item's text as
// xlsxSI.String gives it, all items sharing one string. It reports false
// when the part is not handled.
//
//	if !b.loadSST() { /* b.sstWhy */ }
func (b *fastBook) loadSST() bool {
	if b.sstDone {
		return b.sstWhy == ""
	}
	b.sstDone = true
	if b.sstFile == nil {
		return true
	}
	data, err := b.readPart(b.sstFile, b.sstBuf)
	b.sstBuf = data
	switch {
	case err != nil:
		b.sstWhy = err.Error()
		return false
	case len(data) == 0:
		return true
	case bytes.Contains(data, []byte(strictMarker)):
		b.sstWhy = "strict OOXML"
		return false
	}
	x := &b.sstScan
	x.reset(data)
	if x.next() != xmlStart || !x.is("sst") || !x.rootIn(nsSpreadsheet) ||
		!attrsOK(x, "count", xmlIntOK, "uniqueCount", xmlIntOK) {
		x.fail("not a SpreadsheetML shared string table")
	}
	arena, ends := b.sstArena[:0], b.sstEnds[:0]
	for ok := x.why == ""; ok; {
		switch x.next() {
		case xmlEOF:
			ok = false
		case xmlStart:
			if x.depth() == 2 && x.is("si") {
				arena, ok = readSI(x, arena, &b.scan.scratch)
				ends = append(ends, len(arena))
			} else {
				ok = x.skip(nil)
			}
			if !ok {
				x.fail("malformed shared string item")
			}
		}
	}
	b.sstArena, b.sstEnds = arena, ends
	if x.why != "" {
		b.sstWhy = x.why
		return false
	}
	// each shared string its own string: see sheetScan.sheet
	b.sst = make([]string, len(ends))
	for i, end := range ends {
		start := 0
		if i > 0 {
			start = ends[i-1]
		}
		b.sst[i] = string(arena[start:end])
	}
	return true
}
