package convert

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestReadCSVSeedFiles(t *testing.T) {
	tests := []struct {
		name, file, enc, wantEnc string
	}{
		{name: "GBK from WPS", file: "seed_gbk.csv", wantEnc: "GB18030"},
		{name: "GBK forced", file: "seed_gbk.csv", enc: "gbk", wantEnc: "GBK"},
		{name: "UTF-8 with BOM from Excel", file: "seed_utf8bom.csv", wantEnc: "UTF-8 BOM"},
		{name: "UTF-16 tab text", file: "seed_utf16le.txt", wantEnc: "UTF-16LE"},
		{name: "semicolons", file: "seed_semicolon.csv", wantEnc: "UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wb, err := ReadCSV(filepath.Join("testdata", "csv", tt.file), Options{Encoding: tt.enc})
			if err != nil {
				t.Fatal(err)
			}
			if wb.Format != "csv" || wb.Encoding != tt.wantEnc || len(wb.Sheets) != 1 {
				t.Fatalf("Format %q Encoding %q sheets %d", wb.Format, wb.Encoding, len(wb.Sheets))
			}
			sh := wb.Sheets[0]
			if len(sh.Rows) != 13 {
				t.Fatalf("%d rows, want 13", len(sh.Rows))
			}
			checks := []struct {
				r, c int
				want string
			}{
				{0, 0, "1、2022年非税收入绩效目标表"},
				{1, 5, "单位：万元"},
				{2, 1, "13020824P000010100133"},
				{3, 2, "4.92"},
				{3, 3, "其中：财政    资金"},
				{4, 1, "补充乡镇办公经费，保障工作正常运转。"},
				{6, 3, "2.46"},
				{7, 1, "1.补充办公经费\n2.维持乡镇正常运转"},
				{9, 4, "≥5次"},
				{12, 4, "≥95%"},
			}
			for _, c := range checks {
				if got := sh.Cell(c.r, c.c); got != c.want {
					t.Errorf("%s = %q, want %q", CellName(c.r, c.c), got, c.want)
				}
			}
		})
	}
}

