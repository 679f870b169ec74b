package convert

import (
	"bytes"
	"encoding/binary"
	"strconv"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Character-level helpers of the fast .xlsx reader: checking and decoding
// XML text as encoding/xml does, and reading numbers and cell references
// as excelize and encoding/xml's struct decoding do.

// validXMLDecl accepts the pseudo-attributes of an XML declaration that
// encoding/xml reads without a charset reader: version 1.0, UTF-8.
func validXMLDecl(b []byte) bool {
	var seen [3]bool
	for p := 0; ; {
		for p < len(b) && isXMLSpace(b[p]) {
			p++
		}
		if p == len(b) {
			return true
		}
		if p > 0 && !isXMLSpace(b[p-1]) {
			return false
		}
		end, colon := scanXMLName(b, p)
		name := b[p:end]
		if end == p || colon >= 0 {
			return false
		}
		for p = end; p < len(b) && isXMLSpace(b[p]); p++ {
		}
		if p >= len(b) || b[p] != '=' {
			return false
		}
		for p++; p < len(b) && isXMLSpace(b[p]); p++ {
		}
		if p >= len(b) || b[p] != '"' && b[p] != '\'' {
			return false
		}
		n := bytes.IndexByte(b[p+1:], b[p])
		if n < 0 {
			return false
		}
		val := b[p+1 : p+1+n]
		p += n + 2
		k := 0
		switch string(name) {
		case "version":
			k = 0
			if string(val) != "1.0" {
				return false
			}
		case "encoding":
			k = 1
			if !bytes.EqualFold(val, []byte("utf-8")) {
				return false
			}
		case "standalone":
			k = 2
		default:
			return false
		}
		if seen[k] {
			return false
		}
		seen[k] = true
	}
}

// validXMLChars reports whether b is UTF-8 holding only characters XML 1.0
// allows (no control characters but tab, LF and CR; no U+FFFE, U+FFFF).
func validXMLChars(b []byte) bool {
	if !utf8.Valid(b) || bytes.Contains(b, []byte("\xEF\xBF\xBE")) || bytes.Contains(b, []byte("\xEF\xBF\xBF")) {
		return false
	}
	const lo, hi = 0x2020202020202020, 0x8080808080808080
	i := 0
	for ; i+8 <= len(b); i += 8 {
		w := binary.LittleEndian.Uint64(b[i:])
		if (w-lo)&^w&hi == 0 {
			continue
		}
		for _, c := range b[i : i+8] {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return false
			}
		}
	}
	for _, c := range b[i:] {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}

// validRefs reports whether every '&' in b starts a reference encoding/xml
// resolves.
func validRefs(b []byte) bool {
	for {
		i := bytes.IndexByte(b, '&')
		if i < 0 {
			return true
		}
		n, _ := xmlCharRef(b[i:])
		if n == 0 {
			return false
		}
		b = b[i+n:]
	}
}

// xmlCharRef decodes the entity or character reference at the start of b
// ("&amp;", "&#20803;", "&#x5143;"); n is 0 when encoding/xml would refuse
// it. A surrogate code point becomes U+FFFD, as encoding/xml makes it.
//
//	n, r := xmlCharRef([]byte("&#x5143;整")) // 8, '元'
func xmlCharRef(b []byte) (n int, r rune) {
	for _, e := range [...]struct {
		name string
		r    rune
	}{{"&lt;", '<'}, {"&gt;", '>'}, {"&amp;", '&'}, {"&apos;", '\''}, {"&quot;", '"'}} {
		if len(b) >= len(e.name) && string(b[:len(e.name)]) == e.name {
			return len(e.name), e.r
		}
	}
	if len(b) < 3 || b[1] != '#' {
		return 0, 0
	}
	i, base := 2, rune(10)
	if b[2] == 'x' {
		i, base = 3, 16
	}
	start := i
	for ; i < len(b); i++ {
		c := b[i]
		var v rune
		switch {
		case '0' <= c && c <= '9':
			v = rune(c - '0')
		case base == 16 && 'a' <= c && c <= 'f':
			v = rune(c-'a') + 10
		case base == 16 && 'A' <= c && c <= 'F':
			v = rune(c-'A') + 10
		default:
			v = -1
		}
		if v < 0 {
			break
		}
		if r = r*base + v; r > utf8.MaxRune {
			return 0, 0
		}
	}
	if i == start || i >= len(b) || b[i] != ';' {
		return 0, 0
	}
	if 0xD800 <= r && r <= 0xDFFF {
		r = utf8.RuneError
	}
	if !(r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000) {
		return 0, 0
	}
	return i + 1, r
}

// appendXMLDecoded appends raw character data to dst as encoding/xml
// returns it: references resolved (unless refs is false, for CDATA) and
// CR or CRLF folded to LF, except a CR written as a reference.
func appendXMLDecoded(dst, b []byte, refs bool) []byte {
	prevCR := false
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == '&' && refs:
			n, r := xmlCharRef(b[i:])
			dst = utf8.AppendRune(dst, r)
			i += n
			prevCR = false
			continue
		case c == '\r':
			dst = append(dst, '\n')
			prevCR = true
			i++
			continue
		case c == '\n' && prevCR:
		default:
			dst = append(dst, c)
		}
		prevCR = false
		i++
	}
	return dst
}

