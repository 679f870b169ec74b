package templates

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/gocarina/gocsv"

	"jixiao/convert"
)

// Rules of the problems the flat reader records.
const (
	// RuleFlatConflict: one project's rows state different project fields.
	RuleFlatConflict = "项目信息不一致"
	// RuleFlatRow: a row that belongs to no project.
	RuleFlatRow = "无法归入项目"
)

// Sentinel errors of the flat reader, wrapped in the *convert.LocatedError
// of its problems.
var (
	// ErrFlatRow: a row of a flat table belongs to no project.
	ErrFlatRow = errors.New("行无法归入项目")
	// ErrFlatConflict: a project's rows disagree on a project field.
	ErrFlatConflict = errors.New("同一项目的各行不一致")
)

// flatRecord is one data row of a flat table by canonical column. The csv
// tags are the canonical labels (Label) of the fields in flatFields; gocsv
// fills the record from a header made of those labels.
type flatRecord struct {
	Township string `csv:"单位名称"`
	Region   string `csv:"行政区划代码"`
	Year     string `csv:"预算年度"`
	Code     string `csv:"项目编码"`
	Name     string `csv:"项目名称"`
	Budget   string `csv:"预算数"`
	Fiscal   string `csv:"财政资金"`
	Other    string `csv:"其他资金"`
	Purpose  string `csv:"资金用途"`
	PlanMar  string `csv:"3月底"`
	PlanJun  string `csv:"6月底"`
	PlanOct  string `csv:"10月底"`
	PlanDec  string `csv:"12月底"`
	Goal     string `csv:"绩效目标"`
	Level1   string `csv:"一级指标"`
	Level2   string `csv:"二级指标"`
	Level3   string `csv:"三级指标"`
	Desc     string `csv:"绩效指标描述"`
	Value    string `csv:"指标值"`
	Basis    string `csv:"指标值确定依据"`
}

// flatFields are the fields a flat table's columns may hold.
var flatFields = []Field{FieldTownship, FieldRegionCode, FieldYear, FieldProjectCode, FieldProjectName,
	FieldBudget, FieldFiscal, FieldOther, FieldPurpose, FieldPlanMar, FieldPlanJun, FieldPlanOct, FieldPlanDec,
	FieldGoal, FieldLevel1, FieldLevel2, FieldLevel3, FieldDesc, FieldValue, FieldBasis}

// flatHeaderAliases are column headers too generic to be labels on a form
// ("金额" stands beside many labels there) but plain as the header of a
// table column.
var flatHeaderAliases = map[string]Field{
	"乡镇":   FieldTownship,
	"乡镇名称": FieldTownship,
	"金额":   FieldBudget,
	"项目金额": FieldBudget,
	"年份":   FieldYear,
}

// flatColumn maps a header cell to a flat field and the unit its label
// states ("预算金额(元)", "预算数/万元", "资金支出计划-3月底").
func flatColumn(cell string) (Field, convert.Unit) {
	base, u, _ := convert.SplitLabelUnit(strings.TrimPrefix(cell, "\ufeff"))
	base = strings.TrimSuffix(base, ":")
	if base == "" {
		return FieldNone, 0
	}
	if f, ok := flatHeaderAliases[base]; ok {
		return f, u
	}
	if f, ok := labelIndex[base]; ok && isFlatField(f) {
		return f, u
	}
	for _, p := range []struct {
		month string
		f     Field
	}{{"12月底", FieldPlanDec}, {"10月底", FieldPlanOct}, {"3月底", FieldPlanMar}, {"6月底", FieldPlanJun}} {
		if strings.Contains(base, p.month) {
			return p.f, u
		}
	}
	return FieldNone, 0
}

func isFlatField(f Field) bool {
	for _, g := range flatFields {
		if g == f {
			return true
		}
	}
	return false
}

// flatHeader maps the columns of a row read as a header: the first column
// of each field wins.
func flatHeader(row []string) (map[Field]int, map[Field]convert.Unit) {
	cols, units := map[Field]int{}, map[Field]convert.Unit{}
	for c, cell := range row {
		f, u := flatColumn(cell)
		if f == FieldNone {
			continue
		}
		if _, dup := cols[f]; !dup {
			cols[f], units[f] = c, u
		}
	}
	return cols, units
}

// isFlatTableHeader reports whether mapped columns make a flat table: a
// project column (项目编码 or 项目名称) and a budget or indicator column. No
// row of the form has both.
func isFlatTableHeader(cols map[Field]int) bool {
	_, code := cols[FieldProjectCode]
	_, name := cols[FieldProjectName]
	_, budget := cols[FieldBudget]
	_, l1 := cols[FieldLevel1]
	_, l3 := cols[FieldLevel3]
	return (code || name) && (budget || l1 || l3)
}

