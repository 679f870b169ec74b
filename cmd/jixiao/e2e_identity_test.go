package main

import (
	"html"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jixiao/convert"
	"jixiao/templates"
)

// sheetRows are the raw cell values of a sheet of a workbook.
func sheetRows(t *testing.T, path, sheet string) [][]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// summaryRow is a township's row of 汇总.
type summaryRow struct {
	projects, budget, note string
}

// readSummary returns the townships of 汇总 in order and their rows.
func readSummary(t *testing.T, path string) ([]string, map[string]summaryRow) {
	t.Helper()
	rows := sheetRows(t, path, "汇总")
	col := map[string]int{}
	var names []string
	out := map[string]summaryRow{}
	in := false
	for _, r := range rows {
		if len(r) == 0 {
			continue
		}
		switch {
		case r[0] == "乡镇":
			for i, h := range r {
				col[h] = i
			}
			in = true
		case r[0] == "合计":
			in = false
		case in:
			get := func(h string) string {
				if i, ok := col[h]; ok && i < len(r) {
					return r[i]
				}
				return ""
			}
			names = append(names, r[0])
			out[r[0]] = summaryRow{projects: get("项目数"), budget: get("预算数"), note: get("备注")}
		}
	}
	return names, out
}

// sourceStatuses maps each file name of 来源清单 to its status.
func sourceStatuses(t *testing.T, path string) map[string]string {
	t.Helper()
	rows := sheetRows(t, path, "来源清单")
	fileCol, statusCol := -1, -1
	out := map[string]string{}
	for _, r := range rows {
		if fileCol < 0 {
			for i, h := range r {
				switch h {
				case "文件":
					fileCol = i
				case "状态":
					statusCol = i
				}
			}
			continue
		}
		if fileCol < len(r) && statusCol < len(r) && statusCol >= 0 {
			out[filepath.Base(r[fileCol])] = r[statusCol]
		}
	}
	return out
}

// copyFile copies src to dst.
func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// writeFile writes text to dir/name.
func writeFile(t *testing.T, dir, name, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// editSample copies a sample workbook to dst, replacing every text cell
// for which edit returns a new text.
func editSample(t *testing.T, src, dst string, edit func(string) (string, bool)) {
	t.Helper()
	f, err := excelize.OpenFile(src)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				if nv, ok := edit(v); ok {
					if err := f.SetCellStr(sheet, convert.CellName(r, c), nv); err != nil {
						t.Fatal(err)
					}
					n++
				}
			}
		}
	}
	if n == 0 {
		t.Fatalf("%s: no cell edited", src)
	}
	if err := f.SaveAs(dst); err != nil {
		t.Fatal(err)
	}
}

// replacing is an edit that replaces cells starting with prefix by text.
func replacing(prefix, text string) func(string) (string, bool) {
	return func(v string) (string, bool) {
		if strings.HasPrefix(v, prefix) {
			return text, true
		}
		return "", false
	}
}

