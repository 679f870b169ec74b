package main

import (
	"bytes"
	"testing"

	"jixiao/samples/seed"
)

// TestXMLSheetsCommittedUpToDate regenerates the .ods and Excel 2003 XML samples and compares
// them byte for byte with the committed files.
func TestXMLSheetsCommittedUpToDate(t *testing.T) {
	checkCommittedBytes(t, writeXMLSheetSamples, XMLSheetFiles)
}

func TestXMLSheetsDeterministic(t *testing.T) {
	render := func() ([]byte, []byte) {
		grid, err := sheetsOf(seed.WangGuanYing(), xmlSheetLayout)
		if err != nil {
			t.Fatal(err)
		}
		ods, err := ODS(grid)
		if err != nil {
			t.Fatal(err)
		}
		return ods, SpreadsheetML(grid)
	}
	a1, a2 := render()
	b1, b2 := render()
	if !bytes.Equal(a1, b1) || !bytes.Equal(a2, b2) {
		t.Error("two generations differ byte for byte")
	}
}

// TestODSParagraphs: spaces XML would collapse are written as <text:s/>, as LibreOffice
// writes them.
func TestODSParagraphs(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"plain", "项目", "<text:p>项目</text:p>"},
		{"inner run", "其中：财政    资金", `<text:p>其中：财政 <text:s text:c="3"/>资金</text:p>`},
		{"trailing", "优 ", "<text:p>优<text:s/></text:p>"},
		{"leading", "  a", `<text:p><text:s text:c="2"/>a</text:p>`},
		{"lines", "1.a\n2.b", "<text:p>1.a</text:p><text:p>2.b</text:p>"},
		{"escaped", "a<b&c", "<text:p>a&lt;b&amp;c</text:p>"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := odsParagraphs(c.in); got != c.want {
				t.Errorf("odsParagraphs(%q) = %s, want %s", c.in, got, c.want)
			}
		})
	}
}
