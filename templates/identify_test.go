package templates_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"jixiao/convert"
	"jixiao/templates"
)

func TestTownshipFromTitle(t *testing.T) {
	cases := []struct{ name, title, want string }{
		{"district and town", "丰润区丰登坞镇2024年预算项目绩效目标表", "丰登坞镇"},
		{"town only", "王官营镇2024年预算项目绩效目标表", "王官营镇"},
		{"city, district, 乡", "唐山市丰润区姜家营乡2024年度部门整体绩效目标", "姜家营乡"},
		{"人民政府", "沙流河镇人民政府2024年预算绩效目标", "沙流河镇"},
		{"year first", "2024年王官营镇预算项目绩效目标表", "王官营镇"},
		{"街道办事处", "丰润区太平路街道办事处2024年预算项目绩效目标表", "太平路街道办事处"},
		{"spaces and full width", "丰润区 丰登坞镇　２０２４年 预算项目绩效目标表", "丰登坞镇"},
		{"a project's title", "1、2022年非税收入绩效目标表", ""},
		{"no year", "丰登坞镇预算项目绩效目标表", ""},
		{"not a performance form", "丰登坞镇2024年工作总结", ""},
		{"county", "丰润区2024年预算项目绩效目标汇总表", ""},
		{"the county workbook's title", "县级2024年度预算项目绩效目标汇总表（单位：万元）", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := templates.TownshipFromTitle(c.title); got != c.want {
				t.Errorf("TownshipFromTitle(%q) = %q, want %q", c.title, got, c.want)
			}
		})
	}
}

// formWith is the test block under the given top rows.
func formWith(path string, top ...[]string) *convert.Workbook {
	rows := append(append([][]string{}, top...), formBlock()...)
	return &convert.Workbook{Path: path, Format: "xlsx", Sheets: []convert.Sheet{{Name: "项目绩效目标表", Rows: rows}}}
}

// TestTownshipIdentity: the township comes from its label, cut at the next
// label in the cell; else from the title; else from the file name, with a
// warning; where two places disagree a warning names both.
func TestTownshipIdentity(t *testing.T) {
	cases := []struct {
		name     string
		path     string
		top      [][]string
		want     string
		filledOn string
		warn     []string // texts of the one 乡镇名称来源 warning, none when nil
	}{
		{"combined label cell", "乡镇/附件1.xlsx", [][]string{{"填报单位（盖章）：姜家营乡        填报日期：2024年1月15日"}},
			"姜家营乡", "2024年1月15日", nil},
		{"label and date in the next cell", "乡镇/附件1.xlsx", [][]string{{"填报单位：", "丰登坞镇人民政府 联系电话：12345678"}},
			"丰登坞镇", "", nil},
		{"label with 盖章 and 单位", "乡镇/附件1.xlsx", [][]string{{"单位名称（盖章）：石各庄镇人民政府（盖章）    单位：万元"}},
			"石各庄镇", "", nil},
		{"stamp after 人民政府 in the next cell", "乡镇/附件1.xlsx", [][]string{{"填报单位：", "沙流河镇人民政府（盖章）"}},
			"沙流河镇", "", nil},
		{"部门名称", "乡镇/附件1.xlsx", [][]string{{"部门名称：白官屯镇"}}, "白官屯镇", "", nil},
		{"title only", "乡镇/附件2.xlsx", [][]string{{"丰润区丰登坞镇2024年预算项目绩效目标表"}}, "丰登坞镇", "", nil},
		{"label and title disagree", "乡镇/附件3.xlsx", [][]string{{"丰润区丰登坞镇2024年预算项目绩效目标表"}, {"填报单位：李钊庄镇"}},
			"李钊庄镇", "", []string{"「李钊庄镇」", "「丰登坞镇」"}},
		{"label and file name disagree", "乡镇/丰登坞镇.xlsx", [][]string{{"填报单位：李钊庄镇"}},
			"李钊庄镇", "", []string{"「李钊庄镇」", "丰登坞镇"}},
		{"title and file name disagree", "乡镇/丰登坞镇.xlsx", [][]string{{"李钊庄镇2024年预算项目绩效目标表"}},
			"李钊庄镇", "", []string{"「李钊庄镇」", "丰登坞镇"}},
		{"file name, as a last resort", "乡镇/附件2.xlsx", nil, "附件2", "", []string{"按文件名计为「附件2」"}},
		{"file name with a township", "乡镇/2024年王官营镇绩效目标（修改后）.xlsx", nil, "王官营镇", "", []string{"按文件名计为「王官营镇」"}},
		{"agreeing places", "乡镇/丰登坞镇.xlsx", [][]string{{"丰登坞镇2024年预算项目绩效目标表"}, {"填报单位：丰登坞镇人民政府"}},
			"丰登坞镇", "", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sub := templates.Read(formWith(c.path, c.top...))
			if sub.Township.Value != c.want {
				t.Errorf("township %q, want %q", sub.Township.Value, c.want)
			}
			if sub.FilledOn.Value != c.filledOn {
				t.Errorf("填报日期 %q, want %q", sub.FilledOn.Value, c.filledOn)
			}
			var warnings []templates.Problem
			for _, p := range sub.Problems {
				if p.Rule == templates.RuleTownshipSource {
					warnings = append(warnings, p)
				}
			}
			if c.warn == nil {
				if len(warnings) != 0 {
					t.Errorf("unexpected warnings %v", warnings)
				}
				return
			}
			if len(warnings) != 1 || warnings[0].Severity != templates.Warning || warnings[0].Township != c.want {
				t.Fatalf("warnings %v, want one about %s", warnings, c.want)
			}
			for _, w := range c.warn {
				if !strings.Contains(warnings[0].Message, w) {
					t.Errorf("warning %q lacks %q", warnings[0].Message, w)
				}
			}
		})
	}
}

