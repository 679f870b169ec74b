package convert

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// Encoding names DecodeText reports.
const (
	EncUTF8    = "UTF-8"
	EncUTF8BOM = "UTF-8 BOM"
	EncUTF16LE = "UTF-16LE"
	EncUTF16BE = "UTF-16BE"
	EncGB18030 = "GB18030"
	EncGBK     = "GBK"
	// EncUTF8Damaged names UTF-8 text with a few invalid bytes, which were
	// replaced by U+FFFD: readers report it so the user checks the text.
	EncUTF8Damaged = "UTF-8（含无效字节）"
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
	// gbReplacement is U+FFFD encoded in GB18030: the only valid sequence
	// the decoder turns into U+FFFD.
	gbReplacement = []byte{0x84, 0x31, 0xA4, 0x37}
)

// DecodeText decodes the bytes of a text file into a string and names the
// encoding used: "UTF-8", "UTF-8 BOM", "UTF-16LE", "UTF-16BE", "GB18030",
// or "GBK" when forced.
//
// enc is "auto" (or ""), "utf-8", "gbk", "gb18030" or "utf-16" (case, "-"
// and "_" do not matter; "gb2312" and "cp936" mean "gbk"). Auto detection
// tries a byte-order mark first, then strict UTF-8, then GB18030, which is a
// superset of GBK and GB2312. Text without a BOM whose bytes alternate with
// NULs, as "Unicode text" from Excel does, is read as UTF-16. Under auto
// detection bytes invalid even in GB18030 become U+FFFD; under a forced
// encoding they give an error wrapping ErrEncoding that names the line. A
// forced "utf-16" without a BOM guesses the byte order from where the NULs
// fall (little-endian when there are none).
//
//	text, name, err := convert.DecodeText(data, "auto") // name "GB18030" for a WPS export
func DecodeText(data []byte, enc string) (string, string, error) {
	switch canonicalEncoding(enc) {
	case "auto":
		return decodeAuto(data)
	case "utf8":
		if bytes.HasPrefix(data, bomUTF8) {
			return decodeUTF8Strict(data[3:], EncUTF8BOM)
		}
		if err := forcedBOMConflict(data, "UTF-8"); err != nil {
			return "", "", err
		}
		return decodeUTF8Strict(data, EncUTF8)
	case "gbk":
		if err := forcedBOMConflict(data, "GBK"); err != nil {
			return "", "", err
		}
		return decodeGB(data, simplifiedchinese.GBK, EncGBK, true)
	case "gb18030":
		if err := forcedBOMConflict(data, "GB18030"); err != nil {
			return "", "", err
		}
		return decodeGB(data, simplifiedchinese.GB18030, EncGB18030, true)
	case "utf16":
		switch {
		case bytes.HasPrefix(data, bomUTF16LE):
			return decodeUTF16(data[2:], false)
		case bytes.HasPrefix(data, bomUTF16BE):
			return decodeUTF16(data[2:], true)
		case bytes.HasPrefix(data, bomUTF8):
			return "", "", fmt.Errorf("%w：指定了 UTF-16，但文件以 UTF-8 的字节顺序标记开头", ErrEncoding)
		}
		be, _ := guessUTF16(data)
		return decodeUTF16(data, be)
	}
	return "", "", fmt.Errorf("%w：不支持的编码名称「%s」，可用 auto、utf-8、gbk、gb18030、utf-16", ErrEncoding, enc)
}

func decodeAuto(data []byte) (string, string, error) {
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		body := data[3:]
		if utf8.Valid(body) {
			return string(body), EncUTF8BOM, nil
		}
		// A BOM before bytes that are not UTF-8: the BOM is likely
		// pasted in front of GBK text.
		return decodeGB(body, simplifiedchinese.GB18030, EncGB18030, false)
	case bytes.HasPrefix(data, bomUTF16LE):
		return decodeUTF16Lenient(data[2:], false)
	case bytes.HasPrefix(data, bomUTF16BE):
		return decodeUTF16Lenient(data[2:], true)
	}
	if be, ok := guessUTF16(data); ok {
		return decodeUTF16Lenient(data, be)
	}
	if utf8.Valid(data) {
		return string(data), EncUTF8, nil
	}
	if mostlyUTF8(data) {
		return strings.ToValidUTF8(string(data), "\uFFFD"), EncUTF8Damaged, nil
	}
	return decodeGB(data, simplifiedchinese.GB18030, EncGB18030, false)
}

