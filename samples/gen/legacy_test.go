package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestLegacyUpToDate: the committed legacy CSV samples are byte for byte what the
// generator writes.
func TestLegacyUpToDate(t *testing.T) {
	dir := t.TempDir()
	if err := writeLegacy(dir); err != nil {
		t.Fatal(err)
	}
	for _, name := range LegacyFiles {
		t.Run(filepath.Base(name), func(t *testing.T) {
			got, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join(committed, name))
			if err != nil {
				t.Fatalf("%s not committed; run go run ./samples/gen", name)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from a fresh generation; run go run ./samples/gen", name)
			}
		})
	}
}