// htmlExport writes a sample's sheets as a web system's "Excel" export: an
// HTML page of tables under an .xls name, titled title, with every cell that
// names the township left out, so that only the title says whose it is.
func htmlExport(t *testing.T, src, dst, title, township string) {
	t.Helper()
	wb, err := convert.ReadXLSX(src)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("<html><head><meta charset=\"utf-8\"><title>" + html.EscapeString(title) + "</title></head><body>\n")
	for _, sh := range wb.Sheets {
		b.WriteString("<table>\n")
		for _, row := range sh.Rows {
			b.WriteString("<tr>")
			for _, v := range row {
				if strings.Contains(v, township) {
					v = ""
				}
				b.WriteString("<td>" + html.EscapeString(v) + "</td>")
			}
			b.WriteString("</tr>\n")
		}
		b.WriteString("</table>\n")
	}
	b.WriteString("</body></html>\n")
	if err := os.WriteFile(dst, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// wantSummary checks that 汇总 lists exactly the townships of want, with
// their project counts and exact budgets (万元).
func wantSummary(t *testing.T, out string, want map[string][2]string) map[string]summaryRow {
	t.Helper()
	names, rows := readSummary(t, out)
	if len(names) != len(want) {
		t.Errorf("汇总 lists %q, want %d townships %v", names, len(want), want)
	}
	for name, w := range want {
		r, ok := rows[name]
		if !ok {
			t.Errorf("汇总 lacks %s (has %q)", name, names)
			continue
		}
		if r.projects != w[0] || r.budget != w[1] {
			t.Errorf("汇总 %s: %s projects, 预算数 %s; want %s, %s", name, r.projects, r.budget, w[0], w[1])
		}
	}
	return rows
}

// strayFiles writes the files a real folder holds beside the forms.
func strayFiles(t *testing.T, dir string) {
	writeFile(t, dir, "readme.txt", "本文件夹存放各乡镇报送的2024年预算绩效目标表，请勿改名。\n")
	writeFile(t, dir, "通知.csv", "序号,内容\n1,请各乡镇于1月20日前报送预算项目绩效目标表\n2,联系人：财政局预算股\n")
	writeFile(t, dir, "通知.txt", "关于报送2024年预算绩效目标的通知\n各乡镇人民政府：请按附件格式填报项目绩效目标表。\n")
}

// TestIdentityMixedFolder: a folder as it arrives — forms naming their
// township only in a combined label cell, only in a title, only in an HTML
// page's title; stray notices; a blank template — gives exactly the real
// townships with their exact totals. Run again with the county workbook
// saved into the folder, it gives the same 汇总.
func TestIdentityMixedFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "乡镇报送")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	copyFile(t, samplePath("2024", "王官营镇.xlsx"), filepath.Join(dir, "王官营镇.xlsx"))
	// both labels in one cell, as many real forms have
	editSample(t, samplePath("2024", "丰登坞镇.xlsx"), filepath.Join(dir, "附件1.xlsx"),
		replacing("填报单位", "填报单位（盖章）：姜家营乡人民政府        填报日期：2024年1月15日"))
	// the title alone says whose it is
	editSample(t, samplePath("2024", "石各庄镇.xlsx"), filepath.Join(dir, "附件2.xlsx"),
		replacing("填报单位", "丰润区石各庄镇2024年预算项目绩效目标表"))
	htmlExport(t, samplePath("2024", "沙流河镇.xlsx"), filepath.Join(dir, "网页导出.xls"), "沙流河镇2024年预算项目绩效目标表", "沙流河镇")
	strayFiles(t, dir)
	if _, stderr, code := runBinary(t, "template", "-o", filepath.Join(dir, "模板.xlsx")); code != 0 {
		t.Fatalf("template: exit %d: %s", code, stderr)
	}

	want := map[string][2]string{
		"王官营镇": {"13", "318.34"},
		"姜家营乡": {"11", "277.85"},
		"石各庄镇": {"10", "406.79"},
		"沙流河镇": {"13", "347.78"},
	}
	out := filepath.Join(dir, "县级汇总.xlsx") // saved into the folder, as drag and drop does
	stdout, stderr, code := runBinary(t, "consolidate", "-o", out, dir)
	if code != exitProblems { // the seed's 12月底 slip and 沙流河镇's intended error
		t.Fatalf("exit %d, want 1\n%s%s", code, stdout, stderr)
	}
	first := wantSummary(t, out, want)
	statuses := sourceStatuses(t, out)
	for name, st := range map[string]string{
		"readme.txt": "不是绩效目标表，未计入", "通知.csv": "不是绩效目标表，未计入", "通知.txt": "不是绩效目标表，未计入",
		"模板.xlsx": "空白模板，未计入", "网页导出.xls": "已汇总（有错误）", "附件1.xlsx": "已汇总", "附件2.xlsx": "已汇总",
	} {
		if statuses[name] != st {
			t.Errorf("来源清单 %s: %q, want %q", name, statuses[name], st)
		}
	}
	if _, listed := statuses["县级汇总.xlsx"]; listed {
		t.Errorf("the run's own output is listed among its inputs: %v", statuses)
	}

	// validate names where each name came from; the forms that state their
	// township draw no warning about it
	vout, _, _ := runBinary(t, "validate", dir)
	for _, line := range strings.Split(vout, "\n") {
		if strings.Contains(line, templates.RuleTownshipSource) && !strings.Contains(line, "王官营镇.xlsx") {
			t.Errorf("unexpected warning on the township's name: %s", line)
		}
	}
	if !strings.Contains(vout, "按文件名计为「王官营镇」") {
		t.Errorf("no warning that 王官营镇 was named after its file:\n%s", vout)
	}
	if !strings.Contains(vout, "县级汇总.xlsx 县级汇总工作簿") {
		t.Errorf("validate does not warn of the county workbook in the folder:\n%s", vout)
	}

	// again, into another file: the county workbook in the folder is not read
	// as townships; 汇总 is the same
	out2 := filepath.Join(t.TempDir(), "再次汇总.xlsx")
	if _, stderr, code := runBinary(t, "consolidate", "-o", out2, dir); code != exitProblems {
		t.Fatalf("rerun: exit %d\n%s", code, stderr)
	}
	if second := wantSummary(t, out2, want); !reflect.DeepEqual(first, second) {
		t.Errorf("rerun 汇总 %v, first run %v", second, first)
	}
	if st := sourceStatuses(t, out2)["县级汇总.xlsx"]; st != "县级汇总工作簿，未计入" {
		t.Errorf("来源清单 of the rerun: county workbook %q", st)
	}
	// and over the same output, with --force: the same
	if _, stderr, code := runBinary(t, "consolidate", "--force", "-o", out, dir); code != exitProblems {
		t.Fatalf("rerun --force: exit %d\n%s", code, stderr)
	}
	if third := wantSummary(t, out, want); !reflect.DeepEqual(first, third) {
		t.Errorf("rerun --force 汇总 %v, first run %v", third, first)
	}
}

