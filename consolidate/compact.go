package consolidate

import (
	"github.com/shopspring/decimal"

	"jixiao/templates"
)

// What a run keeps in memory of each township is kept compact: with tens of
// thousands of townships it is most of the run's memory.

// exact is an exact decimal in a compact form: most amounts have a
// coefficient that fits an int64 and need no big integer of their own; the
// others keep their decimal.
//
//	x := packDecimal(d) // x.decimal().Equal(d)
type exact struct {
	coef int64
	exp  int32
	big  *decimal.Decimal // when the coefficient does not fit an int64
}

func packDecimal(d decimal.Decimal) exact {
	if c := d.Coefficient(); c.IsInt64() {
		return exact{coef: c.Int64(), exp: d.Exponent()}
	}
	return exact{big: &d}
}

// decimal is x as a decimal.Decimal.
func (x exact) decimal() decimal.Decimal {
	if x.big != nil {
		return *x.big
	}
	return decimal.New(x.coef, x.exp)
}

// packedTotals are Totals with compact amounts.
type packedTotals struct {
	projects, indicators int
	budget, fiscal       exact
	other                exact
	plan                 [templates.PlanPeriods]exact
}

func packTotals(t Totals) packedTotals {
	p := packedTotals{projects: t.Projects, indicators: t.Indicators,
		budget: packDecimal(t.Budget), fiscal: packDecimal(t.Fiscal), other: packDecimal(t.Other)}
	for i, v := range t.Plan {
		p.plan[i] = packDecimal(v)
	}
	return p
}

// totals unpacks; problem counts are zero.
func (p packedTotals) totals() Totals {
	t := Totals{Projects: p.projects, Indicators: p.indicators,
		Budget: p.budget.decimal(), Fiscal: p.fiscal.decimal(), Other: p.other.decimal()}
	for i, v := range p.plan {
		t.Plan[i] = v.decimal()
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

// source is the value's source in file.
func (p *place) source(file string) templates.Source {
	if p == nil {
		return templates.Source{File: file}
	}
	return templates.Source{File: file, Sheet: p.sheet, Cell: p.cell}
}
