package convert

import "bytes"

// The fast .xlsx reader tokenizes parts with xmlScanner, a byte-level
// scanner for the subset of XML 1.0 that spreadsheet applications write:
// elements, attributes, character data, CDATA sections, the predefined
// entities and character references, an optional BOM and XML declaration.
// Anything else (comments, processing instructions, DTDs, names outside
// ASCII, another encoding) sets why, and the workbook is left to excelize.
// Every input the scanner accepts is one encoding/xml also accepts and
// tokenizes the same way; the converse need not hold.

// xmlTok is the kind of token xmlScanner.next returns.
type xmlTok uint8

const (
	xmlEOF   xmlTok = iota // end of input, or why was set
	xmlStart               // a start tag (a self-closing tag gives xmlStart then xmlEnd)
	xmlEnd                 // an end tag
	xmlText                // character data or a CDATA section
)

// xmlAttr is one attribute of the current start tag. val is raw: when esc
// is set it holds references or carriage returns, and value decodes it.
type xmlAttr struct {
	local, prefix, val []byte
	esc                bool
}

// xmlScanner tokenizes one XML part held in memory.
//
//	var s xmlScanner
//	s.reset(data)
//	for t := s.next(); t != xmlEOF; t = s.next() { … }
//	if s.why != "" { /* not handled */ }
type xmlScanner struct {
	data     []byte
	pos      int
	stack    [][]byte // qualified names of the open elements
	closing  bool     // the last start tag was self-closing
	rootDone bool
	sawCDATA bool
	why      string // set when the input is outside the handled subset

	// The current token.
	at            int // offset of the '<' of the current tag
	local, prefix []byte
	attrs         []xmlAttr
	text          []byte // raw character data of an xmlText
	cdata, esc    bool   // text is a CDATA section; text needs decoding
}

var (
	xmlBOM     = []byte("\xEF\xBB\xBF")
	cdataOpen  = []byte("<![CDATA[")
	cdataClose = []byte("]]>")
)

// reset starts scanning data: it checks the characters and reads the BOM
// and XML declaration.
func (s *xmlScanner) reset(data []byte) {
	*s = xmlScanner{data: data, stack: s.stack[:0], attrs: s.attrs[:0]}
	if !validXMLChars(data) {
		s.why = "invalid UTF-8 or a character XML forbids"
		return
	}
	s.pos = 0
	if bytes.HasPrefix(data, xmlBOM) {
		s.pos = len(xmlBOM)
	}
	rest := data[s.pos:]
	if len(rest) > 5 && bytes.HasPrefix(rest, []byte("<?xml")) && isXMLSpace(rest[5]) {
		end := bytes.Index(rest, []byte("?>"))
		if end < 0 || !validXMLDecl(rest[5:end]) {
			s.why = "unusual XML declaration"
			return
		}
		s.pos += end + 2
	}
}

func (s *xmlScanner) fail(why string) xmlTok {
	if s.why == "" {
		s.why = why
	}
	return xmlEOF
}

// refuse records why the input is not handled and returns false.
func (s *xmlScanner) refuse(why string) bool {
	s.fail(why)
	return false
}

// depth is the number of open elements: 1 inside the root.
func (s *xmlScanner) depth() int { return len(s.stack) }

// next reads the next token.
func (s *xmlScanner) next() xmlTok {
	if s.closing {
		s.closing = false
		s.pop()
		return xmlEnd
	}
	d := s.data
	for s.why == "" {
		if s.pos >= len(d) {
			if len(s.stack) > 0 || !s.rootDone {
				return s.fail("truncated XML")
			}
			return xmlEOF
		}
		if d[s.pos] != '<' {
			i := bytes.IndexByte(d[s.pos:], '<')
			if i < 0 {
				i = len(d) - s.pos
			}
			t := d[s.pos : s.pos+i]
			s.pos += i
			if len(s.stack) == 0 {
				if !isXMLSpaceOnly(t) {
					return s.fail("text outside the root element")
				}
				continue
			}
			return s.setText(t)
		}
		if s.pos+1 >= len(d) {
			return s.fail("truncated XML")
		}
		switch d[s.pos+1] {
		case '/':
			return s.endTag()
		case '!':
			if len(s.stack) == 0 || !bytes.HasPrefix(d[s.pos:], cdataOpen) {
				return s.fail("comment or DTD")
			}
			start := s.pos + len(cdataOpen)
			n := bytes.Index(d[start:], cdataClose)
			if n < 0 {
				return s.fail("truncated CDATA section")
			}
			s.text, s.cdata, s.sawCDATA = d[start:start+n], true, true
			s.esc = bytes.IndexByte(s.text, '\r') >= 0
			s.pos = start + n + len(cdataClose)
			return xmlText
		case '?':
			return s.fail("processing instruction")
		}
		return s.startTag()
	}
	return xmlEOF
}

