// The 审核情况 sheet: the review rules' findings counted per rule, and the
// 审核结论 each township gets.

package consolidate

import (
	"fmt"
	"slices"

	"github.com/xuri/excelize/v2"

	"jixiao/consolidate/internal/xlsxw"
	"jixiao/consolidate/review"
	"jixiao/templates"
)

// SheetReview is the sheet of the review rules and how often each was
// broken (审核情况).
const SheetReview = "审核情况"

// Review conclusions in 汇总.
const (
	ConclusionPass = "通过"
	// ConclusionRevise is followed by the number of errors to correct.
	ConclusionRevise = "需修改"
)

// Conclusion is a township's 审核结论 from its count of errors: 通过, or
// 需修改：n 项. An error of any check (a sum that does not add up as much as a
// placeholder target) must be corrected before the targets are approved;
// warnings ask for a look and do not hold approval.
//
//	consolidate.Conclusion(3) // "需修改：3 项"
func Conclusion(errors int) string {
	if errors == 0 {
		return ConclusionPass
	}
	return fmt.Sprintf("%s：%d 项", ConclusionRevise, errors)
}

// RuleCounts returns the review rules of the run in order with how often
// each was broken.
//
//	for _, rc := range res.RuleCounts() { fmt.Println(rc.ID, rc.Findings) }
func (r *Result) RuleCounts() []review.RuleCount { return r.ruleCounts }

// reviewSheet writes 审核情况: each rule with its id, name, severity, basis,
// whether it ran, and how many findings and townships it has.
func (w *bookWriter) reviewSheet() error {
	t := w.book.NewTable(SheetReview, []xlsxw.Column{{Header: "编号"}, {Header: "规则"}, {Header: "级别"}, {Header: "依据", Max: 40, Wrap: true},
		{Header: "启用"}, {Header: "问题数"}, {Header: "涉及乡镇数"}})
	t.FreezeCols = 1
	t.Notes = []string{fmt.Sprintf("注：共 %d 个乡镇，审核结论为“需修改”的 %d 个（见「%s」的审核结论列）；各条问题见「%s」，可按“规则”列筛选。"+
		"级别为“警告”的规则是推断或提示，不影响审核结论。", len(w.res.counted), reviseTownships(w.res.counted), SheetSummary, SheetProblems)}
	counts := w.res.RuleCounts()
	total := 0
	for _, rc := range counts {
		total += rc.Findings
	}
	footer := []interface{}{excelize.Cell{StyleID: w.st.totalText, Value: "合计"}, w.txt(""), w.txt(""), w.txt(""), w.txt(""),
		excelize.Cell{StyleID: w.st.total, Value: total}, w.txt("")}
	return t.WriteStreamed(func(emit func([]interface{}) error) error {
		for _, rc := range counts {
			on := "是"
			if !rc.Enabled {
				on = "否"
			}
			err := emit([]interface{}{w.txt(rc.ID), w.txt(rc.Name), w.txt(rc.Severity.String()), w.wrap(rc.Basis), w.txt(on),
				w.num(rc.Findings), w.num(rc.Townships)})
			if err != nil {
				return err
			}
		}
		return nil
	}, footer)
}

// reviseTownships counts the townships whose 审核结论 is 需修改.
func reviseTownships(ts []*tally) int {
	n := 0
	for _, t := range ts {
		if t.errors > 0 {
			n++
		}
	}
	return n
}

// reviseCount is the 合计 of the 审核结论 column: how many townships must
// revise.
func reviseCount(ts []*tally) string {
	return fmt.Sprintf("%s %d 个", ConclusionRevise, reviseTownships(ts))
}

// ruleBasis is the basis of a review rule, "" for the other checks.
func ruleBasis(id string) string {
	if id == "" {
		return ""
	}
	r, _ := review.Lookup(id)
	return r.Basis
}

// readerValueRule is the rule of the reader's warning on a 指标值 it cannot
// parse (see templates.readIndicators).
const readerValueRule = "指标值"

// withReview appends the review's findings to a submission's problems ps,
// dropping the reader's "cannot parse" warning on a 指标值 where R1 says
// what is wrong with it (a placeholder), so the cell is not listed twice.
func withReview(ps, findings []templates.Problem) []templates.Problem {
	said := map[templates.Source]bool{}
	for _, f := range findings {
		if f.RuleID == "R1" {
			said[f.Src] = true
		}
	}
	if len(said) > 0 {
		ps = slices.DeleteFunc(ps, func(p templates.Problem) bool { return p.Rule == readerValueRule && p.RuleID == "" && said[p.Src] })
	}
	return append(ps, findings...)
}
