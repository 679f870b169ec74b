package convert

import "github.com/xuri/excelize/v2"

// Workbook is a format-neutral view of one input file: every sheet as a grid
// of raw cell texts. Every format reader (xlsx, xls, CSV, docx) produces one,
// so the form reader in templates scans a single shape whatever was sent.
//
//	wb, err := convert.Open("王官营镇.xlsx", convert.Options{})
//	for _, sh := range wb.Sheets { fmt.Println(sh.Name, len(sh.Rows)) }
type Workbook struct {
	// Path is the file the workbook was read from.
	Path string
	// Format names the detected content format ("xlsx", "xls", "csv",
	// "html", "docx", "ods", "spreadsheetml").
	Format string
	// Encoding names the detected text encoding for text formats ("UTF-8",
	// "GB18030", "UTF-16LE", …); it is empty for binary formats.
	Encoding string
	// Sheets holds the sheets in workbook order.
	Sheets []Sheet
	// Category is the category document property of an .xlsx (where
	// programs that write workbooks mark what kind of workbook it is);
	// empty for other formats.
	Category string
	// Titles are the texts a document states as its title outside its
	// tables: an HTML page's <title> and headings, in document order.
	Titles []string
	// Date1904 is set when the workbook counts date serial numbers from
	// 1904-01-01 (Mac Excel's date system) rather than from 1900.
	Date1904 bool
}

// Sheet is one sheet (or one CSV file, or one Word document body) as rows of
// raw cell texts. Rows[r][c] is the cell at row r+1, column c+1; rows may be
// ragged and trailing empty cells may be absent.
//
//	v := sh.Cell(0, 1) // B1, "" when absent
type Sheet struct {
	Name string
	Rows [][]string
	// Merges lists the merged ranges. Readers store the merged value in the
	// top-left cell only, as spreadsheets do.
	Merges []Merge
	// Flags marks cells whose text alone would mislead: a formula without a
	// cached value, or an error value such as #DIV/0!. Nil when none.
	Flags map[CellPos]CellFlag
}

// CellPos is a zero-based row and column.
type CellPos struct{ Row, Col int }

// CellFlag describes a cell whose raw text is not a plain value.
type CellFlag int

const (
	// FlagFormulaNoValue marks a formula cell stored without a cached value.
	FlagFormulaNoValue CellFlag = iota + 1
	// FlagErrorValue marks a cell holding an error value (#DIV/0!, #REF!, …).
	FlagErrorValue
)

// Merge is a merged range in zero-based, inclusive coordinates.
type Merge struct {
	Top, Left, Bottom, Right int
}

// Cell returns the raw text at zero-based row r and column c, or "" when the
// cell is outside the stored rows.
//
//	code := sh.Cell(2, 1)
func (s *Sheet) Cell(r, c int) string {
	if r < 0 || r >= len(s.Rows) || c < 0 || c >= len(s.Rows[r]) {
		return ""
	}
	return s.Rows[r][c]
}

// Flag returns the flag of the cell at r, c (0 when none).
//
//	if sh.Flag(r, c) == convert.FlagErrorValue { … }
func (s *Sheet) Flag(r, c int) CellFlag {
	if s.Flags == nil {
		return 0
	}
	return s.Flags[CellPos{r, c}]
}

// SetFlag records a flag for the cell at r, c.
//
//	sh.SetFlag(3, 2, convert.FlagFormulaNoValue)
func (s *Sheet) SetFlag(r, c int, f CellFlag) {
	if s.Flags == nil {
		s.Flags = map[CellPos]CellFlag{}
	}
	s.Flags[CellPos{r, c}] = f
}

// CellName returns the A1-style name of zero-based row r and column c.
//
//	convert.CellName(0, 1) // "B1"
func CellName(r, c int) string {
	name, err := excelize.CoordinatesToCellName(c+1, r+1)
	if err != nil {
		return ""
	}
	return name
}

// ParseCellName returns the zero-based row and column of an A1-style name.
//
//	pos, err := convert.ParseCellName("B1") // {Row: 0, Col: 1}
func ParseCellName(name string) (CellPos, error) {
	c, r, err := excelize.CellNameToCoordinates(name)
	if err != nil {
		return CellPos{}, err
	}
	return CellPos{Row: r - 1, Col: c - 1}, nil
}

// trimGrid drops trailing empty cells of each row and trailing empty rows.
func trimGrid(sh *Sheet) {
	for i, r := range sh.Rows {
		n := len(r)
		for n > 0 && r[n-1] == "" {
			n--
		}
		sh.Rows[i] = r[:n]
	}
	n := len(sh.Rows)
	for n > 0 && len(sh.Rows[n-1]) == 0 {
		n--
	}
	sh.Rows = sh.Rows[:n]
}
