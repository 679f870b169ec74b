package templates

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"jixiao/convert"
)

// Markers jixiao writes into the category document property of every
// workbook it writes, so that it knows them again when they turn up among
// the inputs (a county workbook saved into the folder of township files).
const (
	// MarkerCounty marks a county workbook (consolidate's output).
	MarkerCounty = "jixiao 县级汇总工作簿"
	// MarkerTemplate marks a form workbook: a template, blank or prefilled,
	// or a township's form converted from another format.
	MarkerTemplate = "jixiao 绩效目标填报表"
)

// Kind is what a file turned out to be.
type Kind int

const (
	// KindForm is a township's form (or a flat table of projects).
	KindForm Kind = iota
	// KindCounty is a county workbook jixiao wrote: not a submission.
	KindCounty
	// KindBlankTemplate is a template with no project filled in.
	KindBlankTemplate
	// KindNoForm is a file with no form in it (a notice, a readme …).
	KindNoForm
)

// Rules of the problems about a file's identity and units.
const (
	// RuleTownshipSource: the township name came from the file name, or
	// the places that state it disagree.
	RuleTownshipSource = "乡镇名称来源"
	// RuleUnit: an amount, or a whole form, looks to be in another unit
	// than the one stated.
	RuleUnit = "金额单位"
)

// ErrUnitMismatch marks the error of a form whose amounts are as a whole
// 10,000 times off the unit it states.
var ErrUnitMismatch = errors.New("金额与所标单位相差一万倍")

// countySheets are the sheets of a county workbook; a workbook holding 汇总
// and 项目明细 and at least one more of them is one (also from versions that
// wrote no marker).
var countySheets = []string{"汇总", "项目明细", "指标明细", "校验问题", "来源清单", "分类汇总", "整体目标"}

// IsCountyWorkbook reports whether wb is a county workbook jixiao wrote: by
// its marker, or by its sheets.
//
//	if templates.IsCountyWorkbook(wb) { /* not a submission */ }
func IsCountyWorkbook(wb *convert.Workbook) bool {
	if wb.Category == MarkerCounty {
		return true
	}
	have := map[string]bool{}
	for i := range wb.Sheets {
		have[wb.Sheets[i].Name] = true
	}
	n := 0
	for _, s := range countySheets {
		if have[s] {
			n++
		}
	}
	return have["汇总"] && have["项目明细"] && n >= 3
}

// classify sets the kind of a submission read with Read: a file with no
// form labels is no form; a form with no project filled in is a blank
// template when jixiao wrote it or when it does not state its township.
func (r *reader) classify() {
	if len(r.sub.Projects) > 0 {
		return
	}
	switch {
	case !r.hasFormLabels():
		r.sub.Kind = KindNoForm
	case r.wb.Category == MarkerTemplate || r.townFrom == fromFileName:
		r.sub.Kind = KindBlankTemplate
	}
}

// hasFormLabels reports whether the workbook holds the form: a 项目编码 label
// with a 项目名称, 预算数 or indicator header label, or the 部门整体绩效目标
// labels (总体绩效目标 with 分项绩效目标, the items' header or 工作保障措施).
func (r *reader) hasFormLabels() bool {
	seen := map[Field]bool{}
	for _, l := range r.sheetLabels {
		for _, c := range l.cells {
			seen[c.m.Field] = true
		}
	}
	if seen[FieldOverallSummary] && (seen[FieldOverallItems] || seen[FieldItemName] || seen[FieldMeasures]) {
		return true
	}
	return seen[FieldProjectCode] && (seen[FieldProjectName] || seen[FieldBudget] || seen[FieldLevel1] || seen[FieldLevel3])
}

// Where a submission's township name was taken from.
const (
	fromNone = iota
	fromLabel
	fromTitle
	fromFileName
)

// labelStops are the labels that may follow the township in the same cell
// ("填报单位（盖章）：姜家营乡    填报日期：2024年1月15日"): the value is cut there.
var labelStops = []string{"填报日期", "日期", "联系人", "联系电话", "电话", "填报人", "负责人", "审核人",
	"盖章", "单位:", "金额单位", "行政区划代码", "预算年度", "年度:"}

