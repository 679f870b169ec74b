// Package rounds compares two rounds of review: it reads what the county
// workbook of an earlier round says (its 校验问题 and each township's 预算数)
// and matches its problems with this round's, which the county workbook's
// 整改情况 sheet and jixiao validate --previous list.
package rounds

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"jixiao/convert"
	"jixiao/templates"
)

// Statuses of a problem in 整改情况.
const (
	StatusFixed = "已整改"
	StatusOpen  = "未整改"
	StatusNew   = "新增"
	absentNote  = "本轮未提交，无法核对"
)

// ErrPrevious means the previous county workbook cannot be used.
var ErrPrevious = errors.New("上次的县级汇总工作簿无法使用")

// Previous is what a previous county workbook says: its problems (校验问题)
// and each township's 预算数 (汇总), in 元.
type Previous struct {
	Path     string
	Problems []PreviousProblem
	// Budgets is each township's 预算数 in 元, by township.
	Budgets map[string]decimal.Decimal
}

// PreviousProblem is a row of the previous 校验问题.
type PreviousProblem struct {
	Level, Township, Sheet, Cell, Project, ProjectName, Rule, Message string
}

var indicatorInMessage = regexp.MustCompile(`指标「([^」]*)」`)

// problemIndicator is the indicator a problem's message names, "" if none.
func problemIndicator(msg string) string {
	if m := indicatorInMessage.FindStringSubmatch(msg); m != nil {
		return m[1]
	}
	return ""
}

// key is what identifies the same problem in two rounds: 乡镇, 项目编码,
// 规则 and 指标 (the indicator a message names as 指标「…」, see
// problemIndicator); cells move when a township revises its form, so they
// are not part of it.
func key(township, project, rule, indicator string) string {
	return strings.Join([]string{township, project, rule, indicator}, "\x00")
}

// Load reads the problems sheet (校验问题, continued on 校验问题（2）, …) and
// the summary sheet (汇总) of a county workbook that jixiao wrote in an
// earlier round.
//
//	prev, err := rounds.Load("上次的县级汇总.xlsx", "校验问题", "汇总")
func Load(path, problemsSheet, summarySheet string) (*Previous, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, &convert.LocatedError{File: path, Err: fmt.Errorf("%w：%w", ErrPrevious, err)}
	}
	defer f.Close()
	prev := &Previous{Path: path, Budgets: map[string]decimal.Decimal{}}
	// a long list continues on 校验问题（2）, 校验问题（3）, …
	sheets := []string{problemsSheet}
	for _, name := range f.GetSheetList() {
		if strings.HasPrefix(name, problemsSheet+"（") {
			sheets = append(sheets, name)
		}
	}
	for _, sheet := range sheets {
		if err := prev.readProblems(f, sheet); err != nil {
			return nil, err
		}
	}
	unit := convert.UnitWan
	if title, _ := f.GetCellValue(summarySheet, "A1"); strings.Contains(title, "单位：元") {
		unit = convert.UnitYuan
	}
	rows, head, err := headedRows(f, path, summarySheet, "乡镇", "预算数")
	if err != nil {
		return nil, err
	}
	for i, r := range rows {
		town := head.get(r, "乡镇")
		if town == "" || town == "合计" || strings.HasPrefix(town, "注：") {
			continue
		}
		d, err := decimal.NewFromString(strings.ReplaceAll(head.get(r, "预算数"), ",", ""))
		if err != nil {
			return nil, &convert.LocatedError{File: path, Sheet: summarySheet, Cell: cellName(head.cols["预算数"]+1, head.row+i+1),
				Err: fmt.Errorf("%w：预算数不是数字", ErrPrevious)}
		}
		prev.Budgets[town] = convert.ToYuan(d, unit)
	}
	return prev, nil
}

// readProblems adds the rows of one 校验问题 sheet.
func (prev *Previous) readProblems(f *excelize.File, sheet string) error {
	rows, head, err := headedRows(f, prev.Path, sheet, "级别", "乡镇", "项目编码", "规则", "说明")
	if err != nil {
		return err
	}
	for _, r := range rows {
		p := PreviousProblem{Level: head.get(r, "级别"), Township: head.get(r, "乡镇"), Sheet: head.get(r, "工作表"),
			Cell: head.get(r, "单元格"), Project: head.get(r, "项目编码"), ProjectName: head.get(r, "项目名称"),
			Rule: head.get(r, "规则"), Message: head.get(r, "说明")}
		if p.Level == "" && p.Rule == "" {
			continue
		}
		prev.Problems = append(prev.Problems, p)
	}
	return nil
}

// header maps a header row's texts to their column indexes.
type header struct {
	cols map[string]int
	row  int // the header's sheet row, 1-based
}

func (h header) get(r []string, name string) string {
	if i, ok := h.cols[name]; ok && i < len(r) {
		return strings.TrimSpace(r[i])
	}
	return ""
}

// headedRows finds the header row of sheet (the first holding all of need)
// and returns the rows under it with their raw values.
func headedRows(f *excelize.File, path, sheet string, need ...string) ([][]string, header, error) {
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, header{}, &convert.LocatedError{File: path, Sheet: sheet,
			Err: fmt.Errorf("%w：没有「%s」工作表，请指定 jixiao consolidate 生成的县级汇总工作簿", ErrPrevious, sheet)}
	}
	for i, r := range rows {
		h := header{cols: map[string]int{}, row: i + 1}
		for c, v := range r {
			if _, dup := h.cols[v]; !dup {
				h.cols[strings.TrimSpace(v)] = c
			}
		}
		ok := true
		for _, n := range need {
			if _, has := h.cols[n]; !has {
				ok = false
			}
		}
		if ok {
			return rows[i+1:], h, nil
		}
	}
	return nil, header{}, &convert.LocatedError{File: path, Sheet: sheet,
		Err: fmt.Errorf("%w：「%s」工作表没有表头（%s）", ErrPrevious, sheet, strings.Join(need, "、"))}
}