// TestCountyWorkbookWithoutMarker: a county workbook from a version that
// wrote no marker is known by its sheets.
func TestCountyWorkbookWithoutMarker(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "县级汇总.xlsx")
	if _, stderr, code := runBinary(t, "consolidate", "-o", out, samplePath("2024")); code != exitProblems {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	wb, err := convert.ReadXLSX(out)
	if err != nil {
		t.Fatal(err)
	}
	if wb.Category != templates.MarkerCounty {
		t.Fatalf("county workbook marked %q, want %q", wb.Category, templates.MarkerCounty)
	}
	wb.Category = ""
	if !templates.IsCountyWorkbook(wb) {
		t.Error("a county workbook without its marker is not known by its sheets")
	}
	in := filepath.Join(dir, "旧版汇总.xlsx")
	if err := convert.WriteXLSX(in, wb); err != nil {
		t.Fatal(err)
	}
	again, err := convert.ReadXLSX(in)
	if err != nil {
		t.Fatal(err)
	}
	if again.Category != "" {
		t.Fatalf("copy still marked %q", again.Category)
	}
	stdout, _, code := runBinary(t, "validate", dir)
	if code != exitUsage || !strings.Contains(stdout, "旧版汇总.xlsx 县级汇总工作簿") {
		t.Errorf("exit %d, want 2 (nothing to consolidate); output:\n%s", code, stdout)
	}
}

// TestUnitMismatchForm: a whole form filled in 元 under 「单位：万元」 is an
// error for that township (exit 1) naming it, the stated unit and the
// likely one, and its 汇总 row is marked; nothing is converted. The samples,
// in 万元 and in 元, raise no such error.
func TestUnitMismatchForm(t *testing.T) {
	dir := t.TempDir()
	copyFile(t, samplePath("2024", "丰登坞镇.xlsx"), filepath.Join(dir, "丰登坞镇.xlsx"))
	editSample(t, samplePath("2024", "李钊庄镇.xlsx"), filepath.Join(dir, "李钊庄镇.xlsx"), replacing("单位：元", "单位：万元"))
	out := filepath.Join(t.TempDir(), "县级汇总.xlsx")
	stdout, stderr, code := runBinary(t, "consolidate", "-o", out, dir)
	if code != exitProblems {
		t.Fatalf("exit %d, want 1\n%s%s", code, stdout, stderr)
	}
	// amounts as written, never converted: 1,603,762.36 read as 万元
	rows := wantSummary(t, out, map[string][2]string{"丰登坞镇": {"11", "277.85"}, "李钊庄镇": {"9", "1603762.36"}})
	if rows["李钊庄镇"].note == "" || !strings.Contains(rows["李钊庄镇"].note, "单位") {
		t.Errorf("李钊庄镇's 汇总 row is not marked: %q", rows["李钊庄镇"].note)
	}
	if rows["丰登坞镇"].note != "" {
		t.Errorf("丰登坞镇's 汇总 row marked %q", rows["丰登坞镇"].note)
	}
	if !strings.Contains(stdout, "「李钊庄镇」的金额与所标单位相差一万倍") || strings.Contains(stdout, "「丰登坞镇」的金额") {
		t.Errorf("the summary does not point at 李钊庄镇 alone:\n%s", stdout)
	}
	vout, _, code := runBinary(t, "validate", dir)
	if code != exitProblems {
		t.Errorf("validate exit %d, want 1", code)
	}
	var unitErrors []string
	for _, line := range strings.Split(vout, "\n") {
		if strings.HasPrefix(line, "错误") && strings.Contains(line, templates.RuleUnit) {
			unitErrors = append(unitErrors, line)
		}
	}
	if len(unitErrors) != 1 {
		t.Fatalf("%d unit errors, want 1:\n%s", len(unitErrors), vout)
	}
	line := unitErrors[0]
	for _, want := range []string{"李钊庄镇.xlsx!项目绩效目标表!C", "「李钊庄镇」", "「元」", "「单位：万元」", "不会自动换算"} {
		if !strings.Contains(line, want) {
			t.Errorf("unit error lacks %q: %s", want, line)
		}
	}
	if regexp.MustCompile(`警告 .*李钊庄镇.*金额单位`).MatchString(vout) {
		t.Errorf("per-amount unit warnings beside the form's error:\n%s", vout)
	}

	// 万元 written under 「单位：元」 is the same error the other way round
	dir2 := t.TempDir()
	editSample(t, samplePath("2024", "丰登坞镇.xlsx"), filepath.Join(dir2, "丰登坞镇.xlsx"), replacing("单位：万元", "单位：元"))
	vout, _, code = runBinary(t, "validate", dir2)
	if code != exitProblems || !regexp.MustCompile(`错误 .*丰登坞镇.xlsx!项目绩效目标表!C\d+ 金额单位：「丰登坞镇」整张表的金额像是按「万元」填写的，表上却写明「单位：元」`).MatchString(vout) {
		t.Errorf("万元 under 元: exit %d\n%s", code, vout)
	}

	// no false alarm on the samples (万元 and 元 forms alike)
	for _, d := range []string{"2024", "2023", "variants"} {
		vout, _, _ := runBinary(t, "validate", samplePath(d))
		if strings.Contains(vout, templates.RuleUnit) {
			t.Errorf("samples/%s: unit problem raised:\n%s", d, vout)
		}
	}
}

