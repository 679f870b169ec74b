package report_test

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"testing"

	"jixiao/consolidate"
	"jixiao/consolidate/baseline"
	"jixiao/consolidate/report"
	"jixiao/templates"
)

// Write gives byte for byte what WriteJSON gives of New's report, whatever
// the report holds: every optional field, empty lists, <>& in texts.
func TestWriteStreamsAsNew(t *testing.T) {
	blankDir := t.TempDir()
	if err := templates.WriteTemplate(filepath.Join(blankDir, "空白模板.xlsx"), templates.TemplateOptions{}); err != nil {
		t.Fatal(err)
	}
	base, err := baseline.Load(context.Background(), []string{samples("2023")}, consolidate.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		paths  []string
		opt    consolidate.WriteOptions
		output string
	}{
		{"samples", []string{samples("2024")}, consolidate.WriteOptions{}, "out.xlsx"},
		{"every optional field", []string{samples("2024"), samples("variants")},
			consolidate.WriteOptions{Baseline: base, County: "丰润区<&>"}, "县级汇总 <2024>&.xlsx"},
		{"no township, no output", []string{blankDir}, consolidate.WriteOptions{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := run(t, tt.paths...)
			rep, err := report.New(res, tt.opt, tt.output)
			if err != nil {
				t.Fatal(err)
			}
			var want, got bytes.Buffer
			if err := rep.WriteJSON(&want); err != nil {
				t.Fatal(err)
			}
			if err := report.Write(&got, res, tt.opt, tt.output); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Fatalf("Write differs from WriteJSON of New:\n got %d bytes: %.600s\nwant %d bytes: %.600s", got.Len(), got.String(), want.Len(), want.String())
			}
			if (len(rep.Townships) == 0) != (tt.name == "no township, no output") || len(rep.Problems) == 0 || len(rep.Sources) == 0 {
				t.Errorf("case does not hold what it is for: %d townships, %d problems, %d sources",
					len(rep.Townships), len(rep.Problems), len(rep.Sources))
			}
		})
	}
}

// A write fault is Write's error.
func TestWriteFault(t *testing.T) {
	res := run(t, samples("2024"))
	fault := errors.New("磁盘已满")
	if err := report.Write(failingWriter{fault}, res, consolidate.WriteOptions{}, ""); !errors.Is(err, fault) {
		t.Errorf("err = %v, want the writer's", err)
	}
}

type failingWriter struct{ err error }

func (w failingWriter) Write([]byte) (int, error) { return 0, w.err }
