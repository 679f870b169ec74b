package filledform

import (
	"strconv"
	"testing"

	"github.com/shopspring/decimal"

	"jixiao/convert"
	"jixiao/templates"
)

// Check compares a submission read back with the form typed in with
// amounts in unit, failing t on every difference.
func Check(t testing.TB, sub *templates.Submission, form Form, unit convert.Unit) {
	t.Helper()
	eq := func(what, got, want string) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %q, want %q", what, got, want)
		}
	}
	eq("单位名称", sub.Township.Value, form.Township)
	eq("行政区划代码", sub.Code.Value, form.Code)
	eq("预算年度", strconv.Itoa(sub.Year), form.Year)
	eq("金额单位", sub.Unit.String(), form.Unit)
	eq("填报人", sub.Filler.Value, form.Filler)
	eq("联系电话", sub.Phone.Value, form.Phone)
	eq("填报日期", sub.FilledOn.Value, form.Date)
	eq("工作保障措施", sub.Overall.Measures.Value, form.Measures)
	eq("总体绩效目标", sub.Overall.Summary.Value, form.Summary)
	if len(sub.Overall.Items) != len(form.Items) {
		t.Fatalf("read %d 分项, want %d", len(sub.Overall.Items), len(form.Items))
	}
	numerals := []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"}
	for i, it := range sub.Overall.Items {
		eq("序号", it.No.Value, "（"+numerals[i]+"）")
		eq("名称", it.Name.Value, form.Items[i][0])
		eq("分项绩效目标", it.Goal.Value, form.Items[i][1])
		eq("分项绩效指标", it.Indicator.Value, form.Items[i][2])
	}
	if len(sub.Projects) != len(form.Projects) {
		t.Fatalf("read %d projects, want %d", len(sub.Projects), len(form.Projects))
	}
	money := func(what string, got templates.Money, typed string) {
		t.Helper()
		if typed == "" {
			if !got.Blank {
				t.Errorf("%s = %s 元, want blank", what, got.Yuan)
			}
			return
		}
		want := convert.ToYuan(decimal.RequireFromString(typed), unit)
		if got.Blank || !got.Yuan.Equal(want) {
			t.Errorf("%s = %s 元 (blank %v), want %s 元", what, got.Yuan, got.Blank, want)
		}
	}
	for i, p := range sub.Projects {
		w := form.Projects[i]
		eq("项目编码", p.Code.Value, w.Code)
		eq("项目名称", p.Name.Value, w.Name)
		eq("资金用途", p.Purpose.Value, w.Purpose)
		eq("绩效目标", p.Goal.Value, w.Goal)
		eq("项目单位", p.Unit.String(), unit.String())
		money(w.Name+" 预算数", p.Budget, w.Budget)
		money(w.Name+" 财政资金", p.Fiscal, w.Fiscal)
		money(w.Name+" 其他资金", p.Other, w.Other)
		for k := range p.Plan {
			money(w.Name+" "+templates.PlanLabel(k), p.Plan[k], w.Plan[k])
		}
		if len(p.Indicators) != len(w.Indicators) {
			t.Errorf("%s: read %d indicators, want %d", w.Name, len(p.Indicators), len(w.Indicators))
			continue
		}
		for k, ind := range p.Indicators {
			got := [6]string{ind.Level1.Value, ind.Level2.Value, ind.Level3.Value, ind.Desc.Value, ind.Value.Value, ind.Basis.Value}
			if got != w.Indicators[k] {
				t.Errorf("%s indicator %d = %q, want %q", w.Name, k+1, got, w.Indicators[k])
			}
		}
	}
}
