package consolidate

import (
	"sort"

	"github.com/shopspring/decimal"
)

// pivotKey addresses a 类别 × 乡镇 cell of the pivot.
type pivotKey struct{ Category, Township string }

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
	amounts    map[pivotKey]decimal.Decimal
	projects   map[pivotKey]int
}

// BuildPivot sums every counted project's 预算数 by 类别 (as assigned by cat;
// nil uses Category) and 乡镇. Blank budgets add nothing but still place the
// project in its 类别.
func BuildPivot(res *Result, cat *Categorizer) *Pivot {
	p := &Pivot{amounts: map[pivotKey]decimal.Decimal{}, projects: map[pivotKey]int{}}
	seenCat := map[string]bool{}
	for _, sub := range res.counted {
		town := sub.township
		p.Townships = append(p.Townships, town)
		for _, proj := range sub.projects {
			c := cat.Category(proj.name)
			k := pivotKey{c, town}
			p.amounts[k] = p.amounts[k].Add(proj.budget)
			p.projects[k]++
			if !seenCat[c] {
				seenCat[c] = true
				p.Categories = append(p.Categories, c)
			}
		}
	}
	sort.Strings(p.Categories)
	return p
}

// Amount returns the 预算数 of a 类别 in a township; ok is false when the
// township has no project of that 类别.
func (p *Pivot) Amount(category, township string) (decimal.Decimal, bool) {
	k := pivotKey{category, township}
	return p.amounts[k], p.projects[k] > 0
}

// Projects returns how many projects of a 类别 a township has.
func (p *Pivot) Projects(category, township string) int {
	return p.projects[pivotKey{category, township}]
}

// CategoryTotal is the county 预算数 of one 类别.
func (p *Pivot) CategoryTotal(category string) decimal.Decimal {
	var sum decimal.Decimal
	for _, t := range p.Townships {
		sum = sum.Add(p.amounts[pivotKey{category, t}])
	}
	return sum
}

// TownshipTotal is a township's 预算数 over all 类别.
func (p *Pivot) TownshipTotal(township string) decimal.Decimal {
	var sum decimal.Decimal
	for _, c := range p.Categories {
		sum = sum.Add(p.amounts[pivotKey{c, township}])
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
