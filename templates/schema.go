package templates

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"jixiao/convert"
)

// Field identifies a labelled field of the form.
type Field int

// The form's fields. The template writer writes their canonical labels and
// the reader recognises the canonical label or any alias.
const (
	FieldNone Field = iota
	FieldTownship
	FieldRegionCode
	FieldYear
	FieldUnit
	FieldFiller
	FieldPhone
	FieldDate
	FieldProjectCode
	FieldProjectName
	FieldBudget
	FieldFiscal
	FieldOther
	FieldBudgetAndPurpose
	FieldPurpose
	FieldPlan
	FieldPlanMar
	FieldPlanJun
	FieldPlanOct
	FieldPlanDec
	FieldGoal
	FieldLevel1
	FieldLevel2
	FieldLevel3
	FieldDesc
	FieldValue
	FieldBasis
	FieldOverallSummary
	FieldOverallItems
	FieldItemNo
	FieldItemName
	FieldItemIndicator
	FieldMeasures
	FieldWeight
)

// fieldLabels maps each field to its canonical label followed by its aliases,
// all in NormalizeLabel form without a trailing colon.
var fieldLabels = map[Field][]string{
	FieldTownship:         {"单位名称", "填报单位", "乡镇名称", "预算单位", "单位名称(盖章)", "填报单位(盖章)", "部门名称", "部门名称(盖章)"},
	FieldRegionCode:       {"行政区划代码", "区划代码"},
	FieldYear:             {"预算年度", "年度"},
	FieldUnit:             {"金额单位"},
	FieldFiller:           {"填报人", "联系人"},
	FieldPhone:            {"联系电话", "电话"},
	FieldDate:             {"填报日期"},
	FieldProjectCode:      {"项目编码", "项目编号", "项目代码"},
	FieldProjectName:      {"项目名称"},
	FieldBudget:           {"预算数", "预算金额", "年度资金总额", "资金总额", "预算总额", "年度预算数"},
	FieldFiscal:           {"财政资金", "其中:财政资金", "财政拨款", "其中:财政拨款"},
	FieldOther:            {"其他资金", "其中:其他资金"},
	FieldBudgetAndPurpose: {"预算规模及资金用途", "预算规模及用途"},
	FieldPurpose:          {"资金用途", "主要用途"},
	FieldPlan:             {"资金支出计划(%)", "资金支出计划", "资金支出计划(万元)", "资金支出计划(元)"},
	FieldPlanMar:          {"3月底"},
	FieldPlanJun:          {"6月底"},
	FieldPlanOct:          {"10月底"},
	FieldPlanDec:          {"12月底"},
	FieldGoal:             {"绩效目标", "年度绩效目标", "项目绩效目标"},
	FieldLevel1:           {"一级指标", "一级绩效指标"},
	FieldLevel2:           {"二级指标", "二级绩效指标"},
	FieldLevel3:           {"三级指标", "三级绩效指标", "指标名称"},
	FieldDesc:             {"绩效指标描述", "指标描述", "指标内容"},
	FieldValue:            {"指标值", "目标值", "指标目标值"},
	FieldBasis:            {"指标值确定依据", "确定依据", "指标值设定依据"},
	FieldOverallSummary:   {"总体绩效目标", "总体目标"},
	FieldOverallItems:     {"分项绩效目标"},
	FieldItemNo:           {"序号"},
	FieldItemName:         {"名称", "分项名称", "分项"},
	FieldItemIndicator:    {"绩效指标"},
	FieldMeasures:         {"工作保障措施", "保障措施"},
	FieldWeight:           {"分值", "权重", "指标分值", "指标权重", "分值(分)", "权重(%)"},
}

// Label returns the canonical label of a field, as the template writes it.
//
//	templates.Label(templates.FieldBudget) // "预算数"
func Label(f Field) string {
	if l := fieldLabels[f]; len(l) > 0 {
		return l[0]
	}
	return ""
}

var labelIndex = func() map[string]Field {
	m := map[string]Field{}
	for f, labels := range fieldLabels {
		for _, l := range labels {
			m[l] = f
		}
	}
	return m
}()

// sectionNumber matches leading section numbering such as "一、", "1、", "(一)".
var sectionNumber = regexp.MustCompile(`^(?:[一二三四五六七八九十]+、|\d+[、.]|\([一二三四五六七八九十]+\))`)