// mostlyUTF8 reports whether data is UTF-8 text damaged in a few places:
// its multi-byte UTF-8 characters outnumber its invalid bytes at least ten
// to one. GBK text rarely forms valid multi-byte UTF-8 sequences, so it
// fails this test and is decoded as GB18030.
func mostlyUTF8(data []byte) bool {
	multi, invalid := 0, 0
	for len(data) > 0 {
		r, n := utf8.DecodeRune(data)
		switch {
		case r == utf8.RuneError && n <= 1:
			invalid++
			n = 1
		case n > 1:
			multi++
		}
		data = data[n:]
	}
	return multi > 0 && multi >= 10*invalid
}

// canonicalEncoding maps the names users type to "auto", "utf8", "gbk",
// "gb18030" or "utf16"; anything else is returned as it is.
func canonicalEncoding(enc string) string {
	e := strings.ToLower(strings.TrimSpace(enc))
	e = strings.NewReplacer("-", "", "_", "", " ", "").Replace(e)
	switch e {
	case "", "auto":
		return "auto"
	case "utf8", "utf8bom":
		return "utf8"
	case "gbk", "gb2312", "cp936", "936":
		return "gbk"
	case "gb18030":
		return "gb18030"
	case "utf16", "utf16le", "utf16be", "unicode", "ucs2":
		return "utf16"
	}
	return e
}

func forcedBOMConflict(data []byte, name string) error {
	var bom string
	switch {
	case bytes.HasPrefix(data, bomUTF8) && name != "UTF-8":
		bom = "UTF-8"
	case bytes.HasPrefix(data, bomUTF16LE), bytes.HasPrefix(data, bomUTF16BE):
		bom = "UTF-16"
	default:
		return nil
	}
	return fmt.Errorf("%w：指定了 %s，但文件以 %s 的字节顺序标记开头", ErrEncoding, name, bom)
}

func decodeUTF8Strict(data []byte, name string) (string, string, error) {
	if utf8.Valid(data) {
		return string(data), name, nil
	}
	i := 0
	for i < len(data) {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			break
		}
		i += size
	}
	return "", "", encodingLineError(bytes.Count(data[:i], []byte{'\n'})+1, "UTF-8")
}

// decodeGB decodes GBK or GB18030. When strict, bytes the decoder had to
// replace with U+FFFD are an error naming the first such line.
func decodeGB(data []byte, e encoding.Encoding, name string, strict bool) (string, string, error) {
	out, err := e.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", fmt.Errorf("%w：%v", ErrEncoding, err)
	}
	if strict {
		replaced := bytes.Count(out, []byte(string(utf8.RuneError)))
		legit := 0
		if name == EncGB18030 {
			legit = bytes.Count(data, gbReplacement)
		}
		if replaced > legit {
			at := bytes.Index(out, []byte(string(utf8.RuneError)))
			return "", "", encodingLineError(bytes.Count(out[:at], []byte{'\n'})+1, name)
		}
		// Bytes the decoder accepts only for compatibility (a lone 0x80 read
		// as €, which GB18030 writes as A2 E3) are not the encoding's own:
		// strict decoding must give back the input when written again.
		if back, err := e.NewEncoder().Bytes(out); err != nil || !bytes.Equal(back, data) {
			at := 0
			for at < len(data) && at < len(back) && data[at] == back[at] {
				at++
			}
			return "", "", encodingLineError(bytes.Count(data[:at], []byte{'\n'})+1, name)
		}
	}
	return string(out), name, nil
}

func encodingLineError(line int, name string) error {
	return &LocatedError{Line: line, Err: fmt.Errorf("%w：第%d行含有不属于 %s 的字节", ErrEncoding, line, name)}
}

// guessUTF16 reports whether data looks like UTF-16 without a BOM, judged
// by NULs falling mostly on one parity of byte positions (the high bytes of
// ASCII characters), and whether it is big-endian.
func guessUTF16(data []byte) (bigEndian, ok bool) {
	var even, odd int
	n := min(len(data), 4096) &^ 1
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			even++
		}
		if data[i+1] == 0 {
			odd++
		}
	}
	pairs := n / 2
	switch {
	case odd >= 4 && odd*5 >= pairs && even*4 <= odd:
		return false, true
	case even >= 4 && even*5 >= pairs && odd*4 <= even:
		return true, true
	}
	return odd < even, false
}

