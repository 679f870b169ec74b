package consolidate_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"jixiao/consolidate"
	"jixiao/convert"
	"jixiao/templates"
)

// The fault corpus: every case runs next to a good township file (a copy of
// 王官营镇.xlsx), and must report the fault with its kind and location, keep
// the good file's totals, leave every input untouched and never panic.

// faultWant is one problem a case must report about its faulty file.
type faultWant struct {
	sev  templates.Severity
	rule string
	err  error // a sentinel the problem wraps, or nil
	cell bool  // the problem names a sheet and a cell
	// anyFile accepts the problem on any input: a clash between two files
	// is reported on the one read second.
	anyFile bool
}

type faultCase struct {
	name string
	slow bool // skipped under -short
	// build writes the faulty file(s) into dir and returns the file the
	// problems are about.
	build func(t *testing.T, dir string) string
	want  []faultWant
	// errors reports whether the faulty file has errors; warnings alone
	// leave it clean. The run as a whole always has errors (exit code 1):
	// 王官营镇's form carries one of its own.
	errors bool
	// check asserts anything else about the result.
	check func(t *testing.T, res *consolidate.Result, fault string)
	// within bounds the run's duration.
	within time.Duration
}

const wangYuan = "3183400" // 318.34 万元

func faultCorpus(name string) string { return filepath.Join("testdata", "faults", name) }

func copyCorpus(name string) func(t *testing.T, dir string) string {
	return func(t *testing.T, dir string) string {
		dst := filepath.Join(dir, name)
		faultCopy(t, faultCorpus(name), dst)
		return dst
	}
}

func unreadable(err error) []faultWant {
	return []faultWant{{sev: templates.Error, rule: consolidate.RuleUnreadable, err: err}}
}

