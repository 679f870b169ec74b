package templates

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"jixiao/convert"
)

// readOverall reads the 部门整体绩效目标: the 总体绩效目标 text (right of its
// label, or in the first non-empty row below it) and the 分项 table under a
// header row 序号 | 名称 | 绩效目标 | 绩效指标; or, in documents written as
// paragraphs, "（一）名称" followed by "绩效目标：…" and "绩效指标：…".
func (r *reader) readOverall(sh *convert.Sheet) {
	for _, lc := range r.labels(sh).cells {
		row, col, m := lc.row, lc.col, lc.m
		switch {
		case m.Field == FieldOverallSummary && r.sub.Overall.Summary.Value == "":
			t := r.valueRight(sh, row, col, m)
			if t.Value == "" {
				t = r.textBelow(sh, row, col)
			}
			r.sub.Overall.Summary = t
		case m.Field == FieldItemNo && len(r.sub.Overall.Items) == 0:
			r.readItemTable(sh, row)
		case m.Field == FieldMeasures && r.sub.Overall.Measures.Value == "":
			t := r.valueRight(sh, row, col, m)
			if t.Value == "" {
				t = r.textBelow(sh, row, col)
			}
			r.sub.Overall.Measures = t
		case m.Field == FieldOverallItems && len(r.sub.Overall.Items) == 0:
			r.readItemParagraphs(sh, row+1, col)
		}
	}
}

func (r *reader) firstTextBelow(sh *convert.Sheet, row, col int) Text {
	for rr := row + 1; rr < len(sh.Rows) && rr <= row+3; rr++ {
		if t := r.text(sh, rr, col); t.Value != "" {
			if MatchLabel(t.Value).Field != FieldNone {
				break
			}
			return t
		}
	}
	return Text{Src: r.src(sh, row, col)}
}

// textBelow reads free text written under its label, as a document's
// paragraphs are: the first non-empty row within three rows below, and the
// rows after it in the same column, joined with "\n", until a blank row, a
// row with other cells filled (a table), a label, a unit line or a heading.
func (r *reader) textBelow(sh *convert.Sheet, row, col int) Text {
	t := r.firstTextBelow(sh, row, col)
	pos, ok := cellPos(t.Src.Cell)
	if t.Value == "" || !ok {
		return t
	}
	lines := []string{t.Value}
	for rr := pos.Row + 1; rr < len(sh.Rows); rr++ {
		v := r.text(sh, rr, col).Value
		if v == "" || cellsBeside(sh, rr, col) || endsFreeText(v) {
			break
		}
		lines = append(lines, v)
	}
	t.Value = strings.Join(lines, "\n")
	return t
}

// cellsBeside reports whether row has a non-empty cell other than col.
func cellsBeside(sh *convert.Sheet, row, col int) bool {
	for c, v := range sh.Rows[row] {
		if c != col && strings.TrimSpace(v) != "" {
			return true
		}
	}
	return false
}

// partHeading matches a heading that starts the next part or section:
// "第二部分…", "四、…".
var partHeading = regexp.MustCompile(`^(?:第[一二三四五六七八九十\d]+部分|[一二三四五六七八九十]+、)`)

// endsFreeText reports whether a row ends a run of free-text paragraphs: a
// label, a unit line, or a short heading without sentence punctuation that
// opens a part or section or titles a table ("预算项目绩效目标",
// "1、2022年非税收入绩效目标表").
func endsFreeText(v string) bool {
	if MatchLabel(v).Field != FieldNone {
		return true
	}
	if _, ok := UnitLine(v); ok {
		return true
	}
	s := convert.NormalizeLabel(v)
	if utf8.RuneCountInString(s) > 30 || strings.ContainsAny(s, "。；;，,:") {
		return false
	}
	return partHeading.MatchString(s) || strings.HasSuffix(s, "绩效目标") || strings.HasSuffix(s, "绩效目标表")
}

// readItemTable reads the 分项 rows under a 序号 | 名称 | 绩效目标 | 绩效指标 header.
func (r *reader) readItemTable(sh *convert.Sheet, header int) {
	cols := map[Field]int{}
	for col, cell := range sh.Rows[header] {
		f := MatchLabel(cell).Field
		if f == FieldGoal || f == FieldItemNo || f == FieldItemName || f == FieldItemIndicator {
			cols[f] = col
		}
	}
	if len(cols) < 3 {
		return
	}
	at := func(row int, f Field) Text {
		c, ok := cols[f]
		if !ok {
			return Text{}
		}
		return r.text(sh, row, c)
	}
	for row := header + 1; row < len(sh.Rows); row++ {
		if rowEmpty(sh, row) {
			break
		}
		it := OverallItem{No: at(row, FieldItemNo), Name: at(row, FieldItemName), Goal: at(row, FieldGoal), Indicator: at(row, FieldItemIndicator)}
		if it.No.Value != "" && !itemNumber.MatchString(convert.NormalizeLabel(it.No.Value)) {
			break // a following section, such as 工作保障措施
		}
		if it.Name.Value == "" && it.Goal.Value == "" && it.Indicator.Value == "" {
			continue
		}
		it.No.Value = trimItemNo(it.No.Value)
		r.sub.Overall.Items = append(r.sub.Overall.Items, it)
	}
}

// itemNumber matches a 序号: 1, 1、, (1), 一, 一、, (一).
var itemNumber = regexp.MustCompile(`^(?:\d+|[一二三四五六七八九十]+|\((?:\d+|[一二三四五六七八九十]+)\))[、.]?$`)

var itemHeading = regexp.MustCompile(`^([（(][一二三四五六七八九十]+[）)])\s*(.+)$`)

// readItemParagraphs reads 分项 written as paragraphs, one per row:
// "（一）基层党建", "绩效目标：…", "绩效指标：…", until a heading that is not an item.
func (r *reader) readItemParagraphs(sh *convert.Sheet, from, col int) {
	var cur *OverallItem
	for row := from; row < len(sh.Rows); row++ {
		v := convert.CleanText(sh.Cell(row, col))
		if v == "" {
			continue
		}
		if m := itemHeading.FindStringSubmatch(v); m != nil && !strings.ContainsAny(v, ":：") {
			r.sub.Overall.Items = append(r.sub.Overall.Items, OverallItem{
				No: Text{Value: m[1], Src: r.src(sh, row, col)}, Name: Text{Value: m[2], Src: r.src(sh, row, col)}})
			cur = &r.sub.Overall.Items[len(r.sub.Overall.Items)-1]
			continue
		}
		lm := MatchLabel(v)
		switch {
		case cur != nil && lm.Field == FieldGoal && lm.Inline != "":
			cur.Goal = Text{Value: lm.Inline, Src: r.src(sh, row, col)}
		case cur != nil && lm.Field == FieldItemIndicator && lm.Inline != "":
			cur.Indicator = Text{Value: lm.Inline, Src: r.src(sh, row, col)}
		default:
			return
		}
	}
}
