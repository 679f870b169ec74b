package main

import (
	"bufio"
	"go/parser"
	"go/token"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// packageImports are the module's own imports of one package, by the files
// they stand in: production files, and _test.go files.
type packageImports struct {
	prod, test map[string]bool
}

// moduleImports parses the import blocks of every .go file under root, on
// every platform (build constraints are not applied), and returns each
// package's imports of the module's own packages, keyed by package path.
func moduleImports(t *testing.T, root string) (module string, pkgs map[string]*packageImports) {
	t.Helper()
	f, err := os.Open(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for sc := bufio.NewScanner(f); sc.Scan(); {
		if m, ok := strings.CutPrefix(sc.Text(), "module "); ok {
			module = strings.TrimSpace(m)
			break
		}
	}
	if module == "" {
		t.Fatal("go.mod names no module")
	}
	pkgs = map[string]*packageImports{}
	fset := token.NewFileSet()
	for _, rel := range goFiles(t, root) {
		p := filepath.Join(root, filepath.FromSlash(rel))
		file, err := parser.ParseFile(fset, p, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		pkg := path.Join(module, path.Dir(rel))
		pi := pkgs[pkg]
		if pi == nil {
			pi = &packageImports{prod: map[string]bool{}, test: map[string]bool{}}
			pkgs[pkg] = pi
		}
		for _, imp := range file.Imports {
			ip, _ := strconv.Unquote(imp.Path.Value)
			if ip != pkg && (ip == module || strings.HasPrefix(ip, module+"/")) {
				if strings.HasSuffix(rel, "_test.go") {
					pi.test[ip] = true
				} else {
					pi.prod[ip] = true
				}
			}
		}
	}
	return module, pkgs
}

// TestImportLayers: imports point one way, in production and in test code:
// cmd → consolidate (and its sub-packages) → templates → convert, and
// convert imports none of the module's other packages. A package outside
// these layers (test data, test support, tools) is judged by what it brings
// in: a package may import it only if everything of the layers it imports,
// directly or not, is allowed to the importer; convert may import none.
func TestImportLayers(t *testing.T) {
	module, pkgs := moduleImports(t, filepath.Join("..", ".."))
	layers := []string{"convert", "templates", "consolidate", "cmd"} // lowest first
	layer := func(pkg string) int {
		rel := strings.TrimPrefix(pkg, module+"/")
		for i, l := range layers {
			if rel == l || strings.HasPrefix(rel, l+"/") {
				return i
			}
		}
		return -1
	}
	// reach lists the layered packages pkg brings in through its production
	// imports: itself when layered, else those of its imports, transitively.
	var reach func(pkg string, seen map[string]bool) []string
	reach = func(pkg string, seen map[string]bool) []string {
		if seen[pkg] {
			return nil
		}
		seen[pkg] = true
		if layer(pkg) >= 0 {
			return []string{pkg}
		}
		var out []string
		if pi := pkgs[pkg]; pi != nil {
			for q := range pi.prod {
				out = append(out, reach(q, seen)...)
			}
		}
		return out
	}
	allowed := func(from, to string) bool {
		lf, lt := layer(from), layer(to)
		if lf == 0 {
			return lt == 0
		}
		return lt <= lf
	}
	checked := 0
	for pkg, pi := range pkgs {
		if layer(pkg) < 0 {
			continue
		}
		for kind, imports := range map[string]map[string]bool{"": pi.prod, " (tests)": pi.test} {
			for imp := range imports {
				checked++
				if layer(pkg) == 0 && layer(imp) != 0 {
					t.Errorf("%s%s imports %s: convert imports none of the module's other packages", pkg, kind, imp)
					continue
				}
				for _, r := range reach(imp, map[string]bool{}) {
					if !allowed(pkg, r) {
						via := ""
						if r != imp {
							via = " through " + imp
						}
						t.Errorf("%s%s imports %s%s: imports point %s", pkg, kind, r, via, strings.Join(layers, " ← "))
					}
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no imports of the module's own packages found")
	}
}
