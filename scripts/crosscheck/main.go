// Command crosscheck prints what jixiao's readers read from spreadsheet files, one JSON
// object a line: the file, the format, an error if the file could not be read, and each
// sheet's name, rows of raw cell texts and merged ranges. scripts/crosscheck.py compares
// this with what xlrd and openpyxl read from the same files.
//
//	go run ./scripts/crosscheck a.xls b.xlsx
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"jixiao/convert"
)

type sheet struct {
	Name   string     `json:"name"`
	Rows   [][]string `json:"rows"`
	Merges [][4]int   `json:"merges"`
}

type result struct {
	File     string  `json:"file"`
	Format   string  `json:"format,omitempty"`
	Date1904 bool    `json:"date1904,omitempty"`
	Error    string  `json:"error,omitempty"`
	Sheets   []sheet `json:"sheets,omitempty"`
}

func main() {
	enc := json.NewEncoder(os.Stdout)
	for _, path := range os.Args[1:] {
		res := result{File: path}
		wb, err := convert.Open(path, convert.Options{})
		if err != nil {
			res.Error = err.Error()
		} else {
			res.Format, res.Date1904 = wb.Format, wb.Date1904
			for _, sh := range wb.Sheets {
				s := sheet{Name: sh.Name, Rows: sh.Rows}
				for _, m := range sh.Merges {
					s.Merges = append(s.Merges, [4]int{m.Top, m.Left, m.Bottom, m.Right})
				}
				res.Sheets = append(res.Sheets, s)
			}
		}
		if err := enc.Encode(res); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}