func utf16Name(bigEndian bool) string {
	if bigEndian {
		return EncUTF16BE
	}
	return EncUTF16LE
}

func utf16Decoder(bigEndian bool) *encoding.Decoder {
	order := unicode.LittleEndian
	if bigEndian {
		order = unicode.BigEndian
	}
	return unicode.UTF16(order, unicode.IgnoreBOM).NewDecoder()
}

// decodeUTF16 decodes UTF-16 strictly: an odd byte count or an unpaired
// surrogate is an error.
func decodeUTF16(data []byte, bigEndian bool) (string, string, error) {
	name := utf16Name(bigEndian)
	if len(data)%2 != 0 {
		return "", "", fmt.Errorf("%w：%s 文本的字节数为奇数，文件可能被截断", ErrEncoding, name)
	}
	line := 1
	for i := 0; i+1 < len(data); i += 2 {
		u := utf16Unit(data, i, bigEndian)
		switch {
		case u == '\n':
			line++
		case utf16.IsSurrogate(rune(u)):
			if u >= 0xDC00 || i+3 >= len(data) {
				return "", "", encodingLineError(line, name)
			}
			if next := utf16Unit(data, i+2, bigEndian); next < 0xDC00 || next > 0xDFFF {
				return "", "", encodingLineError(line, name)
			}
			i += 2
		}
	}
	return decodeUTF16Lenient(data, bigEndian)
}

func utf16Unit(data []byte, i int, bigEndian bool) uint16 {
	if bigEndian {
		return uint16(data[i])<<8 | uint16(data[i+1])
	}
	return uint16(data[i+1])<<8 | uint16(data[i])
}

func decodeUTF16Lenient(data []byte, bigEndian bool) (string, string, error) {
	out, err := utf16Decoder(bigEndian).Bytes(data)
	if err != nil {
		return "", "", fmt.Errorf("%w：%v", ErrEncoding, err)
	}
	return string(out), utf16Name(bigEndian), nil
}

// EncodeText encodes text for writing a text file. enc is "utf-8-bom" (the
// default for "" and "auto": Excel opens it with the right encoding),
// "utf-8", "gbk" (also "gb2312", "cp936") or "gb18030". A character GBK
// cannot represent gives an error wrapping ErrEncoding that names it and
// its line.
//
//	data, err := convert.EncodeText("项目名称,预算数\n", "gbk")
func EncodeText(text, enc string) ([]byte, error) {
	e := strings.ToLower(strings.TrimSpace(enc))
	e = strings.NewReplacer("-", "", "_", "", " ", "").Replace(e)
	switch e {
	case "", "auto", "utf8bom", "bom":
		if !utf8.ValidString(text) {
			return nil, fmt.Errorf("%w：文本不是有效的 UTF-8", ErrEncoding)
		}
		out := make([]byte, 0, len(bomUTF8)+len(text))
		return append(append(out, bomUTF8...), text...), nil
	case "utf8":
		if !utf8.ValidString(text) {
			return nil, fmt.Errorf("%w：文本不是有效的 UTF-8", ErrEncoding)
		}
		return []byte(text), nil
	case "gbk", "gb2312", "cp936", "936":
		return encodeGB(text, simplifiedchinese.GBK, "GBK")
	case "gb18030":
		return encodeGB(text, simplifiedchinese.GB18030, "GB18030")
	}
	return nil, fmt.Errorf("%w：不支持的输出编码「%s」，可用 utf-8-bom、utf-8、gbk、gb18030", ErrEncoding, enc)
}

func encodeGB(text string, e encoding.Encoding, name string) ([]byte, error) {
	if !utf8.ValidString(text) {
		return nil, fmt.Errorf("%w：文本不是有效的 UTF-8", ErrEncoding)
	}
	out, err := e.NewEncoder().String(text)
	if err == nil {
		return []byte(out), nil
	}
	line := 1
	enc := e.NewEncoder()
	for _, r := range text {
		if r == '\n' {
			line++
		}
		if _, err := enc.String(string(r)); err != nil {
			return nil, &LocatedError{Line: line, Err: fmt.Errorf("%w：第%d行的字符「%c」（U+%04X）无法用 %s 表示", ErrEncoding, line, r, r, name)}
		}
	}
	return nil, fmt.Errorf("%w：%v", ErrEncoding, err)
}
