package consolidate

import (
	"sort"

	"github.com/shopspring/decimal"
)

// pivotKey addresses a 类别 × 乡镇 cell of the pivot by their numbers.
type pivotKey struct{ cat, town int32 }

// pivotCell is a cell of the pivot: the 预算数 and how many projects gave it.
type pivotCell struct {
	amount   exact
	projects int
}

// Pivot is the 分类汇总: 预算数 by 类别 and 乡镇, exact, in 元. A township
// with no project of a 类别 has no cell there (not a zero).
//
//	p := consolidate.BuildPivot(res, nil)
//	amt, ok := p.Amount("村级转移支付", "王官营镇")
type Pivot struct {
	// Townships are the counted townships, in township order.
	Townships []string
	// Categories are the 类别 in sorted order.
	Categories []string
	// The cells are addressed by numbers given to 类别 and 乡镇 as they
	// come: with thousands of townships, keys of two strings each would cost
	// more than the amounts.
	cats, towns map[string]int32
	cells       map[pivotKey]pivotCell
}

func newPivot() *Pivot {
	return &Pivot{cats: map[string]int32{}, towns: map[string]int32{}, cells: map[pivotKey]pivotCell{}}
}

// BuildPivot sums every counted project's 预算数 by 类别 (as assigned by cat;
// nil uses Category) and 乡镇. Blank budgets add nothing but still place the
// project in its 类别.
func BuildPivot(res *Result, cat *Categorizer) *Pivot {
	p := newPivot()
	for _, sub := range res.counted {
		p.Townships = append(p.Townships, sub.township)
		for _, proj := range sub.projects {
			p.add(cat.Category(proj.name), sub.township, proj.budget.decimal(), 1)
		}
	}
	p.sortCategories()
	return p
}

// add adds amount and projects to the cell of category and township.
func (p *Pivot) add(category, township string, amount decimal.Decimal, projects int) {
	k := pivotKey{number(p.cats, category), number(p.towns, township)}
	c := p.cells[k]
	c.amount, c.projects = packDecimal(c.amount.decimal().Add(amount)), c.projects+projects
	p.cells[k] = c
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
	sort.Strings(p.Categories)
}

// each calls fn with every cell, in no particular order.
func (p *Pivot) each(fn func(category, township string, c pivotCell)) {
	cats, towns := names(p.cats), names(p.towns)
	for k, c := range p.cells {
		fn(cats[k.cat], towns[k.town], c)
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
	if !ok1 || !ok2 {
		return pivotCell{}
	}
	return p.cells[pivotKey{ci, ti}]
}

// Amount returns the 预算数 of a 类别 in a township; ok is false when the
// township has no project of that 类别.
func (p *Pivot) Amount(category, township string) (decimal.Decimal, bool) {
	c := p.cell(category, township)
	return c.amount.decimal(), c.projects > 0
}

// Projects returns how many projects of a 类别 a township has.
func (p *Pivot) Projects(category, township string) int {
	return p.cell(category, township).projects
}

// CategoryTotal is the county 预算数 of one 类别.
func (p *Pivot) CategoryTotal(category string) decimal.Decimal {
	var sum decimal.Decimal
	for _, t := range p.Townships {
		sum = sum.Add(p.cell(category, t).amount.decimal())
	}
	return sum
}

// TownshipTotal is a township's 预算数 over all 类别.
func (p *Pivot) TownshipTotal(township string) decimal.Decimal {
	var sum decimal.Decimal
	for _, c := range p.Categories {
		sum = sum.Add(p.cell(c, township).amount.decimal())
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
