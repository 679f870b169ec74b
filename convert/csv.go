package convert

import (
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// maxCSVBytes bounds the size of a CSV file ReadCSV reads.
const maxCSVBytes = 256 << 20

// ReadCSV reads a CSV/TSV text file into a one-sheet Workbook named after
// the file's stem. It decodes the text (see DecodeText; opt.Encoding forces
// an encoding), drops a byte-order mark, sniffs the delimiter (comma, tab or
// semicolon, whichever splits the first lines most consistently outside
// quotes) and reads ragged rows and stray quotes leniently, as Excel does:
// a quote inside an unquoted field is kept as text. NUL bytes are removed.
// Blank lines are kept as empty rows so row numbers match what a spreadsheet
// shows.
//
// A quoted field that is never closed (usually a truncated file) gives a
// *LocatedError with the line and column where it began, wrapping
// ErrUnreadable; undecodable text under a forced encoding wraps ErrEncoding.
//
//	wb, err := convert.ReadCSV("王官营镇.csv", convert.Options{Encoding: "auto"})
//	sh := wb.Sheets[0] // sh.Rows[0][0] is A1
func ReadCSV(path string, opt Options) (*Workbook, error) {
	return readFile(path, func(path string, data []byte) (*Workbook, error) {
		return readCSVBytes(path, data, opt, newBudget(path, len(data), opt))
	})
}

// readCSVBytes is ReadCSV of the file's bytes, data.
func readCSVBytes(path string, data []byte, opt Options, b *budget) (*Workbook, error) {
	fail := func(err error) (*Workbook, error) { return nil, located(err, path, "") }
	if len(data) > maxCSVBytes {
		return fail(fmt.Errorf("%w：文本文件大于 %d MB", ErrTooLarge, maxCSVBytes>>20))
	}
	text, enc, err := DecodeText(data, opt.Encoding)
	if err != nil {
		return fail(err)
	}
	data = nil // the decoded text is all that is needed from here on
	text = strings.TrimPrefix(text, "\ufeff")
	if strings.IndexByte(text, 0) >= 0 {
		text = strings.ReplaceAll(text, "\x00", "")
	}
	stem := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	b.enter(stem)
	rows, err := parseCSV(text, SniffDelimiter(text), -1, b)
	if err != nil {
		return fail(err)
	}
	return &Workbook{Path: path, Format: "csv", Encoding: enc, Sheets: []Sheet{{Name: stem, Rows: rows}}}, nil
}

// csvDelimiters are the delimiters SniffDelimiter chooses from, in order of
// preference on a tie.
var csvDelimiters = []byte{',', '\t', ';'}

// SniffDelimiter picks the delimiter of CSV text among comma, tab and
// semicolon: the one that splits most of the first lines (up to 100
// records, outside quotes) into the same number of fields, more than one.
// Comma is the answer when none splits anything.
//
//	convert.SniffDelimiter("项目编码\t项目名称\n1\t2\n") // '\t'
func SniffDelimiter(text string) byte {
	head := text
	if len(head) > 64<<10 {
		head = head[:64<<10]
	}
	best, bestScore := byte(','), 0
	for _, d := range csvDelimiters {
		rows, _ := parseCSV(head, d, 100, nil)
		counts := map[int]int{}
		split := 0
		for _, r := range rows {
			if len(r) > 1 {
				counts[len(r)]++
				split++
			}
		}
		mode := 0
		for _, c := range counts {
			mode = max(mode, c)
		}
		if score := mode*2 + split; score > bestScore {
			best, bestScore = d, score
		}
	}
	return best
}

// ParseCSVText splits decoded CSV text into rows of fields. Quoted fields
// may hold delimiters, doubled quotes and line breaks; stray quotes are kept
// as text; CR LF, LF and a lone CR all end a record; a blank line is an
// empty row. A quoted field still open at the end of the text is an error
// (a *LocatedError wrapping ErrUnreadable).
//
//	rows, err := convert.ParseCSVText("a,\"b,c\"\n", ',') // [["a" "b,c"]]
func ParseCSVText(text string, delim byte) ([][]string, error) {
	return parseCSV(text, delim, -1, nil)
}

// parseCSV parses up to limit records (all when limit < 0).
func parseCSV(text string, delim byte, limit int, b *budget) ([][]string, error) {
	var rows [][]string
	var row []string
	line, col := 1, 1 // position of the current byte, 1-based
	i := 0
	atRecordStart := true
	for i < len(text) && (limit < 0 || len(rows) < limit) {
		if atRecordStart && (text[i] == '\n' || text[i] == '\r') {
			if err := b.height(len(rows) + 1); err != nil {
				return nil, err
			}
			rows = append(rows, nil) // blank line
			i = skipNewline(text, i)
			line, col = line+1, 1
			continue
		}
		atRecordStart = false
		var field string
		if text[i] == '"' {
			var ok bool
			startLine, startCol := line, col
			field, i, ok = readQuoted(text, i, delim, &line, &col)
			if !ok {
				if limit >= 0 {
					break // a sniffing window may cut a field
				}
				return nil, &LocatedError{Line: startLine, Col: startCol, Err: fmt.Errorf("%w：第%d行第%d列的引号没有闭合，文件可能不完整", ErrUnreadable, startLine, startCol)}
			}
		} else {
			j := i
			for j < len(text) && text[j] != delim && text[j] != '\n' && text[j] != '\r' {
				j++
			}
			field = text[i:j]
			col += utf8.RuneCountInString(field)
			i = j
		}
		if err := b.cell(len(rows), len(row), len(field)); err != nil {
			return nil, err
		}
		row = append(row, field)
		switch {
		case i >= len(text):
			rows = append(rows, row)
			row = nil
		case text[i] == delim:
			i++
			col++
			if i == len(text) {
				rows = append(rows, append(row, ""))
				row = nil
			}
		default: // line break
			rows = append(rows, row)
			row, atRecordStart = nil, true
			i = skipNewline(text, i)
			line, col = line+1, 1
		}
	}
	return rows, nil
}

// readQuoted reads a field starting with a quote at text[i] and returns it
// with the index after it. Inside quotes, "" is a quote and line breaks
// become "\n"; a quote followed by anything but a delimiter or line break
// ends the quoted part and the rest up to the delimiter is taken as it is
// (as Excel does). ok is false when the text ends inside the quotes. line
// and col follow the position, col counting characters.
func readQuoted(text string, i int, delim byte, line, col *int) (field string, next int, ok bool) {
	var b strings.Builder
	j := i + 1
	*col++
	for j < len(text) {
		c := text[j]
		switch {
		case c == '"' && j+1 < len(text) && text[j+1] == '"':
			b.WriteByte('"')
			j += 2
			*col += 2
		case c == '"':
			j++
			*col++
			k := j
			for k < len(text) && text[k] != delim && text[k] != '\n' && text[k] != '\r' {
				k++
			}
			b.WriteString(text[j:k])
			*col += utf8.RuneCountInString(text[j:k])
			return b.String(), k, true
		case c == '\r' || c == '\n':
			b.WriteByte('\n')
			j = skipNewline(text, j)
			*line, *col = *line+1, 1
		default:
			b.WriteByte(c)
			if utf8.RuneStart(c) {
				*col++
			}
			j++
		}
	}
	return "", j, false
}

// skipNewline returns the index after the line break at i (CR LF, LF or CR).
func skipNewline(text string, i int) int {
	if text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n' {
		return i + 2
	}
	return i + 1
}
