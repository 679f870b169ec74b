package convert

// Packages Excel opens but the readers would misread as they are: XML parts
// in UTF-16 (Excel Mobile writes them), characters beyond the BMP escaped
// as a pair of surrogates (_xD801__xDC05_), and two sheets of one name. Such
// a package is rewritten in memory into the plain form of the same content
// before it is read; a package without them is never touched.

import (
	"archive/zip"
	"bytes"
	"fmt"
	"html"
	"path"
	"regexp"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// repairXLSX returns the package zr rewritten with its UTF-16 parts in
// UTF-8, escaped surrogate pairs as the characters they encode, the
// second and later sheets of one name renamed ("名称 (2)") and a shared
// string table stored elsewhere copied to xl/sharedStrings.xml, where the
// readers look; ok is false when there was nothing to rewrite or the
// package cannot be rewritten.
func repairXLSX(zr *zip.Reader) (fixed []byte, ok bool) {
	changed := map[*zip.File][]byte{}
	sst := movedSharedStrings(zr)
	for _, e := range zr.File {
		name := strings.ToLower(e.Name)
		if !strings.HasSuffix(name, ".xml") && !strings.HasSuffix(name, ".rels") {
			continue
		}
		data, err := readZipEntry(e, xlsxUnzipXMLLimit)
		if err != nil {
			return nil, false
		}
		out := data
		if u := xmlUTF8(out); len(u) != len(out) || !bytes.Equal(u, out) {
			out = declareUTF8(u)
		}
		out = joinEscapedSurrogates(out)
		if bytes.Contains(out, []byte("<sheets")) || bytes.Contains(out, []byte(":sheets")) {
			out = renameDuplicateSheets(out)
		}
		if !bytes.Equal(out, data) {
			changed[e] = out
		}
	}
	if len(changed) == 0 && sst == nil {
		return nil, false
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range zr.File {
		data, ok := changed[e]
		if !ok {
			if err := zw.Copy(e); err != nil {
				return nil, false
			}
			continue
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e.Name, Method: zip.Deflate, Modified: e.Modified})
		if err != nil {
			return nil, false
		}
		if _, err := w.Write(data); err != nil {
			return nil, false
		}
	}
	if sst != nil {
		data, ok := changed[sst]
		if !ok {
			var err error
			if data, err = readZipEntry(sst, xlsxUnzipXMLLimit); err != nil {
				return nil, false
			}
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: "xl/sharedStrings.xml", Method: zip.Deflate, Modified: sst.Modified})
		if err != nil {
			return nil, false
		}
		if _, err := w.Write(data); err != nil {
			return nil, false
		}
	}
	if err := zw.Close(); err != nil {
		return nil, false
	}
	return buf.Bytes(), true
}

var (
	relElement = regexp.MustCompile(`<(?:[A-Za-z_][\w.-]*:)?Relationship\s[^>]*>`)
	relType    = regexp.MustCompile(`\sType\s*=\s*["']([^"']*)["']`)
	relTarget  = regexp.MustCompile(`\sTarget\s*=\s*["']([^"']*)["']`)
)

// movedSharedStrings returns the shared string table of a package that
// keeps it elsewhere than xl/sharedStrings.xml, or nil.
func movedSharedStrings(zr *zip.Reader) *zip.File {
	entries := map[string]*zip.File{}
	for _, e := range zr.File {
		if strings.EqualFold(e.Name, "xl/sharedStrings.xml") {
			return nil
		}
		entries[e.Name] = e
	}
	target := func(relsPart, typeSuffix string) string {
		e := entries[relsPart]
		if e == nil {
			return ""
		}
		data, err := readZipEntry(e, xlsxUnzipXMLLimit)
		if err != nil {
			return ""
		}
		for _, el := range relElement.FindAll(xmlUTF8(data), -1) {
			if t := relType.FindSubmatch(el); t != nil && strings.HasSuffix(string(t[1]), typeSuffix) {
				if m := relTarget.FindSubmatch(el); m != nil {
					return html.UnescapeString(string(m[1]))
				}
			}
		}
		return ""
	}
	book := resolvePart("", target("_rels/.rels", "/officeDocument"))
	if book == "" {
		return nil
	}
	dir := path.Dir(book)
	sst := target(path.Join(dir, "_rels", path.Base(book)+".rels"), "/sharedStrings")
	if sst == "" {
		return nil
	}
	return entries[resolvePart(dir, sst)]
}

var xmlDeclEncoding = regexp.MustCompile(`^(<\?xml[^>]*?encoding\s*=\s*)("[^"]*"|'[^']*')`)

// declareUTF8 makes the XML declaration of text decoded from UTF-16 say so.
func declareUTF8(data []byte) []byte {
	return xmlDeclEncoding.ReplaceAll(data, []byte(`${1}"UTF-8"`))
}

