package convert

import (
	"errors"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

const smlTestHead = `<?xml version="1.0" encoding="UTF-8"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" xmlns:html="http://www.w3.org/TR/REC-html40">
<Styles><Style ss:ID="Default"/></Styles>
`

func smlBook(worksheets string) string { return smlTestHead + worksheets + "</Workbook>\n" }

func TestReadSpreadsheetML(t *testing.T) {
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(`<?xml version="1.0" encoding="GBK"?>` +
		`<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet Name="汇总"><Table><Row><Cell><Data Type="String">王官营镇</Data></Cell></Row></Table></Worksheet></Workbook>`)
	if err != nil {
		t.Fatal(err)
	}
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(smlBook(
		`<Worksheet ss:Name="表"><Table><Row><Cell><Data ss:Type="Number">4.92</Data></Cell></Row></Table></Worksheet>`))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, file, want string
	}{
		{"indexes and merges", smlBook(`<Worksheet ss:Name="项目"><Table ss:ExpandedColumnCount="9">
<Column ss:Width="80"/>
<Row><Cell ss:MergeAcross="2"><Data ss:Type="String">1、标题</Data></Cell><Cell><Data ss:Type="String">D1</Data></Cell></Row>
<Row ss:Index="3"><Cell ss:Index="2" ss:MergeDown="1"><Data ss:Type="String">产出指标</Data></Cell><Cell><Data ss:Type="String">C3</Data></Cell></Row>
<Row><Cell ss:Index="3"><Data ss:Type="String">C4</Data></Cell></Row>
<Row ss:Span="2"/>
<Row><Cell><Data ss:Type="String">A8</Data></Cell></Row>
</Table></Worksheet>`),
			"format spreadsheetml\n== 项目 (8 rows)\n1: \"1、标题\" \"\" \"\" \"D1\"\n3: \"\" \"产出指标\" \"C3\"\n4: \"\" \"\" \"C4\"\n8: \"A8\"\nmerge A1:C1\nmerge B3:B4\n"},
		{"data types", smlBook(`<Worksheet ss:Name="值"><Table><Row>
<Cell><Data ss:Type="Number">4.9199999999999999</Data></Cell>
<Cell><Data ss:Type="DateTime">2024-12-31T00:00:00.000</Data></Cell>
<Cell><Data ss:Type="Boolean">1</Data></Cell>
<Cell ss:Formula="=1/0"><Data ss:Type="Error">#DIV/0!</Data></Cell>
<Cell ss:Formula="=A1"/>
<Cell><ss:Data ss:Type="String" xmlns="http://www.w3.org/TR/REC-html40"><B>加粗</B><Font html:Color="#FF0000">红字</Font></ss:Data><Comment><Data>批注</Data></Comment></Cell>
<Cell><Data ss:Type="String">第一行&#10;第二行</Data></Cell>
</Row></Table></Worksheet>`),
			"format spreadsheetml\n== 值 (1 rows)\n1: \"4.9199999999999999\" \"45657\" \"1\" \"#DIV/0!\" \"\" \"加粗红字\" \"第一行\\n第二行\"\nflag D1 2\nflag E1 1\n"},
		{"sheets without a table and duplicate names", smlBook(`<Worksheet ss:Name="说明"/><Worksheet ss:Name="说明"><Table><Row><Cell><Data ss:Type="String">x</Data></Cell></Row></Table></Worksheet>`),
			"format spreadsheetml\n== 说明 (0 rows)\n== 说明 (2) (1 rows)\n1: \"x\"\n"},
		{"GBK declared, no ss: prefix", gbk, "format spreadsheetml\n== 汇总 (1 rows)\n1: \"王官营镇\"\n"},
		{"UTF-16", utf16, "format spreadsheetml\n== 表 (1 rows)\n1: \"4.92\"\n"},
		{"UTF-8 byte order mark", "\xEF\xBB\xBF" + smlBook(`<Worksheet ss:Name="a"><Table><Row><Cell><Data ss:Type="String">x</Data></Cell></Row></Table></Worksheet>`),
			"format spreadsheetml\n== a (1 rows)\n1: \"x\"\n"},
		{"bare ampersand", smlBook(`<Worksheet ss:Name="a"><Table><Row><Cell><Data ss:Type="String">A&B</Data></Cell></Row></Table></Worksheet>`),
			"format spreadsheetml\n== a (1 rows)\n1: \"A&B\"\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if f := Sniff("导出.xls", []byte(c.file)); f != "spreadsheetml" {
				t.Fatalf("sniffed as %q", f)
			}
			wb, err := OpenBytes("导出.xls", []byte(c.file), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := dumpWorkbook(wb); got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}

func TestReadSpreadsheetMLRefused(t *testing.T) {
	for _, c := range []struct {
		name, file string
		want       error
	}{
		{"cut short", smlTestHead + `<Worksheet ss:Name="a"><Table><Row>`, ErrUnreadable},
		{"row index out of the sheet", smlBook(`<Worksheet ss:Name="a"><Table><Row ss:Index="9999999"><Cell><Data ss:Type="String">x</Data></Cell></Row></Table></Worksheet>`), ErrUnreadable},
		{"column index out of the sheet", smlBook(`<Worksheet ss:Name="a"><Table><Row><Cell ss:Index="99999"><Data ss:Type="String">x</Data></Cell></Row></Table></Worksheet>`), ErrUnreadable},
	} {
		t.Run(c.name, func(t *testing.T) {
			if _, err := OpenBytes("a.xml", []byte(c.file), Options{}); !errors.Is(err, c.want) {
				t.Fatalf("err = %v, want %v", err, c.want)
			}
		})
	}
	if _, err := parseSpreadsheetML([]byte(`<Workbook xmlns="urn:other"/>`), nil); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("another root: %v, want ErrUnknownFormat", err)
	}
}

func FuzzReadSpreadsheetML(f *testing.F) {
	f.Add([]byte(smlBook(`<Worksheet ss:Name="a"><Table><Row ss:Index="2"><Cell ss:Index="3" ss:MergeAcross="1" ss:MergeDown="2"><Data ss:Type="Number">1</Data></Cell>` +
		`<Cell><Data ss:Type="DateTime">2024-01-15T00:00:00</Data></Cell></Row></Table></Worksheet>`)))
	f.Add([]byte(smlBook(`<Worksheet ss:Name="b"><Table><Row><Cell ss:Formula="=A1"/><Cell><ss:Data ss:Type="String"><B>x</B></ss:Data></Cell></Row></Table></Worksheet>`)))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := parseSpreadsheetML(data, nil)
		checkSentinel(t, err)
	})
}
