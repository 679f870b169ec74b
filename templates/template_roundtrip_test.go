package templates_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"jixiao/consolidate"
	"jixiao/convert"
	"jixiao/templates"
)

// filledProject is what a township types into one project block.
type filledProject struct {
	code, name, purpose, goal string
	budget, fiscal, other     string // amounts as typed; "" leaves the cell blank
	plan                      [templates.PlanPeriods]string
	indicators                [][6]string
}

// filledForm is what a township types into the whole template.
type filledForm struct {
	township, code, year, unit, filler, phone, date string
	summary, measures                               string
	items                                           [][3]string // 名称, 绩效目标, 绩效指标
	projects                                        []filledProject
}

func seedIndicators(cost [2]string, extra bool) [][6]string {
	rows := [][6]string{
		{"产出指标", "数量指标", "采购办公用品次数", "采购办公用品次数", "≥5次", "年初计划"},
		{"产出指标", "质量指标", "采购质量", "采购办公用品质量", "优", "工作标准"},
		{"产出指标", "时效指标", "完成时限", "资金使用时限", "2024年12月31日前", "年初计划"},
		{cost[0], cost[1], "资金使用成本", "月平均资金使用成本", "≤0.5万元", "年初计划"},
		{"效益指标", "社会效益指标", "社会认可率", "社会认可率", "≥95%", "工作标准"},
		{"满意度指标", "服务对象满意度指标", "满意度", "群众满意度", "≥95%", "问卷调查"},
	}
	if extra {
		rows = append(rows, [6]string{"效益指标", "可持续影响指标", "长效机制", "村级运转长效保障", "≥3年", "历史标准"})
	}
	return rows
}

func sampleForm(unit string, cost [2]string) filledForm {
	amt := func(wan string) string {
		if unit == "万元" || wan == "" {
			return wan
		}
		return decimal.RequireFromString(wan).Shift(4).String()
	}
	items := make([][3]string, 12)
	for i := range items {
		items[i] = [3]string{
			fmt.Sprintf("分项%d", i+1),
			fmt.Sprintf("加强第%d项工作，保障工作正常运转。", i+1),
			fmt.Sprintf("完成工作任务的比例大于等于%d%%。", 90+i%3*5),
		}
	}
	items[0] = [3]string{"基层党建", "加强基层党领导班子建设，加强党组织建设和党员管理。", "开展党员远程教育工作，发挥先进村示范带动作用，创建我镇特色占工作任务的比例大于等于90%。"}
	return filledForm{
		township: "王官营镇", code: "130208100000", year: "2024", unit: unit,
		filler: "张三", phone: "0315-5123456", date: "2024-01-15",
		summary:  "宣传贯彻执行党的路线方针政策，组织召开本级人民代表大会1次。\n执行本行政区域内的经济和社会发展计划、预算。",
		measures: "（一）完善制度建设。\n（二）加强支出管理。\n（三）加强绩效运行监控。",
		items:    items,
		projects: []filledProject{
			{code: "13020824P000010100133", name: "2022年非税收入", purpose: "补充乡镇办公经费，保障工作正常运转。",
				goal:   "1.补充办公经费\n2.维持乡镇正常运转",
				budget: amt("4.92"), fiscal: amt("4.92"), plan: [4]string{"", amt("2.46"), "", amt("4.92")},
				indicators: seedIndicators(cost, false)},
			{code: "13020824P00001210015M", name: "2023年1-9月非税收入", purpose: "补充乡镇办公经费。",
				goal:   "1.补充乡镇办公支出。\n2.保障工作正常运转。",
				budget: amt("2.50"), fiscal: amt("2.50"), other: "", plan: [4]string{"", "", "", amt("2.50")},
				indicators: seedIndicators(cost, true)},
			{code: "13020824P000024100106", name: "农村综改一事一议资金", purpose: "用于王官营、皈依寨、东胡等村道路硬化。",
				goal:   "1.完成村道路硬化。\n2.方便群众出行。",
				budget: amt("136.0005"), fiscal: amt("120.0005"), other: amt("16"),
				plan:       [4]string{amt("9.11"), amt("18.23"), amt("27.34"), amt("136.0005")},
				indicators: seedIndicators(cost, true)},
		},
	}
}

