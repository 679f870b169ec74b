package consolidate

import (
	"bufio"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"jixiao/consolidate/category"
	"jixiao/convert"
)

// unitCostChunk is how many bytes of records newUnitCostIndex puts in
// order at a time.
const unitCostChunk = 1 << 20

// unitCostBuf is the buffer of the index's sequential reads and writes.
const unitCostBuf = 64 << 10

// unitCostIndex is every numeric 成本指标 of the counted townships, grouped
// by 类别, 三级指标, 绩效指标描述 and unit (money in the index's unit). Each
// indicator is a record in a temporary file (its township, project, code,
// 指标值 and source), the file ordered by group, then township, then
// 项目编码, so the order does not depend on reading order. In memory are
// only the groups, each with where its records are and how many: nothing
// per indicator. The rows, each with its group's median and its 偏离率, are
// made one group at a time, never all at once. close removes the file.
type unitCostIndex struct {
	groups []unitCostGroup // by number, in order of first appearance
	order  []int32         // the groups' numbers in the sheet's order
	file   *scratch        // the records; nil when there are none or after close
	n      int             // the number of records
	res    *Result
	u      convert.Unit
}

// unitCostKey is what a group's indicators share.
type unitCostKey struct{ category, level3, desc, unit string }

// unitCostGroup is a group and where its records are in the index's file:
// count records in size bytes from off, each its length and its bytes.
type unitCostGroup struct {
	unitCostKey
	count     int
	off, size int64
}

// newUnitCostIndex reads the records of the counted townships and makes
// the index (see unitCostIndex).
func newUnitCostIndex(res *Result, cat *category.Categorizer, u convert.Unit) (*unitCostIndex, error) {
	return buildUnitCostIndex(res, cat, u, unitCostChunk)
}

// buildUnitCostIndex is newUnitCostIndex putting about chunk bytes of
// records in order at a time. Every record is written to a first file in
// reading order, framed with its group's number; the groups are then
// ordered and given their places in a second file, and the first file is
// read back a chunk at a time, each chunk's records written to their
// groups' places, so that each group keeps its records in reading order.
func buildUnitCostIndex(res *Result, cat *category.Categorizer, u convert.Unit, chunk int) (*unitCostIndex, error) {
	x := &unitCostIndex{res: res, u: u}
	raw, size, err := x.collect(cat)
	if err != nil {
		return nil, fmt.Errorf("整理单位成本：%w", err)
	}
	if raw == nil {
		return x, nil
	}
	err = x.place(raw, size, chunk)
	if rerr := raw.remove(); err == nil {
		err = rerr
	}
	if err != nil {
		x.close()
		return nil, fmt.Errorf("整理单位成本：%w", err)
	}
	return x, nil
}

// collect writes the record of every numeric 成本指标 to a new temporary
// file, township by township and within a township by 项目编码, each as its
// group's number, its length and its bytes; it counts each group's records
// and the bytes they will take in the index's file. It returns the file
// (nil when there is no record) and its size; on error the file is
// removed.
func (x *unitCostIndex) collect(cat *category.Categorizer) (*scratch, int64, error) {
	ids := map[unitCostKey]int32{}
	type cost struct {
		p, c int
		g    int32
	}
	var costs []cost
	var (
		raw  *scratch
		w    *bufio.Writer
		size int64
		rec  []byte
		head []byte
	)
	err := x.res.eachProjects(func(town int, _ *tally, ps []projectTally) error {
		costs = costs[:0]
		for pi, p := range ps {
			if len(p.costs) == 0 {
				continue
			}
			c := cat.Category(p.name)
			for ci, ind := range p.costs {
				_, unit := IndicatorInUnit(ind.value(), x.u)
				k := unitCostKey{c, ind.level3, ind.desc, unit}
				id, ok := ids[k]
				if !ok {
					id = int32(len(x.groups))
					ids[k] = id
					x.groups = append(x.groups, unitCostGroup{unitCostKey: k})
				}
				costs = append(costs, cost{pi, ci, id})
			}
		}
		// within a township, by 项目编码 (see the order above)
		slices.SortStableFunc(costs, func(a, b cost) int { return strings.Compare(ps[a.p].code, ps[b.p].code) })
		for _, c := range costs {
			p := ps[c.p]
			ind := p.costs[c.c]
			rec = binary.AppendUvarint(rec[:0], uint64(town))
			rec = appendString(rec, p.name)
			rec = appendString(rec, p.code)
			rec = binary.AppendUvarint(rec, uint64(ind.costText.id))
			rec = appendExact(rec, ind.num)
			rec = appendPlace(rec, ind.at)
			if raw == nil {
				s, err := scratchFile("jixiao-unitcost-*.tmp")
				if err != nil {
					return fmt.Errorf("创建临时文件：%w", err)
				}
				raw, w = s, bufio.NewWriterSize(s, unitCostBuf)
			}
			head = binary.AppendUvarint(head[:0], uint64(c.g))
			n := len(head)
			head = binary.AppendUvarint(head, uint64(len(rec)))
			if _, err := w.Write(head); err != nil {
				return fmt.Errorf("写临时文件：%w", err)
			}
			if _, err := w.Write(rec); err != nil {
				return fmt.Errorf("写临时文件：%w", err)
			}
			g := &x.groups[c.g]
			g.count++
			g.size += int64(len(head) - n + len(rec))
			size += int64(len(head) + len(rec))
			x.n++
		}
		return nil
	})
	if err == nil && w != nil {
		if ferr := w.Flush(); ferr != nil {
			err = fmt.Errorf("写临时文件：%w", ferr)
		}
	}
	if err != nil {
		if raw != nil {
			raw.remove()
		}
		return nil, 0, err
	}
	return raw, size, nil
}

