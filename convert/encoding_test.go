package convert

import (
	"bytes"
	"errors"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

const seedLine = "项目编码,13020824P000010100133,预算数,4.92,≥95%,≤500元/月\n"

func mustEncode(t testing.TB, text string, enc interface {
	Bytes([]byte) ([]byte, error)
}) []byte {
	t.Helper()
	b, err := enc.Bytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecodeText(t *testing.T) {
	gbk := mustEncode(t, seedLine, simplifiedchinese.GBK.NewEncoder())
	gb18030Only := mustEncode(t, "𠀀,€\n", simplifiedchinese.GB18030.NewEncoder())
	le := mustEncode(t, seedLine, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder())
	be := mustEncode(t, seedLine, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewEncoder())
	tests := []struct {
		name, enc string
		data      []byte
		want      string
		wantName  string
	}{
		{name: "utf-8", data: []byte(seedLine), want: seedLine, wantName: "UTF-8"},
		{name: "utf-8 BOM", data: append([]byte{0xEF, 0xBB, 0xBF}, seedLine...), want: seedLine, wantName: "UTF-8 BOM"},
		{name: "utf-16LE BOM", data: append([]byte{0xFF, 0xFE}, le...), want: seedLine, wantName: "UTF-16LE"},
		{name: "utf-16BE BOM", data: append([]byte{0xFE, 0xFF}, be...), want: seedLine, wantName: "UTF-16BE"},
		{name: "utf-16LE without BOM", data: le, want: seedLine, wantName: "UTF-16LE"},
		{name: "utf-16BE without BOM", data: be, want: seedLine, wantName: "UTF-16BE"},
		{name: "GBK auto is GB18030", data: gbk, want: seedLine, wantName: "GB18030"},
		{name: "GB18030 four-byte", data: gb18030Only, want: "𠀀,€\n", wantName: "GB18030"},
		{name: "ASCII", data: []byte("a,b\n"), want: "a,b\n", wantName: "UTF-8"},
		{name: "empty", data: nil, want: "", wantName: "UTF-8"},
		{name: "forced utf-8", enc: "UTF-8", data: []byte(seedLine), want: seedLine, wantName: "UTF-8"},
		{name: "forced utf-8 strips BOM", enc: "utf8", data: append([]byte{0xEF, 0xBB, 0xBF}, seedLine...), want: seedLine, wantName: "UTF-8 BOM"},
		{name: "forced gbk", enc: "gbk", data: gbk, want: seedLine, wantName: "GBK"},
		{name: "forced gb2312 alias", enc: "GB2312", data: gbk, want: seedLine, wantName: "GBK"},
		{name: "forced gb18030", enc: "gb18030", data: gbk, want: seedLine, wantName: "GB18030"},
		{name: "forced gb18030 keeps real U+FFFD", enc: "gb18030", data: []byte{0x84, 0x31, 0xA4, 0x37}, want: "\ufffd", wantName: "GB18030"},
		{name: "forced utf-16 BOM BE", enc: "utf-16", data: append([]byte{0xFE, 0xFF}, be...), want: seedLine, wantName: "UTF-16BE"},
		{name: "forced utf-16 guesses LE", enc: "utf-16", data: le, want: seedLine, wantName: "UTF-16LE"},
		{name: "forced utf-16 guesses BE", enc: "UTF_16", data: be, want: seedLine, wantName: "UTF-16BE"},
		{name: "auto keyword", enc: "AUTO", data: gbk, want: seedLine, wantName: "GB18030"},
		{name: "UTF-8 with one stray byte stays UTF-8", data: append([]byte(seedLine), 0xB0, '\n'),
			want: seedLine + "\ufffd\n", wantName: EncUTF8Damaged},
		{name: "GBK with a stray byte is still GB18030", data: append(append([]byte{}, gbk...), 0xFF),
			want: seedLine + "\ufffd", wantName: "GB18030"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, name, err := DecodeText(tt.data, tt.enc)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want || name != tt.wantName {
				t.Errorf("DecodeText = %q, %q; want %q, %q", got, name, tt.want, tt.wantName)
			}
		})
	}
}

func TestDecodeTextErrors(t *testing.T) {
	gbk := mustEncode(t, "第一行\n预算数", simplifiedchinese.GBK.NewEncoder())
	tests := []struct {
		name, enc string
		data      []byte
		line      int // 0 when the error names no line
	}{
		{name: "GBK forced as utf-8", enc: "utf-8", data: gbk, line: 1},
		{name: "invalid byte on line 2 forced gbk", enc: "gbk", data: []byte("a\n\xff"), line: 2},
		{name: "truncated GBK forced gb18030", enc: "gb18030", data: []byte("ab\xd4"), line: 1},
		{name: "odd utf-16", enc: "utf-16", data: []byte{0xFF, 0xFE, 'a'}},
		{name: "unpaired surrogate", enc: "utf-16", data: []byte{0xFF, 0xFE, 'a', 0, '\n', 0, 0x00, 0xD8, 'b', 0}, line: 2},
		{name: "BOM conflicts with gbk", enc: "gbk", data: []byte{0xEF, 0xBB, 0xBF, 'a'}},
		{name: "utf-16 BOM conflicts with utf-8", enc: "utf-8", data: []byte{0xFF, 0xFE, 'a', 0}},
		{name: "unknown name", enc: "big5", data: []byte("a")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := DecodeText(tt.data, tt.enc)
			if !errors.Is(err, ErrEncoding) {
				t.Fatalf("error %v, want ErrEncoding", err)
			}
			var le *LocatedError
			if tt.line > 0 && (!errors.As(err, &le) || le.Line != tt.line) {
				t.Errorf("error %v, want line %d", err, tt.line)
			}
		})
	}
}