// joinEscapedSurrogates replaces each _xHHHH_ escape of a high surrogate
// followed by one of a low surrogate with the character they encode, as
// Excel reads them; other escapes (_x005F_ among them) are left as they are.
//
//	joinEscapedSurrogates([]byte("<t>_xD801__xDC05_</t>")) // "<t>𐐅</t>"
func joinEscapedSurrogates(b []byte) []byte {
	if !bytes.Contains(b, []byte("_x")) {
		return b
	}
	var out []byte // nil until the first pair
	for i := 0; i < len(b); {
		if c, ok := escapedPairAt(b, i); ok {
			if out == nil {
				out = append(make([]byte, 0, len(b)), b[:i]...)
			}
			out = utf8.AppendRune(out, c)
			i += 14
			continue
		}
		n := 1
		if _, ok := escapeAt(b, i); ok {
			n = 7 // an escape of its own, kept as it is
		}
		if out != nil {
			out = append(out, b[i:i+n]...)
		}
		i += n
	}
	if out == nil {
		return b
	}
	return out
}

// escapedPairAt decodes the escapes of a high and a low surrogate at b[i:]
// ("_xD801__xDC05_") into the character they encode.
func escapedPairAt(b []byte, i int) (rune, bool) {
	hi, ok := escapeAt(b, i)
	if !ok || hi < 0xD800 || hi >= 0xDC00 {
		return 0, false
	}
	lo, ok := escapeAt(b, i+7)
	if !ok || lo < 0xDC00 || lo > 0xDFFF {
		return 0, false
	}
	return utf16.DecodeRune(hi, lo), true
}

// escapeAt decodes an _xHHHH_ escape at b[i:].
func escapeAt(b []byte, i int) (rune, bool) {
	if i+7 > len(b) || b[i] != '_' || b[i+1] != 'x' || b[i+6] != '_' {
		return 0, false
	}
	return hex4(b[i+2 : i+6])
}

var (
	sheetElement  = regexp.MustCompile(`<(?:[A-Za-z_][\w.-]*:)?sheet\s[^>]*>`)
	sheetNameAttr = regexp.MustCompile(`(\sname\s*=\s*)("[^"]*"|'[^']*')`)
)

// renameDuplicateSheets gives the second and later <sheet> of a name (names
// compared without case, as Excel does) the name Excel gives a copy:
// "汇总 (2)", shortened to Excel's 31 characters when needed.
func renameDuplicateSheets(part []byte) []byte {
	var names []string
	for _, el := range sheetElement.FindAll(part, -1) {
		if m := sheetNameAttr.FindSubmatch(el); m != nil {
			names = append(names, html.UnescapeString(string(m[2][1:len(m[2])-1])))
		}
	}
	namer := newSheetNamer(names)
	if !namer.dup {
		return part
	}
	return sheetElement.ReplaceAllFunc(part, func(el []byte) []byte {
		m := sheetNameAttr.FindSubmatchIndex(el)
		if m == nil {
			return el
		}
		name := html.UnescapeString(string(el[m[4]+1 : m[5]-1]))
		alt := namer.name(name)
		if alt == name {
			return el
		}
		out := append([]byte{}, el[:m[3]]...)
		out = append(out, '"')
		out = append(out, html.EscapeString(alt)...)
		out = append(out, '"')
		return append(out, el[m[5]:]...)
	})
}

// sheetNamer keeps the sheet names of a workbook apart: the first sheet of a
// name (compared without case, as Excel does) keeps it, each later one gets
// the name Excel gives a copy, "汇总 (2)", shortened so the whole stays
// within Excel's 31 characters, and unlike every name of the workbook.
type sheetNamer struct {
	taken map[string]bool // every name of the workbook, and those handed out
	given map[string]bool // names already handed out
	dup   bool            // some name occurs twice
}

func newSheetNamer(names []string) *sheetNamer {
	s := &sheetNamer{taken: map[string]bool{}, given: map[string]bool{}}
	for _, n := range names {
		s.dup = s.dup || s.taken[strings.ToLower(n)]
		s.taken[strings.ToLower(n)] = true
	}
	return s
}

// name returns the name the sheet named name is to have.
func (s *sheetNamer) name(name string) string {
	if key := strings.ToLower(name); !s.given[key] {
		s.given[key] = true
		return name
	}
	for n := 2; ; n++ {
		alt := copyName(name, n)
		if k := strings.ToLower(alt); !s.taken[k] {
			s.taken[k], s.given[k] = true, true
			return alt
		}
	}
}

// copyName is the name of copy n of a sheet: "汇总 (2)", the name cut so
// the whole stays within 31 UTF-16 units.
func copyName(name string, n int) string {
	suffix := fmt.Sprintf(" (%d)", n)
	r := []rune(name)
	for len(utf16.Encode(append(append([]rune{}, r...), []rune(suffix)...))) > 31 && len(r) > 0 {
		r = r[:len(r)-1]
	}
	return string(r) + suffix
}
