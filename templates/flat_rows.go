package templates

import (
	"fmt"
	"strings"

	"jixiao/convert"
)

// flatReader collects the rows of every flat table by township.
type flatReader struct {
	towns map[string]*flatTown
	order []string
}

// flatTown is one township's submission under construction.
type flatTown struct {
	r *reader
	// byKey indexes projects by 项目编码 (or "名称:"+项目名称); first row of each.
	byKey    map[string]int
	firstRow []flatPlace
	yearSet  bool
}

// flatPlace is where a project's fields were first stated.
type flatPlace struct {
	t   *flatTable
	row int
}

func (fr *flatReader) town(t *flatTable, name string) *flatTown {
	if tw, ok := fr.towns[name]; ok {
		return tw
	}
	sub := &Submission{File: t.file, Format: t.wb.Format, Encoding: t.wb.Encoding, Unit: t.columnUnit(FieldBudget),
		Township: Text{Value: name, Src: Source{File: t.file}}}
	tw := &flatTown{r: &reader{wb: t.wb, sub: sub, docUnit: sub.Unit}, byKey: map[string]int{}}
	if _, col := t.cols[FieldTownship]; !col && t.township == "" && name == TownshipFromFileName(t.file) {
		tw.r.townFrom = fromFileName
	}
	fr.towns[name] = tw
	fr.order = append(fr.order, name)
	return tw
}

// readTable reads a flat table's data rows.
func (fr *flatReader) readTable(t *flatTable) {
	recs, at, err := t.records()
	if err != nil {
		tw := fr.town(t, t.defaultTownship())
		tw.r.problem(Error, RuleFlatRow, Source{File: t.file, Sheet: t.sh.Name}, "",
			fmt.Sprintf("表格无法按列读取：%v", err), t.locate(t.header, 0, err))
		return
	}
	township := t.defaultTownship()
	var last *flatTown
	lastProject := -1
	for i, rec := range recs {
		row := at[i]
		if isTotalRow(t.sh, row) {
			continue
		}
		if _, ok := t.cols[FieldTownship]; ok {
			if v := townshipName(rec.Township); v != "" {
				township = v
			}
		}
		tw := fr.town(t, township)
		if tw != last {
			lastProject = -1
		}
		last = tw
		lastProject = tw.readRow(t, row, rec, lastProject)
	}
}

// isTotalRow reports a 合计/小计 row of a table: a cell that says only 合计.
func isTotalRow(sh *convert.Sheet, row int) bool {
	for _, c := range sh.Rows[row] {
		switch convert.NormalizeLabel(c) {
		case "合计", "总计", "小计", "本页合计", "全县合计", "合计:":
			return true
		}
	}
	return false
}

// readRow reads one data row into the project it belongs to and returns
// that project's index (or prev when the row was refused).
func (tw *flatTown) readRow(t *flatTable, row int, rec flatRecord, prev int) int {
	code := convert.NormalizeLabel(rec.Code)
	name := convert.CleanText(rec.Name)
	hasInd := strings.TrimSpace(rec.Level1+rec.Level2+rec.Level3+rec.Desc+rec.Value+rec.Basis) != ""
	key := code
	if key == "" && name != "" {
		key = "名称:" + name
	}
	idx := prev
	switch {
	case key != "":
		i, seen := tw.byKey[key]
		if !seen {
			i = tw.newProject(t, row, key)
		}
		idx = i
	case prev >= 0 && hasInd:
		// A row under a project's first row, its project cells left blank
		// as under merged cells.
	default:
		col := t.colOf(FieldProjectCode)
		tw.r.problem(Error, RuleFlatRow, t.src(row, col), "",
			fmt.Sprintf("第%d行既没有项目编码也没有项目名称，无法归入项目，已跳过", row+1),
			t.locate(row, col, fmt.Errorf("%w：缺少项目编码和项目名称", ErrFlatRow)))
		return prev
	}
	tw.readProjectFields(t, row, rec, idx)
	if hasInd {
		tw.addIndicator(t, row, rec, idx)
	}
	tw.readDocFields(t, row, rec)
	return idx
}

