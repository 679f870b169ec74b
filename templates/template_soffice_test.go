package templates_test

import (
	"archive/zip"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"jixiao/convert"
	"jixiao/internal/filledform"
	"jixiao/templates"
)

// soffice converts a file with LibreOffice headless into dir, in a private
// user profile, and returns the converted file's path. It skips the test
// when LibreOffice is not installed.
func soffice(t *testing.T, src, format, ext, dir string) string {
	t.Helper()
	bin, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice (LibreOffice) is not installed; skipping the LibreOffice check")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	profile := "file://" + filepath.ToSlash(filepath.Join(t.TempDir(), "profile"))
	cmd := exec.CommandContext(ctx, bin, "--headless", "--norestore", "-env:UserInstallation="+profile,
		"--convert-to", format, "--outdir", dir, src)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("soffice --convert-to %s failed: %v\n%s", format, err, out)
	}
	dst := filepath.Join(dir, strings.TrimSuffix(filepath.Base(src), filepath.Ext(src))+"."+ext)
	if st, err := os.Stat(dst); err != nil || st.Size() == 0 {
		t.Fatalf("soffice wrote no %s: %v\n%s", dst, err, out)
	}
	if strings.Contains(strings.ToLower(string(out)), "error") {
		t.Errorf("soffice complained:\n%s", out)
	}
	return dst
}

// odsContent returns content.xml of an OpenDocument spreadsheet.
func odsContent(t *testing.T, path string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == "content.xml" {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			b, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
	}
	t.Fatalf("%s has no content.xml", path)
	return ""
}

func TestTemplateOpensInLibreOffice(t *testing.T) {
	tests := []struct {
		name string
		fw   templates.Framework
		want []string // text content.xml must hold
	}{
		{"classic", templates.Classic(), []string{`table:name="产出指标"`, `table:name="效益指标"`, `table:name="满意度指标"`}},
		{"2021", templates.Framework2021(), []string{`table:name="成本指标"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			src := filepath.Join(dir, "模板.xlsx")
			if err := templates.WriteTemplate(src, templates.TemplateOptions{Township: "王官营镇", Year: 2024, Projects: 2, Framework: tc.fw}); err != nil {
				t.Fatal(err)
			}
			ods := soffice(t, src, "ods", "ods", filepath.Join(dir, "ods"))
			content := odsContent(t, ods)
			want := append([]string{
				"cell-content-is-in-list(一级指标列表)",
				"cell-content-is-in-list(INDIRECT(",
				"cell-content-is-in-list(确定依据列表)",
				"cell-content-is-decimal-number() and cell-content()&gt;=0",
				`table:name="一级指标列表"`,
				"单位：万元", // the unit line's formula, computed by LibreOffice
				`table:protected="true"`,
			}, tc.want...)
			for _, w := range want {
				if !strings.Contains(content, w) {
					t.Errorf("LibreOffice's copy lacks %s", w)
				}
			}
		})
	}
}

// TestTemplateSavedByLibreOffice fills a template, lets LibreOffice save it
// as a township using LibreOffice would, and reads it back.
func TestTemplateSavedByLibreOffice(t *testing.T) {
	dir := t.TempDir()
	form := filledform.Sample("元", [2]string{"产出指标", "成本指标"})
	src := filledform.Write(t, dir, templates.TemplateOptions{Projects: 4}, form)
	saved := soffice(t, src, "xlsx:Calc MS Excel 2007 XML", "xlsx", filepath.Join(dir, "saved"))
	sub, err := templates.ReadFile(context.Background(), saved, templates.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range sub.Problems {
		t.Errorf("reading problem: %v", p)
	}
	filledform.Check(t, sub, form, convert.UnitYuan)
}