// labelCells maps each label text of a sheet to its cells, top to bottom.
func labelCells(t *testing.T, f *excelize.File, sheet string) map[string][][2]int {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][][2]int{}
	for r, row := range rows {
		for c, v := range row {
			if v != "" {
				out[v] = append(out[v], [2]int{c + 1, r + 1})
			}
		}
	}
	return out
}

// typedDate is a date as a township types it into a date cell: a real date.
func typedDate(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func name(col, row int) string {
	n, _ := excelize.CoordinatesToCellName(col, row)
	return n
}

// fill types a form into a template as a township would: next to (or under)
// each label, numbers as numbers.
func fill(t *testing.T, f *excelize.File, form filledForm) {
	t.Helper()
	set := func(sheet, cell string, v any) {
		t.Helper()
		if err := f.SetCellValue(sheet, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	money := func(sheet, cell, s string) {
		t.Helper()
		if s == "" {
			return
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatal(err)
		}
		set(sheet, cell, v)
	}
	basic := labelCells(t, f, templates.SheetBasic)
	year, _ := strconv.Atoi(form.year)
	for label, v := range map[string]any{
		"单位名称": form.township, "行政区划代码": form.code, "预算年度": year, "金额单位": form.unit,
		"填报人": form.filler, "联系电话": form.phone, "填报日期": typedDate(t, form.date),
	} {
		at := basic[label][0]
		set(templates.SheetBasic, name(at[0]+1, at[1]), v)
	}
	ov := labelCells(t, f, templates.SheetOverall)
	at := ov["总体绩效目标"][0]
	set(templates.SheetOverall, name(at[0]+1, at[1]), form.summary)
	ms := ov["工作保障措施"][0]
	set(templates.SheetOverall, name(ms[0]+1, ms[1]), form.measures)
	hdr := ov["序号"][0]
	for i, it := range form.items {
		for k, v := range it {
			set(templates.SheetOverall, name(hdr[0]+1+k, hdr[1]+1+i), v)
		}
	}
	pj := labelCells(t, f, templates.SheetProjects)
	for i, p := range form.projects {
		right := func(label string) string {
			c := pj[label][i]
			return name(c[0]+1, c[1])
		}
		set(templates.SheetProjects, right("项目编码"), p.code)
		set(templates.SheetProjects, right("项目名称"), p.name)
		money(templates.SheetProjects, right("预算数"), p.budget)
		money(templates.SheetProjects, right("财政资金"), p.fiscal)
		money(templates.SheetProjects, right("其他资金"), p.other)
		bp := pj["预算规模及资金用途"][i]
		set(templates.SheetProjects, name(bp[0]+1, bp[1]+1), p.purpose)
		for k, label := range []string{"3月底", "6月底", "10月底", "12月底"} {
			c := pj[label][i]
			money(templates.SheetProjects, name(c[0], c[1]+1), p.plan[k])
		}
		set(templates.SheetProjects, right("绩效目标"), p.goal)
		var cols []int
		for _, label := range []string{"一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"} {
			cols = append(cols, pj[label][i][0])
		}
		first := pj["一级指标"][i][1] + 1
		for r, ind := range p.indicators {
			for k, v := range ind {
				set(templates.SheetProjects, name(cols[k], first+r), v)
			}
		}
	}
}

func TestTemplateRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		fw   templates.Framework
		unit string
		cost [2]string
	}{
		{"classic framework in 万元", templates.Classic(), "万元", [2]string{"产出指标", "成本指标"}},
		{"2021 framework in 元", templates.Framework2021(), "元", [2]string{"成本指标", "经济成本指标"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "王官营镇.xlsx")
			f, err := templates.BuildTemplate(templates.TemplateOptions{Projects: 4, Framework: tc.fw})
			if err != nil {
				t.Fatal(err)
			}
			form := sampleForm(tc.unit, tc.cost)
			fill(t, f, form)
			if err := f.SaveAs(path); err != nil {
				t.Fatal(err)
			}
			f.Close()

			sub, err := templates.ReadFile(context.Background(), path, templates.ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range sub.Problems {
				t.Errorf("reading problem: %v", p)
			}
			unit, _ := convert.ParseUnit(tc.unit)
			checkSubmission(t, sub, form, unit)

			res, err := consolidate.Run(context.Background(), []string{path}, consolidate.Options{Unit: convert.UnitWan})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { res.Close() })
			if n := res.Errors(); n != 0 {
				ps, _ := res.AllProblems()
				t.Errorf("consolidate found %d errors: %v", n, ps)
			}
			if res.Townships() != 1 {
				t.Fatalf("consolidate counted %d submissions, want 1", res.Townships())
			}
			checkSubmission(t, subsOf(t, res)[0], form, unit)
			_, county := res.Totals()
			want := decimal.Zero
			for _, p := range form.projects {
				want = want.Add(convert.ToYuan(decimal.RequireFromString(p.budget), unit))
			}
			if !county.Budget.Equal(want) || county.Projects != len(form.projects) {
				t.Errorf("county total %s 元 over %d projects, want %s 元 over %d", county.Budget, county.Projects, want, len(form.projects))
			}
		})
	}
}

