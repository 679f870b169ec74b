package convert

import (
	"bytes"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestEncodeCSV(t *testing.T) {
	tests := []struct {
		name string
		rows [][]string
		opt  CSVOptions
		want string
	}{
		{"bom by default", [][]string{{"项目名称", "预算数"}, {"非税收入", "4.92"}}, CSVOptions{},
			"\ufeff项目名称,预算数\r\n非税收入,4.92\r\n"},
		{"utf-8 without bom", [][]string{{"a"}}, CSVOptions{Encoding: "utf-8"}, "a\r\n"},
		{"padded to widest row", [][]string{{"a", "b", "c"}, {"d"}, {}, {"e", "", ""}}, CSVOptions{Encoding: "utf-8"},
			"a,b,c\r\nd,,\r\n,,\r\ne,,\r\n"},
		{"trailing empty rows dropped", [][]string{{"a"}, {""}, {}}, CSVOptions{Encoding: "utf-8"}, "a\r\n"},
		{"quotes and line breaks", [][]string{{"1.补充\n2.维持", `说"明"`, "a,b"}}, CSVOptions{Encoding: "utf-8"},
			"\"1.补充\r\n2.维持\",\"说\"\"明\"\"\",\"a,b\"\r\n"},
		{"formulas defused", [][]string{{"=1+1", "+cmd", "-2+3", "@SUM(A1)", "-5", "+86", "-", "4.92"}}, CSVOptions{Encoding: "utf-8"},
			"'=1+1,'+cmd,'-2+3,'@SUM(A1),-5,+86,-,4.92\r\n"},
		{"raw keeps formulas", [][]string{{"=1+1", "@x"}}, CSVOptions{Encoding: "utf-8", Raw: true}, "=1+1,@x\r\n"},
		{"tab separated", [][]string{{"a", "b c"}}, CSVOptions{Encoding: "utf-8", Comma: '\t'}, "a\tb c\r\n"},
		{"empty grid", nil, CSVOptions{Encoding: "utf-8"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := EncodeCSV(tt.rows, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestEncodeCSVGBK(t *testing.T) {
	tests := []struct {
		name    string
		enc     string
		cell    string
		wantErr bool
	}{
		{"gbk", "gbk", "≤0.5万元", false},
		{"gb18030", "gb18030", "王官营镇", false},
		{"gbk cannot hold emoji", "gbk", "办公😀", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := EncodeCSV([][]string{{tt.cell}}, CSVOptions{Encoding: tt.enc})
			if tt.wantErr {
				if !errors.Is(err, ErrEncoding) {
					t.Fatalf("err = %v, want ErrEncoding", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			text, _, err := DecodeText(data, tt.enc)
			if err != nil || text != tt.cell+"\r\n" {
				t.Errorf("decoded %q, %v", text, err)
			}
		})
	}
}

func TestWriteCSVReadBack(t *testing.T) {
	rows := [][]string{{"乡镇", "项目编码", "预算数"}, {"王官营镇", "13020824P000010100133", "4.92"}, {"", "", ""}, {"王官营镇", "x", "1.2\n3"}}
	path := filepath.Join(t.TempDir(), "out.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteCSV(f, rows, CSVOptions{}); err != nil {
		t.Fatal(err)
	}
	f.Close()
	wb, err := ReadCSV(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := wb.Sheets[0].Rows; !slices.EqualFunc(got, rows, slices.Equal) {
		t.Errorf("read back %q, want %q", got, rows)
	}
}

// FuzzEncodeCSV checks that any grid written raw reads back cell for cell
// (rows split on \x1e, cells on \x1f).
func FuzzEncodeCSV(f *testing.F) {
	for _, s := range []string{"a\x1fb\x1ec\x1fd", "项目\x1f\"引号\"\x1e\x1e1,2\x1f\n", "=1+1\x1f@x\x1e-\x1f\r\n", " a \x1f\t", "\x1f\x1e\x1f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		var rows [][]string
		for _, line := range strings.Split(s, "\x1e") {
			rows = append(rows, strings.Split(line, "\x1f"))
		}
		data, err := EncodeCSV(rows, CSVOptions{Encoding: "utf-8", Raw: true})
		if err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(bytes.NewReader(data))
		r.FieldsPerRecord = -1
		got, err := r.ReadAll()
		if err != nil {
			t.Fatalf("%q: %v", data, err)
		}
		want := trimCSVRows(rows)
		if len(got) != len(want) {
			t.Fatalf("%d rows, want %d: %q", len(got), len(want), data)
		}
		for i := range want {
			g := trimCSVRows([][]string{got[i]})
			w := trimCSVRows([][]string{normalizeCR(want[i])})
			if len(g) != len(w) || len(g) == 1 && !slices.Equal(g[0], w[0]) {
				t.Fatalf("row %d: got %q, want %q", i, got[i], want[i])
			}
		}
	})
}

// normalizeCR drops carriage returns: line breaks in a cell are written
// CR LF and read back as LF, and a lone CR is not kept.
func normalizeCR(row []string) []string {
	out := make([]string, len(row))
	for i, c := range row {
		out[i] = strings.ReplaceAll(c, "\r", "")
	}
	return out
}
