package templates_test

import (
	"strings"
	"testing"

	"jixiao/convert"
	"jixiao/templates"
)

// paragraphs builds a one-sheet workbook of one-cell rows, as a Word body reads; a row
// written "a|b" has two cells, "" is a blank row.
func paragraphs(rows ...string) *convert.Workbook {
	sh := convert.Sheet{Name: convert.DocxSheetName}
	for _, r := range rows {
		if r == "" {
			sh.Rows = append(sh.Rows, nil)
			continue
		}
		sh.Rows = append(sh.Rows, strings.Split(r, "|"))
	}
	return &convert.Workbook{Path: "王官营镇.docx", Format: "docx", Sheets: []convert.Sheet{sh}}
}

func TestMatchLabelLongInline(t *testing.T) {
	long := strings.Repeat("开展党员远程教育工作，发挥先进村示范带动作用。", 6)
	cases := []struct {
		name   string
		raw    string
		field  templates.Field
		inline string
	}{
		{"short inline", "绩效目标：加强基层党建", templates.FieldGoal, "加强基层党建"},
		{"long inline", "绩效指标：" + long, templates.FieldItemIndicator, long},
		{"long text is not a label", long, templates.FieldNone, ""},
		{"long text with a colon late is not a label", long + "绩效目标：" + long, templates.FieldNone, ""},
		{"numbered heading", "三、工作保障措施", templates.FieldMeasures, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := templates.MatchLabel(c.raw)
			if m.Field != c.field || m.Inline != c.inline {
				t.Errorf("MatchLabel = field %v inline %q, want %v %q", m.Field, m.Inline, c.field, c.inline)
			}
		})
	}
}

// TestReadFreeTextParagraphs: 总体绩效目标 and 工作保障措施 written under a heading read every
// paragraph up to what ends them.
func TestReadFreeTextParagraphs(t *testing.T) {
	cases := []struct {
		name     string
		rows     []string
		summary  string
		measures string
	}{
		{"summary of two paragraphs up to the next label",
			[]string{"一、总体绩效目标", "甲。", "乙。", "二、分项绩效目标", "（一）基层党建", "绩效目标：加强。", "绩效指标：大于等于90%。"},
			"甲。\n乙。", ""},
		{"summary on the heading's row",
			[]string{"总体绩效目标|甲。", "乙。"}, "甲。", ""},
		{"measures up to the part heading",
			[]string{"三、工作保障措施", "根据我镇整体情况，制定目标。", "1、大力推进民生工程。", "（一）完善制度建设。", "预算项目绩效目标", "1、2022年非税收入绩效目标表"},
			"", "根据我镇整体情况，制定目标。\n1、大力推进民生工程。\n（一）完善制度建设。"},
		{"measures up to a table title",
			[]string{"三、工作保障措施", "甲。", "1、2022年非税收入绩效目标表", "单位：万元"}, "", "甲。"},
		{"measures up to a unit line", []string{"三、工作保障措施", "甲。", "单位：万元"}, "", "甲。"},
		{"measures up to the next part", []string{"三、工作保障措施", "甲。", "第二部分"}, "", "甲。"},
		{"measures up to the next section", []string{"三、工作保障措施", "甲。", "四、其他"}, "", "甲。"},
		{"measures up to a table row", []string{"三、工作保障措施", "甲。", "项目编码|13020824P000010100133"}, "", "甲。"},
		{"measures up to a blank row", []string{"工作保障措施", "甲。", "", "乙。"}, "", "甲。"},
		{"measures with a blank row before the text", []string{"三、工作保障措施", "", "甲。", "乙。"}, "", "甲。\n乙。"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sub := templates.Read(paragraphs(c.rows...))
			if got := sub.Overall.Summary.Value; got != c.summary {
				t.Errorf("总体绩效目标 = %q, want %q", got, c.summary)
			}
			if got := sub.Overall.Measures.Value; got != c.measures {
				t.Errorf("工作保障措施 = %q, want %q", got, c.measures)
			}
			if c.summary != "" && sub.Overall.Summary.Src.Cell == "" {
				t.Error("总体绩效目标 has no source cell")
			}
		})
	}
}
