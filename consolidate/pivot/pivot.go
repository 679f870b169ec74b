// Package pivot is the 分类汇总, 预算数 by 类别 and 乡镇, and the statistics
// over it: the medians and 偏离率 of 乡镇差异, the comparison with the 基期.
// It knows nothing of forms or workbooks.
package pivot

import (
	"cmp"
	"math"
	"slices"

	"github.com/shopspring/decimal"

	"jixiao/consolidate/internal/exact"
	"jixiao/consolidate/internal/nameorder"
)

// pivotCell is a cell of the pivot: the 预算数 and how many projects gave it.
type pivotCell struct {
	amount   exact.Num
	projects int
}

// pivotEntry is a cell in its 类别's column, in 16 bytes (with thousands of
// townships the cells are most of the pivot): the township's number, the
// project count and the amount's coefficient and exponent. A cell whose
// figures do not fit (a coefficient beyond int64, an exponent beyond int8,
// more than 65,535 projects) is marked wide and kept whole in the pivot's
// wide map.
type pivotEntry struct {
	coef     int64
	town     int32
	projects uint16
	exp      int8
	wide     bool
}

// pivotKey addresses a wide cell by the numbers of its 类别 and 乡镇.
type pivotKey struct{ cat, town int32 }

// entryCell is e's cell in column cat.
func (p *Pivot) entryCell(cat int32, e pivotEntry) pivotCell {
	if e.wide {
		return p.wide[pivotKey{cat, e.town}]
	}
	return pivotCell{amount: exact.FromParts(e.coef, int32(e.exp), nil), projects: int(e.projects)}
}

// setEntry sets e, in column cat, to c.
func (p *Pivot) setEntry(cat int32, e *pivotEntry, c pivotCell) {
	k := pivotKey{cat, e.town}
	if coef, exp, big := c.amount.Parts(); big == nil && exp >= math.MinInt8 && exp <= math.MaxInt8 && c.projects >= 0 && c.projects <= math.MaxUint16 {
		if e.wide {
			delete(p.wide, k)
		}
		e.coef, e.exp, e.projects, e.wide = coef, int8(exp), uint16(c.projects), false
		return
	}
	if p.wide == nil {
		p.wide = map[pivotKey]pivotCell{}
	}
	p.wide[k] = c
	e.wide = true
}

// Pivot is the 分类汇总: 预算数 by 类别 and 乡镇, exact, in 元. A township
// with no project of a 类别 has no cell there (not a zero).
//
//	p := pivot.New()
//	p.Add("村级转移支付", "王官营镇", decimal.NewFromInt(318340), 1)
//	p.Townships = append(p.Townships, "王官营镇")
//	p.Sort()
//	amt, ok := p.Amount("村级转移支付", "王官营镇")
type Pivot struct {
	// Townships are the counted townships, in township order.
	Townships []string
	// Categories are the 类别 in sorted order.
	Categories []string
	// 类别 and 乡镇 are numbered as they come; each 类别's column holds its
	// cells sorted by township number.
	cats, towns map[string]int32
	cols        [][]pivotEntry
	wide        map[pivotKey]pivotCell
}

// New returns an empty pivot, to be filled with Add.
func New() *Pivot {
	return &Pivot{cats: map[string]int32{}, towns: map[string]int32{}}
}

// Finish sets Categories as Sort does but leaves Townships in the order they
// were appended, and gives back the room the cells' columns left by growing.
func (p *Pivot) Finish() {
	for i, col := range p.cols {
		p.cols[i] = slices.Clone(col) // without the room left by growing
	}
	p.sortCategories()
}

