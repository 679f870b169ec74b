package templates

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"jixiao/convert"
)

// readIndicators reads the indicator rows under a header row, carrying
// 一级/二级指标 down over rows where they are merged or left blank, and their
// 分值/权重 when the table has such a column (nil otherwise).
func (r *reader) readIndicators(sh *convert.Sheet, header, end int, code string) ([]Indicator, []Text) {
	cols := map[Field]int{}
	for col, cell := range sh.Rows[header] {
		switch f := MatchLabel(cell).Field; f {
		case FieldLevel1, FieldLevel2, FieldLevel3, FieldDesc, FieldValue, FieldBasis, FieldWeight:
			if _, dup := cols[f]; !dup {
				cols[f] = col
			}
		}
	}
	at := func(row int, f Field) Text {
		c, ok := cols[f]
		if !ok {
			return Text{}
		}
		return r.text(sh, row, c)
	}
	var out []Indicator
	var weights []Text
	_, weighted := cols[FieldWeight]
	var l1, l2 Text
	for row := header + 1; row < end; row++ {
		if rowEmpty(sh, row) {
			continue
		}
		ind := Indicator{
			Level1: at(row, FieldLevel1), Level2: at(row, FieldLevel2), Level3: at(row, FieldLevel3),
			Desc: at(row, FieldDesc), Value: at(row, FieldValue), Basis: at(row, FieldBasis),
		}

		if ind.Level3.Value == "" && ind.Desc.Value == "" && ind.Value.Value == "" && ind.Basis.Value == "" {
			// A pre-labelled template row left unfilled, or the end of the table.
			if (ind.Level1.Value == "" || IsFrameworkName(ind.Level1.Value)) &&
				(ind.Level2.Value == "" || IsFrameworkName(ind.Level2.Value)) {
				continue
			}
			break
		}
		if ind.Level1.Value == "" {
			ind.Level1.Value = l1.Value
		} else {
			l1, l2 = ind.Level1, Text{}
		}
		if ind.Level2.Value == "" {
			ind.Level2.Value = l2.Value
		} else {
			l2 = ind.Level2
		}
		if strings.Contains(ind.Level2.Value, "时效") {
			ind.Value.Value = deadlineText(ind.Value.Value, r.wb.Date1904)
		}
		if ind.Value.Value != "" {
			v, err := convert.ParseIndicatorValue(ind.Value.Value, convert.UnitYuan)
			ind.Parsed, ind.ParsedOK = v, err == nil
			if err != nil {
				r.problem(Warning, "指标值", ind.Value.Src, code,
					fmt.Sprintf("指标值「%s」无法解析为比较符、数值和单位，已按原文保留", ind.Value.Value), err)
			}
		}
		out = append(out, ind)
		if weighted {
			weights = append(weights, at(row, FieldWeight))
		}
	}
	if len(out) == 0 {
		return nil, nil
	}
	// Kept for the whole run: without the spare capacity of appending.
	return slices.Clone(out), slices.Clone(weights)
}

// Thresholds for the unit plausibility check: a project of 1 亿元 or more on
// a 万元 form, or of less than 100 元 on a 元 form, is more likely a unit slip.
var (
	implausibleWanYuan = decimal.New(1, 8) // 1 亿元, in 元
	implausibleYuan    = decimal.New(1, 2) // 100 元
)

// checkUnitPlausible warns when a 万元 form's amount looks like 元 or the reverse.
func (r *reader) checkUnitPlausible(p *Project) {
	b := p.Budget
	if b.Blank || b.Yuan.IsZero() {
		return
	}
	switch {
	case p.Unit != convert.UnitYuan && b.Yuan.GreaterThanOrEqual(implausibleWanYuan):
		r.problem(Warning, RuleUnit, b.Src, p.Code.Value,
			fmt.Sprintf("预算数 %s 万元（即 %s 元）异常偏大，是否按“元”填写却标为“万元”？", convert.FromYuan(b.Yuan, convert.UnitWan), b.Yuan), nil)
	case p.Unit == convert.UnitYuan && b.Yuan.LessThan(implausibleYuan):
		r.problem(Warning, RuleUnit, b.Src, p.Code.Value,
			fmt.Sprintf("预算数 %s 元异常偏小，是否按“万元”填写却标为“元”？", b.Yuan), nil)
	}
}

// deadlineText renders a 时效 value typed as a date, whose raw text is the
// date's serial number, as YYYY-MM-DD; any other value, a number of days
// among them, is left as written. Only whole serial numbers of the years
// 2000–2099 are dates here.
func deadlineText(s string, date1904 bool) string {
	n, err := strconv.Atoi(s)
	if err != nil {
		return s
	}
	first, last := 36526, 73050 // 2000-01-01 and 2099-12-31 counted from 1900
	if date1904 {
		first, last = first-1462, last-1462
	}
	if n < first || n > last {
		return s
	}
	return dateText(s, date1904)
}

// trimItemNo removes a trailing separator from a 序号 like "（一）" or "1、".
func trimItemNo(s string) string { return strings.TrimRight(s, "、.") }