// TestFileKinds: county workbooks by marker or sheets, blank templates and
// files with no form are told from forms.
func TestFileKinds(t *testing.T) {
	sheets := func(names ...string) []convert.Sheet {
		var out []convert.Sheet
		for _, n := range names {
			out = append(out, convert.Sheet{Name: n, Rows: [][]string{{"乡镇", "项目编码", "项目名称", "预算数"}, {"王官营镇", "1", "x", "1"}}})
		}
		return out
	}
	county := []struct {
		name string
		wb   convert.Workbook
		want bool
	}{
		{"marker", convert.Workbook{Category: templates.MarkerCounty, Sheets: sheets("Sheet1")}, true},
		{"sheets of an older version", convert.Workbook{Sheets: sheets("汇总", "分类汇总", "项目明细", "指标明细", "校验问题")}, true},
		{"a township's summary sheet", convert.Workbook{Sheets: sheets("汇总", "项目绩效目标表")}, false},
		{"a template's marker", convert.Workbook{Category: templates.MarkerTemplate, Sheets: sheets("项目绩效目标表")}, false},
	}
	for _, c := range county {
		t.Run(c.name, func(t *testing.T) {
			if got := templates.IsCountyWorkbook(&c.wb); got != c.want {
				t.Errorf("IsCountyWorkbook = %v, want %v", got, c.want)
			}
		})
	}

	text := func(lines ...string) *convert.Workbook {
		sh := convert.Sheet{Name: "通知"}
		for _, l := range lines {
			sh.Rows = append(sh.Rows, []string{l})
		}
		return &convert.Workbook{Path: "乡镇/通知.txt", Format: "csv", Sheets: []convert.Sheet{sh}}
	}
	blank := func(category string, township string) *convert.Workbook {
		rows := [][]string{{"单位名称", township}, {"项目编码", ""}, {"项目名称", ""}, {"预算数", ""},
			{"一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"}}
		return &convert.Workbook{Path: "乡镇/模板.xlsx", Format: "xlsx", Category: category,
			Sheets: []convert.Sheet{{Name: "项目绩效目标表", Rows: rows}}}
	}
	kinds := []struct {
		name string
		wb   *convert.Workbook
		want templates.Kind
	}{
		{"a form", formWith("乡镇/王官营镇.xlsx"), templates.KindForm},
		{"a notice naming the form", text("关于报送2024年预算绩效目标的通知", "请按附件填报项目绩效目标表，项目编码按系统填写"), templates.KindNoForm},
		{"an empty file", &convert.Workbook{Path: "乡镇/空.xlsx", Sheets: []convert.Sheet{{Name: "Sheet1"}}}, templates.KindNoForm},
		{"a blank template of jixiao", blank(templates.MarkerTemplate, ""), templates.KindBlankTemplate},
		{"a prefilled template left unfilled", blank(templates.MarkerTemplate, "王官营镇"), templates.KindBlankTemplate},
		{"an unmarked blank form", blank("", ""), templates.KindBlankTemplate},
		{"a township's form without projects", blank("", "王官营镇"), templates.KindForm},
	}
	for _, c := range kinds {
		t.Run(c.name, func(t *testing.T) {
			sub := templates.Read(c.wb)
			if sub.Kind != c.want {
				t.Errorf("kind %v, want %v (township %q, %d projects)", sub.Kind, c.want, sub.Township.Value, len(sub.Projects))
			}
			if c.want != templates.KindForm {
				for _, p := range sub.Problems {
					if p.Rule == templates.RuleTownshipSource {
						t.Errorf("a file that is no form warned about its township: %v", p)
					}
				}
			}
		})
	}
}