// unitCostFrame is a record read back from the first file: its group and
// where its length and bytes are in the chunk.
type unitCostFrame struct {
	g          int32
	start, end int
}

// place orders the groups and writes the records of raw (size bytes, as
// collect wrote them) to a new file, the index's, each group's records
// together at the group's place and in the order raw has them.
func (x *unitCostIndex) place(raw *scratch, size int64, chunk int) error {
	x.order = make([]int32, len(x.groups))
	for i := range x.order {
		x.order[i] = int32(i)
	}
	o := newNameOrder()
	slices.SortFunc(x.order, func(i, j int32) int {
		a, b := x.groups[i], x.groups[j]
		return cmp.Or(o.compare(a.category, b.category), o.compare(a.level3, b.level3),
			o.compare(a.desc, b.desc), o.compare(a.unit, b.unit))
	})
	rank := make([]int32, len(x.groups))
	next := make([]int64, len(x.groups)) // where each group's next records go
	var off int64
	for r, g := range x.order {
		rank[g] = int32(r)
		x.groups[g].off, next[g] = off, off
		off += x.groups[g].size
	}
	f, err := scratchFile("jixiao-unitcost-*.tmp")
	if err != nil {
		return fmt.Errorf("创建临时文件：%w", err)
	}
	x.file = f
	r := bufio.NewReaderSize(io.NewSectionReader(raw, 0, size), unitCostBuf)
	var (
		buf, out []byte
		frames   []unitCostFrame
	)
	for read := 0; read < x.n; {
		buf, frames = buf[:0], frames[:0]
		for ; len(buf) < chunk && read < x.n; read++ {
			g, err := binary.ReadUvarint(r)
			if err != nil {
				return readFault(err)
			}
			if g >= uint64(len(x.groups)) {
				return errRecord
			}
			start := len(buf)
			if buf, err = readRecord(r, buf, size); err != nil {
				return err
			}
			frames = append(frames, unitCostFrame{g: int32(g), start: start, end: len(buf)})
		}
		// stable: a group's records stay in reading order
		slices.SortStableFunc(frames, func(a, b unitCostFrame) int { return cmp.Compare(rank[a.g], rank[b.g]) })
		for i := 0; i < len(frames); {
			g := frames[i].g
			out = out[:0]
			for ; i < len(frames) && frames[i].g == g; i++ {
				out = append(out, buf[frames[i].start:frames[i].end]...)
			}
			grp := &x.groups[g]
			if next[g]+int64(len(out)) > grp.off+grp.size {
				return errRecord
			}
			if _, err := x.file.WriteAt(out, next[g]); err != nil {
				return fmt.Errorf("写临时文件：%w", err)
			}
			next[g] += int64(len(out))
		}
	}
	for g, grp := range x.groups {
		if next[g] != grp.off+grp.size {
			return errRecord
		}
	}
	return nil
}