func TestEncodeText(t *testing.T) {
	tests := []struct {
		name, enc string
		want      []byte
	}{
		{name: "default has BOM", enc: "", want: append([]byte{0xEF, 0xBB, 0xBF}, seedLine...)},
		{name: "utf-8-bom", enc: "UTF-8-BOM", want: append([]byte{0xEF, 0xBB, 0xBF}, seedLine...)},
		{name: "utf-8", enc: "utf-8", want: []byte(seedLine)},
		{name: "gbk", enc: "gbk", want: mustEncode(t, seedLine, simplifiedchinese.GBK.NewEncoder())},
		{name: "gb18030", enc: "GB18030", want: mustEncode(t, seedLine, simplifiedchinese.GB18030.NewEncoder())},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := EncodeText(seedLine, tt.enc)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, tt.want) {
				t.Errorf("EncodeText = % x, want % x", got, tt.want)
			}
			back, _, err := DecodeText(got, tt.enc)
			if err != nil || back != seedLine {
				t.Errorf("round trip = %q, %v", back, err)
			}
		})
	}
}

func TestEncodeTextErrors(t *testing.T) {
	tests := []struct {
		name, text, enc string
		line            int
	}{
		{name: "emoji in GBK", text: "a\n满意😀", enc: "gbk", line: 2},
		{name: "invalid UTF-8", text: "a\xff", enc: "gb18030"},
		{name: "invalid UTF-8 plain", text: "a\xff", enc: "utf-8"},
		{name: "unknown", text: "a", enc: "latin1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := EncodeText(tt.text, tt.enc)
			if !errors.Is(err, ErrEncoding) {
				t.Fatalf("error %v, want ErrEncoding", err)
			}
			var le *LocatedError
			if tt.line > 0 && (!errors.As(err, &le) || le.Line != tt.line) {
				t.Errorf("error %v, want line %d", err, tt.line)
			}
		})
	}
}

func FuzzDecodeText(f *testing.F) {
	f.Add([]byte(seedLine), "auto")
	f.Add(mustEncode(f, seedLine, simplifiedchinese.GBK.NewEncoder()), "gbk")
	f.Add(mustEncode(f, seedLine, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder()), "utf-16")
	f.Add([]byte{0xEF, 0xBB, 0xBF, 0xff}, "")
	f.Add([]byte{0xFE, 0xFF, 0xD8}, "utf-16")
	f.Add([]byte("a\x00b\x00"), "gb18030")
	f.Fuzz(func(t *testing.T, data []byte, enc string) {
		text, name, err := DecodeText(data, enc)
		if err != nil {
			if !errors.Is(err, ErrEncoding) {
				t.Fatalf("error %v does not wrap ErrEncoding", err)
			}
			return
		}
		if !utf8.ValidString(text) {
			t.Fatalf("DecodeText(% x, %q) = %q (%s): not UTF-8", data, enc, text, name)
		}
		switch name {
		case EncUTF8, EncUTF8BOM, EncUTF8Damaged, EncUTF16LE, EncUTF16BE, EncGB18030, EncGBK:
		default:
			t.Fatalf("encoding name %q", name)
		}
		// Strictly decoded text written back in the same encoding is the input.
		if canonicalEncoding(enc) == "gb18030" && name == EncGB18030 {
			out, err := EncodeText(text, "gb18030")
			if err != nil || !bytes.Equal(out, data) {
				t.Fatalf("GB18030 round trip of % x: % x, %v", data, out, err)
			}
		}
	})
}
