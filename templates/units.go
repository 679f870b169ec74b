package templates

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"jixiao/convert"
)

// Bounds of the whole-form unit check, in 元. A township's project of 1 亿元
// or more is rare; a form where most projects are is one filled in 元 under
// 「单位：万元」. A project under 1,000 元 is rare too; a form where most are
// and whose projects add up to less than 100 万元 is one filled in 万元 under
// 「单位：元」.
var (
	formHugeProject  = decimal.New(1, 8) // 1 亿元
	formLargeProject = decimal.New(1, 7) // 1,000 万元
	formHugeTotal    = decimal.New(5, 9) // 50 亿元
	formTinyProject  = decimal.New(1, 3) // 1,000 元
	formTinyTotal    = decimal.New(1, 6) // 100 万元
)

// formUnitCells is how many cells the whole-form unit error names.
const formUnitCells = 5

// checkFormUnit reports, as an error, a form whose amounts are as a whole
// 10,000 times off the unit it states: most 预算数 of 1 亿元 or more (or of
// 1,000 万元 or more, adding up to 50 亿元), or most under 1,000 元 and all
// together under 100 万元; at least two projects must agree. The amounts are never converted: the township
// must correct the form. The per-amount warnings of such a form are
// replaced by this one error; an isolated implausible amount keeps its
// warning.
func (r *reader) checkFormUnit() {
	var n, huge, large, tiny int
	total := decimal.Zero
	var hugeAt, tinyAt []string
	var first Source
	stated := r.sub.Unit
	for i := range r.sub.Projects {
		p := &r.sub.Projects[i]
		b := p.Budget
		if b.Blank || b.Yuan.IsZero() {
			continue
		}
		if n == 0 {
			stated = p.Unit
		}
		n++
		total = total.Add(b.Yuan)
		if b.Yuan.GreaterThanOrEqual(formLargeProject) {
			large++
		}
		if b.Yuan.GreaterThanOrEqual(formHugeProject) {
			huge++
			hugeAt = append(hugeAt, b.Src.Cell)
			if huge == 1 {
				first = b.Src
			}
		}
		if b.Yuan.LessThan(formTinyProject) {
			tiny++
			tinyAt = append(tinyAt, b.Src.Cell)
		}
	}
	if n < 2 {
		return // one amount is isolated: its own warning says it
	}
	var msg string
	switch {
	case 2*huge > n || total.GreaterThanOrEqual(formHugeTotal) && 2*large > n:
		if huge == 0 {
			hugeAt = nil
		}
		msg = fmt.Sprintf("「%s」整张表的金额像是按「元」填写的，表上却写明「单位：%s」：%d 个项目中 %d 个预算数超过 1 亿元%s，"+
			"合计 %s 万元。jixiao 不会自动换算，本乡镇的金额未按正确单位计入：请把单位行改为“单位：元”，或把金额改按万元填写后重新提交",
			r.sub.Township.Value, unitName(stated), n, huge, cellList(hugeAt), convert.FormatAmount(convert.FromYuan(total, convert.UnitWan)))
	case 2*tiny > n && total.LessThan(formTinyTotal):
		first = Source{}
		for i := range r.sub.Projects {
			if b := r.sub.Projects[i].Budget; !b.Blank && b.Yuan.LessThan(formTinyProject) && !b.Yuan.IsZero() {
				first = b.Src
				break
			}
		}
		msg = fmt.Sprintf("「%s」整张表的金额像是按「万元」填写的，表上却写明「单位：%s」：%d 个项目中 %d 个预算数不足 1,000 元%s，"+
			"合计只有 %s 元。jixiao 不会自动换算，本乡镇的金额未按正确单位计入：请把单位行改为“单位：万元”，或把金额改按元填写后重新提交",
			r.sub.Township.Value, unitName(stated), n, tiny, cellList(tinyAt), convert.FormatAmount(total))
	default:
		return
	}
	if first.File == "" {
		first = Source{File: r.wb.Path}
	}
	kept := r.sub.Problems[:0]
	for _, p := range r.sub.Problems {
		if p.Rule != RuleUnit {
			kept = append(kept, p)
		}
	}
	r.sub.Problems = kept
	r.problem(Error, RuleUnit, first, "", msg, &convert.LocatedError{File: first.File, Sheet: first.Sheet, Cell: first.Cell, Err: ErrUnitMismatch})
}

// unitName is the unit a form states, as written on it.
func unitName(u convert.Unit) string {
	if u == convert.UnitUnknown {
		return convert.UnitWan.String()
	}
	return u.String()
}

// cellList renders up to formUnitCells cells: "（C5、C30、C55 等 13 处）".
func cellList(cells []string) string {
	if len(cells) == 0 {
		return ""
	}
	shown := cells[:min(len(cells), formUnitCells)]
	s := "（" + strings.Join(shown, "、")
	if len(cells) > len(shown) {
		s += fmt.Sprintf(" 等 %d 处", len(cells))
	}
	return s + "）"
}