// unitForm is a form of n project blocks under unit line unit, with budgets
// budget(i) (fiscal and 12月底 equal to it).
func unitForm(unit string, n int, budget func(i int) string) *convert.Workbook {
	var rows [][]string
	for i := range n {
		b := formBlock()
		b[0][6] = unit
		b[1][1] = fmt.Sprintf("13020824P0000101001%02d", i)
		v := budget(i)
		b[2][2], b[2][4], b[5][2], b[5][4] = v, v, "", v
		rows = append(append(rows, b...), []string{}, []string{})
	}
	return &convert.Workbook{Path: "乡镇/李钊庄镇.xlsx", Format: "xlsx",
		Sheets: []convert.Sheet{{Name: "项目绩效目标表", Rows: append([][]string{{"填报单位：李钊庄镇"}}, rows...)}}}
}

// TestFormUnit: a form whose amounts are as a whole 10,000 times off its
// unit is one error naming the cells and both units, the amounts
// unconverted; an isolated odd amount keeps its warning; ordinary forms,
// small and large, raise nothing.
func TestFormUnit(t *testing.T) {
	yuanAmounts := []string{"49200", "300000", "20000", "5000", "1100000", "35000"}
	wanAmounts := []string{"4.92", "30", "2", "0.5", "110", "3.5"}
	from := func(list []string) func(int) string { return func(i int) string { return list[i%len(list)] } }
	cases := []struct {
		name     string
		wb       *convert.Workbook
		errs     int
		warnings int
		texts    []string
	}{
		{"元 under 万元", unitForm("单位：万元", 6, from(yuanAmounts)), 1, 0,
			[]string{"按「元」填写", "「单位：万元」", "6 个项目中 5 个", "（C4、C18、C32、C60、C74）"}},
		{"万元 under 元", unitForm("单位：元", 6, from(wanAmounts)), 1, 0,
			[]string{"按「万元」填写", "「单位：元」", "6 个项目中 6 个"}},
		{"万元 form", unitForm("单位：万元", 6, from(wanAmounts)), 0, 0, nil},
		{"元 form", unitForm("单位：元", 6, from(yuanAmounts)), 0, 0, nil},
		{"one odd amount among many", unitForm("单位：万元", 6, func(i int) string {
			if i == 2 {
				return "49200"
			}
			return wanAmounts[i]
		}), 0, 1, nil},
		{"large projects in 万元", unitForm("单位：万元", 4, from([]string{"12000", "800", "3500", "9000"})), 0, 1, nil},
		{"a one-project form keeps the warning", unitForm("单位：万元", 1, from(yuanAmounts)), 0, 1, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sub := templates.Read(c.wb)
			var errs, warnings []templates.Problem
			for _, p := range sub.Problems {
				if p.Rule != templates.RuleUnit {
					continue
				}
				if p.Severity == templates.Error {
					errs = append(errs, p)
				} else {
					warnings = append(warnings, p)
				}
			}
			if len(errs) != c.errs || len(warnings) != c.warnings {
				t.Fatalf("%d errors, %d warnings; want %d, %d: %v", len(errs), len(warnings), c.errs, c.warnings, sub.Problems)
			}
			if c.errs == 0 {
				return
			}
			e := errs[0]
			if !errors.Is(e.Err, templates.ErrUnitMismatch) || e.Township != "李钊庄镇" || e.Src.Cell == "" {
				t.Errorf("error %+v: want ErrUnitMismatch at a cell of 李钊庄镇", e)
			}
			for _, w := range c.texts {
				if !strings.Contains(e.Message, w) {
					t.Errorf("message %q lacks %q", e.Message, w)
				}
			}
			// never converted
			if got, written := sub.Projects[0].Budget.Raw, c.wb.Sheets[0].Rows[3][2]; got != written {
				t.Errorf("budget read %q, written %q", got, written)
			}
		})
	}
}

// FuzzTownshipFromTitle: any text gives no name or a name that is part of
// the text and ends as a township's does.
func FuzzTownshipFromTitle(f *testing.F) {
	for _, s := range []string{"丰润区丰登坞镇2024年预算项目绩效目标表", "2024年王官营镇预算项目绩效目标表", "区镇2024年绩效目标",
		"市区县乡2024年绩效目标", "（盖章）街道2024年绩效目标"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		name := templates.TownshipFromTitle(s)
		if name == "" {
			return
		}
		if !strings.Contains(convert.NormalizeLabel(s), name) {
			t.Errorf("%q: name %q is not in the title", s, name)
		}
		if !strings.HasSuffix(name, "镇") && !strings.HasSuffix(name, "乡") && !strings.HasSuffix(name, "街道") && !strings.HasSuffix(name, "办事处") {
			t.Errorf("%q: name %q is no township's", s, name)
		}
	})
}
