package convert

import (
	"errors"
	"strings"
	"testing"
	"time"
)

const odsTestHead = `<?xml version="1.0" encoding="UTF-8"?><office:document-content ` +
	`xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ` +
	`xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" ` +
	`office:version="1.2"><office:automatic-styles><style/></office:automatic-styles><office:body><office:spreadsheet>`

// odsContent wraps tables into a content.xml.
func odsContent(tables string) string {
	return odsTestHead + tables + `</office:spreadsheet></office:body></office:document-content>`
}

// odsFile zips a content.xml into an .ods package, the mimetype entry first.
func odsFile(t testing.TB, content string, extra ...string) []byte {
	parts := append([]string{"mimetype", odsMediaType, "content.xml", content}, extra...)
	return zipParts(t, append(parts, "META-INF/manifest.xml", `<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>`)...)
}

func TestReadODS(t *testing.T) {
	cases := []struct {
		name, tables, want string
	}{
		{"value types", `<table:table table:name="值"><table:table-row>` +
			`<table:table-cell office:value-type="float" office:value="4.92"><text:p>4.92 万元</text:p></table:table-cell>` +
			`<table:table-cell office:value-type="percentage" office:value="0.95"><text:p>95%</text:p></table:table-cell>` +
			`<table:table-cell office:value-type="currency" office:currency="CNY" office:value="1200"><text:p>¥1,200</text:p></table:table-cell>` +
			`<table:table-cell office:value-type="date" office:date-value="2024-12-31"><text:p>2024年12月31日</text:p></table:table-cell>` +
			`<table:table-cell office:value-type="date" office:date-value="2024-01-15T12:00:00"><text:p>x</text:p></table:table-cell>` +
			`<table:table-cell office:value-type="time" office:time-value="PT18H00M00S"><text:p>18:00</text:p></table:table-cell>` +
			`<table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>TRUE</text:p></table:table-cell>` +
			`<table:table-cell office:value-type="string" office:string-value="公式结果" table:formula="of:=A1"><text:p>公式结果</text:p></table:table-cell>` +
			`</table:table-row></table:table>`,
			"format ods\n== 值 (1 rows)\n1: \"4.92\" \"0.95\" \"1200\" \"45657\" \"45306.5\" \"0.75\" \"1\" \"公式结果\"\n"},
		{"errors and formulas without a value", `<table:table table:name="公式"><table:table-row>` +
			`<table:table-cell table:formula="of:=1/0" office:value-type="string" office:string-value="" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>` +
			`<table:table-cell table:formula="of:=A1"/></table:table-row></table:table>`,
			"format ods\n== 公式 (1 rows)\n1: \"#DIV/0!\"\nflag A1 2\nflag B1 1\n"},
		{"repeated cells and rows", `<table:table table:name="重复">` +
			`<table:table-column table:number-columns-repeated="1024"/>` +
			`<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="2"/>` +
			`<table:table-cell table:number-columns-repeated="3" office:value-type="string"><text:p>同</text:p></table:table-cell>` +
			`<table:table-cell table:number-columns-repeated="16379"/></table:table-row>` +
			`<table:table-row table:number-rows-repeated="1048574"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>` +
			`</table:table>`,
			"format ods\n== 重复 (2 rows)\n1: \"\" \"\" \"同\" \"同\" \"同\"\n2: \"\" \"\" \"同\" \"同\" \"同\"\n"},
		{"merged cells, covered content hidden", `<table:table table:name="合并"><table:table-row>` +
			`<table:table-cell table:number-columns-spanned="2" table:number-rows-spanned="2" office:value-type="string"><text:p>一级指标</text:p></table:table-cell>` +
			`<table:covered-table-cell office:value-type="string"><text:p>隐藏</text:p></table:covered-table-cell>` +
			`<table:table-cell office:value-type="float" office:value="1"/></table:table-row>` +
			`<table:table-row><table:covered-table-cell table:number-columns-repeated="2"/><table:table-cell office:value-type="float" office:value="2"/></table:table-row>` +
			`</table:table>`,
			"format ods\n== 合并 (2 rows)\n1: \"一级指标\" \"\" \"1\"\n2: \"\" \"\" \"2\"\nmerge A1:B2\n"},
		{"text: paragraphs, spaces, spans, comments", `<table:table table:name="文字"><table:table-row>` +
			`<table:table-cell office:value-type="string"><office:annotation><text:p>批注</text:p></office:annotation>` +
			`<text:p>其中：财政 <text:s text:c="3"/>资金</text:p><text:p>  第二段 <text:span>加粗</text:span><text:line-break/>换行<text:tab/>制表</text:p></table:table-cell>` +
			`<table:table-cell office:value-type="string"><text:p>优<text:s/></text:p></table:table-cell>` +
			`<table:table-cell office:value-type="string"><text:p><text:a xlink:href="http://x" xmlns:xlink="http://www.w3.org/1999/xlink">链接</text:a></text:p></table:table-cell>` +
			`</table:table-row></table:table>`,
			"format ods\n== 文字 (1 rows)\n1: \"其中：财政    资金\\n第二段 加粗\\n换行\\t制表\" \"优 \" \"链接\"\n"},
		{"rows in groups and header rows", `<table:table table:name="分组"><table:table-header-rows><table:table-row>` +
			`<table:table-cell office:value-type="string"><text:p>表头</text:p></table:table-cell></table:table-row></table:table-header-rows>` +
			`<table:table-row-group><table:table-row><table:table-cell office:value-type="float" office:value="3"/></table:table-row></table:table-row-group>` +
			`</table:table>`,
			"format ods\n== 分组 (2 rows)\n1: \"表头\"\n2: \"3\"\n"},
		{"duplicate sheet names", `<table:table table:name="项目"><table:table-row><table:table-cell office:value-type="string"><text:p>一</text:p></table:table-cell></table:table-row></table:table>` +
			`<table:table table:name="项目"><table:table-row><table:table-cell office:value-type="string"><text:p>二</text:p></table:table-cell></table:table-row></table:table>`,
			"format ods\n== 项目 (1 rows)\n1: \"一\"\n== 项目 (2) (1 rows)\n1: \"二\"\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			wb, err := OpenBytes("a.ods", odsFile(t, odsContent(c.tables)), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := dumpWorkbook(wb); got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

func TestReadODSRefused(t *testing.T) {
	bomb := `<table:table table:name="炸弹"><table:table-row table:number-rows-repeated="1048576">` +
		`<table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"/></table:table-row></table:table>`
	cases := []struct {
		name string
		data []byte
		want error
	}{
		{"encrypted", zipParts(t, "mimetype", odsMediaType, "content.xml", "\x01\x02",
			"META-INF/manifest.xml", `<manifest:manifest><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/></manifest:file-entry></manifest:manifest>`), ErrEncrypted},
		{"no content.xml", zipParts(t, "mimetype", odsMediaType, "styles.xml", "<x/>"), ErrUnreadable},
		{"malformed content", odsFile(t, odsTestHead+`<table:table table:name="a"><table:table-row>`), ErrUnreadable},
		{"one value repeated over a whole sheet", odsFile(t, odsContent(bomb)), ErrBudget},
		{"empty merged cells repeated over a whole sheet", odsFile(t, odsContent(`<table:table table:name="合并"><table:table-row table:number-rows-repeated="1048576">`+
			`<table:table-cell table:number-columns-repeated="16384" table:number-columns-spanned="2"/></table:table-row></table:table>`)), ErrTooLarge},
		{"formulas without a value repeated over a whole sheet", odsFile(t, odsContent(`<table:table table:name="公式"><table:table-row table:number-rows-repeated="1048576">`+
			`<table:table-cell table:number-columns-repeated="16384" table:formula="of:=1"/></table:table-row></table:table>`)), ErrTooLarge},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			_, err := OpenBytes("a.ods", c.data, Options{})
			if !errors.Is(err, c.want) {
				t.Fatalf("err = %v, want %v", err, c.want)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

// An ODF package whose mimetype entry is not first is still an ODF
// spreadsheet, not a damaged .xlsx.
func TestODSMimetypeNotFirst(t *testing.T) {
	data := zipParts(t, "content.xml", odsContent(`<table:table table:name="表"><table:table-row>`+
		`<table:table-cell office:value-type="string"><text:p>值</text:p></table:table-cell></table:table-row></table:table>`),
		"mimetype", odsMediaType)
	wb, err := OpenBytes("a.ods", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if wb.Format != "ods" || wb.Sheets[0].Cell(0, 0) != "值" {
		t.Errorf("format %s, A1 %q", wb.Format, wb.Sheets[0].Cell(0, 0))
	}
}

func FuzzReadODSContent(f *testing.F) {
	f.Add([]byte(odsContent(`<table:table table:name="a"><table:table-row table:number-rows-repeated="3">` +
		`<table:table-cell table:number-columns-repeated="2" table:number-columns-spanned="2" office:value-type="float" office:value="1"/>` +
		`<table:covered-table-cell/><table:table-cell office:value-type="string"><text:p>a<text:s text:c="2"/>b</text:p></table:table-cell>` +
		`</table:table-row></table:table>`)))
	f.Add([]byte(odsContent(`<table:table><table:table-row><table:table-cell office:value-type="date" office:date-value="2024-12-31T08:00:00"/>` +
		`<table:table-cell office:value-type="time" office:time-value="PT1H2M3.5S"/></table:table-row></table:table>`)))
	f.Fuzz(func(t *testing.T, content []byte) {
		if len(content) > 1<<16 || strings.Count(string(content), "repeated") > 4 {
			return // keep each input quick: repeats multiply the cells
		}
		_, err := parseODSContent(content, nil)
		checkSentinel(t, err)
	})
}
