package main

import (
	"bufio"
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// goFiles lists the module's .go files under root (relative,
// slash-separated), leaving out testdata and hidden folders.
func goFiles(t *testing.T, root string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); p != root && (n == "testdata" || strings.HasPrefix(n, ".") || strings.HasPrefix(n, "_")) {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(p, ".go") {
			rel, err := filepath.Rel(root, p)
			if err != nil {
				return err
			}
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no .go files found")
	}
	return files
}

func countLines(t *testing.T, path string) int {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	n := bytes.Count(b, []byte("\n"))
	if len(b) > 0 && b[len(b)-1] != '\n' {
		n++
	}
	return n
}

// TestFileLengths: no source file, production or test, is over 600 lines; a
// longer one is split by what its parts do.
func TestFileLengths(t *testing.T) {
	root := filepath.Join("..", "..")
	for _, f := range goFiles(t, root) {
		if n := countLines(t, filepath.Join(root, f)); n > 600 {
			t.Errorf("%s has %d lines (at most 600)", f, n)
		}
	}
}

// TestConsolidateSize: package consolidate holds the bureau's rules, the
// merge and the county workbook's sheets, at most 3,500 lines of production
// code; machinery (the xlsx writer, the spill store) and the features built
// on a consolidation (feedback, report, rounds, baseline) live in packages
// of their own.
func TestConsolidateSize(t *testing.T) {
	root := filepath.Join("..", "..")
	total := 0
	for _, f := range goFiles(t, root) {
		if filepath.Dir(f) == "consolidate" && !strings.HasSuffix(f, "_test.go") {
			total += countLines(t, filepath.Join(root, f))
		}
	}
	if total == 0 {
		t.Fatal("package consolidate has no production files")
	}
	if total > 3500 {
		t.Errorf("package consolidate has %d lines of production code (at most 3,500)", total)
	}
}

// TestMachineryImports: the packages under consolidate/internal know cells,
// parts and records, nothing of townships: they import neither consolidate
// nor templates.
func TestMachineryImports(t *testing.T) {
	module, pkgs := moduleImports(t, filepath.Join("..", ".."))
	found := 0
	for pkg, pi := range pkgs {
		if !strings.HasPrefix(pkg, module+"/consolidate/internal/") {
			continue
		}
		found++
		for imp := range pi.prod {
			if imp == module+"/consolidate" || imp == module+"/templates" ||
				strings.HasPrefix(imp, module+"/consolidate/") && !strings.HasPrefix(imp, module+"/consolidate/internal/") {
				t.Errorf("%s imports %s: machinery knows nothing of the form or the consolidation", pkg, imp)
			}
		}
	}
	if found == 0 {
		t.Fatal("no package under consolidate/internal")
	}
}

// saveCalls are the calls that put a file in its final place.
var saveCalls = regexp.MustCompile(`\bos\.Rename\(|\bLinkat\(|\bMoveFileEx\b`)

// TestOneSavePath: every output (county workbook, JSON, CSV, templates,
// convert outputs, feedback workbooks) is saved by convert.SaveFile; no
// other production code renames or links a file into place.
func TestOneSavePath(t *testing.T) {
	root := filepath.Join("..", "..")
	seen := 0
	for _, f := range goFiles(t, root) {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		fh, err := os.Open(filepath.Join(root, f))
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(nil, 1<<20)
		for line := 1; sc.Scan(); line++ {
			if !saveCalls.MatchString(sc.Text()) || strings.HasPrefix(strings.TrimSpace(sc.Text()), "//") {
				continue
			}
			if strings.HasPrefix(f, "convert/atomic") {
				seen++
				continue
			}
			t.Errorf("%s:%d puts a file in place outside convert's atomic save: %s", f, line, strings.TrimSpace(sc.Text()))
		}
		fh.Close()
	}
	if seen == 0 {
		t.Fatal("convert's atomic save was not found")
	}
}
