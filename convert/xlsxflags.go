package convert

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// The row iterator of excelize returns a formula cell without a cached value
// as "" and an error cell as its text, like any other cell. flagCells reads
// the sheet's XML part once more to tell them apart. A quick byte scan comes
// first, so sheets without formulas or error cells (nearly all township
// forms, and any large generated sheet) are only inflated, never parsed.

// sheetParts maps each sheet name to its worksheet part in the zip, following
// the package relationships: _rels/.rels → workbook → workbook rels.
func sheetParts(zr *zip.Reader) map[string]string {
	entries := map[string]*zip.File{}
	for _, e := range zr.File {
		entries[strings.ToLower(strings.ReplaceAll(e.Name, "\\", "/"))] = e
	}
	book := "xl/workbook.xml"
	for _, rel := range readRels(entries, "_rels/.rels") {
		if strings.HasSuffix(rel.Type, "/officeDocument") {
			book = resolvePart("", rel.Target)
		}
	}
	targets := map[string]string{}
	for _, rel := range readRels(entries, path.Join(path.Dir(book), "_rels", path.Base(book)+".rels")) {
		targets[rel.ID] = resolvePart(path.Dir(book), rel.Target)
	}
	var wb struct {
		Sheets []struct {
			Name string     `xml:"name,attr"`
			Attr []xml.Attr `xml:",any,attr"`
		} `xml:"sheets>sheet"`
	}
	if !decodePart(entries, book, &wb) {
		return nil
	}
	out := map[string]string{}
	for _, s := range wb.Sheets {
		for _, a := range s.Attr {
			if a.Name.Local == "id" && targets[a.Value] != "" {
				if e := entries[strings.ToLower(targets[a.Value])]; e != nil {
					out[s.Name] = e.Name
				}
			}
		}
	}
	return out
}

type rel struct {
	ID     string `xml:"Id,attr"`
	Type   string `xml:"Type,attr"`
	Target string `xml:"Target,attr"`
}

func readRels(entries map[string]*zip.File, name string) []rel {
	var rels struct {
		Rels []rel `xml:"Relationship"`
	}
	decodePart(entries, name, &rels)
	return rels.Rels
}

// decodePart unmarshals a small XML part; parts over the XML size limit are
// not package metadata and are refused.
func decodePart(entries map[string]*zip.File, name string, v any) bool {
	e := entries[strings.ToLower(name)]
	if e == nil || e.UncompressedSize64 > xlsxUnzipXMLLimit {
		return false
	}
	rc, err := e.Open()
	if err != nil {
		return false
	}
	defer rc.Close()
	return xml.NewDecoder(rc).Decode(v) == nil
}

func resolvePart(dir, target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return strings.TrimPrefix(path.Clean(path.Join(dir, target)), "/")
}

// flagCells marks the formula cells without a cached value and the error
// cells of one worksheet part in sh.Flags.
func flagCells(zr *zip.Reader, name string, sh *Sheet) error {
	var entry *zip.File
	for _, e := range zr.File {
		if e.Name == name {
			entry = e
			break
		}
	}
	if entry == nil {
		return nil
	}
	rc, err := entry.Open()
	if err != nil {
		return fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	found, err := hasFlagMarkers(rc)
	rc.Close()
	if err != nil {
		return fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	if !found {
		return nil
	}
	rc, err = entry.Open()
	if err != nil {
		return fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	defer rc.Close()
	return scanCells(rc, sh)
}

// hasFlagMarkers reports whether the XML may hold a formula element or an
// error-typed cell. False positives only cost a full parse.
func hasFlagMarkers(r io.Reader) (bool, error) {
	const carry = 8
	buf := make([]byte, carry+256<<10)
	kept := 0
	for {
		n, err := io.ReadFull(r, buf[kept:])
		chunk := buf[:kept+n]
		if markerIn(chunk) {
			return true, nil
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		kept = copy(buf, chunk[len(chunk)-carry:])
	}
}

func markerIn(b []byte) bool {
	if bytes.Contains(b, []byte(`t="e"`)) || bytes.Contains(b, []byte(`t='e'`)) {
		return true
	}
	for _, open := range [][]byte{[]byte("<f"), []byte(":f")} {
		for s := b; ; {
			i := bytes.Index(s, open)
			if i < 0 || i+2 >= len(s) {
				break
			}
			switch s[i+2] {
			case '>', ' ', '/', '\t', '\r', '\n':
				return true
			}
			s = s[i+2:]
		}
	}
	return false
}

// scanCells parses a worksheet's XML and flags its cells. Positions follow
// the row iterator: a row without r is the next row, a cell without r the
// next column.
func scanCells(r io.Reader, sh *Sheet) error {
	d := xml.NewDecoder(bufio.NewReaderSize(r, 64<<10))
	row, col := 0, 0
	var (
		inCell, hasF, hasV, inV bool
		vText                   strings.Builder
		typ                     string
	)
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%w: 工作表 XML 有误：%v", ErrUnreadable, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				row++
				if v := attr(t, "r"); v != "" {
					if n, err := strconv.Atoi(v); err == nil && n > 0 {
						row = n
					}
				}
				col = 0
			case "c":
				col++
				if v := attr(t, "r"); v != "" {
					if c, rr, err := excelize.CellNameToCoordinates(v); err == nil {
						col, row = c, rr
					}
				}
				inCell, hasF, hasV, typ = true, false, false, attr(t, "t")
				vText.Reset()
			case "f":
				hasF = hasF || inCell
			case "v":
				if inCell {
					hasV, inV = true, true
				}
			}
		case xml.CharData:
			if inV && vText.Len() < 64 {
				vText.Write(t)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "v":
				inV = false
			case "c":
				if inCell && row > 0 && col > 0 {
					switch {
					case typ == "e":
						sh.SetFlag(row-1, col-1, FlagErrorValue)
					case hasF && (!hasV || typ != "str" && strings.TrimSpace(vText.String()) == ""):
						sh.SetFlag(row-1, col-1, FlagFormulaNoValue)
					}
				}
				inCell = false
			}
		}
	}
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}