func faultCases() []faultCase {
	return []faultCase{
		{name: "corrupt zip", build: copyCorpus("损坏的压缩包.xlsx"), want: unreadable(convert.ErrUnreadable), errors: true},
		{name: "truncated xlsx", errors: true, want: unreadable(convert.ErrUnreadable),
			build: func(t *testing.T, dir string) string {
				data := faultRead(t, faultSample("丰登坞镇.xlsx"))
				dst := filepath.Join(dir, "丰登坞镇（传输中断）.xlsx")
				faultWrite(t, dst, data[:len(data)*3/5])
				return dst
			}},
		// A file with no form is listed as no form (a warning and its own
		// status in 来源清单), never a township.
		{name: "empty workbook", build: copyCorpus("空白工作簿.xlsx"), check: notAForm,
			want: []faultWant{{sev: templates.Warning, rule: consolidate.RuleNotForm}}},
		{name: "zero-byte file", build: copyCorpus("零字节.xlsx"), errors: true, want: unreadable(convert.ErrUnreadable)},
		{name: "password protected", build: copyCorpus("有密码.xlsx"), want: unreadable(convert.ErrEncrypted), errors: true},
		{name: "zip bomb", errors: true, want: unreadable(convert.ErrTooLarge), within: 10 * time.Second,
			build: func(t *testing.T, dir string) string {
				dst := filepath.Join(dir, "压缩炸弹.xlsx")
				faultZipBomb(t, dst)
				return dst
			}},
		{name: "xlsx that is HTML", build: copyCorpus("网页另存.xlsx"), check: notAForm,
			want: []faultWant{{sev: templates.Warning, rule: consolidate.RuleNotForm}}},
		{name: "xlsx that is CSV", build: copyCorpus("文本另存.xlsx"), errors: true, want: unreadable(convert.ErrUnknownFormat)},
		// Auto detection decodes text that is not UTF-8 as GB18030 with
		// U+FFFD for what even GB18030 rejects: the garbled text holds no
		// form: it is listed as no form with a warning, never a silent skip
		// and never a township.
		{name: "CSV with invalid UTF-8 and NUL bytes", build: copyCorpus("乱码.csv"), check: notAForm,
			want: []faultWant{{sev: templates.Warning, rule: consolidate.RuleNotForm}}},
		{name: "CSV with runs of NUL bytes", build: copyCorpus("二进制.csv"), errors: true, want: unreadable(convert.ErrUnknownFormat)},
		// Formats jixiao does not read are named as such, never called damaged.
		{name: "PDF", errors: true, want: unreadable(convert.ErrUnsupported),
			build: func(t *testing.T, dir string) string {
				dst := filepath.Join(dir, "丰登坞镇.pdf")
				faultWrite(t, dst, []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"))
				return dst
			}},
		{name: "Excel binary workbook", errors: true, want: unreadable(convert.ErrUnsupported),
			build: func(t *testing.T, dir string) string {
				dst := filepath.Join(dir, "丰登坞镇.xlsb")
				var buf bytes.Buffer
				zw := zip.NewWriter(&buf)
				for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.bin", "xl/worksheets/sheet1.bin"} {
					w, err := zw.Create(name)
					if err != nil {
						t.Fatal(err)
					}
					if _, err := w.Write([]byte{0x83, 0x01, 0x00}); err != nil {
						t.Fatal(err)
					}
				}
				if err := zw.Close(); err != nil {
					t.Fatal(err)
				}
				faultWrite(t, dst, buf.Bytes())
				return dst
			}},
		{name: "error values", errors: true,
			build: func(t *testing.T, dir string) string {
				dst := filepath.Join(dir, "丰登坞镇.xlsx")
				faultEditFeng(t, dst, map[string]string{
					fengBudget: `<c r="C5" s="1" t="e"><f>C8/0</f><v>#DIV/0!</v></c>`,
					fengBudg2:  `<c r="C23" s="1" t="e"><v>#REF!</v></c>`,
				})
				return dst
			},
			want: []faultWant{
				{sev: templates.Error, rule: "金额格式", err: convert.ErrAmount, cell: true},
				{sev: templates.Error, rule: consolidate.RuleBudgetMissing, cell: true},
			},
			check: func(t *testing.T, res *consolidate.Result, fault string) {
				cells := map[string]bool{}
				for _, p := range problemsOf(t, res) {
					if p.Src.File == fault && p.Rule == "金额格式" {
						cells[p.Src.Cell] = true
					}
				}
				if !cells[fengBudget] || !cells[fengBudg2] {
					t.Errorf("error values reported at %v, want %s and %s", cells, fengBudget, fengBudg2)
				}
			}},
		{name: "formula without cached value", errors: true,
			build: func(t *testing.T, dir string) string {
				dst := filepath.Join(dir, "丰登坞镇.xlsx")
				faultEditFeng(t, dst, map[string]string{fengBudget: `<c r="C5" s="1"><f>E5+G5</f></c>`})
				return dst
			},
			want: []faultWant{
				{sev: templates.Warning, rule: "公式无缓存值", cell: true},
				{sev: templates.Error, rule: consolidate.RuleBudgetMissing, cell: true},
			},
			check: func(t *testing.T, res *consolidate.Result, fault string) {
				for _, p := range problemsOf(t, res) {
					if p.Rule == "公式无缓存值" && (p.Src.Sheet != fengSheet || p.Src.Cell != fengBudget) {
						t.Errorf("formula reported at %s!%s, want %s!%s", p.Src.Sheet, p.Src.Cell, fengSheet, fengBudget)
					}
				}
				// The formula's value is missing, never guessed: 丰登坞镇's
				// total lacks exactly the first project's 6.80 万元.
				faultTownTotal(t, res, "丰登坞镇", "2710500")
			}},
		{name: "sheet with 1,048,576 rows", slow: true, within: 5 * time.Minute,
			build: func(t *testing.T, dir string) string {
				dst := filepath.Join(dir, "李钊庄镇.xlsx")
				faultMaxRows(t, dst)
				return dst
			},
			check: func(t *testing.T, res *consolidate.Result, fault string) {
				faultTownTotal(t, res, "李钊庄镇", "1603762.36")
			}},
		{name: "cell of 100,000 characters", errors: false, want: nil,
			build: func(t *testing.T, dir string) string {
				dst := filepath.Join(dir, "丰登坞镇.xlsx")
				faultEditFeng(t, dst, map[string]string{fengName: inlineCell(fengName, strings.Repeat("很长的项目名称", 100000/7+1)[:100000*3])})
				return dst
			},
			check: func(t *testing.T, res *consolidate.Result, fault string) {
				faultTownTotal(t, res, "丰登坞镇", "2778500")
			}},
		{name: "file names with spaces, emoji and full-width characters", errors: true,
			build: func(t *testing.T, dir string) string {
				faultCopy(t, faultSample("丰登坞镇.xlsx"), filepath.Join(dir, "丰登坞镇 2024 报送 😀 ＡＢＣ（终稿）.xlsx"))
				dst := filepath.Join(dir, "沙流河镇 🚜 第２版 （损坏）.xlsx")
				faultCopy(t, faultCorpus("损坏的压缩包.xlsx"), dst)
				return dst
			},
			want: unreadable(convert.ErrUnreadable),
			check: func(t *testing.T, res *consolidate.Result, fault string) {
				faultTownTotal(t, res, "丰登坞镇", "2778500")
			}},
		{name: "two files for the same township", errors: true,
			build: func(t *testing.T, dir string) string {
				dst := filepath.Join(dir, "王官营镇（重报）.xlsx")
				faultCopy(t, faultSample("王官营镇.xlsx"), dst)
				return dst
			},
			want: []faultWant{{sev: templates.Error, rule: consolidate.RuleDuplicateTown}},
			check: func(t *testing.T, res *consolidate.Result, fault string) {
				_, county := res.Totals()
				if !county.Budget.Equal(decimal.RequireFromString(wangYuan)) {
					t.Errorf("county budget %s 元, want one copy: %s 元", county.Budget, wangYuan)
				}
				for _, p := range problemsOf(t, res) {
					if p.Rule == consolidate.RuleDuplicateTown &&
						!(strings.Contains(p.Message, "王官营镇.xlsx") && strings.Contains(p.Message, filepath.Base(fault))) {
						t.Errorf("duplicate problem does not name both files: %s", p.Message)
					}
				}
				for _, s := range sourcesOf(t, res) {
					if s.Path == fault && s.Status != consolidate.StatusDuplicate {
						t.Errorf("later file status %q, want %q", s.Status, consolidate.StatusDuplicate)
					}
				}
			}},
		{name: "a copy saved under a name that is no township", errors: true,
			build: func(t *testing.T, dir string) string {
				// the seed form states no 填报单位: the copy's township would
				// come from its file name
				dst := filepath.Join(dir, "新建 Microsoft Excel 工作表.xlsx")
				faultCopy(t, faultSample("王官营镇.xlsx"), dst)
				return dst
			},
			want: []faultWant{{sev: templates.Error, rule: consolidate.RuleDuplicateTown}},
			check: func(t *testing.T, res *consolidate.Result, fault string) {
				_, county := res.Totals()
				if !county.Budget.Equal(decimal.RequireFromString(wangYuan)) || res.Townships() != 1 {
					t.Errorf("%d townships, county budget %s 元, want one copy: %s 元", res.Townships(), county.Budget, wangYuan)
				}
				faultTownTotal(t, res, "王官营镇", wangYuan)
				for _, s := range sourcesOf(t, res) {
					if s.Path == fault && s.Status != consolidate.StatusDuplicate {
						t.Errorf("copy's status %q, want %q", s.Status, consolidate.StatusDuplicate)
					}
				}
			}},
		{name: "project code used by two townships", errors: false,
			build: func(t *testing.T, dir string) string {
				dst := filepath.Join(dir, "丰登坞镇.xlsx")
				faultEditFeng(t, dst, map[string]string{fengCode: inlineCell(fengCode, faultWangCode(t))})
				return dst
			},
			want: []faultWant{{sev: templates.Warning, rule: consolidate.RuleSharedCode, cell: true, anyFile: true}},
			check: func(t *testing.T, res *consolidate.Result, fault string) {
				faultTownTotal(t, res, "丰登坞镇", "2778500")
			}},
	}
}

