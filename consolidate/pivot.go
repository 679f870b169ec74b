package consolidate

import (
	"jixiao/consolidate/category"
	"jixiao/consolidate/pivot"
)

// BuildPivot sums every counted project's 预算数 by 类别 (as assigned by cat;
// nil uses category.Default) and 乡镇. Blank budgets add nothing but still place the
// project in its 类别. It fails only when the run's temporary file cannot
// be read.
//
//	p, err := consolidate.BuildPivot(res, nil)
//	amt, ok := p.Amount("村级转移支付", "王官营镇")
func BuildPivot(res *Result, cat *category.Categorizer) (*pivot.Pivot, error) {
	p := pivot.New()
	err := res.eachProjects(func(_ int, t *tally, ps []projectTally) error {
		p.Townships = append(p.Townships, t.township)
		for _, proj := range ps {
			p.Add(cat.Category(proj.name), t.township, proj.budget.Decimal(), 1)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	p.Finish()
	return p, nil
}
