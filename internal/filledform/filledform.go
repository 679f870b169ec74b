// Package filledform types a township's answers into a blank template as a
// person would in Excel — next to (or under) each label, numbers as numbers,
// dates as dates — and checks a read Submission against those answers. The
// round-trip tests of templates (template → reader) and of consolidate
// (template → county totals) fill the same form with it.
package filledform

import (
	"fmt"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"jixiao/templates"
)

// Project is what a township types into one project block.
type Project struct {
	Code, Name, Purpose, Goal string
	Budget, Fiscal, Other     string // amounts as typed; "" leaves the cell blank
	Plan                      [templates.PlanPeriods]string
	Indicators                [][6]string
}

// Form is what a township types into the whole template.
type Form struct {
	Township, Code, Year, Unit, Filler, Phone, Date string
	Summary, Measures                               string
	Items                                           [][3]string // 名称, 绩效目标, 绩效指标
	Projects                                        []Project
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

// Sample is 王官营镇's form of three projects with amounts typed in unit
// ("万元" or "元"); cost is the 一级指标 and 二级指标 of the cost
// indicator, which differ between the frameworks.
func Sample(unit string, cost [2]string) Form {
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
	return Form{
		Township: "王官营镇", Code: "130208100000", Year: "2024", Unit: unit,
		Filler: "张三", Phone: "0315-5123456", Date: "2024-01-15",
		Summary:  "宣传贯彻执行党的路线方针政策，组织召开本级人民代表大会1次。\n执行本行政区域内的经济和社会发展计划、预算。",
		Measures: "（一）完善制度建设。\n（二）加强支出管理。\n（三）加强绩效运行监控。",
		Items:    items,
		Projects: []Project{
			{Code: "13020824P000010100133", Name: "2022年非税收入", Purpose: "补充乡镇办公经费，保障工作正常运转。",
				Goal:   "1.补充办公经费\n2.维持乡镇正常运转",
				Budget: amt("4.92"), Fiscal: amt("4.92"), Plan: [4]string{"", amt("2.46"), "", amt("4.92")},
				Indicators: seedIndicators(cost, false)},
			{Code: "13020824P00001210015M", Name: "2023年1-9月非税收入", Purpose: "补充乡镇办公经费。",
				Goal:   "1.补充乡镇办公支出。\n2.保障工作正常运转。",
				Budget: amt("2.50"), Fiscal: amt("2.50"), Other: "", Plan: [4]string{"", "", "", amt("2.50")},
				Indicators: seedIndicators(cost, true)},
			{Code: "13020824P000024100106", Name: "农村综改一事一议资金", Purpose: "用于王官营、皈依寨、东胡等村道路硬化。",
				Goal:   "1.完成村道路硬化。\n2.方便群众出行。",
				Budget: amt("136.0005"), Fiscal: amt("120.0005"), Other: amt("16"),
				Plan:       [4]string{amt("9.11"), amt("18.23"), amt("27.34"), amt("136.0005")},
				Indicators: seedIndicators(cost, true)},
		},
	}
}

// Variant is one way the form is filled in: a framework, and the unit the
// amounts are typed in.
type Variant struct {
	Name      string
	Framework templates.Framework
	Unit      string
	Cost      [2]string // the cost indicator's 一级指标 and 二级指标 in Framework
}

// Variants are the classic framework in 万元 and the 2021 framework in 元.
func Variants() []Variant {
	return []Variant{
		{"classic framework in 万元", templates.Classic(), "万元", [2]string{"产出指标", "成本指标"}},
		{"2021 framework in 元", templates.Framework2021(), "元", [2]string{"成本指标", "经济成本指标"}},
	}
}

// Write builds a template of opt, types form into it and saves it in dir
// under the township's name, returning the path.
func Write(t testing.TB, dir string, opt templates.TemplateOptions, form Form) string {
	t.Helper()
	path := filepath.Join(dir, form.Township+".xlsx")
	f, err := templates.BuildTemplate(opt)
	if err != nil {
		t.Fatal(err)
	}
	Fill(t, f, form)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return path
}

// labelCells maps each label text of a sheet to its cells, top to bottom.
func labelCells(t testing.TB, f *excelize.File, sheet string) map[string][][2]int {
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
func typedDate(t testing.TB, s string) time.Time {
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

// Fill types a form into a template as a township would: next to (or under)
// each label, numbers as numbers.
func Fill(t testing.TB, f *excelize.File, form Form) {
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
	year, _ := strconv.Atoi(form.Year)
	for label, v := range map[string]any{
		"单位名称": form.Township, "行政区划代码": form.Code, "预算年度": year, "金额单位": form.Unit,
		"填报人": form.Filler, "联系电话": form.Phone, "填报日期": typedDate(t, form.Date),
	} {
		at := basic[label][0]
		set(templates.SheetBasic, name(at[0]+1, at[1]), v)
	}
	ov := labelCells(t, f, templates.SheetOverall)
	at := ov["总体绩效目标"][0]
	set(templates.SheetOverall, name(at[0]+1, at[1]), form.Summary)
	ms := ov["工作保障措施"][0]
	set(templates.SheetOverall, name(ms[0]+1, ms[1]), form.Measures)
	hdr := ov["序号"][0]
	for i, it := range form.Items {
		for k, v := range it {
			set(templates.SheetOverall, name(hdr[0]+1+k, hdr[1]+1+i), v)
		}
	}
	pj := labelCells(t, f, templates.SheetProjects)
	for i, p := range form.Projects {
		right := func(label string) string {
			c := pj[label][i]
			return name(c[0]+1, c[1])
		}
		set(templates.SheetProjects, right("项目编码"), p.Code)
		set(templates.SheetProjects, right("项目名称"), p.Name)
		money(templates.SheetProjects, right("预算数"), p.Budget)
		money(templates.SheetProjects, right("财政资金"), p.Fiscal)
		money(templates.SheetProjects, right("其他资金"), p.Other)
		bp := pj["预算规模及资金用途"][i]
		set(templates.SheetProjects, name(bp[0]+1, bp[1]+1), p.Purpose)
		for k, label := range []string{"3月底", "6月底", "10月底", "12月底"} {
			c := pj[label][i]
			money(templates.SheetProjects, name(c[0], c[1]+1), p.Plan[k])
		}
		set(templates.SheetProjects, right("绩效目标"), p.Goal)
		var cols []int
		for _, label := range []string{"一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"} {
			cols = append(cols, pj[label][i][0])
		}
		first := pj["一级指标"][i][1] + 1
		for r, ind := range p.Indicators {
			for k, v := range ind {
				set(templates.SheetProjects, name(cols[k], first+r), v)
			}
		}
	}
}