// faultWangCode is the first 项目编码 of 王官营镇.
func faultWangCode(t *testing.T) string {
	t.Helper()
	sub, err := templates.ReadFile(context.Background(), faultSample("王官营镇.xlsx"), templates.ReadOptions{})
	if err != nil || len(sub.Projects) == 0 {
		t.Fatalf("reading the sample: %v", err)
	}
	return sub.Projects[0].Code.Value
}

// faultTownTotal asserts a counted township's 预算数 total in 元.
func faultTownTotal(t *testing.T, res *consolidate.Result, town, yuan string) {
	t.Helper()
	totals, _ := res.Totals()
	for i, sub := range subsOf(t, res) {
		if sub.Township.Value == town {
			if want := decimal.RequireFromString(yuan); !totals[i].Budget.Equal(want) {
				t.Errorf("%s budget %s 元, want %s 元", town, totals[i].Budget, want)
			}
			return
		}
	}
	t.Errorf("%s not consolidated", town)
}

func TestFaultCorpus(t *testing.T) {
	for _, tc := range faultCases() {
		t.Run(tc.name, func(t *testing.T) {
			if tc.slow && testing.Short() {
				t.Skip("large input; skipped with -short")
			}
			in := filepath.Join(t.TempDir(), "乡镇报送")
			if err := os.Mkdir(in, 0o755); err != nil {
				t.Fatal(err)
			}
			faultCopy(t, faultSample("王官营镇.xlsx"), filepath.Join(in, "王官营镇.xlsx"))
			fault := tc.build(t, in)
			before := faultSnapshot(t, in)

			start := time.Now()
			res, err := consolidate.Run(context.Background(), []string{in}, consolidate.Options{Unit: convert.UnitWan, Jobs: 2})
			if err != nil {
				t.Fatalf("Run: %v", err)
			}
			t.Cleanup(func() { res.Close() })
			if tc.within > 0 && time.Since(start) > tc.within {
				t.Errorf("run took %v, want under %v", time.Since(start), tc.within)
			}
			faultTownTotal(t, res, "王官营镇", wangYuan)
			for _, w := range tc.want {
				faultFind(t, res, fault, w)
			}
			for _, p := range problemsOf(t, res) {
				if errors.Is(p.Err, consolidate.ErrInternal) {
					t.Errorf("internal fault (recovered panic): %v", p)
				}
				if p.Src.File == "" && p.Township == "" {
					t.Errorf("problem names no file: %v", p)
				}
			}
			if res.Errors() == 0 {
				t.Errorf("run found no errors; want exit code 1 (王官营镇 carries the form's own error)")
			}
			if got := faultHasErrors(t, res, fault); got != tc.errors {
				t.Errorf("errors about %s = %v, want %v; problems:\n%s", filepath.Base(fault), got, tc.errors, faultList(t, res, ""))
			}
			if tc.check != nil {
				tc.check(t, res, fault)
			}

			out := filepath.Join(t.TempDir(), "县级汇总.xlsx")
			if err := consolidate.WriteWorkbook(context.Background(), res, out, consolidate.WriteOptions{}); err != nil {
				t.Fatalf("WriteWorkbook: %v", err)
			}
			f, err := excelize.OpenFile(out)
			if err != nil {
				t.Fatalf("output unreadable: %v", err)
			}
			f.Close()
			faultUnchanged(t, before, in)
		})
	}
}

