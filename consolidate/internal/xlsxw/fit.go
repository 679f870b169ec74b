package xlsxw

import (
	"slices"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/width"
)

// fitter measures a table's rows as they are written: the widest cell of
// each column as shown (see cellWidth), and how many lines the text of a
// wrapping column takes at its width.
type fitter struct {
	st     *Styles
	widest []float64
	// wrapAt is the width a wrapping column's text wraps at (0: the column
	// does not wrap).
	wrapAt []float64
}

// add measures a row and gives the height it needs in points: 0 when one
// line is enough, more when text wraps onto further lines.
func (f *fitter) add(r []interface{}) float64 {
	for len(f.widest) < len(r) {
		f.widest = append(f.widest, 0)
	}
	lines := 1
	for i, v := range r {
		if i < len(f.wrapAt) && f.wrapAt[i] > 0 {
			if s, ok := cellText(v); ok {
				longest, n := wrappedLines(s, f.wrapAt[i])
				lines = max(lines, n)
				if cw := float64(longest) + 2; cw > f.widest[i] {
					f.widest[i] = cw
				}
				continue
			}
		}
		if cw := float64(f.st.cellWidth(v)) + 2; cw > f.widest[i] {
			f.widest[i] = cw
		}
	}
	return rowHeight(lines)
}

// Row heights in points, for the default 11 pt font: a line of CJK text
// takes a little more than the spreadsheet's default row of 15 pt.
const (
	lineHeight   = 15
	rowPadding   = 3
	maxRowHeight = 409 // the spreadsheet's largest row height
)

// rowHeight is the height of a row whose tallest cell has lines lines; 0
// (the default height) for a single line.
func rowHeight(lines int) float64 {
	if lines <= 1 {
		return 0
	}
	return min(float64(lines)*lineHeight+rowPadding, maxRowHeight)
}

// cellText is the text of a text cell.
func cellText(v interface{}) (string, bool) {
	if c, ok := v.(excelize.Cell); ok {
		v = c.Value
	}
	s, ok := v.(string)
	return s, ok
}

// wrappedLines is the widest line of s (displayWidth) and the number of
// lines s takes wrapped in a column of width chars: each line breaks where
// the next character would pass the column's inner width. Latin words break
// at spaces, so a line may end a little short; a tenth is kept in reserve.
func wrappedLines(s string, width float64) (longest, lines int) {
	inner := int((width - 1) * 0.9)
	if inner < 2 {
		inner = 2
	}
	cur, pos := 0, 0
	lines = 1
	for _, r := range s {
		if r == '\n' {
			longest, cur, pos = max(longest, cur), 0, 0
			lines++
			continue
		}
		w := runeWidth(r)
		if pos > 0 && pos+w > inner {
			lines, pos = lines+1, 0
		}
		pos += w
		cur += w
	}
	return max(longest, cur), lines
}

// displayWidth is the width of text in a cell: CJK and other wide characters
// count two, others one; the longest line of multi-line text.
//
//	displayWidth("预算数 4.92") // 11
func displayWidth(s string) int {
	best, cur := 0, 0
	for _, r := range s {
		if r == '\n' {
			best, cur = max(best, cur), 0
			continue
		}
		cur += runeWidth(r)
	}
	return max(best, cur)
}

// runeWidth is a character's width in a cell: two for CJK and other wide
// characters, one for others.
func runeWidth(r rune) int {
	switch {
	case r < 0x80:
		return 1
	case r >= 0x4E00 && r <= 0x9FFF, r >= 0x3000 && r <= 0x303F, r >= 0xFF01 && r <= 0xFF60:
		// CJK ideographs and punctuation, full-width forms: most of the text,
		// without the table lookup
		return 2
	}
	switch k := width.LookupRune(r).Kind(); {
	case k == width.EastAsianWide || k == width.EastAsianFullwidth || unicode.Is(unicode.Han, r):
		return 2
	}
	return 1
}

// cellWidth is the width of a cell as shown: numbers in a Grouped style
// with thousands separators and two decimals, in a Percent style as
// percentages with two decimals.
func (st *Styles) cellWidth(v interface{}) int {
	c, ok := v.(excelize.Cell)
	if !ok {
		return cellWidth(v)
	}
	x, ok := c.Value.(float64)
	if !ok {
		return cellWidth(c.Value)
	}
	var buf [40]byte
	switch {
	case slices.Contains(st.Grouped, c.StyleID):
		n := len(strconv.AppendFloat(buf[:0], x, 'f', 2, 64))
		return n + (n-4)/3 + 1
	case slices.Contains(st.Percent, c.StyleID):
		return len(strconv.AppendFloat(buf[:0], x*100, 'f', 2, 64)) + 2
	}
	return cellWidth(x)
}

func cellWidth(v interface{}) int {
	if c, ok := v.(excelize.Cell); ok {
		v = c.Value
	}
	switch x := v.(type) {
	case string:
		return displayWidth(x)
	case float64:
		s := strconv.FormatFloat(x, 'f', -1, 64)
		return utf8.RuneCountInString(s) + len(s)/3 + 1
	case int:
		return len(strconv.Itoa(x)) + 1
	}
	return 0
}