// townshipValue cuts the value of a 填报单位 label at the next label in the
// same cell (or at a wide gap) and drops 人民政府 and （盖章）. It returns the
// rest of the cell after a 填报日期 label, if any, for the date.
//
//	townshipValue("姜家营乡        填报日期：2024年1月15日") // "姜家营乡", "2024年1月15日"
func townshipValue(v string) (town, date string) {
	s := convert.NormalizeValue(v)
	for _, p := range []string{"(盖章)", "盖章", ":"} {
		s = strings.TrimSpace(strings.TrimPrefix(s, p))
	}
	cut := len(s)
	for _, stop := range labelStops {
		if i := strings.Index(s, stop); i >= 0 && i < cut {
			cut = i
		}
	}
	if i := strings.Index(s, "  "); i >= 0 && i < cut {
		cut = i
	}
	if i := strings.Index(s, "填报日期"); i >= 0 {
		date = strings.TrimSpace(strings.TrimLeft(s[i+len("填报日期"):], ":： "))
	}
	s = strings.TrimSpace(s[:cut])
	s = strings.TrimSuffix(strings.TrimSuffix(s, "("), "（")
	return townshipName(s), date
}

// adminPrefix is a province, city, district or county in front of a
// township's name in a title: 丰润区, 唐山市, 河北省.
var adminPrefix = regexp.MustCompile(`^\p{Han}{1,6}?(?:省|自治区|市|区|县|旗)`)

// titleYear is the year in a title: 2024年, 2024年度.
var titleYear = regexp.MustCompile(`20\d\d年度?`)

// townSuffixes end the name of a township.
var townSuffixes = []string{"街道办事处", "街道", "镇", "乡"}

// TownshipFromTitle reads the township from a title line such as
// "丰润区丰登坞镇2024年预算项目绩效目标表" or "2024年王官营镇部门整体绩效目标";
// "" when the text is no such title.
//
//	templates.TownshipFromTitle("丰润区丰登坞镇2024年预算项目绩效目标表") // "丰登坞镇"
func TownshipFromTitle(raw string) string {
	town, _ := titleParts(raw)
	return town
}

// titleParts reads a title line such as "唐山市丰润区丰登坞镇2024年预算项目
// 绩效目标表": the township (丰登坞镇) and the county named just before it
// (丰润区; "" when none); town is "" when the text is no such title.
func titleParts(raw string) (town, county string) {
	s := convert.NormalizeLabel(raw)
	if !strings.Contains(s, "绩效目标") || utf8.RuneCountInString(s) > 60 {
		return "", ""
	}
	loc := titleYear.FindStringIndex(s)
	if loc == nil {
		return "", ""
	}
	cand := s[:loc[0]]
	if cand == "" {
		// the year first: the township follows it
		cand = s[loc[1]:]
		for _, w := range []string{"部门", "预算", "项目", "绩效", "整体"} {
			if i := strings.Index(cand, w); i >= 0 {
				cand = cand[:i]
			}
		}
	}
	cand = strings.TrimSuffix(strings.TrimSuffix(cand, "人民政府"), "政府")
	if !hasTownSuffix(cand) {
		return "", ""
	}
	for {
		loc := adminPrefix.FindStringIndex(cand)
		if loc == nil || !hasTownSuffix(cand[loc[1]:]) || utf8.RuneCountInString(cand[loc[1]:]) < 2 {
			break
		}
		if p := cand[:loc[1]]; strings.HasSuffix(p, "区") || strings.HasSuffix(p, "县") || strings.HasSuffix(p, "旗") || strings.HasSuffix(p, "市") {
			county = p
		}
		cand = cand[loc[1]:]
	}
	if n := utf8.RuneCountInString(cand); n < 2 || n > 12 {
		return "", ""
	}
	return cand, county
}

// sameTownship reports whether two names read from one file name the same
// township, written with or without its 镇/乡/街道 ending.
func sameTownship(a, b string) bool {
	return townStem(a) == townStem(b)
}

// townStem is a township name without its 镇/乡/街道 ending.
func townStem(s string) string { return trimTownSuffix(s, townSuffixes) }

func hasTownSuffix(s string) bool { return townStem(s) != s }