// TestDuplicateRevision: of two files for one township, the later 填报日期
// counts, else the one whose name marks a revision; the message names both
// files, which was counted and what to do.
func TestDuplicateRevision(t *testing.T) {
	cases := []struct {
		name           string
		origDate, revD string
		counted        string // 预算数 of the file counted
		keptFile       string
	}{
		// the 2023 file stands in for the revision: its totals tell which was counted
		{"revision by name", "", "", "302.1", "丰登坞镇（修改后）.xlsx"},
		{"later 填报日期 beats the name", "2024年1月20日", "2024年1月10日", "277.85", "丰登坞镇.xlsx"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			label := func(date string) string {
				if date == "" {
					return "填报单位：丰登坞镇人民政府"
				}
				return "填报单位：丰登坞镇人民政府        填报日期：" + date
			}
			editSample(t, samplePath("2024", "丰登坞镇.xlsx"), filepath.Join(dir, "丰登坞镇.xlsx"), replacing("填报单位", label(c.origDate)))
			editSample(t, samplePath("2023", "丰登坞镇.xlsx"), filepath.Join(dir, "丰登坞镇（修改后）.xlsx"), replacing("填报单位", label(c.revD)))
			out := filepath.Join(t.TempDir(), "县级汇总.xlsx")
			stdout, stderr, code := runBinary(t, "consolidate", "-o", out, dir)
			if code != exitProblems {
				t.Fatalf("exit %d, want 1\n%s%s", code, stdout, stderr)
			}
			projects := "11"
			wantSummary(t, out, map[string][2]string{"丰登坞镇": {projects, c.counted}})
			vout, _, _ := runBinary(t, "validate", dir)
			var dup string
			for _, line := range strings.Split(vout, "\n") {
				if strings.Contains(line, "乡镇重复提交") {
					dup = line
				}
			}
			for _, want := range []string{"丰登坞镇.xlsx", "丰登坞镇（修改后）.xlsx", "计入 " + c.keptFile, "未计入合计", "移出文件夹"} {
				if !strings.Contains(dup, want) {
					t.Errorf("duplicate message lacks %q: %s", want, dup)
				}
			}
		})
	}
}

