package convert

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const docxNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`

// docxBytes builds a minimal .docx whose body is body.
func docxBytes(t testing.TB, body string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	parts := []struct{ name, data string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document ` + docxNS + `><w:body>` + body + `<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`},
	}
	for _, p := range parts {
		w, err := zw.Create(p.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(p.data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func writeDOCX(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "a.docx")
	if err := os.WriteFile(p, docxBytes(t, body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func wp(text string) string {
	return `<w:p><w:r><w:t xml:space="preserve">` + text + `</w:t></w:r></w:p>`
}

func wtc(props, text string) string {
	return `<w:tc><w:tcPr><w:tcW w:w="1000" w:type="dxa"/>` + props + `</w:tcPr>` + wp(text) + `</w:tc>`
}

func TestReadDOCXBody(t *testing.T) {
	body := wp("第一部分") +
		`<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>` +
		`<w:bookmarkStart w:id="0" w:name="_Toc_1"/><w:r><w:t>一、</w:t></w:r><w:r><w:tab/><w:t>总体</w:t></w:r>` +
		`<w:bookmarkEnd w:id="0"/><w:smartTag w:uri="u" w:element="e"><w:r><w:t>绩效</w:t></w:r></w:smartTag>` +
		`<w:hyperlink r:id="rId9"><w:r><w:t>目标</w:t></w:r></w:hyperlink></w:p>` +
		`<w:p><w:r><w:t>原文</w:t></w:r><w:del w:id="1" w:author="a"><w:r><w:delText>删去</w:delText></w:r></w:del>` +
		`<w:ins w:id="2" w:author="a"><w:r><w:t>新增</w:t></w:r></w:ins><w:r><w:br/><w:t>第二行</w:t></w:r></w:p>` +
		`<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>` +
		`<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>` +
		`<w:p/>` +
		`<w:sdt><w:sdtPr><w:alias w:val="单位"/></w:sdtPr><w:sdtContent>` + wp("单位：万元") + `</w:sdtContent></w:sdt>` +
		`<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="1000"/></w:tblGrid>` +
		`<w:tr>` + wtc("", "项目编码") + wtc(`<w:gridSpan w:val="2"/>`, "13020824P000010100133") + wtc("", "项目名称") + `</w:tr>` +
		`<w:tr>` + wtc(`<w:vMerge w:val="restart"/>`, "产出指标") + wtc("", "数量指标") + wtc("", "≥5次") +
		`<w:sdt><w:sdtContent>` + wtc("", "年初计划") + `</w:sdtContent></w:sdt></w:tr>` +
		`<w:tr>` + wtc(`<w:vMerge/>`, "") + wtc("", "质量指标") + `<w:tc><w:tcPr/>` + wp("资金") + wp("合规率") + `</w:tc>` + wtc("", "工作标准") + `</w:tr>` +
		`<w:tr>` + wtc(`<w:vMerge w:val="continue"/>`, "") + wtc(`<w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>`, "跨两列两行") + wtc("", "x") + `</w:tr>` +
		`<w:tr>` + wtc("", "满意度指标") + wtc(`<w:gridSpan w:val="2"/><w:vMerge/>`, "") + wtc("", "y") + `</w:tr>` +
		`</w:tbl>` +
		wp("二、分项绩效目标") +
		`<w:tbl><w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>` + wtc("", "后表") + `</w:tr></w:tbl>`
	wb, err := Open(writeDOCX(t, body), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if wb.Format != "docx" || len(wb.Sheets) != 1 || wb.Sheets[0].Name != "文档" {
		t.Fatalf("format %q sheets %d", wb.Format, len(wb.Sheets))
	}
	got := dumpWorkbook(wb)
	want := `format docx
== 文档 (13 rows)
1: "第一部分"
2: "一、 总体绩效目标"
3: "原文新增\n第二行"
4: "7"
5: "单位：万元"
6: "项目编码" "13020824P000010100133" "" "项目名称"
7: "产出指标" "数量指标" "≥5次" "年初计划"
8: "" "质量指标" "资金\n合规率" "工作标准"
9: "" "跨两列两行" "" "x"
10: "满意度指标" "" "" "y"
12: "二、分项绩效目标"
13: "" "后表"
merge B6:C6
merge A7:A9
merge B9:C10
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestReadDOCXLibreOffice(t *testing.T) {
	wb, err := ReadDOCX("testdata/docx/form.docx")
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "testdata/docx/form.golden", dumpWorkbook(wb))
	sh := wb.Sheets[0]
	var unit, code int = -1, -1
	for r, row := range sh.Rows {
		if len(row) > 0 && row[0] == "单位：万元" {
			unit = r
		}
		if len(row) > 1 && row[1] == "13020824P00001210015M" {
			code = r
		}
	}
	if unit < 0 || code != unit+1 {
		t.Errorf("unit row %d, code row %d: the unit paragraph should sit right above the table", unit, code)
	}
}

func TestReadDOCXErrors(t *testing.T) {
	dir := t.TempDir()
	notZip := filepath.Join(dir, "a.docx")
	os.WriteFile(notZip, []byte("PK\x03\x04 truncated"), 0o644)
	if _, err := ReadDOCX(notZip); !errors.Is(err, ErrUnreadable) {
		t.Errorf("truncated zip: %v", err)
	}

	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("xl/workbook.xml")
	w.Write([]byte("<workbook/>"))
	zw.Close()
	noDoc := filepath.Join(dir, "b.docx")
	os.WriteFile(noDoc, buf.Bytes(), 0o644)
	if _, err := ReadDOCX(noDoc); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("no document part: %v", err)
	}

	broken := writeDOCX(t, `<w:p><w:r><w:t>未闭合</w:r>`)
	if _, err := ReadDOCX(broken); !errors.Is(err, ErrUnreadable) {
		t.Errorf("bad xml: %v", err)
	}
}

// TestReadDOCXTooLarge builds a document part that inflates past the limit
// from a small zip.
func TestReadDOCXTooLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("inflates 256 MiB")
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte(`<w:document ` + docxNS + `><w:body><w:p><w:r><w:t>`))
	chunk := []byte(strings.Repeat("中", 1<<16))
	for n := 0; n <= docxPartLimit; n += len(chunk) {
		w.Write(chunk)
	}
	zw.Close()
	p := filepath.Join(t.TempDir(), "big.docx")
	os.WriteFile(p, buf.Bytes(), 0o644)
	if _, err := ReadDOCX(p); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
}

func FuzzReadDOCX(f *testing.F) {
	if data, err := os.ReadFile("testdata/docx/form.docx"); err == nil {
		f.Add(data)
	}
	f.Add(docxBytes(f, wp("单位：万元")+`<w:tbl><w:tr>`+wtc(`<w:gridSpan w:val="3"/><w:vMerge w:val="restart"/>`, "a")+
		`</w:tr><w:tr>`+wtc(`<w:vMerge/>`, "")+`</w:tr></w:tbl>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(t.TempDir(), "f.docx")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := ReadDOCX(p)
		checkSentinel(t, err)
	})
}

// FuzzReadDOCXBody fuzzes the body XML inside a well-formed package, which
// byte mutations of a whole zip seldom reach.
func FuzzReadDOCXBody(f *testing.F) {
	f.Add(wp("单位：万元") + `<w:tbl><w:tr>` + wtc(`<w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>`, "a") +
		`</w:tr><w:tr>` + wtc(`<w:vMerge/>`, "") + wtc("", "b") + `</w:tr></w:tbl>`)
	f.Add(`<w:sdt><w:sdtContent><w:tbl><w:tr><w:tc><w:tbl><w:tr>` + wtc("", "嵌套") + `</w:tr></w:tbl></w:tc></w:tr></w:tbl></w:sdtContent></w:sdt>`)
	f.Fuzz(func(t *testing.T, body string) {
		data := docxBytes(t, body)
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		sh, err := readDOCXZip(zr, nil)
		checkSentinel(t, err)
		for _, m := range sh.Merges {
			if m.Top < 0 || m.Left < 0 || m.Bottom < m.Top || m.Right < m.Left {
				t.Fatalf("bad merge %v", m)
			}
		}
	})
}
