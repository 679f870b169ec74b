package xlsxw

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"regexp"
	"sort"
	"strconv"

	"github.com/xuri/excelize/v2"

	"jixiao/convert"
)

// WriteTo writes the workbook's xlsx package to w, its sheets' rows
// spliced in. The package goes through a temporary file (the library's part
// order) on its way to the canonical one, never through memory.
//
//	var buf bytes.Buffer
//	_, err := b.WriteTo(&buf)
func (b *Book) WriteTo(w io.Writer) (int64, error) {
	raw, drop, err := scratchFile("jixiao-package-*.tmp")
	if err != nil {
		return 0, err
	}
	defer drop()
	size, err := writePackage(b.f, raw)
	if err != nil {
		return 0, err
	}
	cw := &countingWriter{w: w}
	err = canonicalZip(cw, raw, size, b.streams)
	return cw.n, err
}

// writePackage writes f's xlsx package, parts in the library's order, to
// dst and returns its size. The library only saves through an in-memory
// buffer; its zip writer is pointed at dst instead, so the buffer stays
// empty.
func writePackage(f *excelize.File, dst *os.File) (int64, error) {
	prev := f.ZipWriter
	defer f.SetZipWriter(prev)
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zip.NewWriter(dst) })
	buf, err := f.WriteToBuffer()
	if err != nil {
		return 0, err
	}
	if buf.Len() != 0 {
		return 0, errors.New("工作簿未能直接写入临时文件")
	}
	return dst.Seek(0, io.SeekCurrent)
}

// canonicalZip rewrites the xlsx package in r (size bytes) with its parts
// in a fixed order ([Content_Types].xml, then by name), copying each part's
// compressed bytes as they are, and splicing the rows of each streamed
// sheet into its part. The spreadsheet library writes parts in map order;
// this makes the same workbook the same bytes.
func canonicalZip(w io.Writer, r io.ReaderAt, size int64, streams map[string]*sheetStream) error {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return err
	}
	spliced := map[string]*sheetStream{}
	parts := convert.SheetParts(zr)
	for name, s := range streams {
		part, ok := parts[name]
		if !ok {
			return fmt.Errorf("工作表「%s」不在工作簿中", name)
		}
		spliced[part] = s
	}
	files := append([]*zip.File(nil), zr.File...)
	rank := func(name string) int {
		if name == "[Content_Types].xml" {
			return 0
		}
		return 1
	}
	sort.Slice(files, func(i, j int) bool {
		a, b := files[i].Name, files[j].Name
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra < rb
		}
		return a < b
	})
	zw := zip.NewWriter(w)
	for _, zf := range files {
		hdr := timelessHeader(zf.FileHeader)
		if s := spliced[zf.Name]; s != nil {
			if err := splicePart(zw, zf, hdr, s); err != nil {
				return fmt.Errorf("%s: %w", zf.Name, err)
			}
			continue
		}
		out, err := zw.CreateRaw(&hdr)
		if err != nil {
			return err
		}
		in, err := zf.OpenRaw()
		if err != nil {
			return err
		}
		if _, err := io.Copy(out, in); err != nil {
			return err
		}
	}
	return zw.Close()
}

// timelessHeader is h without its times and extra fields, so that a saved
// workbook is the same bytes whenever it is written.
func timelessHeader(h zip.FileHeader) zip.FileHeader {
	return zip.FileHeader{
		Name:               h.Name,
		Comment:            h.Comment,
		NonUTF8:            h.NonUTF8,
		CreatorVersion:     h.CreatorVersion,
		ReaderVersion:      h.ReaderVersion,
		Flags:              h.Flags,
		Method:             h.Method,
		CRC32:              h.CRC32,
		CompressedSize64:   h.CompressedSize64,
		UncompressedSize64: h.UncompressedSize64,
		ExternalAttrs:      h.ExternalAttrs,
	}
}

// maxSheetPart bounds the size of a sheet part as the library writes it
// (settings only, no rows).
const maxSheetPart = 64 << 20

