// The 整改情况 sheet: last round's problems and budget changes against this round.

package consolidate

import (
	"strconv"

	"github.com/xuri/excelize/v2"

	"jixiao/consolidate/internal/xlsxw"
	"jixiao/consolidate/rounds"
)

// SheetRectify is the sheet comparing this round of review with the
// previous county workbook (整改情况).
const SheetRectify = "整改情况"

// LoadPrevious reads the 校验问题 and 汇总 sheets of a county workbook that
// jixiao wrote in an earlier round.
//
//	prev, err := consolidate.LoadPrevious("上次的县级汇总.xlsx")
func LoadPrevious(path string) (*rounds.Previous, error) {
	return rounds.Load(path, SheetProblems, SheetSummary)
}

// CompareRounds compares the problems and the townships' 预算数 of res with
// those of prev (see rounds.Compare).
//
//	rc, err := consolidate.CompareRounds(res, prev)
func CompareRounds(res *Result, prev *rounds.Previous) (*rounds.Rectification, error) {
	problems, err := res.AllProblems()
	if err != nil {
		return nil, err
	}
	totals, _ := res.Totals()
	budgets := make([]rounds.Budget, len(res.counted))
	for i, t := range res.counted {
		budgets[i] = rounds.Budget{Township: t.township, Budget: totals[i].Budget}
	}
	return rounds.Compare(prev, problems, budgets), nil
}

// rectifySheet writes 整改情况: each problem of the previous round and of
// this one with its status (已整改, 未整改, 新增), then each township's 预算数
// in both rounds.
func (w *bookWriter) rectifySheet() error {
	rc, err := CompareRounds(w.res, w.opt.Previous)
	if err != nil {
		return err
	}
	t := w.book.NewTable(SheetRectify, []xlsxw.Column{{Header: "乡镇"}, {Header: "整改情况"}, {Header: "项目编码"}, {Header: "项目名称", Max: 30},
		{Header: "规则"}, {Header: "指标"}, {Header: "级别"}, {Header: "说明", Max: 60, Wrap: true}, {Header: "上次位置"}, {Header: "本次位置"},
		{Header: "备注"}})
	if n := len(rc.Rows); n > 0 {
		t.CondRules = append(t.CondRules, xlsxw.CondRule{Ref: "B3:B" + strconv.Itoa(xlsxw.FirstDataRow+n-1), Formula: `$B3="` + rounds.StatusOpen + `"`})
	}
	bold := func(s string) excelize.Cell { return excelize.Cell{StyleID: w.st.totalText, Value: s} }
	footer := [][]interface{}{{}, {bold("乡镇"), bold("预算数变化"), bold("上次预算数"), bold("本次预算数"), bold("增减")}}
	for _, b := range rc.Budgets {
		status := "未变"
		var before, after, diff interface{} = "", "", ""
		if b.HasBefore {
			before = w.moneyCell(b.Before)
		}
		if b.HasAfter {
			after = w.moneyCell(b.After)
		}
		switch {
		case !b.HasBefore:
			status = "本次新提交"
		case !b.HasAfter:
			status = "本次未提交"
		case !b.Before.Equal(b.After):
			status, diff = "有变化", w.moneyCell(b.After.Sub(b.Before))
		}
		footer = append(footer, []interface{}{w.txt(b.Township), w.txt(status), before, after, diff})
	}
	t.Notes = []string{"注：同一问题按 乡镇＋项目编码＋规则＋指标 对应（单元格位置可能因修改而移动）；" +
		"“已整改”为上次的问题本次不再出现，“未整改”为仍然存在，“新增”为本次新出现。预算数取自两次「汇总」。"}
	return t.WriteStreamed(func(emit func([]interface{}) error) error {
		for _, r := range rc.Rows {
			err := emit([]interface{}{w.txt(r.Township), w.txt(r.Status), w.txt(r.Project), w.txt(r.ProjectName), w.txt(r.Rule),
				w.txt(r.Indicator), w.txt(r.Level), w.wrap(r.Message), w.txt(r.Before), w.txt(r.After), w.txt(r.Note)})
			if err != nil {
				return err
			}
		}
		return nil
	}, footer...)
}
