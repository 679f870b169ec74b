package main

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"jixiao/samples/seed"
)

// TestDocxCommittedUpToDate regenerates the Word samples and compares them byte for byte
// with the committed files.
func TestDocxCommittedUpToDate(t *testing.T) {
	checkCommittedBytes(t, writeDocxSamples, DocxFiles)
}

// checkCommittedBytes writes samples with write into a temporary directory and compares the
// files names byte for byte with the committed ones.
func checkCommittedBytes(t *testing.T, write func(dir string) error, names []string) {
	t.Helper()
	dir := t.TempDir()
	if err := write(dir); err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join(committed, name))
		if err != nil {
			t.Errorf("%s not committed; run go run ./samples/gen", name)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from a fresh generation; run go run ./samples/gen", name)
		}
	}
}

func TestDocxDeterministic(t *testing.T) {
	a, err := DOCX(seed.WangGuanYing())
	if err != nil {
		t.Fatal(err)
	}
	b, err := DOCX(seed.WangGuanYing())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("two generations differ byte for byte")
	}
}

func TestMeasureParagraphs(t *testing.T) {
	cases := []struct {
		name string
		text string
		want []string
	}{
		{"one line", "a", []string{"a"}},
		{"lines", "a\nb", []string{"a", "b"}},
		{"blank line kept inside a paragraph", "a\nb\n\nc\nd", []string{"a", "b\n\nc", "d"}},
		{"two blank lines", "a\n\n\n\nb", []string{"a\n\n\n\nb"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := measureParagraphs(c.text); !reflect.DeepEqual(got, c.want) {
				t.Errorf("measureParagraphs(%q) = %q, want %q", c.text, got, c.want)
			}
		})
	}
}
