package convert

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
)

// coreLimit bounds the document properties part read: it is a few hundred
// bytes; a larger one is not read.
const coreLimit = 64 << 10

// FileCategory is the category document property of the .xlsx at path
// (where jixiao marks the workbooks it writes), read from its zip directory
// and docProps/core.xml alone, without reading the sheets; "" when the file
// is no zip package or has none.
//
//	if convert.FileCategory("县级汇总.xlsx") == templates.MarkerCounty { … }
func FileCategory(path string) string {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return ""
	}
	defer zr.Close()
	return coreCategory(&zr.Reader)
}

// coreCategory returns the category property of the package's
// docProps/core.xml (<cp:category>), or "" when there is none. Only that
// element is looked for, with a byte search: the part is small and the
// property short.
func coreCategory(zr *zip.Reader) string {
	if zr == nil {
		return ""
	}
	for _, f := range zr.File {
		if f.Name != "docProps/core.xml" {
			continue
		}
		if f.UncompressedSize64 > coreLimit {
			return ""
		}
		rc, err := f.Open()
		if err != nil {
			return ""
		}
		data, err := io.ReadAll(io.LimitReader(rc, coreLimit))
		rc.Close()
		if err != nil {
			return ""
		}
		return elementText(data, "category")
	}
	return ""
}

// elementText is the text of the first element named local (with any
// namespace prefix) in data, entities decoded.
func elementText(data []byte, local string) string {
	for i := 0; i < len(data); {
		j := bytes.Index(data[i:], []byte(local+">"))
		if j < 0 {
			return ""
		}
		j += i
		i = j + len(local) + 1
		// an opening tag: "<local>" or "<prefix:local>"
		k := bytes.LastIndexByte(data[:j], '<')
		if k < 0 || data[k+1] == '/' {
			continue
		}
		if name := string(data[k+1 : j]); name != "" && (!strings.HasSuffix(name, ":") || strings.ContainsAny(name, " /")) {
			continue
		}
		end := bytes.IndexByte(data[i:], '<')
		if end < 0 {
			return ""
		}
		var s string
		if err := xml.Unmarshal([]byte("<v>"+string(data[i:i+end])+"</v>"), &s); err != nil {
			return string(data[i : i+end])
		}
		return strings.TrimSpace(s)
	}
	return ""
}