// readRecord reads a record's length and bytes from r and appends both to
// buf; a length beyond limit is refused as damage.
func readRecord(r *bufio.Reader, buf []byte, limit int64) ([]byte, error) {
	n, err := binary.ReadUvarint(r)
	if err != nil {
		return buf, readFault(err)
	}
	if n > uint64(limit) {
		return buf, errRecord
	}
	buf = binary.AppendUvarint(buf, n)
	start := len(buf)
	buf = slices.Grow(buf, int(n))[:start+int(n)]
	if _, err := io.ReadFull(r, buf[start:]); err != nil {
		return buf, readFault(err)
	}
	return buf, nil
}

// readFault is a failed read of a temporary file; the file ending early
// means it was cut short.
func readFault(err error) error {
	if errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF
	}
	return fmt.Errorf("读临时文件：%w", err)
}

// len is the number of rows.
func (x *unitCostIndex) len() int { return x.n }

// close removes the index's temporary file.
func (x *unitCostIndex) close() error {
	if x.file == nil {
		return nil
	}
	err := x.file.remove()
	x.file = nil
	return err
}

// row decodes record b of group g as its row (without the group's figures).
func (x *unitCostIndex) row(g *unitCostGroup, b []byte) (UnitCostRow, error) {
	d := recordDecoder{b: b, in: x.res.in}
	town := d.uvarint()
	name, code := d.str(), d.str()
	text := x.res.in.costByID(d.uvarint())
	num, at := d.exact(), d.place()
	if d.err != nil || text == nil || town >= uint64(len(x.res.counted)) || len(d.b) != 0 {
		return UnitCostRow{}, errRecord
	}
	t := x.res.counted[town]
	ind := costTally{costText: text, num: num, at: at}
	v, _ := IndicatorInUnit(ind.value(), x.u)
	return UnitCostRow{Category: g.category, Level3: g.level3, Desc: g.desc, Unit: g.unit,
		Township: t.township, Project: name, Code: code, Raw: text.raw, Op: text.op, Value: v,
		Src: at.source(t.file)}, nil
}

// value decodes of record b only its value, in the index's unit (see row).
func (x *unitCostIndex) value(b []byte) (decimal.Decimal, error) {
	d := recordDecoder{b: b, in: x.res.in}
	d.uvarint() // township
	d.skip()    // project name
	d.skip()    // 项目编码
	text := x.res.in.costByID(d.uvarint())
	num := d.exact()
	if d.err != nil || text == nil {
		return decimal.Decimal{}, errRecord
	}
	v, _ := IndicatorInUnit(costTally{costText: text, num: num}.value(), x.u)
	return v, nil
}

// eachGroup calls fn with the rows of each group in turn, with the group's
// median and each row's 偏离率 and flag. A group is read twice: for its
// values, then for its rows one at a time, so that only the values of the
// largest group are held at once. fn is called with every row of a group
// before the next group's; first is true for a group's first row.
func (x *unitCostIndex) eachGroup(threshold decimal.Decimal, fn func(r UnitCostRow, first bool) error) error {
	if x.n == 0 {
		return nil
	}
	if x.file == nil {
		return fmt.Errorf("读回单位成本：%w", errClosed)
	}
	var (
		vals []exact
		buf  []byte
	)
	r := bufio.NewReaderSize(nil, unitCostBuf)
	// each reads group g's records in order
	each := func(g *unitCostGroup, fn func(rec []byte) error) error {
		r.Reset(io.NewSectionReader(x.file, g.off, g.size))
		for range g.count {
			var err error
			if buf, err = readRecord(r, buf[:0], g.size); err != nil {
				return fmt.Errorf("读回单位成本：%w", err)
			}
			_, n := binary.Uvarint(buf)
			if err := fn(buf[n:]); err != nil {
				return err
			}
		}
		return nil
	}
	for _, gi := range x.order {
		g := &x.groups[gi]
		vals = vals[:0]
		err := each(g, func(rec []byte) error {
			v, err := x.value(rec)
			if err != nil {
				return fmt.Errorf("读回单位成本：%w", err)
			}
			vals = append(vals, packDecimal(v))
			return nil
		})
		if err != nil {
			return err
		}
		med := medianExact(vals)
		first := true
		err = each(g, func(rec []byte) error {
			r, err := x.row(g, rec)
			if err != nil {
				return fmt.Errorf("读回单位成本：%w", err)
			}
			r.Median, r.Count = med, g.count
			r.Deviation, r.HasDeviation = deviation(r.Value, med)
			r.Flag = flag(r.Deviation, r.HasDeviation, threshold)
			err = fn(r, first)
			first = false
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}