// splicePart writes the worksheet part zf with the rows of s inside its
// empty <sheetData>. A deflate stream may be cut into pieces that each end
// with a sync flush: the part's head and the rows (deflated apart, while
// they were written) are such pieces and its tail the final one, so the
// rows are copied as they are, never inflated again.
func splicePart(zw *zip.Writer, zf *zip.File, hdr zip.FileHeader, s *sheetStream) error {
	if err := s.finish(); err != nil {
		return err
	}
	rc, err := zf.Open()
	if err != nil {
		return err
	}
	part, err := io.ReadAll(io.LimitReader(rc, maxSheetPart+1))
	rc.Close()
	if err != nil {
		return err
	}
	if len(part) > maxSheetPart {
		return errors.New("工作表部件过大")
	}
	head, tail, err := splitSheetData(part, s)
	if err != nil {
		return err
	}
	var packedHead, packedTail bytes.Buffer
	if err := deflate(&packedHead, head, false); err != nil {
		return err
	}
	if err := deflate(&packedTail, tail, true); err != nil {
		return err
	}
	crc := crc32.ChecksumIEEE(head)
	crc = crc32Combine(crc, s.crc, s.raw)
	crc = crc32Combine(crc, crc32.ChecksumIEEE(tail), int64(len(tail)))
	hdr.Method = zip.Deflate
	hdr.CRC32 = crc
	hdr.UncompressedSize64 = uint64(int64(len(head)) + s.raw + int64(len(tail)))
	hdr.CompressedSize64 = uint64(int64(packedHead.Len()) + s.packed + int64(packedTail.Len()))
	out, err := zw.CreateRaw(&hdr)
	if err != nil {
		return err
	}
	if _, err := out.Write(packedHead.Bytes()); err != nil {
		return err
	}
	if _, err := io.Copy(out, io.NewSectionReader(s.file, 0, s.packed)); err != nil {
		return err
	}
	_, err = out.Write(packedTail.Bytes())
	return err
}

// deflate compresses p onto buf: ending with a sync flush, or with the
// final block when last.
func deflate(buf *bytes.Buffer, p []byte, last bool) error {
	fw, err := flate.NewWriter(buf, flate.DefaultCompression)
	if err != nil {
		return err
	}
	if _, err := fw.Write(p); err != nil {
		return err
	}
	if last {
		return fw.Close()
	}
	return fw.Flush()
}

var dimensionRe = regexp.MustCompile(`<dimension ref="[^"]*"(?:/>|></dimension>)`)

// splitSheetData cuts a worksheet part with no rows at its <sheetData>:
// the head ends with the start tag and has its <dimension> set to the
// range of s's rows; the tail starts with the end tag.
func splitSheetData(part []byte, s *sheetStream) (head, tail []byte, err error) {
	var at, skip int
	if i := bytes.Index(part, []byte("<sheetData/>")); i >= 0 {
		at, skip = i, len("<sheetData/>")
	} else if i := bytes.Index(part, []byte("<sheetData></sheetData>")); i >= 0 {
		at, skip = i, len("<sheetData></sheetData>")
	} else {
		return nil, nil, errors.New("工作表部件中没有空的 sheetData")
	}
	head = append(append([]byte(nil), part[:at]...), "<sheetData>"...)
	tail = append([]byte("</sheetData>"), part[at+skip:]...)
	if s.lastRow > 0 && s.lastCol > 0 {
		ref := fmt.Sprintf(`<dimension ref="A1:%s%s"/>`, ColName(s.lastCol), strconv.Itoa(s.lastRow))
		head = dimensionRe.ReplaceAllLiteral(head, []byte(ref))
	}
	return head, tail, nil
}

// crc32Combine is the CRC-32 (IEEE) of a followed by b, from a's CRC, b's
// CRC and b's length, without b's bytes: the CRC is linear over GF(2), and
// appending n zero bits is a matrix applied to the register (zlib's
// crc32_combine).
//
//	crc32Combine(crc32.ChecksumIEEE(a), crc32.ChecksumIEEE(b), int64(len(b)))
func crc32Combine(crcA, crcB uint32, lenB int64) uint32 {
	if lenB <= 0 {
		return crcA
	}
	var even, odd [32]uint32
	odd[0] = 0xedb88320 // the polynomial, reflected
	row := uint32(1)
	for n := 1; n < 32; n++ {
		odd[n] = row
		row <<= 1
	}
	gf2Square(&even, &odd) // two zero bits
	gf2Square(&odd, &even) // four
	// each round squares the other matrix into this one: twice as many zero bits
	this, other := &even, &odd
	for ; lenB != 0; lenB >>= 1 {
		gf2Square(this, other)
		if lenB&1 != 0 {
			crcA = gf2Times(this, crcA)
		}
		this, other = other, this
	}
	return crcA ^ crcB
}

func gf2Times(mat *[32]uint32, vec uint32) uint32 {
	var sum uint32
	for i := 0; vec != 0; i, vec = i+1, vec>>1 {
		if vec&1 != 0 {
			sum ^= mat[i]
		}
	}
	return sum
}

func gf2Square(square, mat *[32]uint32) {
	for n := range 32 {
		square[n] = gf2Times(mat, mat[n])
	}
}