// trimTownSuffix returns s without the first of suffixes it ends with,
// unless that suffix is all of s.
func trimTownSuffix(s string, suffixes []string) string {
	for _, suf := range suffixes {
		if strings.HasSuffix(s, suf) && len(s) > len(suf) {
			return strings.TrimSuffix(s, suf)
		}
	}
	return s
}

// titleRows is how far down each sheet a title line is looked for.
const titleRows = 8

// titleTownship is the township the document's title states, and where:
// an HTML page's title or heading, else a title cell near the top of a
// sheet.
func (r *reader) titleTownship() Text {
	for _, t := range r.wb.Titles {
		if name, county := titleParts(t); name != "" {
			r.sub.County = county
			return Text{Value: name, Src: Source{File: r.wb.Path}}
		}
	}
	for si := range r.wb.Sheets {
		sh := &r.wb.Sheets[si]
		for row := 0; row < len(sh.Rows) && row < titleRows; row++ {
			for col, cell := range sh.Rows[row] {
				if !strings.Contains(cell, "绩效") {
					continue
				}
				if name, county := titleParts(cell); name != "" {
					r.sub.County = county
					return Text{Value: name, Src: r.src(sh, row, col)}
				}
			}
		}
	}
	return Text{}
}

// settleTownship decides the township after the labels were read: the
// label's, else the title's, else the file name's with a warning; where
// two places disagree, a warning names both.
func (r *reader) settleTownship() {
	title := r.titleTownship()
	fileName := fileNameTownship(r.wb.Path)
	switch {
	case r.sub.Township.Value != "":
		r.townFrom = fromLabel
		if title.Value != "" && !sameTownship(title.Value, r.sub.Township.Value) {
			r.problem(Warning, RuleTownshipSource, r.sub.Township.Src, "",
				fmt.Sprintf("填报单位写的是「%s」，标题（%s）写的是「%s」；按填报单位计为「%s」，请核对", r.sub.Township.Value, title.Src, title.Value, r.sub.Township.Value), nil)
		} else if fileName != "" && !sameTownship(fileName, r.sub.Township.Value) {
			r.problem(Warning, RuleTownshipSource, r.sub.Township.Src, "",
				fmt.Sprintf("填报单位写的是「%s」，文件名却是「%s」；按填报单位计为「%s」，请核对", r.sub.Township.Value, baseName(r.wb.Path), r.sub.Township.Value), nil)
		}
	case title.Value != "":
		r.townFrom = fromTitle
		r.sub.Township = title
		if fileName != "" && !sameTownship(fileName, title.Value) {
			r.problem(Warning, RuleTownshipSource, title.Src, "",
				fmt.Sprintf("标题写的是「%s」，文件名却是「%s」；按标题计为「%s」，请核对", title.Value, baseName(r.wb.Path), title.Value), nil)
		}
	default:
		r.townFrom = fromFileName
		r.sub.Township = Text{Value: TownshipFromFileName(r.wb.Path), Src: Source{File: r.wb.Path}}
	}
}

// noteFileNameTownship warns that a form's township came from its file
// name. A blank template or a file with no form is not a township and gets
// no such warning.
func (r *reader) noteFileNameTownship() {
	if r.townFrom != fromFileName || r.sub.Kind != KindForm {
		return
	}
	r.problem(Warning, RuleTownshipSource, Source{File: r.wb.Path}, "",
		fmt.Sprintf("表中没有“填报单位/单位名称”，标题中也没有乡镇名称，按文件名计为「%s」；请核对，或在表中填写“填报单位：××镇”", r.sub.Township.Value), nil)
}

// fileNameTownship is the township a file name states ("丰登坞镇（修改后）"
// → 丰登坞镇), or "" when it states none ("附件2", "乡镇0001").
func fileNameTownship(path string) string {
	name := TownshipFromFileName(path)
	if !hasTownSuffix(name) || strings.HasSuffix(name, "乡镇") {
		return ""
	}
	return name
}

func baseName(path string) string {
	b := path
	if i := strings.LastIndexAny(b, `/\`); i >= 0 {
		b = b[i+1:]
	}
	if i := strings.LastIndexByte(b, '.'); i > 0 {
		b = b[:i]
	}
	return b
}
