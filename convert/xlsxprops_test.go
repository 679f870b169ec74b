package convert

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// FileCategory reads the category property from the package alone, and is
// "" for a file that is no package or has no such property.
func TestFileCategory(t *testing.T) {
	dir := t.TempDir()
	book := func(name, category string) string {
		f := excelize.NewFile()
		defer f.Close()
		if category != "" {
			if err := f.SetDocProps(&excelize.DocProperties{Category: category}); err != nil {
				t.Fatal(err)
			}
		}
		path := filepath.Join(dir, name)
		if err := f.SaveAs(path); err != nil {
			t.Fatal(err)
		}
		return path
	}
	text := filepath.Join(dir, "readme.txt")
	if err := os.WriteFile(text, []byte("说明"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, path, want string
	}{
		{"marked", book("marked.xlsx", "jixiao 县级汇总工作簿"), "jixiao 县级汇总工作簿"},
		{"no category", book("plain.xlsx", ""), ""},
		{"not a package", text, ""},
		{"missing", filepath.Join(dir, "none.xlsx"), ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := FileCategory(c.path); got != c.want {
				t.Errorf("FileCategory = %q, want %q", got, c.want)
			}
		})
	}
}
