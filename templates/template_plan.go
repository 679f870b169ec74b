package templates

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"jixiao/convert"
)

// ErrPlanTable: a townships list or project plan cannot be used to pre-fill
// templates (unknown format, a missing column, a bad amount, a township not
// on the list).
var ErrPlanTable = errors.New("乡镇名单或项目计划表无法使用")

// TownshipEntry is one row of a townships list: 乡镇, 行政区划代码.
type TownshipEntry struct {
	Township   string
	RegionCode string
}

// ReadTownships reads a townships list (CSV or xlsx) with the columns 乡镇
// and, optionally, 行政区划代码, found by their headers.
//
//	ts, err := templates.ReadTownships("乡镇名单.csv")
func ReadTownships(path string) ([]TownshipEntry, error) {
	t, err := readTable(path, []Field{FieldTownship}, []Field{FieldRegionCode})
	if err != nil {
		return nil, err
	}
	var out []TownshipEntry
	seen := map[string]bool{}
	for _, row := range t.rows {
		name := townshipName(row.text(FieldTownship))
		if name == "" {
			continue
		}
		if seen[name] {
			return nil, t.errorf(row.index, FieldTownship, "乡镇「%s」重复出现", name)
		}
		seen[name] = true
		out = append(out, TownshipEntry{Township: name, RegionCode: convert.NormalizeLabel(row.text(FieldRegionCode))})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w：%s 中没有乡镇", ErrPlanTable, path)
	}
	return out, nil
}

// ReadPlan reads a project plan (CSV or xlsx) with the columns 乡镇, 项目编码,
// 项目名称, 预算数 and, optionally, 财政资金 and 其他资金, found by their
// headers. Amounts are in 万元 unless a header states （元）. It returns each
// township's projects in the plan's order, with 12月底 planned at the budget.
//
//	plan, err := templates.ReadPlan("项目计划.csv")
//	fmt.Println(len(plan["王官营镇"]))
func ReadPlan(path string) (map[string][]Project, error) {
	t, err := readTable(path,
		[]Field{FieldTownship, FieldProjectCode, FieldProjectName, FieldBudget},
		[]Field{FieldFiscal, FieldOther})
	if err != nil {
		return nil, err
	}
	out := map[string][]Project{}
	for _, row := range t.rows {
		name := townshipName(row.text(FieldTownship))
		p := Project{
			Code: Text{Value: convert.NormalizeLabel(row.text(FieldProjectCode))},
			Name: Text{Value: convert.CleanText(row.text(FieldProjectName))},
		}
		if name == "" && p.Code.Value == "" && p.Name.Value == "" {
			continue
		}
		if name == "" {
			return nil, t.errorf(row.index, FieldTownship, "未填写乡镇")
		}
		for _, m := range []struct {
			f   Field
			dst *Money
		}{{FieldBudget, &p.Budget}, {FieldFiscal, &p.Fiscal}, {FieldOther, &p.Other}} {
			raw := row.text(m.f)
			a, err := convert.ParseAmount(raw, t.units[m.f])
			if err != nil {
				return nil, t.errorf(row.index, m.f, "「%s」不是有效金额：%v", raw, err)
			}
			*m.dst = Money{Yuan: a.Yuan, Blank: a.Blank, Raw: raw}
		}
		if p.Budget.Blank {
			return nil, t.errorf(row.index, FieldBudget, "项目「%s」未填写预算数", p.Name.Value)
		}
		for i := range p.Plan {
			p.Plan[i] = Money{Blank: true}
		}
		p.Plan[PlanDec] = p.Budget
		out[name] = append(out[name], p)
	}
	return out, nil
}