// Add adds amount (in 元) and a count of projects to the cell of category
// and township, making the cell when there is none. It leaves Townships and
// Categories alone: when done, append the townships to Townships and call
// Sort.
func (p *Pivot) Add(category, township string, amount decimal.Decimal, projects int) {
	ci, ti := number(p.cats, category), number(p.towns, township)
	for int(ci) >= len(p.cols) {
		p.cols = append(p.cols, nil)
	}
	col := p.cols[ci]
	i, found := slices.BinarySearchFunc(col, ti, func(e pivotEntry, t int32) int { return cmp.Compare(e.town, t) })
	if !found {
		col = slices.Insert(col, i, pivotEntry{town: ti})
		p.cols[ci] = col
	}
	c := p.entryCell(ci, col[i])
	p.setEntry(ci, &col[i], pivotCell{amount: exact.Pack(c.amount.Decimal().Add(amount)), projects: c.projects + projects})
}

// number is name's number in m, given the next one when it has none.
func number(m map[string]int32, name string) int32 {
	n, ok := m[name]
	if !ok {
		n = int32(len(m))
		m[name] = n
	}
	return n
}

// sortCategories sets Categories to every 类别 with a cell, sorted.
func (p *Pivot) sortCategories() {
	p.Categories = p.Categories[:0]
	for c := range p.cats {
		p.Categories = append(p.Categories, c)
	}
	nameorder.Sort(p.Categories)
}

// Sort puts Townships in name order (see package nameorder) and sets Categories to
// every 类别 with a cell, in name order too.
func (p *Pivot) Sort() {
	nameorder.Sort(p.Townships)
	p.sortCategories()
}

// Each calls fn with every cell, in no particular order: its 类别 and 乡镇,
// its 预算数 in 元 and how many projects gave it.
func (p *Pivot) Each(fn func(category, township string, amount decimal.Decimal, projects int)) {
	cats, towns := names(p.cats), names(p.towns)
	for ci, col := range p.cols {
		for _, e := range col {
			c := p.entryCell(int32(ci), e)
			fn(cats[ci], towns[e.town], c.amount.Decimal(), c.projects)
		}
	}
}

// names lists m's names by their numbers.
func names(m map[string]int32) []string {
	out := make([]string, len(m))
	for name, n := range m {
		out[n] = name
	}
	return out
}

func (p *Pivot) cell(category, township string) pivotCell {
	ci, ok1 := p.cats[category]
	ti, ok2 := p.towns[township]
	if !ok1 || !ok2 || int(ci) >= len(p.cols) {
		return pivotCell{}
	}
	col := p.cols[ci]
	i, found := slices.BinarySearchFunc(col, ti, func(e pivotEntry, t int32) int { return cmp.Compare(e.town, t) })
	if !found {
		return pivotCell{}
	}
	return p.entryCell(ci, col[i])
}

// Amount returns the 预算数 of a 类别 in a township; ok is false when the
// township has no project of that 类别.
func (p *Pivot) Amount(category, township string) (decimal.Decimal, bool) {
	c := p.cell(category, township)
	return c.amount.Decimal(), c.projects > 0
}

// Projects returns how many projects of a 类别 a township has.
func (p *Pivot) Projects(category, township string) int {
	return p.cell(category, township).projects
}

// CategoryTotal is the county 预算数 of one 类别.
func (p *Pivot) CategoryTotal(category string) decimal.Decimal {
	var sum decimal.Decimal
	for _, t := range p.Townships {
		sum = sum.Add(p.cell(category, t).amount.Decimal())
	}
	return sum
}

// TownshipTotal is a township's 预算数 over all 类别.
func (p *Pivot) TownshipTotal(township string) decimal.Decimal {
	var sum decimal.Decimal
	for _, c := range p.Categories {
		sum = sum.Add(p.cell(c, township).amount.Decimal())
	}
	return sum
}

// Total is the county 预算数.
func (p *Pivot) Total() decimal.Decimal {
	var sum decimal.Decimal
	for _, c := range p.Categories {
		sum = sum.Add(p.CategoryTotal(c))
	}
	return sum
}

// CellCount is the number of 类别 × 乡镇 cells with projects: the rows
// EachVariance gives.
func (p *Pivot) CellCount() int {
	n := 0
	for ci, col := range p.cols {
		for _, e := range col {
			if p.entryCell(int32(ci), e).projects > 0 {
				n++
			}
		}
	}
	return n
}
