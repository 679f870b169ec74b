package templates_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"jixiao/samples/seed"
	"jixiao/templates"
)

// TestReadODSSavedByLibreOffice: the seed form saved as .ods by LibreOffice itself, and the
// Excel 2003 XML sample as LibreOffice opens and saves it as .ods, read to exactly the seed's
// projects, amounts and indicators, as their .xlsx twin does.
func TestReadODSSavedByLibreOffice(t *testing.T) {
	if testing.Short() {
		t.Skip("LibreOffice conversions are slow")
	}
	for _, c := range []struct{ name, src string }{
		{"seed workbook", samplePath("2024", "王官营镇.xlsx")},
		{"Excel 2003 XML sample", samplePath("variants", "王官营镇-XML表格.xls")},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			src := filepath.Join(dir, "in", "王官营镇"+filepath.Ext(c.src))
			if err := os.MkdirAll(filepath.Dir(src), 0o755); err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(c.src)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(src, data, 0o644); err != nil {
				t.Fatal(err)
			}
			ods := soffice(t, src, "ods", "ods", dir)
			sub, err := templates.ReadFile(context.Background(), ods, templates.ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if sub.Format != "ods" {
				t.Errorf("format %q, want ods", sub.Format)
			}
			compareDocument(t, sub, seed.WangGuanYing(), true)
			for _, p := range sub.Problems {
				if p.Rule == templates.RuleTownshipSource {
					continue // the seed states no township: it comes from the file name
				}
				t.Errorf("unexpected reading problem: %v", p)
			}
		})
	}
}
