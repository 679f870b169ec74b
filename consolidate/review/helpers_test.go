package review

import (
	"fmt"
	"testing"

	"github.com/shopspring/decimal"

	"jixiao/convert"
	"jixiao/templates"
)

// row is an indicator row of a test form: 一级, 二级, 三级, 指标值.
type row [4]string

// form builds a one-project form of the given budget year and 预算数 (万元)
// whose indicator i stands on sheet row 10+i: 三级指标 in C, 指标值 in E
// (分值, when given, in G: see weighted).
func form(year int, budgetWan string, rows ...row) *templates.Submission {
	p := templates.Project{Code: templates.Text{Value: "13020824P000010100133"}, Name: templates.Text{Value: "2024年非税收入"},
		Unit: convert.UnitWan}
	p.Budget = templates.Money{Yuan: convert.ToYuan(decimal.RequireFromString(budgetWan), convert.UnitWan)}
	for i, r := range rows {
		at := func(col string) templates.Source {
			return templates.Source{File: "测试镇.xlsx", Sheet: "项目绩效目标表", Cell: fmt.Sprintf("%s%d", col, 10+i)}
		}
		ind := templates.Indicator{Level1: templates.Text{Value: r[0], Src: at("A")}, Level2: templates.Text{Value: r[1], Src: at("B")},
			Level3: templates.Text{Value: r[2], Src: at("C")}, Desc: templates.Text{Value: r[2], Src: at("D")},
			Value: templates.Text{Value: r[3], Src: at("E")}}
		if r[3] != "" {
			v, err := convert.ParseIndicatorValue(r[3], convert.UnitYuan)
			ind.Parsed, ind.ParsedOK = v, err == nil
		}
		p.Indicators = append(p.Indicators, ind)
	}
	return &templates.Submission{File: "测试镇.xlsx", Township: templates.Text{Value: "测试镇"}, Year: year,
		Unit: convert.UnitWan, Projects: []templates.Project{p}}
}

// cellsOf runs the rule id alone over sub and returns the cells flagged.
func cellsOf(t *testing.T, sub *templates.Submission, cfg *Config, id string) []string {
	t.Helper()
	if cfg == nil {
		cfg = Default()
	}
	var cells []string
	for _, p := range Check(sub, cfg) {
		if p.RuleID != id {
			continue
		}
		if p.Suggestion == "" || p.Message == "" || p.ProjectName == "" || p.Project == "" || p.Township == "" {
			t.Errorf("%s finding lacks a field: %+v", id, p)
		}
		cells = append(cells, p.Src.Cell)
	}
	return cells
}

// ruleCase is a named good or bad form for one rule and the cells it must
// flag (none for a good case).
type ruleCase struct {
	name string
	sub  *templates.Submission
	cfg  *Config
	want []string
}

func runRuleCases(t *testing.T, id string, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := cellsOf(t, tc.sub, tc.cfg, id)
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("%s flagged %v, want %v", id, got, tc.want)
			}
		})
	}
}

// Rows of the seed (王官营镇 2024), all of which pass every rule.
var (
	seedQuantity = row{"产出指标", "数量指标", "采购办公用品次数", "≥5次"}
	seedQuality  = row{"", "质量指标", "采购质量", "优"}
	seedTime     = row{"", "时效指标", "完成时限", "2024年12月31日前"}
	seedCost     = row{"", "成本指标", "资金使用成本", "≤0.5万元"}
	seedSocial   = row{"效益指标", "社会效益指标", "社会认可率", "≥95%"}
	seedSatisfy  = row{"满意度指标", "服务对象满意度指标", "满意度", "≥95%"}
)

// seedForm is a seed project with its six rows; the 一级 cells are carried
// down as the reader does.
func seedRows() []row {
	rows := []row{seedQuantity, seedQuality, seedTime, seedCost, seedSocial, seedSatisfy}
	l1 := ""
	for i := range rows {
		if rows[i][0] == "" {
			rows[i][0] = l1
		}
		l1 = rows[i][0]
	}
	return rows
}