// Row is a problem of either round and what became of it.
type Row struct {
	// Status is 已整改, 未整改 or 新增.
	Status      string
	Township    string
	Project     string
	ProjectName string
	Rule        string
	Indicator   string
	Level       string
	Message     string
	// Before and After are where the problem stood in the previous and
	// this round (sheet!cell), "" where it was not found.
	Before, After string
	// Note explains a status that needs it (a township not submitted).
	Note string
}

// BudgetChange is a township's 预算数 in both rounds, in 元.
type BudgetChange struct {
	Township string
	// Before and After are the 预算数; HasBefore/HasAfter false when the
	// township is not in that round.
	Before, After       decimal.Decimal
	HasBefore, HasAfter bool
}

// Rectification compares this round with the previous one.
type Rectification struct {
	Rows    []Row
	Budgets []BudgetChange
	// Fixed, Open and New count the rows by status.
	Fixed, Open, New int
}

// Budget is a township of this round and its 预算数, in 元.
type Budget struct {
	Township string
	Budget   decimal.Decimal
}

// Compare matches this round's problems with those of prev by 乡镇,
// 项目编码, 规则 and 指标: a previous problem no longer found is 已整改, one
// still found 未整改 (also when its township did not submit again, with a
// note), and a problem of this round not found before 新增. Repeated keys
// match one for one. budgets are this round's townships with their 预算数,
// compared with prev's; a township not among them did not submit.
//
//	rc := rounds.Compare(prev, problems, []rounds.Budget{{Township: "王官营镇", Budget: budget}})
func Compare(prev *Previous, problems []templates.Problem, budgets []Budget) *Rectification {
	current := map[string][]templates.Problem{}
	inds, keys := make([]string, len(problems)), make([]string, len(problems))
	for i, p := range problems {
		inds[i] = problemIndicator(p.Message)
		keys[i] = key(p.Township, p.Project, p.RuleLabel(), inds[i])
		current[keys[i]] = append(current[keys[i]], p)
	}
	present := map[string]bool{}
	for _, b := range budgets {
		present[b.Township] = true
	}
	rc := &Rectification{}
	for _, pp := range prev.Problems {
		ind := problemIndicator(pp.Message)
		row := Row{Township: pp.Township, Project: pp.Project, ProjectName: pp.ProjectName, Rule: pp.Rule,
			Indicator: ind, Level: pp.Level, Message: pp.Message, Before: sheetCell(pp.Sheet, pp.Cell)}
		k := key(pp.Township, pp.Project, pp.Rule, ind)
		switch ps := current[k]; {
		case len(ps) > 0:
			row.Status, row.After = StatusOpen, sheetCell(ps[0].Src.Sheet, ps[0].Src.Cell)
			row.Message = ps[0].Message
			current[k] = ps[1:]
		case !present[pp.Township]:
			row.Status, row.Note = StatusOpen, absentNote
		default:
			row.Status = StatusFixed
		}
		rc.Rows = append(rc.Rows, row)
	}
	for i, p := range problems {
		k := keys[i]
		ps := current[k]
		if len(ps) == 0 || !sameProblem(ps[0], p) {
			continue
		}
		current[k] = ps[1:]
		rc.Rows = append(rc.Rows, Row{Status: StatusNew, Township: p.Township, Project: p.Project, ProjectName: p.ProjectName,
			Rule: p.RuleLabel(), Indicator: inds[i], Level: p.Severity.String(), Message: p.Message,
			After: sheetCell(p.Src.Sheet, p.Src.Cell)})
	}
	sort.SliceStable(rc.Rows, func(i, j int) bool { return rc.Rows[i].Township < rc.Rows[j].Township })
	for _, r := range rc.Rows {
		switch r.Status {
		case StatusFixed:
			rc.Fixed++
		case StatusOpen:
			rc.Open++
		case StatusNew:
			rc.New++
		}
	}
	rc.Budgets = budgetChanges(budgets, prev)
	return rc
}

// sameProblem reports whether two problems are the same finding.
func sameProblem(a, b templates.Problem) bool {
	return a.Src == b.Src && a.Rule == b.Rule && a.Message == b.Message && a.Project == b.Project
}

func sheetCell(sheet, cell string) string {
	if sheet == "" || cell == "" {
		return sheet + cell
	}
	return sheet + "!" + cell
}

// budgetChanges lists every township of either round with its 预算数.
func budgetChanges(budgets []Budget, prev *Previous) []BudgetChange {
	by := map[string]*BudgetChange{}
	var order []string
	for _, b := range budgets {
		by[b.Township] = &BudgetChange{Township: b.Township, After: b.Budget, HasAfter: true}
		order = append(order, b.Township)
	}
	for town, b := range prev.Budgets {
		c, ok := by[town]
		if !ok {
			c = &BudgetChange{Township: town}
			by[town] = c
			order = append(order, town)
		}
		c.Before, c.HasBefore = b, true
	}
	sort.Strings(order)
	out := make([]BudgetChange, len(order))
	for i, town := range order {
		out[i] = *by[town]
	}
	return out
}

// cellName names a cell by one-based column and row.
func cellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}
