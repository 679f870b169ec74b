package templates

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Columns of a project block (one-based): the indicator table runs 一级指标 |
// 二级指标 | 三级指标 | 绩效指标描述 (D:E) | 指标值 | 指标值确定依据.
const (
	colA = iota + 1
	colB
	colC
	colD
	colE
	colF
	colG
)

// Row offsets inside a project block, from its title row.
const (
	offTitle   = 0
	offUnit    = 1
	offCode    = 2
	offBudget  = 3
	offPurpose = 4
	offPlan    = 5
	offPlanVal = 6
	offPlanTip = 7 // the note on the plan amounts, a row of its own
	offGoal    = 8
	offHeader  = 9
	offFirst   = 10 // first indicator row
	// blockGap is the number of blank rows between two blocks.
	blockGap = 2
)

// planTip is the note under a block's 资金支出计划 amounts.
const planTip = "填截至各月底的累计金额（不是百分比）；3月底、10月底可留空；12月底应等于预算数"

// projectsSheet writes 项目绩效目标表: the project blocks one under another,
// each printed from the top of a page of its own.
func (b *builder) projectsSheet() error {
	const sh = SheetProjects
	if err := b.widths(sh, 18, 20, 20, 18, 16, 18, 18); err != nil {
		return err
	}
	var prefilled []Project
	if b.opt.Prefill != nil {
		prefilled = b.opt.Prefill.Projects
	}
	row := 1
	for i := range b.opt.Projects {
		var p *Project
		if i < len(prefilled) {
			p = &prefilled[i]
		}
		if i > 0 {
			if err := b.f.InsertPageBreak(sh, cell(colA, row)); err != nil {
				return err
			}
		}
		next, err := b.projectBlock(i, row, p)
		if err != nil {
			return err
		}
		row = next
	}
	if err := b.pageSetup(sh, false); err != nil {
		return err
	}
	return b.protect(sh)
}

// standardRows are the pre-labelled indicator rows of a blank block: one per
// 二级指标 a project usually states, in the framework's terms.
func standardRows(fw Framework) [][2]string {
	if fw.Level2("成本指标") != nil {
		return [][2]string{
			{"产出指标", "数量指标"}, {"产出指标", "质量指标"}, {"产出指标", "时效指标"},
			{"成本指标", "经济成本指标"}, {"效益指标", "社会效益指标"}, {"满意度指标", "服务对象满意度指标"},
		}
	}
	return [][2]string{
		{"产出指标", "数量指标"}, {"产出指标", "质量指标"}, {"产出指标", "时效指标"},
		{"产出指标", "成本指标"}, {"效益指标", "社会效益指标"}, {"满意度指标", "服务对象满意度指标"},
	}
}

