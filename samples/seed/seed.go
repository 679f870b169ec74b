// Package seed holds township budget performance target documents (预算绩效目标) as plain
// data, exactly as the townships wrote them: amounts are strings in the document's unit
// ("4.92" in 万元, "49200.00" in 元), a blank cell is "", and texts keep their spaces and
// slips. The sample generator turns these documents into workbooks; tests use them as the
// expected content of those workbooks.
package seed

import (
	"strings"

	"github.com/shopspring/decimal"
)

// Document is one township's submission for one budget year.
type Document struct {
	Township string // 乡镇名称 used in the county workbook, e.g. "王官营镇"
	Org      string // 单位名称 as a form would write it, e.g. "王官营镇人民政府"
	Year     int    // budget year
	Unit     string // "万元" or "元": the unit of every amount in Projects
	Overall  string // 总体绩效目标
	Items    []Item // 分项绩效目标
	Measures string // 工作保障措施 (free text, may be empty)
	Projects []Project
}

// Item is one numbered 分项绩效目标 of the 部门整体绩效目标.
type Item struct {
	No        string // "（一）"
	Name      string // "基层党建"
	Goal      string // text after "绩效目标："
	Indicator string // text after "绩效指标："
}

// Project is one 项目绩效目标表.
type Project struct {
	Title   string // "1、2022年非税收入绩效目标表"
	Code    string // 项目编码, 21 characters
	Name    string // 项目名称
	Budget  string // 预算数
	Fiscal  string // 其中：财政资金
	Other   string // 其他资金
	Purpose string // 资金用途
	// Plan is the cumulative 资金支出计划 at 3月底, 6月底, 10月底 and 12月底; "" states no figure.
	Plan       [4]string
	Goal       string // 绩效目标, numbered lines joined with "\n"
	Indicators []Indicator
	// Flaw describes a mistake the form really contains (or that was planted on purpose in
	// a sample), so that checks can expect it; "" for a sound table.
	Flaw string
}

// Indicator is one row of a project's indicator table. L1 and L2 are filled on every row
// even where the form leaves them blank under a merged or repeated cell.
type Indicator struct {
	L1, L2, L3, Desc, Value, Basis string
}

// PlanMonths are the labels of the four 资金支出计划 columns.
var PlanMonths = [4]string{"3月底", "6月底", "10月底", "12月底"}

// Amount parses a document amount; a blank amount is zero.
func Amount(s string) decimal.Decimal {
	s = strings.TrimSpace(s)
	if s == "" {
		return decimal.Zero
	}
	return decimal.RequireFromString(s)
}

// Total is the sum of the 预算数 of all projects, in the document's unit.
func (d Document) Total() decimal.Decimal {
	sum := decimal.Zero
	for _, p := range d.Projects {
		sum = sum.Add(Amount(p.Budget))
	}
	return sum
}

// IndicatorCount is the number of indicator rows over all projects.
func (d Document) IndicatorCount() int {
	n := 0
	for _, p := range d.Projects {
		n += len(p.Indicators)
	}
	return n
}

// InYuan returns a copy of a 万元 document with every amount written in 元 with two
// decimals ("4.92" becomes "49200.00"); blanks stay blank. Texts, including indicator
// values such as "≤0.5万元", are unchanged. A document already in 元 is returned as is.
func InYuan(d Document) Document {
	if d.Unit == "元" {
		return d
	}
	out := d
	out.Unit = "元"
	out.Projects = make([]Project, len(d.Projects))
	conv := func(s string) string {
		if strings.TrimSpace(s) == "" {
			return s
		}
		return Amount(s).Shift(4).StringFixed(2)
	}
	for i, p := range d.Projects {
		p.Budget, p.Fiscal, p.Other = conv(p.Budget), conv(p.Fiscal), conv(p.Other)
		for j := range p.Plan {
			p.Plan[j] = conv(p.Plan[j])
		}
		p.Indicators = append([]Indicator(nil), p.Indicators...)
		out.Projects[i] = p
	}
	return out
}
