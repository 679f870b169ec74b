package convert

import "testing"

func TestExtensions(t *testing.T) {
	tests := []struct {
		ext                   string
		input, text, workbook bool
		xml                   bool
	}{
		{ext: ".xlsx", input: true, workbook: true},
		{ext: ".XLSM", input: true, workbook: true},
		{ext: ".csv", input: true, text: true},
		{ext: ".Tsv", input: true, text: true},
		{ext: ".txt", input: true, text: true},
		{ext: ".xls", input: true},
		{ext: ".docx", input: true},
		{ext: ".ods", input: true},
		{ext: ".xml", input: true, xml: true},
		{ext: ".XML", input: true, xml: true},
		{ext: ".et", input: true},
		{ext: ".ett", input: true},
		{ext: ".wps", input: true},
		{ext: ".doc", input: true},
		{ext: ".pdf", input: true},
		{ext: ".xlsb", input: true},
		{ext: ".numbers", input: true},
		{ext: ".wpt"},
		{ext: ".json"},
		{ext: ".xlsx.bak"},
		{ext: ""},
	}
	for _, tt := range tests {
		t.Run(tt.ext, func(t *testing.T) {
			if got := IsInputExtension(tt.ext); got != tt.input {
				t.Errorf("IsInputExtension(%q) = %v, want %v", tt.ext, got, tt.input)
			}
			if got := IsTextExtension(tt.ext); got != tt.text {
				t.Errorf("IsTextExtension(%q) = %v, want %v", tt.ext, got, tt.text)
			}
			if got := IsWorkbookExtension(tt.ext); got != tt.workbook {
				t.Errorf("IsWorkbookExtension(%q) = %v, want %v", tt.ext, got, tt.workbook)
			}
			if got := IsXMLExtension(tt.ext); got != tt.xml {
				t.Errorf("IsXMLExtension(%q) = %v, want %v", tt.ext, got, tt.xml)
			}
		})
	}
}

// TestTextExtensions: the text extensions are the ones IsTextExtension
// knows, .csv first (the name suggested for a CSV output).
func TestTextExtensions(t *testing.T) {
	exts := TextExtensions()
	if len(exts) == 0 || exts[0] != ".csv" {
		t.Fatalf("TextExtensions() = %q, want .csv first", exts)
	}
	for _, e := range exts {
		if !IsTextExtension(e) {
			t.Errorf("IsTextExtension(%q) = false", e)
		}
	}
}