// The xml*OK functions accept what encoding/xml's copyValue accepts for a
// field of that type: empty, or the trimmed text parses.
func xmlIntOK(v []byte) bool {
	t := bytes.TrimSpace(v)
	if len(v) == 0 || len(t) > 0 && len(t) < 19 && digitsOnly(t) {
		return true
	}
	_, err := strconv.ParseInt(string(t), 10, 64)
	return err == nil
}

func xmlUint32OK(v []byte) bool {
	if len(v) == 0 {
		return true
	}
	_, err := strconv.ParseUint(string(bytes.TrimSpace(v)), 10, 32)
	return err == nil
}

func xmlFloatOK(v []byte) bool {
	if len(v) == 0 {
		return true
	}
	_, err := strconv.ParseFloat(string(bytes.TrimSpace(v)), 64)
	return err == nil
}

func xmlBoolOK(v []byte) bool {
	if len(v) == 0 {
		return true
	}
	switch string(bytes.TrimSpace(v)) {
	case "1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False":
		return true
	}
	return false
}

func digitsOnly(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(b) > 0
}

// int64Plain reports whether strconv.ParseInt(v, 10, 64) succeeds, as
// excelize requires of a cell's s attribute.
func int64Plain(v []byte) bool {
	if len(v) > 0 && len(v) < 19 && digitsOnly(v) {
		return true
	}
	_, err := strconv.ParseInt(string(v), 10, 64)
	return err == nil
}

// atoiStrict is strconv.Atoi on bytes.
func atoiStrict(v []byte) (int, bool) {
	if len(v) > 0 && len(v) < 10 && digitsOnly(v) {
		n := 0
		for _, c := range v {
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	n, err := strconv.Atoi(string(v))
	return n, err == nil
}

// sstIndex is the shared string index excelize reads from a <v>: Atoi of
// the trimmed text, whose error it ignores (so a non-number reads item 0).
func sstIndex(v []byte) int {
	t := bytes.TrimSpace(v)
	if len(t) > 0 && len(t) < 10 && digitsOnly(t) {
		n, _ := atoiStrict(t)
		return n
	}
	n, _ := strconv.Atoi(string(t))
	return n
}

// cellRef is excelize.CellNameToCoordinates on bytes, quick for the plain
// "B12" form.
//
//	col, row, ok := cellRef([]byte("B12")) // 2, 12, true
func cellRef(v []byte) (col, row int, ok bool) {
	i := 0
	for ; i < len(v) && i < 3 && 'A' <= v[i] && v[i] <= 'Z'; i++ {
		col = col*26 + int(v[i]-'A'+1)
	}
	if i > 0 && i < len(v) && v[i] != '0' && len(v)-i < 8 && digitsOnly(v[i:]) {
		row, _ = atoiStrict(v[i:])
		if col <= xlsxMaxCols && row <= xlsxMaxRows {
			return col, row, true
		}
	}
	c, r, err := excelize.CellNameToCoordinates(string(v))
	return c, r, err == nil
}

// bstrDecode resolves excelize's _xHHHH_ escapes in place, as its
// bstrUnmarshal does: _x005F_ is "_", a surrogate is dropped. ok is false
// for a pair of escaped surrogates, which Excel reads as one character:
// such a package is rewritten first (repairXLSX).
//
//	b, ok = bstrDecode(b) // "a_x000D_b" becomes "a\rb"
func bstrDecode(b []byte) (_ []byte, ok bool) {
	if !bytes.Contains(b, []byte("_x")) {
		return b, true
	}
	w := 0
	for i := 0; i < len(b); {
		if b[i] == '_' && i+6 < len(b) && b[i+1] == 'x' && b[i+6] == '_' {
			if r, ok := hex4(b[i+2 : i+6]); ok {
				if _, pair := escapedPairAt(b, i); pair {
					return b, false
				}
				if r < 0xD800 || r > 0xDFFF {
					w += utf8.EncodeRune(b[w:], r)
				}
				i += 7
				continue
			}
		}
		b[w] = b[i]
		w++
		i++
	}
	return b[:w], true
}

func hex4(b []byte) (rune, bool) {
	var r rune
	for _, c := range b {
		switch {
		case '0' <= c && c <= '9':
			r = r<<4 | rune(c-'0')
		case 'a' <= c && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case 'A' <= c && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}