// TestTownshipListFlag: --township-list consolidates the names read
// (人民政府, 乡 for 镇, full width) and a name not on it is an error.
func TestTownshipListFlag(t *testing.T) {
	dir := t.TempDir()
	copyFile(t, samplePath("2024", "丰登坞镇.xlsx"), filepath.Join(dir, "丰登坞镇.xlsx")) // 丰登坞镇人民政府
	editSample(t, samplePath("2024", "石各庄镇.xlsx"), filepath.Join(dir, "石各庄.xlsx"), replacing("填报单位", "填报单位：石各庄乡"))
	editSample(t, samplePath("2024", "白官屯镇.xlsx"), filepath.Join(dir, "白官屯.xlsx"), func(v string) (string, bool) {
		return "白官屯镇　人民政府", v == "白官屯镇" // a full-width space, and 人民政府
	})
	copyFile(t, samplePath("2024", "李钊庄镇.xlsx"), filepath.Join(dir, "李钊庄镇.xlsx"))
	list := filepath.Join(t.TempDir(), "乡镇名单.csv")
	writeFile(t, filepath.Dir(list), "乡镇名单.csv", "乡镇,行政区划代码\n丰登坞镇,130208101\n石各庄镇,130208102\n白官屯镇,130208103\n")
	out := filepath.Join(t.TempDir(), "县级汇总.xlsx")
	stdout, stderr, code := runBinary(t, "consolidate", "--township-list", list, "-o", out, dir)
	if code != exitProblems {
		t.Fatalf("exit %d, want 1\n%s%s", code, stdout, stderr)
	}
	names, _ := readSummary(t, out)
	if want := []string{"白官屯镇", "丰登坞镇", "李钊庄镇", "石各庄镇"}; !reflect.DeepEqual(names, want) {
		t.Errorf("汇总 townships %q, want %q", names, want)
	}
	vout, _, _ := runBinary(t, "validate", "--township-list", list, dir)
	if !regexp.MustCompile(`错误 .*李钊庄镇.xlsx.* 乡镇名单：「李钊庄镇」不在乡镇名单`).MatchString(vout) {
		t.Errorf("no error for the township not on the list:\n%s", vout)
	}
	if strings.Count(vout, "乡镇名单：") != 1 {
		t.Errorf("listed names reported as unknown:\n%s", vout)
	}
}

// TestNothingToConsolidate: a folder with no form in it exits 2 and says so.
func TestNothingToConsolidate(t *testing.T) {
	dir := t.TempDir()
	strayFiles(t, dir)
	_, stderr, code := runBinary(t, "consolidate", "-o", filepath.Join(t.TempDir(), "县级汇总.xlsx"), dir)
	if code != exitUsage || !strings.Contains(stderr, "没有一个文件是可汇总的乡镇绩效目标表") || !strings.Contains(stderr, "3 个不是绩效目标表") {
		t.Errorf("exit %d, stderr %s", code, stderr)
	}
}

// englishPhrases are raw library and system texts that must never reach a
// user.
var englishPhrases = []string{"No help topic", "Required flag", "no such file", "flag provided", "Incorrect Usage",
	"stat ", "not defined", "needs an argument", "invalid value", "permission denied"}

// TestUsageMistakesInChinese: the mistakes a user makes on the command line
// exit 2 with Chinese that says what to do, and no library or system text.
func TestUsageMistakesInChinese(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "没有这个文件夹")
	out := filepath.Join(t.TempDir(), "县级汇总.xlsx")
	cases := []struct {
		name string
		args []string
		want []string
	}{
		{"mistyped command", []string{"consolidte", samplePath("2024")}, []string{"没有「consolidte」这个命令", "是否想输入「consolidate」", "feedback（退回修改）", "rules（审核规则）"}},
		{"unknown word", []string{"xyz"}, []string{"没有「xyz」这个命令", "jixiao --help"}},
		{"no -o", []string{"consolidate", samplePath("2024")}, []string{"请用 -o 指定", "县级汇总.xlsx"}},
		{"input does not exist", []string{"consolidate", "-o", out, missing}, []string{"没有这个文件夹", "不存在"}},
		{"validate input does not exist", []string{"validate", missing}, []string{"不存在"}},
		{"dropped path does not exist", []string{missing + ".xlsx"}, []string{"不存在"}},
		{"unknown option", []string{"consolidate", "--nope", "-o", out, samplePath("2024")}, []string{"没有「--nope」这个选项", "jixiao consolidate --help"}},
		{"option without value", []string{"consolidate", "-o"}, []string{"「-o」后面要写一个值"}},
		{"bad number", []string{"validate", "--jobs", "两个", samplePath("2024")}, []string{"「--jobs」的值「两个」无效"}},
		{"convert input does not exist", []string{"convert", "-o", filepath.Join(t.TempDir(), "王官营镇.xlsx"), missing + ".csv"}, []string{"不存在", "没有可转换的输入"}},
		{"township list does not exist", []string{"validate", "--township-list", missing + ".csv", samplePath("2024")}, []string{"--township-list", "不存在"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			stdout, stderr, code := runBinary(t, c.args...)
			if code != exitUsage {
				t.Errorf("exit %d, want 2\n%s%s", code, stdout, stderr)
			}
			for _, w := range c.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q: %s", w, stderr)
				}
			}
			for _, e := range englishPhrases {
				if strings.Contains(stdout+stderr, e) {
					t.Errorf("raw text %q shown: %s%s", e, stdout, stderr)
				}
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("an output was written")
			}
		})
	}
}