// faultFind asserts that res reports w about file.
func faultFind(t *testing.T, res *consolidate.Result, file string, w faultWant) {
	t.Helper()
	for _, p := range problemsOf(t, res) {
		if !w.anyFile && p.Src.File != file || p.Rule != w.rule || p.Severity != w.sev {
			continue
		}
		if w.err != nil && !errors.Is(p.Err, w.err) {
			continue
		}
		if w.cell && (p.Src.Sheet == "" || p.Src.Cell == "") {
			t.Errorf("%s problem has no sheet and cell: %v", w.rule, p)
		}
		if !strings.Contains(p.Error(), filepath.Base(p.Src.File)) {
			t.Errorf("%s problem does not name the file: %v", w.rule, p)
		}
		return
	}
	t.Errorf("no %s %s problem (wrapping %v) about %s; problems:\n%s", w.sev, w.rule, w.err, filepath.Base(file), faultList(t, res, file))
}

func faultList(t *testing.T, res *consolidate.Result, file string) string {
	var b strings.Builder
	for _, p := range problemsOf(t, res) {
		if file == "" || p.Src.File == file {
			b.WriteString("  " + p.Error())
			if p.Err != nil {
				b.WriteString(" [" + p.Err.Error() + "]")
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

func faultHasErrors(t *testing.T, res *consolidate.Result, file string) bool {
	for _, p := range problemsOf(t, res) {
		if p.Src.File == file && p.Severity == templates.Error {
			return true
		}
	}
	return false
}

// notAForm checks that the fault file is listed as no form and is no
// township: 王官营镇 is the only one.
func notAForm(t *testing.T, res *consolidate.Result, fault string) {
	t.Helper()
	srcs, err := res.AllSources()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, s := range srcs {
		if s.Path == fault {
			found = true
			if s.Status != consolidate.StatusNotForm || s.Township != "" {
				t.Errorf("来源清单 row of %s = %q, township %q; want %q and no township", fault, s.Status, s.Township, consolidate.StatusNotForm)
			}
		}
	}
	if !found {
		t.Errorf("%s not listed in 来源清单", fault)
	}
	if res.Townships() != 1 {
		t.Errorf("townships = %d, want 1 (王官营镇)", res.Townships())
	}
}
