package consolidate_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jixiao/consolidate"
	"jixiao/convert"
	"jixiao/templates"
)

// infoTemplate writes a filled template for township (the seed's projects)
// with 填报人, 联系电话 and 填报日期 entered on 基本信息, as a township would.
func infoTemplate(t *testing.T, dir, township, filler string) string {
	t.Helper()
	sub, err := templates.ReadFile(context.Background(), wbSamples("2024", "王官营镇.xlsx"), templates.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	f, err := templates.BuildTemplate(templates.TemplateOptions{Township: township, RegionCode: "130208100000", Year: 2024, Prefill: sub})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	entered := 0
	rows, err := f.GetRows("基本信息")
	if err != nil {
		t.Fatal(err)
	}
	values := map[string]string{"填报人": filler, "联系电话": "0315-5123456", "填报日期": "2024-01-15"}
	for r, row := range rows {
		if len(row) > 0 && values[row[0]] != "" {
			if err := f.SetCellStr("基本信息", "B"+itoa(r+1), values[row[0]]); err != nil {
				t.Fatal(err)
			}
			entered++
		}
	}
	if entered != len(values) {
		t.Fatalf("基本信息 has %d of the labels 填报人, 联系电话, 填报日期", entered)
	}
	path := filepath.Join(dir, township+".xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func itoa(n int) string {
	name, _ := excelize.CoordinatesToCellName(1, n)
	return strings.TrimPrefix(name, "A")
}

// 乡镇信息 carries whom to call about each form.
func TestTownshipInfo(t *testing.T) {
	dir := t.TempDir()
	infoTemplate(t, dir, "王官营镇", "张三")
	res := wbRun(t, consolidate.Options{}, dir)
	f, _ := wbWrite(t, res, consolidate.WriteOptions{})
	rows := wbRows(t, f, consolidate.SheetInfo)
	want := []string{"王官营镇", "130208100000", "张三", "0315-5123456", "2024-01-15"}
	if len(rows) != 3 || len(rows[2]) < 7 || strings.Join(rows[2][:5], "|") != strings.Join(want, "|") {
		t.Fatalf("乡镇信息 rows %q, want a row %q …", rows, want)
	}
	// the template has no 工作保障措施; the township's own form has
	own := wbRun(t, consolidate.Options{}, wbSamples("2024", "王官营镇.xlsx"))
	g, _ := wbWrite(t, own, consolidate.WriteOptions{})
	if rows := wbRows(t, g, consolidate.SheetInfo); len(rows) != 3 || len(rows[2]) < 6 || !strings.Contains(rows[2][5], "加强内部监督") {
		t.Errorf("乡镇信息 of 王官营镇.xlsx %q, want its 工作保障措施", rows)
	}
}

// titledForm writes the seed form (which states no township) under a
// title line "<name>2024年预算项目绩效目标表" into dir.
func titledForm(t *testing.T, dir, name string) {
	t.Helper()
	f, err := excelize.OpenFile(wbSamples("2024", "王官营镇.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetList()[0]
	if err := f.InsertRows(sheet, 1, 1); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellStr(sheet, "A1", name+"2024年预算项目绩效目标表"); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(filepath.Join(dir, "附件-"+name+".xlsx")); err != nil {
		t.Fatal(err)
	}
}

// Every sheet's title names the county: as given, else as the townships'
// names agree on it, else 县级; so do the file's properties.
func TestCountyInTitles(t *testing.T) {
	cases := []struct {
		name   string
		towns  []string
		county string
		want   string
	}{
		{"given", []string{"王官营镇"}, "丰润区", "丰润区2024年度"},
		{"inferred", []string{"丰润区王官营镇", "丰润区左家坞镇"}, "", "丰润区2024年度"},
		{"names disagree", []string{"丰润区王官营镇", "丰南区黄各庄镇"}, "", "县级2024年度"},
		{"no county in names", []string{"王官营镇"}, "", "县级2024年度"},
		{"inferred from titles", []string{"title:丰润区丰登坞镇", "title:丰润区王官营镇"}, "", "丰润区2024年度"},
		{"titles and names disagree", []string{"title:丰润区丰登坞镇", "丰南区黄各庄镇"}, "", "县级2024年度"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, town := range tc.towns {
				if title, ok := strings.CutPrefix(town, "title:"); ok {
					titledForm(t, dir, title)
					continue
				}
				infoTemplate(t, dir, town, "张三")
			}
			res := wbRun(t, consolidate.Options{}, dir)
			if res.Townships() != len(tc.towns) {
				t.Fatalf("%d townships, want %d", res.Townships(), len(tc.towns))
			}
			f, _ := wbWrite(t, res, consolidate.WriteOptions{County: tc.county})
			for _, sheet := range f.GetSheetList() {
				if title, _ := f.GetCellValue(sheet, "A1"); !strings.HasPrefix(title, tc.want) {
					t.Errorf("%s!A1 = %q, want it to start with %q", sheet, title, tc.want)
				}
			}
			props, err := f.GetDocProps()
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(props.Title, tc.want) {
				t.Errorf("document title %q, want %q…", props.Title, tc.want)
			}
			if county := strings.TrimSuffix(tc.want, "2024年度"); county != "县级" && props.Subject != county+"预算项目绩效目标汇总" {
				t.Errorf("document subject %q, want the county %s", props.Subject, county)
			}
		})
	}
}

// Money shows two decimals in 万元 and 元 alike; the cell keeps the exact
// amount (160.376236).
func TestMoneyShowsTwoDecimals(t *testing.T) {
	for _, unit := range []string{"万元", "元"} {
		t.Run(unit, func(t *testing.T) {
			opt := consolidate.Options{}
			if unit == "元" {
				opt.Unit = convert.UnitYuan
			}
			res := wbRun(t, opt, wbSamples("2024"))
			f, _ := wbWrite(t, res, consolidate.WriteOptions{})
			for _, at := range []struct{ sheet, cell string }{{consolidate.SheetSummary, "C3"}, {consolidate.SheetSummary, "C10"},
				{consolidate.SheetProjects, "E3"}, {consolidate.SheetPivot, "B3"}} {
				id, err := f.GetCellStyle(at.sheet, at.cell)
				if err != nil {
					t.Fatal(err)
				}
				st, err := f.GetStyle(id)
				if err != nil {
					t.Fatal(err)
				}
				if st.CustomNumFmt == nil || *st.CustomNumFmt != "#,##0.00" {
					t.Errorf("%s!%s number format %v, want #,##0.00", at.sheet, at.cell, st.CustomNumFmt)
				}
			}
			if unit == "万元" {
				rows := wbRows(t, f, consolidate.SheetSummary)
				if total := findRow(t, rows, "合计"); total[2] != "1926.476236" {
					t.Errorf("合计 预算数 cell %q, want the exact 1926.476236", total[2])
				}
			}
		})
	}
}

// Rows of wrapped text are as tall as their lines; others keep the default.
func TestWrappedRowHeights(t *testing.T) {
	res := wbRun(t, consolidate.Options{}, wbSamples("2024", "王官营镇.xlsx"))
	f, _ := wbWrite(t, res, consolidate.WriteOptions{})
	rows := wbRows(t, f, consolidate.SheetOverall)
	for r, row := range rows[2:] {
		n := r + 3
		h, err := f.GetRowHeight(consolidate.SheetOverall, n)
		if err != nil {
			t.Fatal(err)
		}
		long := 0
		for _, c := range row {
			long = max(long, len([]rune(c)))
		}
		// 绩效目标 wraps at 44 characters, CJK two each: 22 a line
		switch {
		case long > 200 && h < float64(long/22)*14:
			t.Errorf("整体目标 row %d (%d characters) is %.1f pt tall, too short for its lines", n, long, h)
		case long < 10 && h > 20:
			t.Errorf("整体目标 row %d (%d characters) is %.1f pt tall", n, long, h)
		}
	}
	if h, _ := f.GetRowHeight(consolidate.SheetOverall, 3); h < 200 {
		t.Errorf("整体目标 row 3 (the 总体 target) is %.1f pt tall", h)
	}
}

// Each sheet prints on A4 landscape with its header rows on every page;
// shrunk no further than 8 pt; 分类汇总 of 18 townships too wide for one
// page runs across pages with 类别 repeated.
func TestPrintSetup(t *testing.T) {
	dir := t.TempDir()
	for _, town := range []string{"王官营镇", "左家坞镇", "泉河头镇", "杨官林镇", "银城铺镇", "常庄镇", "姜家营乡", "新军屯镇",
		"小张各庄镇", "丰润镇", "任各庄镇", "火石营镇", "岔河镇", "东风镇", "白官屯镇", "石各庄镇", "沙流河镇", "七树庄镇"} {
		infoTemplate(t, dir, town, "张三")
	}
	res := wbRun(t, consolidate.Options{}, dir)
	f, _ := wbWrite(t, res, consolidate.WriteOptions{})
	titles := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" {
			titles[dn.Scope] = dn.RefersTo
		}
	}
	for _, sheet := range f.GetSheetList() {
		layout, err := f.GetPageLayout(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if deref(layout.Size) != 9 || deref(layout.Orientation) != "landscape" {
			t.Errorf("%s prints on paper %d %s, want A4 (9) landscape", sheet, deref(layout.Size), deref(layout.Orientation))
		}
		if s := deref(layout.AdjustTo); s < 73 || s > 100 {
			t.Errorf("%s prints at %d%%, want 73%%–100%% (8 pt or more)", sheet, s)
		}
		if !strings.HasSuffix(titles[sheet], "!$1:$2") {
			t.Errorf("%s repeats %q on every page, want its title and header rows", sheet, titles[sheet])
		}
		hf, err := f.GetHeaderFooter(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(hf.OddHeader, sheet) || !strings.Contains(hf.OddHeader, "&P") {
			t.Errorf("%s header %q, want the sheet's name and the page number", sheet, hf.OddHeader)
		}
	}
	if want := "'分类汇总'!$A:$A,'分类汇总'!$1:$2"; titles[consolidate.SheetPivot] != want {
		t.Errorf("分类汇总 repeats %q, want %q", titles[consolidate.SheetPivot], want)
	}
}
