package consolidate

import (
	"encoding/binary"

	"jixiao/consolidate/internal/exact"
	"jixiao/consolidate/internal/spill"
	"jixiao/templates"
)

// What a run keeps in memory of each township is kept compact: with tens of
// thousands of townships it is most of the run's memory (see package
// consolidate/internal/exact for the amounts).

// appendExact appends x (see spill.AppendDecimal).
func appendExact(b []byte, x exact.Num) []byte {
	coef, exp, big := x.Parts()
	if big == nil {
		return spill.AppendDecimal(b, coef, exp)
	}
	return spill.AppendBigDecimal(b, *big)
}

// exact decodes what appendExact wrote.
func (d *recordDecoder) exact() exact.Num {
	return exact.FromParts(d.Decimal())
}

// packedTotals are Totals in a few dozen bytes: the counts and amounts as
// varints (see appendExact). Every township's stay in memory.
type packedTotals string

func packTotals(t Totals) packedTotals {
	b := binary.AppendVarint(nil, int64(t.Projects))
	b = binary.AppendVarint(b, int64(t.Indicators))
	b = appendExact(b, exact.Pack(t.Budget))
	b = appendExact(b, exact.Pack(t.Fiscal))
	b = appendExact(b, exact.Pack(t.Other))
	for _, v := range t.Plan {
		b = appendExact(b, exact.Pack(v))
	}
	return packedTotals(b)
}

// totals unpacks; problem counts are zero. p comes from packTotals only:
// anything else is a fault in jixiao, and panics.
func (p packedTotals) totals() Totals {
	d := newRecordDecoder([]byte(p), nil)
	t := Totals{Projects: int(d.Varint()), Indicators: int(d.Varint()),
		Budget: d.exact().Decimal(), Fiscal: d.exact().Decimal(), Other: d.exact().Decimal()}
	for i := range t.Plan {
		t.Plan[i] = d.exact().Decimal()
	}
	if d.End() != nil {
		panic("consolidate: packed totals damaged")
	}
	return t
}

// costText is what the 成本指标 of many townships have in common, kept once
// (see interner.costText).
type costText struct {
	level3, desc, raw string
	op, unit          string
	id                int32 // its number in the interner
}

// place is where in its file a value was read: a sheet and a cell, kept
// once for all townships whose forms have the same layout (see
// interner.place).
type place struct {
	sheet, cell string
	id          int32 // its number in the interner
}

// appendPlace writes 0 for no place, else its number + 1.
func appendPlace(b []byte, p *place) []byte {
	if p == nil {
		return append(b, 0)
	}
	return binary.AppendUvarint(b, uint64(p.id)+1)
}

// place decodes what appendPlace wrote.
func (d *recordDecoder) place() *place {
	id := d.Uvarint()
	if id == 0 || d.Err() != nil {
		return nil
	}
	p := d.in.placeByID(id - 1)
	if p == nil {
		d.Fail()
	}
	return p
}

// source is the value's source in file.
func (p *place) source(file string) templates.Source {
	if p == nil {
		return templates.Source{File: file}
	}
	return templates.Source{File: file, Sheet: p.sheet, Cell: p.cell}
}
