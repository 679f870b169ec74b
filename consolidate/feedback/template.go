package feedback

import (
	"bytes"
	"context"

	"github.com/xuri/excelize/v2"

	"jixiao/convert"
	"jixiao/templates"
)

// templateFeedbackBook enters a submission read from a file that is not an
// .xlsx workbook (.xls, .docx, CSV, HTML, .ods, a flat table) into the
// standard template and maps each problem from its cell in the township's
// file to the cell of the template that now holds the same value. The map
// comes from reading the new template back: the reader gives every field of
// both the source cell and the template cell, field by field.
func templateFeedbackBook(ctx context.Context, sub *templates.Submission, ps []templates.Problem) (*excelize.File, []mark, error) {
	f, err := templates.BuildTemplate(templates.TemplateOptions{Prefill: sub})
	if err != nil {
		return nil, nil, err
	}
	var buf bytes.Buffer
	_, err = f.WriteTo(&buf)
	f.Close()
	if err != nil {
		return nil, nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	wb, err := convert.OpenBytes("template.xlsx", buf.Bytes(), convert.Options{})
	if err != nil {
		return nil, nil, err
	}
	// the marks go into the workbook as saved: an excelize file once
	// written does not take new styles reliably
	if f, err = excelize.OpenReader(bytes.NewReader(buf.Bytes())); err != nil {
		return nil, nil, err
	}
	back := templates.Read(wb)
	cells := map[string]templates.Source{}
	pairSources(sub, back, func(from, to templates.Source) {
		if from.Cell == "" || to.Cell == "" {
			return
		}
		k := from.Sheet + "!" + from.Cell
		if _, ok := cells[k]; !ok {
			cells[k] = to
		}
	})
	marks := make([]mark, len(ps))
	for i, p := range ps {
		m := mark{p: p, orig: p.Src.String()}
		to, ok := cells[p.Src.Sheet+"!"+p.Src.Cell]
		if !ok {
			to, ok = projectCell(sub, back, p)
		}
		if ok {
			m.sheet, m.cell = to.Sheet, to.Cell
		}
		marks[i] = m
	}
	return f, marks, nil
}

// projectCell is the 项目编码 cell of the template's project a problem
// belongs to, for a problem whose own cell has no counterpart there.
func projectCell(sub, back *templates.Submission, p templates.Problem) (templates.Source, bool) {
	if p.Project == "" {
		return templates.Source{}, false
	}
	for i := range sub.Projects {
		if i >= len(back.Projects) {
			break
		}
		sp := &sub.Projects[i]
		if sp.Code.Value == p.Project || sp.Code.Value == "" && sp.Name.Value == p.Project {
			bp := &back.Projects[i]
			if bp.Code.Src.Cell != "" {
				return bp.Code.Src, true
			}
			return bp.Anchor, bp.Anchor.Cell != ""
		}
	}
	return templates.Source{}, false
}

// pairSources calls fn with the source of each field of a and that of the
// same field of b, in the order of the form; lists of unequal length are
// paired as far as both go.
func pairSources(a, b *templates.Submission, fn func(from, to templates.Source)) {
	text := func(x, y templates.Text) { fn(x.Src, y.Src) }
	text(a.Township, b.Township)
	text(a.Code, b.Code)
	text(a.Filler, b.Filler)
	text(a.Phone, b.Phone)
	text(a.FilledOn, b.FilledOn)
	text(a.Overall.Summary, b.Overall.Summary)
	text(a.Overall.Measures, b.Overall.Measures)
	for i := 0; i < min(len(a.Overall.Items), len(b.Overall.Items)); i++ {
		x, y := a.Overall.Items[i], b.Overall.Items[i]
		text(x.No, y.No)
		text(x.Name, y.Name)
		text(x.Goal, y.Goal)
		text(x.Indicator, y.Indicator)
	}
	for i := 0; i < min(len(a.Projects), len(b.Projects)); i++ {
		x, y := &a.Projects[i], &b.Projects[i]
		text(x.Code, y.Code)
		text(x.Name, y.Name)
		fn(x.Budget.Src, y.Budget.Src)
		fn(x.Fiscal.Src, y.Fiscal.Src)
		fn(x.Other.Src, y.Other.Src)
		text(x.Purpose, y.Purpose)
		for k := range x.Plan {
			fn(x.Plan[k].Src, y.Plan[k].Src)
		}
		text(x.Goal, y.Goal)
		fn(x.Anchor, y.Anchor)
		for k := 0; k < min(len(x.Indicators), len(y.Indicators)); k++ {
			u, v := &x.Indicators[k], &y.Indicators[k]
			text(u.Level1, v.Level1)
			text(u.Level2, v.Level2)
			text(u.Level3, v.Level3)
			text(u.Desc, v.Desc)
			text(u.Value, v.Value)
			text(u.Basis, v.Basis)
		}
		for k := 0; k < min(len(x.Weights), len(y.Weights)); k++ {
			text(x.Weights[k], y.Weights[k])
		}
	}
}