// PlannedSubmissions joins a townships list and a plan into one Submission
// per township, in the list's order, ready for TemplateOptions.Prefill. A
// township of the plan missing from the list is an error (a typo, most likely).
//
//	subs, err := templates.PlannedSubmissions(ts, plan, 2024)
func PlannedSubmissions(ts []TownshipEntry, plan map[string][]Project, year int) ([]*Submission, error) {
	listed := map[string]bool{}
	var out []*Submission
	for _, t := range ts {
		listed[t.Township] = true
		out = append(out, &Submission{
			Township: Text{Value: t.Township},
			Code:     Text{Value: t.RegionCode},
			Year:     year,
			Projects: plan[t.Township],
		})
	}
	var missing []string
	for name := range plan {
		if !listed[name] {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		return nil, fmt.Errorf("%w：项目计划表中的乡镇不在乡镇名单中：%s", ErrPlanTable, strings.Join(missing, "、"))
	}
	return out, nil
}

// table is a list read from CSV or xlsx: its columns found by header.
type table struct {
	path   string
	sheet  string
	header int
	cols   map[Field]int
	units  map[Field]convert.Unit
	rows   []tableRow
}

type tableRow struct {
	index int // zero-based row in the sheet
	cells []string
	cols  map[Field]int
}

func (r tableRow) text(f Field) string {
	c, ok := r.cols[f]
	if !ok || c >= len(r.cells) {
		return ""
	}
	return strings.TrimSpace(r.cells[c])
}

func (t *table) errorf(row int, f Field, format string, a ...any) error {
	return &convert.LocatedError{File: t.path, Sheet: t.sheet, Cell: convert.CellName(row, t.cols[f]),
		Err: fmt.Errorf("%w：%s", ErrPlanTable, fmt.Sprintf(format, a...))}
}

// readTable opens a CSV or xlsx list and finds its header row among the first
// rows of the first sheet that has one: the row naming every required column.
func readTable(path string, required, optional []Field) (*table, error) {
	var wb *convert.Workbook
	var err error
	switch ext := filepath.Ext(path); {
	case convert.IsTextExtension(ext):
		wb, err = convert.ReadCSV(path, convert.Options{Encoding: "auto"})
	case convert.IsWorkbookExtension(ext):
		wb, err = convert.ReadXLSX(path)
	default:
		return nil, fmt.Errorf("%w：%s 不是 CSV 或 xlsx 文件", ErrPlanTable, path)
	}
	if err != nil {
		return nil, err
	}
	const headerRows = 10
	for _, sh := range wb.Sheets {
		for r := 0; r < len(sh.Rows) && r < headerRows; r++ {
			cols, units := map[Field]int{}, map[Field]convert.Unit{}
			for c, v := range sh.Rows[r] {
				f, u := headerField(v)
				if _, dup := cols[f]; f != FieldNone && !dup {
					cols[f], units[f] = c, u
				}
			}
			if !hasAll(cols, required) {
				continue
			}
			t := &table{path: path, sheet: sh.Name, header: r, cols: cols, units: units}
			for i := r + 1; i < len(sh.Rows); i++ {
				t.rows = append(t.rows, tableRow{index: i, cells: sh.Rows[i], cols: cols})
			}
			return t, nil
		}
	}
	var names []string
	for _, f := range required {
		names = append(names, Label(f))
	}
	return nil, fmt.Errorf("%w：%s 中找不到表头（需要的列：%s；可选：%s）", ErrPlanTable, path,
		strings.Join(names, "、"), strings.Join(labelsOf(optional), "、"))
}

func labelsOf(fs []Field) []string {
	var out []string
	for _, f := range fs {
		out = append(out, Label(f))
	}
	return out
}

func hasAll(cols map[Field]int, fs []Field) bool {
	for _, f := range fs {
		if _, ok := cols[f]; !ok {
			return false
		}
	}
	return true
}

// headerField matches a list's column header: the form's labels, plus 乡镇
// and 乡镇名称 for the township; the unit defaults to 万元.
func headerField(raw string) (Field, convert.Unit) {
	switch convert.NormalizeLabel(raw) {
	case "乡镇", "乡镇(街道)", "镇乡", "乡镇街道":
		return FieldTownship, convert.UnitWan
	}
	m := MatchLabel(raw)
	if m.Inline != "" {
		return FieldNone, convert.UnitUnknown
	}
	u := m.Unit
	if u == convert.UnitUnknown {
		u = convert.UnitWan
	}
	return m.Field, u
}