// flatTable is a flat table found on a sheet.
type flatTable struct {
	file   string
	wb     *convert.Workbook
	sh     *convert.Sheet
	header int
	cols   map[Field]int
	units  map[Field]convert.Unit
	// unit, township and year are stated in the lines above the header.
	unit     convert.Unit
	township string
	year     int
}

// flatHeaderRows bounds the search for a flat table's header: exports put
// at most a few title, unit and note lines above it.
const flatHeaderRows = 30

// findFlatTable looks for a flat table's header in the first rows of a
// sheet and reads the title and unit lines above it.
func findFlatTable(wb *convert.Workbook, sh *convert.Sheet) (*flatTable, bool) {
	for row := range min(len(sh.Rows), flatHeaderRows) {
		cols, units := flatHeader(sh.Rows[row])
		if !isFlatTableHeader(cols) {
			continue
		}
		t := &flatTable{file: wb.Path, wb: wb, sh: sh, header: row, cols: cols, units: units}
		t.readPreamble()
		return t, true
	}
	return nil, false
}

var unitInText = regexp.MustCompile(`单位:(?:人民币)?(万元|元)`)

// readPreamble reads the lines above the header: a unit line ("单位：元",
// also inside a title "…汇总表（单位：万元）"), a "填报单位：…" line and a year.
func (t *flatTable) readPreamble() {
	for row := 0; row < t.header; row++ {
		for _, cell := range t.sh.Rows[row] {
			if strings.TrimSpace(cell) == "" {
				continue
			}
			if u, ok := UnitLine(cell); ok {
				t.unit = u
				continue
			}
			if m := unitInText.FindStringSubmatch(convert.NormalizeLabel(cell)); m != nil && t.unit == convert.UnitUnknown {
				t.unit, _ = convert.ParseUnit(m[1])
			}
			if m := MatchLabel(cell); m.Field == FieldTownship && m.Inline != "" && t.township == "" {
				t.township = townshipName(m.Inline)
			}
			if t.year == 0 {
				t.year = parseYear(cell)
			}
		}
	}
}

// columnUnit is the unit amounts of column f are in: the unit in its
// header, else the table's, else the budget column's, else 万元.
func (t *flatTable) columnUnit(f Field) convert.Unit {
	for _, u := range []convert.Unit{t.units[f], t.unit, t.units[FieldBudget]} {
		if u != convert.UnitUnknown {
			return u
		}
	}
	return convert.UnitWan
}

// rowsReader feeds prepared rows to gocsv.
type rowsReader struct {
	rows [][]string
	next int
}

func (r *rowsReader) Read() ([]string, error) {
	if r.next >= len(r.rows) {
		return nil, io.EOF
	}
	r.next++
	return r.rows[r.next-1], nil
}

func (r *rowsReader) ReadAll() ([][]string, error) {
	rest := r.rows[r.next:]
	r.next = len(r.rows)
	return rest, nil
}

// maxFlatRows caps the data rows of one flat table: each becomes a typed
// record of a few hundred bytes, and 200,000 rows hold the indicators of
// thousands of townships.
const maxFlatRows = 200_000

// records decodes the table's data rows into typed records, returning the
// zero-based sheet row of each record. A table of more than maxFlatRows
// data rows is refused with an error wrapping convert.ErrBudget.
func (t *flatTable) records() ([]flatRecord, []int, error) {
	var fields []Field
	header := []string{}
	for _, f := range flatFields {
		if _, ok := t.cols[f]; ok {
			fields = append(fields, f)
			header = append(header, Label(f))
		}
	}
	var at []int
	for r := t.header + 1; r < len(t.sh.Rows); r++ {
		if !rowEmpty(t.sh, r) {
			at = append(at, r)
		}
	}
	if len(at) > maxFlatRows {
		return nil, nil, fmt.Errorf("%w：表格有 %d 行数据，超过 %d 行的上限，未读取；请按乡镇拆成几个文件后再提交", convert.ErrBudget, len(at), maxFlatRows)
	}
	if len(at) == 0 {
		return nil, nil, nil
	}
	rows := make([][]string, 1, len(at)+1)
	rows[0] = header
	for _, r := range at {
		vals := make([]string, len(fields))
		for i, f := range fields {
			vals[i] = t.sh.Cell(r, t.cols[f])
		}
		rows = append(rows, vals)
	}
	var recs []flatRecord
	if err := gocsv.UnmarshalCSV(&rowsReader{rows: rows}, &recs); err != nil {
		return nil, nil, err
	}
	return recs, at, nil
}