// newProject starts a project at its first row.
func (tw *flatTown) newProject(t *flatTable, row int, key string) int {
	col := t.colOf(FieldProjectCode)
	p := Project{Anchor: t.src(row, col), Unit: t.columnUnit(FieldBudget)}
	p.Code.Src, p.Name.Src = t.src(row, col), t.src(row, t.colOf(FieldProjectName))
	p.Budget, p.Fiscal, p.Other = Money{Blank: true}, Money{Blank: true}, Money{Blank: true}
	for i := range p.Plan {
		p.Plan[i] = Money{Blank: true}
	}
	tw.r.sub.Projects = append(tw.r.sub.Projects, p)
	tw.firstRow = append(tw.firstRow, flatPlace{t, row})
	tw.byKey[key] = len(tw.r.sub.Projects) - 1
	return len(tw.r.sub.Projects) - 1
}

// readDocFields takes the region code and year from their columns.
func (tw *flatTown) readDocFields(t *flatTable, row int, rec flatRecord) {
	sub := tw.r.sub
	if v := convert.NormalizeLabel(rec.Region); v != "" && sub.Code.Value == "" {
		sub.Code = Text{Value: v, Src: t.src(row, t.colOf(FieldRegionCode))}
	}
	if !tw.yearSet {
		if y := parseYear(rec.Year); y != 0 {
			sub.Year, tw.yearSet = y, true
		} else if t.year != 0 {
			sub.Year = t.year
		}
	}
}

// readProjectFields fills the project's fields from a row; a field stated
// on an earlier row and stated differently here is a conflict.
func (tw *flatTown) readProjectFields(t *flatTable, row int, rec flatRecord, idx int) {
	p := &tw.r.sub.Projects[idx]
	texts := []struct {
		f   Field
		raw string
		dst *Text
	}{
		{FieldProjectCode, rec.Code, &p.Code}, {FieldProjectName, rec.Name, &p.Name},
		{FieldPurpose, rec.Purpose, &p.Purpose}, {FieldGoal, rec.Goal, &p.Goal},
	}
	for _, x := range texts {
		v := convert.CleanText(x.raw)
		if x.f == FieldProjectCode {
			v = convert.NormalizeLabel(x.raw)
		}
		if v == "" {
			continue
		}
		if x.dst.Value == "" {
			*x.dst = Text{Value: v, Src: t.src(row, t.cols[x.f])}
			continue
		}
		if x.dst.Value != v {
			tw.conflict(t, row, x.f, p, x.dst.Src, x.dst.Value, v)
		}
	}
	monies := []struct {
		f   Field
		raw string
		dst *Money
	}{
		{FieldBudget, rec.Budget, &p.Budget}, {FieldFiscal, rec.Fiscal, &p.Fiscal}, {FieldOther, rec.Other, &p.Other},
		{FieldPlanMar, rec.PlanMar, &p.Plan[PlanMar]}, {FieldPlanJun, rec.PlanJun, &p.Plan[PlanJun]},
		{FieldPlanOct, rec.PlanOct, &p.Plan[PlanOct]}, {FieldPlanDec, rec.PlanDec, &p.Plan[PlanDec]},
	}
	for _, x := range monies {
		if strings.TrimSpace(x.raw) == "" {
			continue
		}
		m, ok := tw.money(t, row, x.f, x.raw, p.Code.Value)
		if !ok {
			continue
		}
		if x.dst.Raw == "" {
			*x.dst = m
			continue
		}
		if m.Blank != x.dst.Blank || !m.Yuan.Equal(x.dst.Yuan) {
			tw.conflict(t, row, x.f, p, x.dst.Src, x.dst.Raw, m.Raw)
		}
	}
}

// money parses an amount cell in its column's unit.
func (tw *flatTown) money(t *flatTable, row int, f Field, raw, code string) (Money, bool) {
	col := t.cols[f]
	src := t.src(row, col)
	if t.sh.Flag(row, col) == convert.FlagErrorValue {
		tw.r.problem(Error, "金额格式", src, code, fmt.Sprintf("%s单元格是错误值「%s」", Label(f), raw),
			t.locate(row, col, convert.ErrAmount))
		return Money{}, false
	}
	a, err := convert.ParseAmount(raw, t.columnUnit(f))
	if err != nil {
		tw.r.problem(Error, "金额格式", src, code, fmt.Sprintf("%s「%s」不是有效金额", Label(f), raw), t.locate(row, col, err))
		return Money{}, false
	}
	return Money{Yuan: a.Yuan, Blank: a.Blank, Raw: convert.CleanText(raw), Src: src}, true
}

