package consolidate_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// Generators for the fault corpus cases that are large, odd or derived from
// the samples: they are built into a test's temporary folder at test time, so
// no huge file is committed and the derived files follow the samples.

// faultSample is the path of a 2024 sample workbook.
func faultSample(name string) string {
	return filepath.Join("..", "samples", "2024", name)
}

func faultCopy(t *testing.T, src, dst string) {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	faultWrite(t, dst, data)
}

func faultWrite(t *testing.T, dst string, data []byte) {
	t.Helper()
	if err := os.WriteFile(dst, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func faultRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// faultEditPart returns the zip src with one part's content passed through edit.
func faultEditPart(t *testing.T, src []byte, part string, edit func([]byte) []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	found := false
	for _, e := range zr.File {
		rc, err := e.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if e.Name == part {
			data, found = edit(data), true
		}
		w, err := zw.Create(e.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if !found {
		t.Fatalf("part %s not in workbook", part)
	}
	return out.Bytes()
}

// faultCells returns an edit replacing the XML of the given cells.
func faultCells(t *testing.T, cells map[string]string) func([]byte) []byte {
	return func(b []byte) []byte {
		for ref, x := range cells {
			re := regexp.MustCompile(`<c r="` + ref + `"[^>]*?(/>|>.*?</c>)`)
			if !re.Match(b) {
				t.Fatalf("cell %s not in sheet XML", ref)
			}
			b = re.ReplaceAllLiteral(b, []byte(x))
		}
		return b
	}
}

// inlineCell is the XML of a text cell.
func inlineCell(ref, text string) string {
	var b strings.Builder
	b.WriteString(`<c r="` + ref + `" t="inlineStr"><is><t>`)
	_ = xmlEscape(&b, text)
	b.WriteString(`</t></is></c>`)
	return b.String()
}

func xmlEscape(w io.Writer, s string) error {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	_, err := io.WriteString(w, r.Replace(s))
	return err
}

// 丰登坞镇.xlsx: its projects are on xl/worksheets/sheet2.xml; the first
// project's code is B4, its name E4 and its 预算数 C5; the second's 预算数 C23.
const (
	fengPart   = "xl/worksheets/sheet2.xml"
	fengSheet  = "项目绩效目标表"
	fengCode   = "B4"
	fengName   = "E4"
	fengBudget = "C5"
	fengBudg2  = "C23"
)

// faultEditFeng writes a copy of 丰登坞镇.xlsx with the given cells replaced.
func faultEditFeng(t *testing.T, dst string, cells map[string]string) {
	t.Helper()
	data := faultEditPart(t, faultRead(t, faultSample("丰登坞镇.xlsx")), fengPart, faultCells(t, cells))
	faultWrite(t, dst, data)
}

// faultZipBomb writes a workbook whose one sheet inflates from about a
// megabyte to more than the 1 GiB limit: a deflate block of blank space,
// compressed once and repeated.
func faultZipBomb(t *testing.T, dst string) {
	t.Helper()
	const chunk = 1 << 20
	const chunks = 1100
	blank := bytes.Repeat([]byte(" "), chunk)
	var block bytes.Buffer
	fw, err := flate.NewWriter(&block, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fw.Write(blank); err != nil {
		t.Fatal(err)
	}
	if err := fw.Flush(); err != nil {
		t.Fatal(err)
	}
	head := []byte(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	tail := []byte(`</sheetData></worksheet>`)
	stored := func(b []byte) []byte { // a non-final stored block
		var s bytes.Buffer
		s.Write([]byte{0, byte(len(b)), byte(len(b) >> 8), ^byte(len(b)), ^byte(len(b) >> 8)})
		s.Write(b)
		return s.Bytes()
	}
	var body bytes.Buffer
	body.Write(stored(head))
	crc := crc32.Update(0, crc32.IEEETable, head)
	for i := 0; i < chunks; i++ {
		body.Write(block.Bytes())
		crc = crc32.Update(crc, crc32.IEEETable, blank)
	}
	body.Write([]byte{1, byte(len(tail)), byte(len(tail) >> 8), ^byte(len(tail)), ^byte(len(tail) >> 8)})
	body.Write(tail)
	crc = crc32.Update(crc, crc32.IEEETable, tail)
	size := uint64(len(head)) + chunks*chunk + uint64(len(tail))

	small := excelize.NewFile()
	defer small.Close()
	buf, err := small.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	src := buf.Bytes()
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, e := range zr.File {
		if e.Name == "xl/worksheets/sheet1.xml" {
			w, err := zw.CreateRaw(&zip.FileHeader{Name: e.Name, Method: zip.Deflate, CRC32: crc,
				CompressedSize64: uint64(body.Len()), UncompressedSize64: size, Modified: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.Write(body.Bytes()); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := zw.Copy(e); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	faultWrite(t, dst, out.Bytes())
}

// faultMaxRows writes a workbook whose project sheet carries 李钊庄镇's form
// on top and then runs to the last row Excel allows, 1,048,576, with a
// filler cell in every row: the shape of a sheet whose whole column was
// formatted or pasted down.
func faultMaxRows(t *testing.T, dst string) {
	t.Helper()
	src, err := excelize.OpenFile(faultSample("李钊庄镇.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	f := excelize.NewFile()
	defer f.Close()
	for i, name := range src.GetSheetList() {
		rows, err := src.GetRows(name)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		sw, err := f.NewStreamWriter(name)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for r, row := range rows {
			vals := make([]any, len(row))
			for c, v := range row {
				vals[c] = v
			}
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := sw.SetRow(cell, vals); err != nil {
				t.Fatal(err)
			}
			n = r + 1
		}
		if i == len(src.GetSheetList())-1 {
			filler := []any{nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, "·"}
			for r := n + 3; r <= excelize.TotalRows; r++ {
				cell, _ := excelize.CoordinatesToCellName(1, r)
				if err := sw.SetRow(cell, filler); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := sw.Flush(); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(dst); err != nil {
		t.Fatal(err)
	}
}

// faultSnapshot records every file's bytes and modification time under dir.
type faultFile struct {
	data []byte
	mod  time.Time
	mode os.FileMode
}

func faultSnapshot(t *testing.T, dir string) map[string]faultFile {
	t.Helper()
	out := map[string]faultFile{}
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		out[p] = faultFile{data: faultRead(t, p), mod: info.ModTime(), mode: info.Mode()}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// faultUnchanged fails when any input differs from its snapshot.
func faultUnchanged(t *testing.T, before map[string]faultFile, dir string) {
	t.Helper()
	after := faultSnapshot(t, dir)
	if len(after) != len(before) {
		t.Errorf("input folder has %d files after the run, %d before", len(after), len(before))
	}
	for p, b := range before {
		a, ok := after[p]
		switch {
		case !ok:
			t.Errorf("input %s vanished", p)
		case !bytes.Equal(a.data, b.data):
			t.Errorf("input %s was modified", p)
		case !a.mod.Equal(b.mod) || a.mode != b.mode:
			t.Errorf("input %s: modification time or mode changed", p)
		}
	}
}