// setText checks character data the way encoding/xml does: every '&'
// must start a known reference, and "]]>" may not appear.
func (s *xmlScanner) setText(t []byte) xmlTok {
	var amp, cr, br bool
	if len(t) < 32 {
		for _, c := range t {
			switch c {
			case '&':
				amp = true
			case '\r':
				cr = true
			case ']':
				br = true
			}
		}
	} else {
		amp = bytes.IndexByte(t, '&') >= 0
		cr = bytes.IndexByte(t, '\r') >= 0
		br = bytes.IndexByte(t, ']') >= 0
	}
	if amp && !validRefs(t) {
		return s.fail("unknown entity or bad character reference")
	}
	if br && bytes.Contains(t, cdataClose) {
		return s.fail("]]> in character data")
	}
	s.text, s.cdata, s.esc = t, false, amp || cr
	return xmlText
}

func (s *xmlScanner) startTag() xmlTok {
	d := s.data
	p := s.pos + 1
	end, colon := scanXMLName(d, p)
	if end == p {
		return s.fail("unusual element name")
	}
	if len(s.stack) == 0 && s.rootDone {
		return s.fail("second root element")
	}
	s.at = s.pos
	name := d[p:end]
	s.prefix, s.local = splitQName(name, colon-p)
	s.attrs = s.attrs[:0]
	for p = end; ; {
		for p < len(d) && isXMLSpace(d[p]) {
			p++
		}
		if p >= len(d) {
			return s.fail("truncated XML")
		}
		if d[p] == '>' {
			p++
			break
		}
		if d[p] == '/' {
			if p+1 >= len(d) || d[p+1] != '>' {
				return s.fail("malformed tag")
			}
			p += 2
			s.closing = true
			break
		}
		ae, ac := scanXMLName(d, p)
		if ae == p {
			return s.fail("unusual attribute name")
		}
		var a xmlAttr
		a.prefix, a.local = splitQName(d[p:ae], ac-p)
		for p = ae; p < len(d) && isXMLSpace(d[p]); p++ {
		}
		if p >= len(d) || d[p] != '=' {
			return s.fail("attribute without a value")
		}
		for p++; p < len(d) && isXMLSpace(d[p]); p++ {
		}
		if p >= len(d) || d[p] != '"' && d[p] != '\'' {
			return s.fail("unquoted attribute value")
		}
		q := d[p]
		p++
		n := bytes.IndexByte(d[p:], q)
		if n < 0 {
			return s.fail("truncated XML")
		}
		a.val = d[p : p+n]
		p += n + 1
		for _, c := range a.val {
			switch c {
			case '<':
				return s.fail("< in an attribute value")
			case '&', '\r':
				a.esc = true
			}
		}
		if a.esc && !validRefs(a.val) {
			return s.fail("unknown entity or bad character reference")
		}
		s.attrs = append(s.attrs, a)
	}
	s.pos = p
	s.stack = append(s.stack, name)
	return xmlStart
}

func (s *xmlScanner) endTag() xmlTok {
	d := s.data
	p := s.pos + 2
	end, colon := scanXMLName(d, p)
	if end == p {
		return s.fail("unusual element name")
	}
	name := d[p:end]
	for p = end; p < len(d) && isXMLSpace(d[p]); p++ {
	}
	if p >= len(d) || d[p] != '>' {
		return s.fail("malformed end tag")
	}
	if len(s.stack) == 0 || !bytes.Equal(s.stack[len(s.stack)-1], name) {
		return s.fail("mismatched end tag")
	}
	s.prefix, s.local = splitQName(name, colon-(s.pos+2))
	s.at = s.pos
	s.pos = p + 1
	s.pop()
	return xmlEnd
}