func TestParseCSVText(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		delim byte
		want  [][]string
	}{
		{name: "simple", text: "a,b\nc,d\n", delim: ',', want: [][]string{{"a", "b"}, {"c", "d"}}},
		{name: "no final newline", text: "a,b\nc,d", delim: ',', want: [][]string{{"a", "b"}, {"c", "d"}}},
		{name: "CRLF", text: "a,b\r\nc\r\n", delim: ',', want: [][]string{{"a", "b"}, {"c"}}},
		{name: "lone CR", text: "a\rb\r", delim: ',', want: [][]string{{"a"}, {"b"}}},
		{name: "ragged", text: "标题\n项目编码,13020824P000010100133,项目名称\n", delim: ',', want: [][]string{{"标题"}, {"项目编码", "13020824P000010100133", "项目名称"}}},
		{name: "blank line kept", text: "a\n\nb\n", delim: ',', want: [][]string{{"a"}, nil, {"b"}}},
		{name: "empty fields", text: ",,\n", delim: ',', want: [][]string{{"", "", ""}}},
		{name: "trailing delimiter at end", text: "a,", delim: ',', want: [][]string{{"a", ""}}},
		{name: "quoted delimiter", text: `"1,234.50",b` + "\n", delim: ',', want: [][]string{{"1,234.50", "b"}}},
		{name: "doubled quote", text: `"他说""好""",x`, delim: ',', want: [][]string{{`他说"好"`, "x"}}},
		{name: "line break in quotes", text: "\"1.补充\r\n2.维持\",x\n", delim: ',', want: [][]string{{"1.补充\n2.维持", "x"}}},
		{name: "stray quote unquoted", text: `a"b,c`, delim: ',', want: [][]string{{`a"b`, "c"}}},
		{name: "text after closing quote", text: `"a"b,c`, delim: ',', want: [][]string{{"ab", "c"}}},
		{name: "tab", text: "a\tb,c\n", delim: '\t', want: [][]string{{"a", "b,c"}}},
		{name: "semicolon", text: "a;b\n", delim: ';', want: [][]string{{"a", "b"}}},
		{name: "empty", text: "", delim: ',', want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseCSVText(tt.text, tt.delim)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParseCSVText(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestParseCSVTextUnclosedQuote(t *testing.T) {
	tests := []struct {
		name      string
		text      string
		line, col int
	}{
		{name: "first cell", text: `"abc`, line: 1, col: 1},
		{name: "later line and column", text: "项目,名称\n编码,\"2024年\n非税", line: 2, col: 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseCSVText(tt.text, ',')
			var le *LocatedError
			if !errors.Is(err, ErrUnreadable) || !errors.As(err, &le) {
				t.Fatalf("error %v, want a located ErrUnreadable", err)
			}
			if le.Line != tt.line || le.Col != tt.col {
				t.Errorf("at line %d col %d, want %d %d", le.Line, le.Col, tt.line, tt.col)
			}
		})
	}
}

func TestSniffDelimiter(t *testing.T) {
	tests := []struct {
		name string
		text string
		want byte
	}{
		{name: "comma", text: "a,b,c\n1,2,3\n", want: ','},
		{name: "tab", text: "项目编码\t项目名称\n1\t2\n", want: '\t'},
		{name: "semicolon", text: "a;b;c\n1;2;3\n", want: ';'},
		{name: "commas inside quotes", text: "\"1,234\";\"5,678\";x\n\"9,1\";y;z\n", want: ';'},
		{name: "tab beats stray commas", text: "名称\t金额\n办公,印刷\t4.92\n培训\t2.00\n", want: '\t'},
		{name: "single column", text: "a\nb\n", want: ','},
		{name: "empty", text: "", want: ','},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SniffDelimiter(tt.text); got != tt.want {
				t.Errorf("SniffDelimiter = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestReadCSVCases(t *testing.T) {
	tests := []struct {
		name    string
		data    []byte
		enc     string
		want    [][]string
		wantErr error
	}{
		{name: "NULs stripped", data: []byte("a\x00,b\n"), want: [][]string{{"a", "b"}}},
		{name: "GBK auto", data: []byte{0xd4, 0xa4, 0xcb, 0xe3, ',', '1', '\n'}, want: [][]string{{"预算", "1"}}},
		{name: "invalid bytes fall back to GB18030", data: []byte("a,\xff\n"), want: [][]string{{"a", "\ufffd"}}},
		{name: "forced utf-8 rejects GBK", data: []byte{0xd4, 0xa4, 0xcb, 0xe3}, enc: "utf-8", wantErr: ErrEncoding},
		{name: "unclosed quote", data: []byte("a,\"b\n"), wantErr: ErrUnreadable},
		{name: "unknown encoding name", data: []byte("a"), enc: "latin1", wantErr: ErrEncoding},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "乡镇.csv")
			if err := os.WriteFile(path, tt.data, 0o600); err != nil {
				t.Fatal(err)
			}
			wb, err := ReadCSV(path, Options{Encoding: tt.enc})
			if tt.wantErr != nil {
				var le *LocatedError
				if !errors.Is(err, tt.wantErr) || !errors.As(err, &le) || le.File != path {
					t.Fatalf("error %v, want located %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if wb.Sheets[0].Name != "乡镇" {
				t.Errorf("sheet name %q", wb.Sheets[0].Name)
			}
			if !reflect.DeepEqual(wb.Sheets[0].Rows, tt.want) {
				t.Errorf("rows %q, want %q", wb.Sheets[0].Rows, tt.want)
			}
		})
	}
}

func TestReadCSVMissingFile(t *testing.T) {
	_, err := ReadCSV(filepath.Join(t.TempDir(), "无.csv"), Options{})
	if !errors.Is(err, ErrUnreadable) {
		t.Fatalf("error %v, want ErrUnreadable", err)
	}
}

func FuzzReadCSV(f *testing.F) {
	for _, name := range []string{"seed_gbk.csv", "seed_utf8bom.csv", "seed_utf16le.txt", "seed_semicolon.csv"} {
		data, err := os.ReadFile(filepath.Join("testdata", "csv", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{"", "a", `"`, `""`, "\"a\"b,c", "a\r\r\nb", "\x00\x00", "\xff\xfe", "a;b\tc,d", "\"x\n"} {
		f.Add([]byte(s))
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "f.csv")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		wb, err := ReadCSV(path, Options{})
		if err != nil {
			var le *LocatedError
			if !errors.As(err, &le) || !errors.Is(err, ErrUnreadable) && !errors.Is(err, ErrEncoding) {
				t.Fatalf("ReadCSV error %v is not a located ErrUnreadable/ErrEncoding", err)
			}
			return
		}
		if len(wb.Sheets) != 1 {
			t.Fatalf("%d sheets", len(wb.Sheets))
		}
		for _, row := range wb.Sheets[0].Rows {
			for _, cell := range row {
				for i := 0; i < len(cell); i++ {
					if cell[i] == 0 {
						t.Fatalf("NUL kept in cell %q", cell)
					}
				}
			}
		}
	})
}
