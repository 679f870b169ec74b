// Package templates holds the bureau's form: its schema (labels, fields and
// the indicator framework), the writer of blank and pre-filled templates, and
// the label-anchored reader of filled ones.
package templates

import (
	"fmt"

	"github.com/shopspring/decimal"

	"jixiao/convert"
)

// Source is where a value came from: file, sheet and A1 cell.
//
//	src.String() // "王官营镇.xlsx!项目绩效目标表!C5"
type Source struct {
	File  string
	Sheet string
	Cell  string
}

// String renders the source as file!sheet!cell, leaving out empty parts.
func (s Source) String() string {
	switch {
	case s.File == "":
		return ""
	case s.Sheet == "":
		return s.File
	case s.Cell == "":
		return s.File + "!" + s.Sheet
	}
	return s.File + "!" + s.Sheet + "!" + s.Cell
}

// Text is a text field of the form with its source.
type Text struct {
	Value string
	Src   Source
}

// Money is an amount field of the form: exact, in 元, with its source and
// the raw text it was read from.
type Money struct {
	// Yuan is the exact amount in 元; zero when Blank.
	Yuan decimal.Decimal
	// Blank is true when the cell stated no figure. A blank is kept blank: it
	// is never taken as zero in checks that compare stated figures.
	Blank bool
	Raw   string
	Src   Source
}

// In returns the amount in unit u (万元 or 元), exactly.
//
//	p.Budget.In(convert.UnitWan) // 4.92
func (m Money) In(u convert.Unit) decimal.Decimal { return convert.FromYuan(m.Yuan, u) }

// Submission is one township's documents as read from one file.
type Submission struct {
	// File is the path the submission was read from.
	File string
	// Format and Encoding are as detected by convert.Open.
	Format   string
	Encoding string
	// SHA256 is the hex digest of the file's bytes.
	SHA256 string
	// Kind is what the file is: a form, or a file that is not a
	// submission (a county workbook, a blank template, no form at all).
	Kind Kind
	// Township is the 单位名称 the workbook states, else the township its
	// title names, else the file name's.
	Township Text
	// County is the county (区/县) the form's title names before the
	// township ("丰润区" in 丰润区丰登坞镇2024年预算项目绩效目标表), where it
	// names one.
	County string
	// Code is the 行政区划代码 where stated.
	Code Text
	// Year is the 预算年度 where stated or evident from the file, else 0.
	Year int
	// Filler, Phone and FilledOn are 填报人, 联系电话 and 填报日期 (as
	// YYYY-MM-DD when the cell holds a date) where stated.
	Filler   Text
	Phone    Text
	FilledOn Text
	// Unit is the document-level money unit (default 万元).
	Unit convert.Unit
	// Overall is the 部门整体绩效目标.
	Overall Overall
	// Projects are the 项目绩效目标表 in reading order.
	Projects []Project
	// Problems found while reading (values that are not numbers, unknown
	// indicator values, …). Validation adds its own in consolidate.
	Problems []Problem
}

// Overall is the 部门整体绩效目标 of a township: the 总体 text and the 分项 items.
type Overall struct {
	Summary Text
	Items   []OverallItem
	// Measures is the 工作保障措施 free text, where stated.
	Measures Text
}

// OverallItem is one 分项绩效目标 row.
type OverallItem struct {
	No        Text // 序号, e.g. （一）
	Name      Text // 名称
	Goal      Text // 绩效目标
	Indicator Text // 绩效指标
}

// Plan periods of 资金支出计划, cumulative amounts at the end of each month.
const (
	PlanMar = iota
	PlanJun
	PlanOct
	PlanDec
	PlanPeriods
)

// PlanLabel returns the label of plan period i (PlanMar … PlanDec).
//
//	templates.PlanLabel(templates.PlanDec) // "12月底"
func PlanLabel(i int) string {
	return [PlanPeriods]string{"3月底", "6月底", "10月底", "12月底"}[i]
}

// Project is one 项目绩效目标表.
type Project struct {
	Code    Text
	Name    Text
	Budget  Money // 预算数
	Fiscal  Money // 其中：财政资金
	Other   Money // 其他资金
	Purpose Text  // 资金用途
	// Plan holds the cumulative 资金支出计划 at 3月底, 6月底, 10月底, 12月底.
	Plan [PlanPeriods]Money
	Goal Text // 绩效目标
	// Unit is the unit the block's amounts were stated in.
	Unit       convert.Unit
	Indicators []Indicator
	// Weights are the 分值/权重 of the indicators, one for each in order,
	// when the table has such a column; nil when it has none.
	Weights []Text
	// Anchor is the cell of the 项目编码 label that starts the block.
	Anchor Source
}

// Indicator is one indicator row of a project.
type Indicator struct {
	Level1 Text // 一级指标
	Level2 Text // 二级指标
	Level3 Text // 三级指标
	Desc   Text // 绩效指标描述
	Value  Text // 指标值, raw
	Basis  Text // 指标值确定依据
	// Parsed is the 指标值 parsed, money in 元 (convert to the output unit
	// when presenting). ParsedOK is false when it could not be understood.
	Parsed   convert.IndicatorValue
	ParsedOK bool
}

// Severity of a problem.
type Severity int

const (
	// Warning: worth a look; the submission is still consolidated as it is.
	Warning Severity = iota + 1
	// Error: a figure is wrong or missing; the county total is not to be trusted
	// until it is fixed.
	Error
)

// String returns 错误 or 警告.
func (s Severity) String() string {
	if s == Error {
		return "错误"
	}
	return "警告"
}

// Problem is one finding about a submission, located in its file.
type Problem struct {
	Severity Severity
	// Rule is a stable rule identifier, e.g. "金额格式", "支出计划".
	Rule     string
	Township string
	Src      Source
	Project  string // 项目编码 where the problem belongs to a project
	Message  string
	// RuleID is the id of a review rule (R1…R9; see consolidate/review),
	// "" for the other checks.
	RuleID string
	// ProjectName is the 项目名称 where the problem belongs to a project.
	ProjectName string
	// Suggestion is the 处理建议: what to change, where one can be given.
	Suggestion string
	// Err is the underlying error, when there is one (for errors.Is/As).
	Err error
}

// Error renders the problem as one line: 级别 file!sheet!cell [项目] message.
func (p Problem) Error() string {
	loc := p.Src.String()
	if loc == "" {
		loc = p.Township
	}
	s := ""
	if p.Project != "" {
		s = fmt.Sprintf("%s %s [%s] %s：%s", p.Severity, loc, p.Project, p.RuleLabel(), p.Message)
	} else {
		s = fmt.Sprintf("%s %s %s：%s", p.Severity, loc, p.RuleLabel(), p.Message)
	}
	if p.Suggestion != "" {
		s += "（处理建议：" + p.Suggestion + "）"
	}
	return s
}

// RuleLabel is the rule as 校验问题 shows it: "R4 数量指标须定量" for a review
// rule, the rule's name for the other checks.
func (p Problem) RuleLabel() string {
	if p.RuleID != "" {
		return p.RuleID + " " + p.Rule
	}
	return p.Rule
}

// Unwrap returns the underlying error.
func (p Problem) Unwrap() error { return p.Err }