func (s *xmlScanner) pop() {
	s.stack = s.stack[:len(s.stack)-1]
	if len(s.stack) == 0 {
		s.rootDone = true
	}
}

// is reports whether the current tag's local name is name.
func (s *xmlScanner) is(name string) bool { return string(s.local) == name }

// children reads the current element's children up to its end tag: each
// must be a name element, read by fn; any other element is refused as
// what ("unexpected element in what"). Text between them is passed over.
func (s *xmlScanner) children(name, what string, fn func() bool) bool {
	for {
		switch s.next() {
		case xmlEOF:
			return false
		case xmlEnd:
			return true
		case xmlStart:
			if !s.is(name) {
				return s.refuse("unexpected element in " + what)
			}
			if !fn() {
				return false
			}
		}
	}
}

// appendText appends the current character data to dst, decoded as
// encoding/xml decodes it.
func (s *xmlScanner) appendText(dst []byte) []byte {
	switch {
	case !s.esc:
		return append(dst, s.text...)
	case s.cdata:
		return appendXMLDecoded(dst, s.text, false)
	}
	return appendXMLDecoded(dst, s.text, true)
}

// skip reads to the end of the element just started. forbidden, when not
// nil, may refuse a start tag inside it by its local name.
func (s *xmlScanner) skip(forbidden func(local []byte) bool) bool {
	for d := s.depth(); ; {
		switch s.next() {
		case xmlEOF:
			return false
		case xmlStart:
			if forbidden != nil && forbidden(s.local) {
				s.fail("element in an unexpected place")
				return false
			}
		case xmlEnd:
			if s.depth() < d {
				return true
			}
		}
	}
}

// textOnly appends the character data of the element just started up to
// its end; an element inside it is not handled.
func (s *xmlScanner) textOnly(dst []byte) ([]byte, bool) {
	for {
		switch s.next() {
		case xmlEOF:
			return dst, false
		case xmlText:
			dst = s.appendText(dst)
		case xmlStart:
			s.fail("element inside text")
			return dst, false
		case xmlEnd:
			return dst, true
		}
	}
}

// value returns the attribute's decoded value, without copying when there
// is nothing to decode.
func (a *xmlAttr) value() []byte {
	if !a.esc {
		return a.val
	}
	return appendXMLDecoded(nil, a.val, true)
}

// rootIn reports whether the current (root) start tag is in namespace ns
// by the declarations on the tag itself.
func (s *xmlScanner) rootIn(ns string) bool {
	var uri []byte
	for i := range s.attrs {
		a := &s.attrs[i]
		if len(s.prefix) == 0 && len(a.prefix) == 0 && string(a.local) == "xmlns" ||
			len(s.prefix) > 0 && string(a.prefix) == "xmlns" && bytes.Equal(a.local, s.prefix) {
			uri = a.value()
		}
	}
	return string(uri) == ns
}

func splitQName(name []byte, colon int) (prefix, local []byte) {
	if colon < 0 {
		return nil, name
	}
	return name[:colon], name[colon+1:]
}

// xmlNameClass classifies ASCII bytes: 1 may start a name, 2 may continue one.
var xmlNameClass = func() (t [256]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = 1, 1
	}
	t['_'] = 1
	for c := '0'; c <= '9'; c++ {
		t[c] = 2
	}
	t['-'], t['.'] = 2, 2
	return t
}()

// scanXMLName returns the end of the ASCII name starting at p (p when none)
// and the offset of its one colon (-1 when unprefixed). A name encoding/xml
// would split differently (two colons, an empty part) ends early, and the
// caller then fails on the byte that follows.
func scanXMLName(b []byte, p int) (end, colon int) {
	colon = -1
	if p >= len(b) || xmlNameClass[b[p]] != 1 {
		return p, -1
	}
	i := p + 1
	for i < len(b) {
		c := b[i]
		if xmlNameClass[c] != 0 {
			i++
			continue
		}
		if c == ':' && colon < 0 && i+1 < len(b) && xmlNameClass[b[i+1]] == 1 {
			colon = i
			i += 2
			continue
		}
		break
	}
	return i, colon
}

func isXMLSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

func isXMLSpaceOnly(b []byte) bool {
	for _, c := range b {
		if !isXMLSpace(c) {
			return false
		}
	}
	return true
}