func checkSubmission(t *testing.T, sub *templates.Submission, form filledForm, unit convert.Unit) {
	t.Helper()
	eq := func(what, got, want string) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %q, want %q", what, got, want)
		}
	}
	eq("单位名称", sub.Township.Value, form.township)
	eq("行政区划代码", sub.Code.Value, form.code)
	eq("预算年度", strconv.Itoa(sub.Year), form.year)
	eq("金额单位", sub.Unit.String(), form.unit)
	eq("填报人", sub.Filler.Value, form.filler)
	eq("联系电话", sub.Phone.Value, form.phone)
	eq("填报日期", sub.FilledOn.Value, form.date)
	eq("工作保障措施", sub.Overall.Measures.Value, form.measures)
	eq("总体绩效目标", sub.Overall.Summary.Value, form.summary)
	if len(sub.Overall.Items) != len(form.items) {
		t.Fatalf("read %d 分项, want %d", len(sub.Overall.Items), len(form.items))
	}
	numerals := []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"}
	for i, it := range sub.Overall.Items {
		eq("序号", it.No.Value, "（"+numerals[i]+"）")
		eq("名称", it.Name.Value, form.items[i][0])
		eq("分项绩效目标", it.Goal.Value, form.items[i][1])
		eq("分项绩效指标", it.Indicator.Value, form.items[i][2])
	}
	if len(sub.Projects) != len(form.projects) {
		t.Fatalf("read %d projects, want %d", len(sub.Projects), len(form.projects))
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
		w := form.projects[i]
		eq("项目编码", p.Code.Value, w.code)
		eq("项目名称", p.Name.Value, w.name)
		eq("资金用途", p.Purpose.Value, w.purpose)
		eq("绩效目标", p.Goal.Value, w.goal)
		eq("项目单位", p.Unit.String(), unit.String())
		money(w.name+" 预算数", p.Budget, w.budget)
		money(w.name+" 财政资金", p.Fiscal, w.fiscal)
		money(w.name+" 其他资金", p.Other, w.other)
		for k := range p.Plan {
			money(w.name+" "+templates.PlanLabel(k), p.Plan[k], w.plan[k])
		}
		if len(p.Indicators) != len(w.indicators) {
			t.Errorf("%s: read %d indicators, want %d", w.name, len(p.Indicators), len(w.indicators))
			continue
		}
		for k, ind := range p.Indicators {
			got := [6]string{ind.Level1.Value, ind.Level2.Value, ind.Level3.Value, ind.Desc.Value, ind.Value.Value, ind.Basis.Value}
			if got != w.indicators[k] {
				t.Errorf("%s indicator %d = %q, want %q", w.name, k+1, got, w.indicators[k])
			}
		}
	}
}
