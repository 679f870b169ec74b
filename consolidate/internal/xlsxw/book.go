// Package xlsxw writes large xlsx workbooks as tables: a title row, a header
// row, data rows and footer rows on a sheet, with the polish spreadsheet
// users expect (columns fitted to their contents, wrapped text in rows tall
// enough, frozen panes, autofilter, conditional formats, print setup).
//
// The rows are streamed: each is encoded as SpreadsheetML and deflated into
// a scratch file as it comes (sheetxml.go), and spliced into the package the
// excelize file holding the sheets' settings writes (splice.go), so that no
// sheet's rows are held in memory. A Book knows cells, styles, widths, print
// setup and parts; which sheets, columns, rows and styles are its user's.
package xlsxw

import (
	"context"
	"fmt"
	"os"
	"sync"

	"github.com/xuri/excelize/v2"

	"jixiao/convert"
)

// Book is a workbook being written: the sheets' settings in an excelize
// file, their rows in scratch files. Set its fields before writing tables;
// Close it when done.
//
//	b := xlsxw.NewBook(ctx, excelize.NewFile())
//	defer b.Close()
//	b.Title, b.FirstSheet = "汇总表", "汇总"
type Book struct {
	// Title is the text of each sheet's title row and of its page header.
	Title string
	// Styles are the style IDs the tables use, made in the excelize file.
	Styles Styles
	// MaxRows is the most rows a sheet holds (0: the spreadsheet's limit).
	// The rows of a larger table continue on sheets named "名称（2）",
	// "名称（3）", …, each with the title and header rows.
	MaxRows int
	// FirstSheet is the table that takes the place of the excelize file's
	// first sheet ("Sheet1"); every other table adds a sheet.
	FirstSheet string

	ctx context.Context
	f   *excelize.File
	// streams are the rows of the sheets written so far, by sheet name;
	// tables written side by side add to it under mu.
	streams map[string]*sheetStream
	mu      sync.Mutex
}

// Styles are the style IDs of the cells a Book writes itself and those it
// needs to know to fit columns to numbers as they are shown.
type Styles struct {
	// Title and Header are the styles of the title and header rows.
	Title, Header int
	// Alert is the conditional (dxf) style of the tables' CondRules.
	Alert int
	// Grouped are styles showing numbers as "#,##0.00", Percent as
	// "0.00%".
	Grouped, Percent []int
}

// NewBook starts a workbook in f; its tables stop with ctx's error as soon
// as ctx is cancelled.
func NewBook(ctx context.Context, f *excelize.File) *Book {
	return &Book{ctx: ctx, f: f, streams: map[string]*sheetStream{}}
}

// Close removes the workbook's scratch files and closes its excelize file.
func (b *Book) Close() error {
	for _, s := range b.streams {
		s.remove()
	}
	b.streams = nil
	return b.f.Close()
}

// maxRows is the most rows a sheet holds.
func (b *Book) maxRows() int {
	if b.MaxRows <= 0 {
		return excelize.TotalRows
	}
	return b.MaxRows
}

// newStream starts the rows of sheet name.
func (b *Book) newStream(name string) (*sheetStream, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, dup := b.streams[name]; dup {
		return nil, fmt.Errorf("工作表「%s」重复", name)
	}
	s, err := newSheetStream()
	if err != nil {
		return nil, err
	}
	b.streams[name] = s
	return s, nil
}

// scratchFile opens a temporary file in the system's temporary folder,
// unnamed where the system allows (see convert.ScratchFile), and gives the
// function that closes and deletes it.
func scratchFile(pattern string) (*os.File, func(), error) {
	f, name, err := convert.ScratchFile(os.TempDir(), pattern)
	if err != nil {
		return nil, nil, err
	}
	return f, func() {
		f.Close()
		if name != "" {
			os.Remove(name)
		}
	}, nil
}

// ColName is the name of column c (1-based): A, B, …, AA, ….
//
//	xlsxw.ColName(28) // "AB"
func ColName(c int) string {
	n, _ := excelize.ColumnNumberToName(c)
	return n
}