func (tw *flatTown) conflict(t *flatTable, row int, f Field, p *Project, first Source, was, now string) {
	col := t.cols[f]
	where := first.Cell
	if pos, ok := cellPos(first.Cell); ok && first.File == t.file {
		where = fmt.Sprintf("第%d行", pos.Row+1)
	}
	msg := fmt.Sprintf("项目「%s」的%s「%s」与%s的「%s」不一致，同一项目的各行应相同；按先出现的值汇总", projectLabel(p), Label(f), now, where, was)
	tw.r.problem(Error, RuleFlatConflict, t.src(row, col), p.Code.Value, msg,
		t.locate(row, col, fmt.Errorf("%w：%s", ErrFlatConflict, msg)))
}

func projectLabel(p *Project) string {
	if p.Name.Value != "" {
		return p.Name.Value
	}
	return p.Code.Value
}

// addIndicator appends a row's indicator to its project, carrying 一级 and
// 二级指标 down from the project's previous indicator when left blank.
func (tw *flatTown) addIndicator(t *flatTable, row int, rec flatRecord, idx int) {
	p := &tw.r.sub.Projects[idx]
	at := func(f Field, raw string) Text {
		c, ok := t.cols[f]
		if !ok {
			return Text{}
		}
		return Text{Value: convert.CleanText(raw), Src: t.src(row, c)}
	}
	ind := Indicator{Level1: at(FieldLevel1, rec.Level1), Level2: at(FieldLevel2, rec.Level2), Level3: at(FieldLevel3, rec.Level3),
		Desc: at(FieldDesc, rec.Desc), Value: at(FieldValue, rec.Value), Basis: at(FieldBasis, rec.Basis)}
	if n := len(p.Indicators); n > 0 {
		prev := p.Indicators[n-1]
		if ind.Level1.Value == "" {
			ind.Level1.Value = prev.Level1.Value
			if ind.Level2.Value == "" {
				ind.Level2.Value = prev.Level2.Value
			}
		}
	}
	if ind.Value.Value != "" {
		v, err := convert.ParseIndicatorValue(ind.Value.Value, convert.UnitYuan)
		ind.Parsed, ind.ParsedOK = v, err == nil
		if err != nil {
			tw.r.problem(Warning, "指标值", ind.Value.Src, p.Code.Value,
				fmt.Sprintf("指标值「%s」无法解析为比较符、数值和单位，已按原文保留", ind.Value.Value), err)
		}
	}
	p.Indicators = append(p.Indicators, ind)
}

// finish completes the submission: year, unit checks, problem townships.
func (tw *flatTown) finish() *Submission {
	sub := tw.r.sub
	if sub.Year == 0 {
		sub.Year = yearFromFileName(sub.File)
	}
	if sub.Year == 0 {
		sub.Year = yearFromDeadlines(sub.Projects)
	}
	for i := range sub.Projects {
		tw.r.checkUnitPlausible(&sub.Projects[i])
	}
	tw.r.checkFormUnit()
	tw.r.noteFileNameTownship()
	for i := range sub.Problems {
		sub.Problems[i].Township = sub.Township.Value
	}
	return sub
}

func (t *flatTable) colOf(f Field) int {
	if c, ok := t.cols[f]; ok {
		return c
	}
	return 0
}

func (t *flatTable) src(row, col int) Source {
	return Source{File: t.file, Sheet: t.sh.Name, Cell: convert.CellName(row, col)}
}

// locate wraps err with the place of a cell: line and column for text
// files, sheet and cell for workbooks. Lines count records, which are lines
// unless a quoted cell spans several.
func (t *flatTable) locate(row, col int, err error) error {
	if t.wb.Format == "csv" {
		return &convert.LocatedError{File: t.file, Line: row + 1, Col: col + 1, Err: err}
	}
	return &convert.LocatedError{File: t.file, Sheet: t.sh.Name, Cell: convert.CellName(row, col), Err: err}
}