// maxLabelLen bounds, in bytes of normalised text, what can be a label: a
// longer cell is a value, unless it starts with a label and a colon.
const maxLabelLen = 120

// LabelMatch is the result of matching a cell's text against the schema.
type LabelMatch struct {
	Field Field
	// Unit is a unit stated in the label itself, as in "预算数（元）".
	Unit convert.Unit
	// Inline is a value written in the same cell after a colon, as in
	// "填报单位：丰登坞镇人民政府".
	Inline string
}

// MatchLabel matches a raw cell text against the form's labels and aliases,
// ignoring spaces, full-width forms, a trailing colon, leading section
// numbering and a unit suffix.
//
//	m := templates.MatchLabel("其中：财政    资金") // m.Field == FieldFiscal
func MatchLabel(raw string) LabelMatch {
	return matchNormalized(raw, convert.NormalizeLabel(raw))
}

// matchNormalized is MatchLabel of raw, given s = convert.NormalizeLabel(raw).
func matchNormalized(raw, s string) LabelMatch {
	if s == "" {
		return LabelMatch{}
	}
	if len(s) <= maxLabelLen {
		if f, ok := labelIndex[strings.TrimSuffix(s, ":")]; ok {
			return LabelMatch{Field: f}
		}
		if base, u, ok := splitUnitSuffix(s); ok {
			if f, ok := labelIndex[base]; ok {
				return LabelMatch{Field: f, Unit: u}
			}
		}
		if mayBeNumbered(s) {
			if loc := sectionNumber.FindStringIndex(s); loc != nil {
				if f, ok := labelIndex[strings.TrimSuffix(s[loc[1]:], ":")]; ok {
					return LabelMatch{Field: f}
				}
			}
		}
	}
	// A label with its value after a colon may run long, as a paragraph
	// "绩效目标：…" does; only the label before the colon is bounded.
	if i := strings.Index(s, ":"); i > 0 && i <= maxLabelLen && i < len(s)-1 {
		if f, ok := labelIndex[s[:i]]; ok {
			return LabelMatch{Field: f, Inline: inlineValue(raw)}
		}
	}
	return LabelMatch{}
}

// mayBeNumbered reports whether s can start with section numbering: a digit,
// "(" or a Chinese numeral. It saves the regular expression on most cells.
func mayBeNumbered(s string) bool {
	if s == "" {
		return false
	}
	if c := s[0]; c == '(' || c >= '0' && c <= '9' {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune("一二三四五六七八九十", r)
}

// inlineValue returns the text after the first colon of raw, trimmed.
func inlineValue(raw string) string {
	v := convert.CleanText(raw)
	i := strings.IndexAny(v, ":：")
	if i < 0 {
		return ""
	}
	if strings.HasPrefix(v[i:], "：") {
		return convert.CleanText(v[i+len("："):])
	}
	return convert.CleanText(v[i+1:])
}

// splitUnitSuffix splits "预算数(元)" into "预算数" and 元.
func splitUnitSuffix(s string) (string, convert.Unit, bool) {
	if !strings.HasSuffix(s, ")") {
		return "", 0, false
	}
	i := strings.LastIndex(s, "(")
	if i <= 0 {
		return "", 0, false
	}
	u, ok := convert.ParseUnit(s[i:])
	if !ok {
		return "", 0, false
	}
	return s[:i], u, true
}

// UnitLine reports whether a cell is a unit line such as "单位：万元" or
// "金额单位：元", and which unit it states.
//
//	u, ok := templates.UnitLine("单位：万元") // UnitWan, true
func UnitLine(raw string) (convert.Unit, bool) {
	return unitLineNormalized(convert.NormalizeLabel(raw))
}

// unitLineNormalized is UnitLine of a text given as convert.NormalizeLabel(raw).
func unitLineNormalized(s string) (convert.Unit, bool) {
	if !strings.HasPrefix(s, "单位:") && !strings.HasPrefix(s, "金额单位:") && !strings.HasPrefix(s, "(单位:") {
		return 0, false
	}
	s = strings.TrimPrefix(strings.TrimSuffix(s, ")"), "(")
	return convert.ParseUnit(s)
}
