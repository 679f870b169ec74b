package convert

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// maxCSVCells caps the cells of the rectangle EncodeCSV writes: one cell
// at A1 and one at XFD1048576 would pad to 17 billion cells.
const maxCSVCells = 16 << 20

// CSVOptions tune how grids are written as CSV.
type CSVOptions struct {
	// Encoding is the output encoding: "utf-8-bom" (the default for "" and
	// "auto", so Excel shows Chinese correctly), "utf-8", "gbk" or "gb18030";
	// see EncodeText.
	Encoding string
	// Comma is the delimiter; ',' when zero. Use '\t' for TSV.
	Comma rune
	// Raw writes cells exactly as they are. By default a cell that a
	// spreadsheet would take for a formula (starting with = + - @, a tab or a
	// carriage return) gets a leading apostrophe; see DefuseFormula.
	Raw bool
}

// EncodeCSV renders rows as CSV text in the options' encoding. Rows are
// padded with empty cells to the width of the widest row (trailing empty
// cells do not count) and trailing empty rows are left out, so Excel and
// CSV readers see the same rectangle and blank rows inside the table are
// kept. Lines end in CRLF, as Windows programs write them; line breaks
// inside a cell are quoted and written CRLF too (readers give them back as
// LF), and a lone carriage return in a cell is dropped. A rectangle of
// more than 16,777,216 cells is refused with an error wrapping ErrBudget.
//
//	data, err := convert.EncodeCSV([][]string{{"项目名称", "预算数"}, {"非税收入", "4.92"}}, convert.CSVOptions{})
func EncodeCSV(rows [][]string, opt CSVOptions) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	if opt.Comma != 0 {
		w.Comma = opt.Comma
	}
	rows = trimCSVRows(rows)
	width := 0
	for _, r := range rows {
		width = max(width, len(r))
	}
	if width > 0 && len(rows) > maxCSVCells/width {
		return nil, fmt.Errorf("%w：CSV 将有 %d 行 × %d 列，超过 %d 格（常见原因是远处的行或列有内容）；请删除多余的行列后再转换", ErrBudget, len(rows), width, maxCSVCells)
	}
	rec := make([]string, width)
	for _, r := range rows {
		for i := range rec {
			rec[i] = ""
			if i < len(r) {
				rec[i] = r[i]
				if !opt.Raw {
					rec[i] = DefuseFormula(rec[i])
				}
			}
		}
		if width == 1 && rec[0] == "" {
			// A lone empty cell would be an empty line, which readers skip.
			w.Flush()
			buf.WriteString("\"\"\r\n")
			continue
		}
		if err := w.Write(rec); err != nil {
			return nil, err
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, err
	}
	return EncodeText(buf.String(), opt.Encoding)
}

// WriteCSV writes rows to w as EncodeCSV renders them.
//
//	err := convert.WriteCSV(f, sh.Rows, convert.CSVOptions{Encoding: "gbk"})
func WriteCSV(w io.Writer, rows [][]string, opt CSVOptions) error {
	data, err := EncodeCSV(rows, opt)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// plainNumber matches cells that start with a sign but are only a number
// ("-5", "+86"), or only dashes ("-", "--", a blank amount): no spreadsheet
// runs them, so they are written as they are.
var plainNumber = regexp.MustCompile(`^(?:[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|-+)$`)

// DefuseFormula prefixes an apostrophe to a cell that a spreadsheet would
// run as a formula when it opens the CSV: one starting with =, +, -, @, a
// tab or a carriage return (CSV injection). Plain signed numbers and dashes
// are kept.
//
//	convert.DefuseFormula("=HYPERLINK(\"http://x\")") // "'=HYPERLINK(\"http://x\")"
//	convert.DefuseFormula("-5")                       // "-5"
func DefuseFormula(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) || plainNumber.MatchString(s) {
		return s
	}
	return "'" + s
}

// trimCSVRows drops trailing empty cells of each row and trailing empty rows.
func trimCSVRows(rows [][]string) [][]string {
	out := make([][]string, len(rows))
	last := -1
	for i, r := range rows {
		n := len(r)
		for n > 0 && r[n-1] == "" {
			n--
		}
		out[i] = r[:n]
		if n > 0 {
			last = i
		}
	}
	return out[:last+1]
}