// projectBlock writes block i from row top, entering p when not nil, and
// returns the first row of the next block.
func (b *builder) projectBlock(i, top int, p *Project) (int, error) {
	const sh = SheetProjects
	st := b.st
	r := func(off int) int { return top + off }
	title := fmt.Sprintf("%d、项目绩效目标表", i+1)
	if p != nil && p.Name.Value != "" {
		title = fmt.Sprintf("%d、%s绩效目标表", i+1, p.Name.Value)
	}
	var code, name, purpose, goal any
	if p != nil {
		code, name = textOrNil(p.Code.Value), textOrNil(p.Name.Value)
		purpose, goal = textOrNil(p.Purpose.Value), textOrNil(p.Goal.Value)
	}
	steps := []func() error{
		func() error { return b.span(sh, colA, colG, r(offTitle), title, st.title) },
		func() error { return b.f.SetRowHeight(sh, r(offTitle), 26) },
		// The unit line follows 基本信息's 金额单位, so the two never disagree.
		func() error { return b.put(sh, colG, r(offUnit), nil, st.unitLine) },
		func() error { return b.f.SetCellFormula(sh, cell(colG, r(offUnit)), unitLineFormula()) },
		// 项目编码 | code | 项目名称 | name
		func() error { return b.put(sh, colA, r(offCode), Label(FieldProjectCode), st.label) },
		func() error { return b.span(sh, colB, colC, r(offCode), code, st.code) },
		func() error { return b.put(sh, colD, r(offCode), Label(FieldProjectName), st.label) },
		func() error { return b.span(sh, colE, colG, r(offCode), name, st.text) },
		// 预算规模及资金用途 | 预算数 | x | 财政资金 | x | 其他资金 | x, then 资金用途
		func() error {
			return b.box(sh, colA, r(offBudget), colA, r(offPurpose), Label(FieldBudgetAndPurpose), st.label)
		},
		func() error { return b.put(sh, colB, r(offBudget), Label(FieldBudget), st.label) },
		func() error { return b.put(sh, colD, r(offBudget), Label(FieldFiscal), st.label) },
		func() error { return b.put(sh, colF, r(offBudget), Label(FieldOther), st.label) },
		func() error { return b.span(sh, colB, colG, r(offPurpose), purpose, st.textTop) },
		func() error { return b.f.SetRowHeight(sh, r(offPurpose), 36) },
		// 资金支出计划 | 3月底 | 6月底 | 10月底 | 12月底, amounts below.
		func() error { return b.put(sh, colA, r(offPlan), Label(FieldPlan), st.label) },
		func() error { return b.put(sh, colA, r(offPlanVal), "累计金额", st.label) },
		func() error { return b.span(sh, colB, colG, r(offPlanTip), planTip, st.guide) },
		func() error { return b.f.SetRowHeight(sh, r(offPlanTip), 20) },
		func() error { return b.put(sh, colA, r(offGoal), Label(FieldGoal), st.label) },
		func() error { return b.span(sh, colB, colG, r(offGoal), goal, st.textTop) },
		func() error { return b.f.SetRowHeight(sh, r(offGoal), 48) },
	}
	for j, f := range []Field{FieldPlanMar, FieldPlanJun, FieldPlanOct, FieldPlanDec} {
		steps = append(steps, func() error { return b.put(sh, colB+j, r(offPlan), Label(f), st.label) })
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return 0, err
		}
	}
	if err := b.blockAmounts(top, p); err != nil {
		return 0, err
	}
	n, err := b.indicatorRows(top, p)
	if err != nil {
		return 0, err
	}
	if err := b.blockValidations(top, n); err != nil {
		return 0, err
	}
	return top + offFirst + n + blockGap, nil
}

// blockAmounts styles the amount cells of a block and enters p's amounts.
func (b *builder) blockAmounts(top int, p *Project) error {
	const sh = SheetProjects
	cells := []struct {
		col, off int
		m        *Money
	}{
		{colC, offBudget, nil}, {colE, offBudget, nil}, {colG, offBudget, nil},
		{colB, offPlanVal, nil}, {colC, offPlanVal, nil}, {colD, offPlanVal, nil}, {colE, offPlanVal, nil},
	}
	if p != nil {
		ms := []*Money{&p.Budget, &p.Fiscal, &p.Other, &p.Plan[PlanMar], &p.Plan[PlanJun], &p.Plan[PlanOct], &p.Plan[PlanDec]}
		for i := range cells {
			cells[i].m = ms[i]
		}
	}
	for _, c := range cells {
		if err := b.put(sh, c.col, top+c.off, nil, b.st.amount); err != nil {
			return err
		}
		if c.m == nil || c.m.Blank {
			continue
		}
		// The exact decimal text is stored as the number, so no binary
		// rounding creeps in.
		if err := b.f.SetCellDefault(sh, cell(c.col, top+c.off), c.m.In(b.opt.Unit).String()); err != nil {
			return err
		}
	}
	return nil
}

// indicatorRows writes the header and indicator rows of a block: p's
// indicators, or the framework's standard rows, then blank rows. It returns
// the number of indicator rows.
func (b *builder) indicatorRows(top int, p *Project) (int, error) {
	const sh = SheetProjects
	st := b.st
	header := top + offHeader
	for col, f := range []Field{FieldLevel1, FieldLevel2, FieldLevel3, FieldDesc, FieldValue, FieldBasis} {
		c := col + 1
		if c >= colE {
			c++ // 绩效指标描述 spans D:E
		}
		if err := b.put(sh, c, header, Label(f), st.label); err != nil {
			return 0, err
		}
	}
	if err := b.span(sh, colD, colE, header, nil, st.label); err != nil {
		return 0, err
	}
	var rows [][6]string
	if p != nil && len(p.Indicators) > 0 {
		for _, ind := range p.Indicators {
			rows = append(rows, [6]string{ind.Level1.Value, ind.Level2.Value, ind.Level3.Value, ind.Desc.Value, ind.Value.Value, ind.Basis.Value})
		}
	} else {
		for _, s := range standardRows(b.opt.Framework) {
			rows = append(rows, [6]string{s[0], s[1]})
		}
	}
	n := len(rows) + ExtraIndicatorRows
	for i := range n {
		var v [6]string
		if i < len(rows) {
			v = rows[i]
		}
		row := top + offFirst + i
		cols := []int{colA, colB, colC, colD, colF, colG}
		for k, c := range cols {
			if err := b.put(sh, c, row, textOrNil(v[k]), st.text); err != nil {
				return 0, err
			}
		}
		if err := b.span(sh, colD, colE, row, nil, st.text); err != nil {
			return 0, err
		}
		if err := b.f.SetRowHeight(sh, row, 30); err != nil {
			return 0, err
		}
	}
	return n, nil
}

