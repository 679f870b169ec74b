package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"

	"jixiao/consolidate"
)

// Write writes the report of res as WriteJSON writes New's, byte for byte,
// but with its townships, problems and sources streamed from the run one at
// a time: its memory does not grow with them. res must not be closed.
//
//	err := report.Write(os.Stdout, res, consolidate.WriteOptions{}, "县级汇总.xlsx")
func Write(w io.Writer, res *consolidate.Result, opt consolidate.WriteOptions, output string) error {
	b := newBuilder(res)
	rep, err := b.head(opt, output)
	if err != nil {
		return err
	}
	var head bytes.Buffer
	if err := rep.WriteJSON(&head); err != nil {
		return err
	}
	// the head holds the growing lists empty, each at the top level of the
	// object, where no string can hold a line break: each is cut out and
	// written in full in its place
	lists := []struct {
		key  string
		each func(emit func(any) error) error
	}{
		{"townships", func(emit func(any) error) error {
			return b.eachTownship(func(t Township) error { return emit(t) })
		}},
		{"problems", func(emit func(any) error) error {
			return eachProblem(res, func(p Problem) error { return emit(p) })
		}},
		{"sources", func(emit func(any) error) error {
			return eachSource(res, func(s Source) error { return emit(s) })
		}},
	}
	bw := bufio.NewWriter(w)
	rest := head.Bytes()
	for _, l := range lists {
		mark := []byte("\n  \"" + l.key + "\": []")
		before, after, ok := bytes.Cut(rest, mark)
		if !ok {
			return errors.New("report: no list " + l.key + " in the report's head")
		}
		bw.Write(before)
		bw.Write(mark[:len(mark)-2])
		if err := writeList(bw, l.each); err != nil {
			return err
		}
		rest = after
	}
	bw.Write(rest)
	return bw.Flush()
}

// writeList writes the items each emits as a JSON array at the top level of
// an indented object, as encoding/json indents it.
func writeList(w *bufio.Writer, each func(emit func(any) error) error) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("    ", "  ")
	n := 0
	err := each(func(v any) error {
		buf.Reset()
		if err := enc.Encode(v); err != nil {
			return err
		}
		if n == 0 {
			w.WriteString("[\n    ")
		} else {
			w.WriteString(",\n    ")
		}
		n++
		_, err := w.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
		return err
	})
	if err != nil {
		return err
	}
	if n == 0 {
		_, err = w.WriteString("[]")
	} else {
		_, err = w.WriteString("\n  ]")
	}
	return err
}
