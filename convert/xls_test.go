package convert

import (
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

var updateReaderGolden = flag.Bool("update-readers", false, "rewrite the xls, html and docx golden grid dumps in testdata")

// dumpWorkbook renders a workbook as stable text: each sheet's name, its
// non-empty rows with quoted cells, its merges and its flags.
func dumpWorkbook(wb *Workbook) string {
	var b strings.Builder
	fmt.Fprintf(&b, "format %s\n", wb.Format)
	if wb.Encoding != "" {
		fmt.Fprintf(&b, "encoding %s\n", wb.Encoding)
	}
	for _, sh := range wb.Sheets {
		fmt.Fprintf(&b, "== %s (%d rows)\n", sh.Name, len(sh.Rows))
		for r, row := range sh.Rows {
			if len(row) == 0 {
				continue
			}
			cells := make([]string, len(row))
			for c, v := range row {
				cells[c] = strconv.Quote(v)
			}
			fmt.Fprintf(&b, "%d: %s\n", r+1, strings.Join(cells, " "))
		}
		for _, m := range sh.Merges {
			fmt.Fprintf(&b, "merge %s:%s\n", CellName(m.Top, m.Left), CellName(m.Bottom, m.Right))
		}
		var flags []string
		for p, f := range sh.Flags {
			flags = append(flags, fmt.Sprintf("flag %s %d", CellName(p.Row, p.Col), f))
		}
		sort.Strings(flags)
		for _, f := range flags {
			b.WriteString(f + "\n")
		}
	}
	return b.String()
}

// checkGolden compares got with the file golden, rewriting it with -update-readers.
func checkGolden(t *testing.T, golden, got string) {
	t.Helper()
	if *updateReaderGolden {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update-readers to create it)", err)
	}
	if string(want) != got {
		t.Errorf("grid differs from %s:\n--- got\n%s\n--- want\n%s", golden, got, want)
	}
}

func TestReadXLSGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/xls/*.xls")
	if len(files) == 0 {
		t.Fatal("no .xls fixtures")
	}
	for _, path := range files {
		if filepath.Base(path) == "password.xls" {
			continue // TestReadXLSPassword
		}
		t.Run(filepath.Base(path), func(t *testing.T) {
			wb, err := ReadXLS(path)
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, strings.TrimSuffix(path, ".xls")+".golden", dumpWorkbook(wb))
		})
	}
}

func TestReadXLSValues(t *testing.T) {
	wb, err := Open("testdata/xls/projects.xls", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if wb.Format != "xls" {
		t.Fatalf("format %q", wb.Format)
	}
	var names []string
	for _, sh := range wb.Sheets {
		names = append(names, sh.Name)
	}
	if got := strings.Join(names, ","); got != "项目表,说明,空表,长文本" {
		t.Fatalf("sheets %s", got)
	}
	sh := wb.Sheets[0]
	for _, c := range []struct {
		cell string
		r, c int
		want string
	}{
		{"A1", 0, 0, "1、2024年统计专项业务费绩效目标表"},
		{"B2", 1, 1, "13020824P00000810014W"},
		{"B3", 2, 1, "4.92"},
		{"C3", 2, 2, ""},
		{"D3", 2, 3, "120"},
		{"E3", 2, 4, "0.3"},
		{"F3", 2, 5, "1234567.89"},
		{"D4", 3, 3, "≥5次"},
		{"A5", 4, 0, ""},
		{"B7", 6, 1, "45292"},
		{"B8", 7, 1, "124.92"},
		{"B9", 8, 1, "-3.5"},
		{"D9", 8, 3, "100000000"},
		{"E9", 8, 4, "0123"},
		{"A10", 9, 0, "多行\n文本"},
	} {
		if got := sh.Cell(c.r, c.c); got != c.want {
			t.Errorf("%s = %q, want %q", c.cell, got, c.want)
		}
	}
	wantMerges := map[Merge]bool{{0, 0, 0, 5}: true, {1, 1, 1, 3}: true, {3, 0, 5, 0}: true}
	for _, m := range sh.Merges {
		delete(wantMerges, m)
	}
	if len(wantMerges) != 0 {
		t.Errorf("merges %v missing %v", sh.Merges, wantMerges)
	}
	long := wb.Sheets[3]
	if len(long.Rows) != 700 {
		t.Fatalf("长文本 has %d rows", len(long.Rows))
	}
	for i, row := range long.Rows {
		want := fmt.Sprintf("第%d项：加强基层党组织建设，提高财政资金使用效益", i+1)
		if len(row) < 3 || row[0] != want || row[1] != fmt.Sprintf("item %d latin text", i+1) {
			t.Fatalf("row %d = %q", i+1, row)
		}
	}
}

func TestReadXLSEncryptedOOXML(t *testing.T) {
	_, err := Open("testdata/xls/encrypted-ooxml.xlsx", Options{})
	if !errors.Is(err, ErrEncrypted) {
		t.Fatalf("err = %v, want ErrEncrypted", err)
	}
}

// biffRec encodes one BIFF record.
func biffRec(id uint16, data []byte) []byte {
	out := binary.LittleEndian.AppendUint16(nil, id)
	out = binary.LittleEndian.AppendUint16(out, uint16(len(data)))
	return append(out, data...)
}

// parseBIFF is parseBIFFBudget without a budget.
func parseBIFF(stream []byte) (*Workbook, error) { return parseBIFFBudget(stream, nil) }

func biffBOFRec(kind uint16) []byte {
	d := make([]byte, 16)
	binary.LittleEndian.PutUint16(d, 0x0600)
	binary.LittleEndian.PutUint16(d[2:], kind)
	return biffRec(biffBOF, d)
}

func TestParseBIFFFilePass(t *testing.T) {
	s := biffBOFRec(0x0005)
	s = append(s, biffRec(biffFilePass, []byte{1, 0, 1, 0})...)
	s = append(s, biffRec(biffEOF, nil)...)
	if _, err := parseBIFF(s); !errors.Is(err, ErrEncrypted) {
		t.Fatalf("err = %v, want ErrEncrypted", err)
	}
}

// A CONTINUE record cut short by the end of the stream ends the reading with
// ErrUnreadable; the reader used to wait for it for ever, holding more and
// more memory.
func TestParseBIFFTruncatedContinue(t *testing.T) {
	sst := binary.LittleEndian.AppendUint32(nil, 1)
	sst = binary.LittleEndian.AppendUint32(sst, 1)
	// a CONTINUE record header announcing 16 bytes, followed by 3
	cut := binary.LittleEndian.AppendUint16(nil, biffContinue)
	cut = binary.LittleEndian.AppendUint16(cut, 16)
	cut = append(cut, 'a', 'b', 'c')
	tests := []struct {
		name   string
		stream []byte
	}{
		{"after SST", slices.Concat(biffBOFRec(0x0005), biffRec(biffSST, sst), cut)},
		{"after SST, header only", slices.Concat(biffBOFRec(0x0005), biffRec(biffSST, sst), cut[:4])},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := parseBIFF(tt.stream); !errors.Is(err, ErrUnreadable) {
				t.Fatalf("err = %v, want ErrUnreadable", err)
			}
		})
	}
}

// TestParseBIFFSSTContinue checks a shared string split across a CONTINUE
// record that switches from compressed to UTF-16 characters, a sheet with
// RK, MULRK and formula cells, and a merge.
func TestParseBIFFSSTContinue(t *testing.T) {
	glob := biffBOFRec(0x0005)
	sheetName := []byte{2, 1}
	sheetName = binary.LittleEndian.AppendUint16(sheetName, '表')
	sheetName = binary.LittleEndian.AppendUint16(sheetName, '一')
	// SST: 2 strings. "abc汉字": 5 chars, 3 compressed in SST, 2 wide in CONTINUE.
	sst := binary.LittleEndian.AppendUint32(nil, 2)
	sst = binary.LittleEndian.AppendUint32(sst, 2)
	sst = binary.LittleEndian.AppendUint16(sst, 5)
	sst = append(sst, 0, 'a', 'b', 'c')
	cont := []byte{1}
	cont = binary.LittleEndian.AppendUint16(cont, '汉')
	cont = binary.LittleEndian.AppendUint16(cont, '字')
	cont = binary.LittleEndian.AppendUint16(cont, 2) // second string: "xy"
	cont = append(cont, 0, 'x', 'y')

	var sheet []byte
	sheet = append(sheet, biffBOFRec(0x0010)...)
	cell := func(row, col uint16) []byte {
		d := binary.LittleEndian.AppendUint16(nil, row)
		d = binary.LittleEndian.AppendUint16(d, col)
		return binary.LittleEndian.AppendUint16(d, 15)
	}
	sheet = append(sheet, biffRec(biffLabelSST, binary.LittleEndian.AppendUint32(cell(0, 0), 0))...)
	sheet = append(sheet, biffRec(biffLabelSST, binary.LittleEndian.AppendUint32(cell(0, 2), 1))...)
	// RK -7 as integer, 4.92 as integer*100 with the divide flag
	sheet = append(sheet, biffRec(biffRK, binary.LittleEndian.AppendUint32(cell(1, 0), rkInt(-7)))...)
	mul := binary.LittleEndian.AppendUint16(nil, 1)
	mul = binary.LittleEndian.AppendUint16(mul, 2)
	mul = binary.LittleEndian.AppendUint16(mul, 15)
	mul = binary.LittleEndian.AppendUint32(mul, uint32(492<<2)|3)
	mul = binary.LittleEndian.AppendUint16(mul, 15)
	mul = binary.LittleEndian.AppendUint32(mul, uint32(math.Float64bits(120)>>32))
	mul = binary.LittleEndian.AppendUint16(mul, 3)
	sheet = append(sheet, biffRec(biffMulRK, mul)...)
	// a formula with a string result, then its STRING record
	f := cell(3, 0)
	f = append(f, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF)
	f = append(f, make([]byte, 6)...)
	sheet = append(sheet, biffRec(biffFormula, f)...)
	str := binary.LittleEndian.AppendUint16(nil, 2)
	str = append(str, 1)
	str = binary.LittleEndian.AppendUint16(str, '合')
	str = binary.LittleEndian.AppendUint16(str, '计')
	sheet = append(sheet, biffRec(biffString, str)...)
	// a formula whose result is #DIV/0!
	f = cell(3, 1)
	f = append(f, 2, 0, 7, 0, 0, 0, 0xFF, 0xFF)
	f = append(f, make([]byte, 6)...)
	sheet = append(sheet, biffRec(biffFormula, f)...)
	mc := binary.LittleEndian.AppendUint16(nil, 1)
	for _, v := range []uint16{0, 0, 0, 1} {
		mc = binary.LittleEndian.AppendUint16(mc, v)
	}
	sheet = append(sheet, biffRec(biffMergedCells, mc)...)
	sheet = append(sheet, biffRec(biffEOF, nil)...)

	bsLen := len(biffRec(biffBoundSheet, append(make([]byte, 6), sheetName...)))
	globalsLen := len(glob) + bsLen + len(biffRec(biffSST, sst)) + len(biffRec(biffContinue, cont)) + 4
	bs := binary.LittleEndian.AppendUint32(nil, uint32(globalsLen))
	bs = append(bs, 0, 0)
	bs = append(bs, sheetName...)
	glob = append(glob, biffRec(biffBoundSheet, bs)...)
	glob = append(glob, biffRec(biffSST, sst)...)
	glob = append(glob, biffRec(biffContinue, cont)...)
	glob = append(glob, biffRec(biffEOF, nil)...)
	if len(glob) != globalsLen {
		t.Fatalf("globals length %d, computed %d", len(glob), globalsLen)
	}
	wb, err := parseBIFF(append(glob, sheet...))
	if err != nil {
		t.Fatal(err)
	}
	got := dumpWorkbook(wb)
	want := `format xls
== 表一 (4 rows)
1: "abc汉字" "" "xy"
2: "-7" "" "4.92" "120"
4: "合计" "#DIV/0!"
merge A1:B1
flag B4 2
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestXLSNumber(t *testing.T) {
	for v, want := range map[float64]string{
		4.92: "4.92", 0.1 + 0.2: "0.3", 120: "120", 1e20: "100000000000000000000",
		-0.07: "-0.07", 1234567.89: "1234567.89", 0.000001: "0.000001", 2.675: "2.675",
	} {
		if got := xlsNumber(v); got != want {
			t.Errorf("xlsNumber(%v) = %q, want %q", v, got, want)
		}
	}
}

func TestReadXLSDamaged(t *testing.T) {
	data, err := os.ReadFile("testdata/xls/projects.xls")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, n := range []int{0, 8, 512, 1536, len(data) / 2, len(data) - 100} {
		p := filepath.Join(dir, fmt.Sprintf("cut%d.xls", n))
		if err := os.WriteFile(p, data[:n], 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := ReadXLS(p)
		if err == nil {
			continue // a cut past the last sector used can still read
		}
		if !errors.Is(err, ErrUnreadable) && !errors.Is(err, ErrUnknownFormat) && !errors.Is(err, ErrTooLarge) {
			t.Errorf("cut at %d: %v wraps no sentinel", n, err)
		}
	}
}

func FuzzReadXLS(f *testing.F) {
	// small seeds only: the fuzzer makes little progress on the 116 KB workbook
	for _, p := range []string{"testdata/xls/small.xls", "testdata/xls/password.xls"} {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(t.TempDir(), "f.xls")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := ReadXLS(p)
		checkSentinel(t, err)
	})
}

// FuzzParseBIFF feeds record streams straight to the BIFF parser, which the
// compound-file layer above would otherwise mostly keep garbage away from.
func FuzzParseBIFF(f *testing.F) {
	f.Add(append(biffBOFRec(5), biffRec(biffEOF, nil)...))
	// an Excel 2.0 and an Excel 4.0 worksheet
	f.Add(slices.Concat(biffRec(biffBOF2, []byte{7, 0, 0x10, 0}), biffRec(biff2Label, []byte{0, 0, 0, 0, 0, 0, 0, 1, 'a'}),
		biffRec(biffFormula, make([]byte, 20)), biffRec(biffEOF, nil)))
	f.Add(slices.Concat(biffRec(biffBOF4, []byte{0, 0, 0x10, 0, 0, 0}), biffRec(biffRK, []byte{0, 0, 1, 0, 15, 0, 2, 0, 0, 0}),
		biffFormulaRec(biffFormula4, 0, 0, biffStringResult), biffRec(biffString, []byte{1, 0, 'x'}), biffRec(biffEOF, nil)))
	f.Fuzz(func(t *testing.T, data []byte) {
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("panic: %v", r)
			}
		}()
		_, err := parseBIFF(data)
		checkSentinel(t, err)
	})
}

func checkSentinel(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	for _, s := range []error{ErrUnknownFormat, ErrUnreadable, ErrEncrypted, ErrTooLarge, ErrEncoding} {
		if errors.Is(err, s) {
			return
		}
	}
	t.Fatalf("error wraps no sentinel: %v", err)
}

func rkInt(n int32) uint32 { return uint32(n)<<2 | 2 }

func TestReadXLSPassword(t *testing.T) {
	_, err := Open("testdata/xls/password.xls", Options{})
	if !errors.Is(err, ErrEncrypted) {
		t.Fatalf("err = %v, want ErrEncrypted", err)
	}
}
