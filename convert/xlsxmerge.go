package convert

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// maxQuickMerges bounds the merged ranges partMerges checks for overlaps
// pairwise; sheets with more take the library's own reader.
const maxQuickMerges = 2000

// sheetMerges returns the merged ranges of a sheet. The library's
// GetMergeCells parses the whole worksheet into memory, which costs more than
// reading every cell with the row iterator; the <mergeCells> element alone is
// read from the part's bytes where the library holds them, and the library is
// asked only when they are not at hand or the ranges are unusual (malformed,
// overlapping, very many), so that the result is always the same.
func sheetMerges(f *excelize.File, sheet, part string) ([]Merge, error) {
	if part != "" {
		if v, ok := f.Pkg.Load(part); ok {
			if data, ok := v.([]byte); ok {
				if ms, ok := partMerges(data); ok {
					return ms, nil
				}
			}
		}
	}
	cells, err := f.GetMergeCells(sheet)
	if err != nil {
		return nil, err
	}
	var out []Merge
	for _, m := range cells {
		l, t, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		r, b, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil {
			continue
		}
		out = append(out, Merge{Top: t - 1, Left: l - 1, Bottom: b - 1, Right: r - 1})
	}
	return out, nil
}

// partMerges reads the <mergeCells> element of a worksheet's XML. ok is false
// when the ranges are not plain, distinct, non-overlapping "A1:B2" refs.
func partMerges(data []byte) (out []Merge, ok bool) {
	at := mergeCellsStart(data)
	if at < 0 {
		return nil, true
	}
	d := xml.NewDecoder(bytes.NewReader(data[at:]))
	depth := 0
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return nil, false
		}
		if err != nil {
			return nil, false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if t.Name.Local != "mergeCell" || depth != 2 {
				continue
			}
			m, ok := mergeRef(attr(t, "ref"))
			if !ok || len(out) >= maxQuickMerges {
				return nil, false
			}
			for _, o := range out {
				if m.Top <= o.Bottom && o.Top <= m.Bottom && m.Left <= o.Right && o.Left <= m.Right {
					return nil, false
				}
			}
			out = append(out, m)
		case xml.EndElement:
			depth--
			if depth == 0 {
				return out, true
			}
		}
	}
}

// mergeCellsStart finds the "<mergeCells" (or "<x:mergeCells") start tag.
func mergeCellsStart(data []byte) int {
	for from := 0; ; {
		i := bytes.Index(data[from:], []byte("mergeCells"))
		if i < 0 {
			return -1
		}
		i += from
		from = i + len("mergeCells")
		if from >= len(data) || !strings.ContainsRune(" \t\r\n>/", rune(data[from])) {
			continue
		}
		j := i - 1
		if j >= 0 && data[j] == ':' {
			for j--; j >= 0 && isNameByte(data[j]); j-- {
			}
		}
		if j >= 0 && data[j] == '<' {
			return j
		}
	}
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.'
}

// mergeRef parses "A1:B2" (corners in any order) into a Merge.
func mergeRef(ref string) (Merge, bool) {
	a, b, found := strings.Cut(ref, ":")
	if !found || strings.Contains(b, ":") {
		return Merge{}, false
	}
	c1, r1, err1 := excelize.CellNameToCoordinates(a)
	c2, r2, err2 := excelize.CellNameToCoordinates(b)
	if err1 != nil || err2 != nil {
		return Merge{}, false
	}
	return Merge{Top: min(r1, r2) - 1, Left: min(c1, c2) - 1, Bottom: max(r1, r2) - 1, Right: max(c1, c2) - 1}, true
}