// blockValidations adds a block's data validation: amounts, 项目编码, the
// 一级/二级指标 dropdowns (二级 depends on 一级 through INDIRECT), 指标值 and
// 指标值确定依据.
func (b *builder) blockValidations(top, n int) error {
	const sh = SheetProjects
	first, last := top+offFirst, top+offFirst+n-1
	col := func(c int) string { return fmt.Sprintf("%s:%s", cell(c, first), cell(c, last)) }
	unit := b.opt.Unit.String()
	var dvs []*excelize.DataValidation

	amount := excelize.NewDataValidation(true)
	amount.Sqref = fmt.Sprintf("%s %s %s %s:%s", cell(colC, top+offBudget), cell(colE, top+offBudget), cell(colG, top+offBudget),
		cell(colB, top+offPlanVal), cell(colE, top+offPlanVal))
	if err := amount.SetRange(0, "", excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorGreaterThanOrEqual); err != nil {
		return err
	}
	amount.SetInput("金额", "只填数字，单位见本表上方的「单位」行（在「基本信息」的金额单位中选择，当前为"+unit+"）；不填写可留空。")
	amount.SetError(excelize.DataValidationErrorStyleStop, "金额", "金额必须是不小于 0 的数字，不要带单位或文字。")
	dvs = append(dvs, amount)

	code := excelize.NewDataValidation(true)
	code.Sqref = cell(colB, top+offCode)
	code.SetInput("项目编码", "按预算系统中的项目编码填写，如 13020824P000010100133；本格为文本格式。")
	dvs = append(dvs, code)

	l1 := excelize.NewDataValidation(true)
	l1.Sqref = col(colA)
	l1.SetSqrefDropList(ListLevel1)
	l1.SetInput("一级指标", "从下拉列表中选择："+joinNames(b.opt.Framework.Level1Names()))
	l1.SetError(excelize.DataValidationErrorStyleStop, "一级指标", "请从下拉列表中选择一级指标。")
	dvs = append(dvs, l1)

	l2 := excelize.NewDataValidation(true)
	l2.Sqref = col(colB)
	l2.SetSqrefDropList(fmt.Sprintf("INDIRECT($A%d)", first))
	l2.SetInput("二级指标", "先选一级指标，再从下拉列表中选择对应的二级指标。")
	l2.SetError(excelize.DataValidationErrorStyleStop, "二级指标", "请从下拉列表中选择与一级指标对应的二级指标。")
	dvs = append(dvs, l2)

	value := excelize.NewDataValidation(true)
	value.Sqref = col(colF)
	value.SetInput("指标值", "写比较符号、数值和单位，如：≥5次、≤0.5万元、≥95%、"+b.deadline()+"；定性指标写等级，如：优。")
	dvs = append(dvs, value)

	basis := excelize.NewDataValidation(true)
	basis.Sqref = col(colG)
	basis.SetSqrefDropList(ListBases)
	basis.SetInput("指标值确定依据", "从下拉列表中选择，如：年初计划、工作标准、历史标准、问卷调查。")
	basis.SetError(excelize.DataValidationErrorStyleWarning, "指标值确定依据", "所填依据不在下拉列表中，确定要使用吗？")
	dvs = append(dvs, basis)

	for _, dv := range dvs {
		if err := b.f.AddDataValidation(sh, dv); err != nil {
			return err
		}
	}
	return nil
}

// deadline is the example 时效 value: the end of the budget year.
func (b *builder) deadline() string {
	y := b.opt.Year
	if y == 0 {
		y = 2024
	}
	return fmt.Sprintf("%d年12月31日前", y)
}

func joinNames(s []string) string { return strings.Join(s, "、") }
