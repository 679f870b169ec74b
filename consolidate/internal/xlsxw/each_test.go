package xlsxw

import (
	"bytes"
	"context"
	"errors"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"
)

// WriteEach gives every table the items in order, however the goroutines
// run, and stops on the first error of a table or of the items.
func TestWriteEach(t *testing.T) {
	fault := errors.New("行写不出")
	items := func(n int, fail error) func(yield func(int) error) error {
		return func(yield func(int) error) error {
			for i := 1; i <= n; i++ {
				if err := yield(i); err != nil {
					return err
				}
			}
			return fail
		}
	}
	tests := []struct {
		name    string
		each    func(yield func(int) error) error
		failAt  int // a row of the second table that fails (0: none)
		wantErr error
	}{
		{"all rows", items(200, nil), 0, nil},
		{"a table fails", items(200, nil), 7, fault},
		{"the items fail", items(3, fault), 0, fault},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := excelize.NewFile()
			defer f.Close()
			b := NewBook(context.Background(), f)
			defer b.Close()
			b.Title = "表"
			tables := []*Table{b.NewTable("甲", []Column{{Header: "序号"}}), b.NewTable("乙", []Column{{Header: "序号"}, {Header: "平方"}})}
			rows := []func(int, func([]interface{}) error) error{
				func(i int, emit func([]interface{}) error) error { return emit([]interface{}{i}) },
				func(i int, emit func([]interface{}) error) error {
					if i == tt.failAt {
						return fault
					}
					return emit([]interface{}{i, i * i})
				},
			}
			err := WriteEach(context.Background(), tables, rows, tt.each)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			var buf bytes.Buffer
			if _, err := b.WriteTo(&buf); err != nil {
				t.Fatal(err)
			}
			g, err := excelize.OpenReader(&buf)
			if err != nil {
				t.Fatal(err)
			}
			defer g.Close()
			for sheet, width := range map[string]int{"甲": 1, "乙": 2} {
				got, err := g.GetRows(sheet)
				if err != nil {
					t.Fatal(err)
				}
				if len(got) != FirstDataRow-1+200 {
					t.Fatalf("%s has %d rows, want %d", sheet, len(got), FirstDataRow-1+200)
				}
				for i := 1; i <= 200; i++ {
					r := got[FirstDataRow-2+i]
					if len(r) != width || r[0] != strconv.Itoa(i) || width == 2 && r[1] != strconv.Itoa(i*i) {
						t.Fatalf("%s row of item %d = %q", sheet, i, r)
					}
				}
			}
		})
	}
}
