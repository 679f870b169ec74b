package templates_test

import (
	"testing"

	"jixiao/convert"
	"jixiao/templates"
)

// TestDateSystems: a 填报日期 and a 时效 指标值 typed as dates hold the dates' serial numbers,
// counted from 1900 or, in a workbook of Mac Excel's 1904 date system, from 1904; both read
// as the date Excel shows. A plain number in another row is no date.
func TestDateSystems(t *testing.T) {
	cases := []struct {
		name     string
		date1904 bool
		filled   string // 填报日期 cell
		deadline string // the 时效 指标值 cell
		want     string // both, as read
	}{
		{"1900 date system", false, "45306", "45657", "2024-12-31"},
		{"1904 date system", true, "43844", "44195", "2024-12-31"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rows := append([][]string{{"填报日期", c.filled}}, formBlock()...)
			rows = append(rows, []string{"", "时效指标", "完成时间", "年底前完成", c.deadline, "年度计划"})
			wb := &convert.Workbook{Path: "王官营镇.xlsx", Format: "xlsx", Date1904: c.date1904,
				Sheets: []convert.Sheet{{Name: "项目", Rows: rows}}}
			sub := templates.Read(wb)
			if got, want := sub.FilledOn.Value, "2024-01-15"; got != want {
				t.Errorf("填报日期 %q, want %q", got, want)
			}
			if len(sub.Projects) != 1 || len(sub.Projects[0].Indicators) != 4 {
				t.Fatalf("projects %d, want 1 with 4 indicators", len(sub.Projects))
			}
			inds := sub.Projects[0].Indicators
			last := inds[3]
			if last.Value.Value != c.want || last.Parsed.Date != c.want || last.Parsed.Op != convert.OpLE {
				t.Errorf("时效 指标值 %q parsed %q %q, want %q", last.Value.Value, last.Parsed.Op, last.Parsed.Date, c.want)
			}
			if inds[0].Value.Value != "≥5次" {
				t.Errorf("数量 指标值 %q changed", inds[0].Value.Value)
			}
		})
	}
}