// ReadFlat reads flat tables — one row per project, or one row per
// indicator with the project columns repeated (or left blank under a
// project's first row) — from one or more workbooks: legacy CSV exports, the
// 项目明细 and 指标明细 sheets of a county workbook, or the CSV files jixiao
// writes from them. Rows are split into one submission per township (the
// 乡镇/单位名称 column, else a "填报单位：" line above the header, else the
// file name) and joined into projects by 项目编码 (or 项目名称 where there is
// no code) across all sheets and files, so a project table and an indicator
// table combine. ok is false when no sheet holds a flat table; the caller
// then reads the form layout with Read.
//
// Amounts are read in the unit of their header ("预算金额(元)"), else of a
// unit line above the header ("单位：元"), else 万元. A row that cannot be
// mapped, an amount that is no number and a project field that disagrees
// with the project's earlier rows are recorded as Error problems whose Err
// is a *convert.LocatedError naming the line and column (text files) or the
// sheet and cell; the other rows are read.
//
//	subs, ok := templates.ReadFlat(wb)
//	for _, s := range subs { fmt.Println(s.Township.Value, len(s.Projects)) }
func ReadFlat(wbs ...*convert.Workbook) ([]*Submission, bool) {
	fr := &flatReader{towns: map[string]*flatTown{}}
	found := false
	for _, wb := range wbs {
		for i := range wb.Sheets {
			t, ok := findFlatTable(wb, &wb.Sheets[i])
			if !ok {
				continue
			}
			found = true
			fr.readTable(t)
			if len(fr.order) == 0 {
				fr.town(t, t.defaultTownship())
			}
		}
	}
	if !found {
		return nil, false
	}
	subs := make([]*Submission, 0, len(fr.order))
	for _, name := range fr.order {
		subs = append(subs, fr.towns[name].finish())
	}
	return subs, true
}

// ReadWorkbooks is the one decision between a flat table and a form: when
// any sheet of wbs holds a flat table, the submissions of all their flat
// tables (see ReadFlat) and flat true; else one submission per workbook, in
// the order of wbs, read from its form layout (see Read), and flat false.
//
//	subs, flat := templates.ReadWorkbooks(wb)
func ReadWorkbooks(wbs ...*convert.Workbook) (subs []*Submission, flat bool) {
	if subs, ok := ReadFlat(wbs...); ok {
		return subs, true
	}
	subs = make([]*Submission, len(wbs))
	for i, wb := range wbs {
		subs[i] = Read(wb)
	}
	return subs, false
}

// ReadFileAll opens any supported file and reads every submission in it:
// several when it holds a flat table of several townships (see ReadFlat),
// else the one form (see ReadFile). A county workbook jixiao wrote gives one
// Submission of KindCounty and nothing read from it; a file with no form, or
// a blank template, one of KindNoForm or KindBlankTemplate; so does an .xml
// file that is no Excel 2003 XML workbook.
//
//	subs, err := templates.ReadFileAll(ctx, "legacy/绩效目标.csv", templates.ReadOptions{})
func ReadFileAll(ctx context.Context, path string, opt ReadOptions) ([]*Submission, error) {
	wb, sum, err := openInput(ctx, path, opt)
	if err != nil && convert.IsXMLExtension(filepath.Ext(path)) && errors.Is(err, convert.ErrUnknownFormat) {
		// .xml is read for the Excel 2003 XML workbooks web systems export;
		// any other XML (a configuration, a web page's data) is no form
		return []*Submission{{File: path, Kind: KindNoForm}}, nil
	}
	if err != nil {
		return nil, err
	}
	if IsCountyWorkbook(wb) {
		// its 项目明细 is a flat table of every township: never a submission
		return []*Submission{{File: path, Format: wb.Format, Encoding: wb.Encoding, SHA256: sum, Kind: KindCounty}}, nil
	}
	wb = withoutFeedbackSheet(wb)
	subs, _ := ReadWorkbooks(wb)
	for _, s := range subs {
		s.SHA256 = sum
		noteEncoding(wb, s)
	}
	if len(subs) > 0 {
		noteLongText(wb, subs[0])
	}
	return subs, nil
}

func (t *flatTable) defaultTownship() string {
	if t.township != "" {
		return t.township
	}
	return TownshipFromFileName(t.file)
}
