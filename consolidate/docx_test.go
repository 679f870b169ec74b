package consolidate_test

import (
	"fmt"
	"reflect"
	"sort"
	"testing"

	"github.com/shopspring/decimal"

	"jixiao/consolidate"
	"jixiao/convert"
	"jixiao/templates"
)

// TestDocxConsolidatesLikeXLSX: the Word form of 王官营镇, as generated and as LibreOffice
// saved it, and its .ods and Excel 2003 XML (named .xls) forms consolidate to exactly what
// its .xlsx twin gives: 13 projects, 318.34 万元,
// 78 indicators, the same 部门整体绩效目标 and the same error on table 12. Submissions are
// compared field by field, leaving out only where each value stood and the file's own
// name, format and digest.
func TestDocxConsolidatesLikeXLSX(t *testing.T) {
	twin := run(t, convert.UnitWan, sample("2024", "王官营镇.xlsx"))
	if twin.Townships() != 1 {
		t.Fatalf("twin: %d submissions, want 1", twin.Townships())
	}
	want := subsOf(t, twin)[0]
	checkSeedFigures(t, "twin", twin)
	wantContent := submissionContent(want)
	wantProblems := problemKeys(problemsOf(t, twin))
	if len(wantProblems) != 2 || wantProblems[0] != fmt.Sprintf("%s %s ", templates.Warning, templates.RuleTownshipSource) ||
		wantProblems[1] != fmt.Sprintf("%s %s %s", templates.Error, consolidate.RulePlanYearEnd, "13020824P00000810014W") {
		t.Fatalf("twin problems = %q, want the township-from-file-name warning and the one 12月底 error on table 12", wantProblems)
	}
	cases := []struct {
		name   string
		path   string
		format string
		sheet  string // where the problems stand
	}{
		{"generated", sample("variants", "王官营镇.docx"), "docx", convert.DocxSheetName},
		{"saved by LibreOffice", sample("variants", "王官营镇-LibreOffice.docx"), "docx", convert.DocxSheetName},
		{"OpenDocument spreadsheet", sample("variants", "王官营镇-ODF.ods"), "ods", "项目绩效目标表"},
		{"Excel 2003 XML named .xls", sample("variants", "王官营镇-XML表格.xls"), "spreadsheetml", "项目绩效目标表"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := run(t, convert.UnitWan, c.path)
			if res.Townships() != 1 || len(sourcesOf(t, res)) != 1 {
				t.Fatalf("%d submissions, %d sources; want 1, 1", res.Townships(), len(sourcesOf(t, res)))
			}
			if src := sourcesOf(t, res)[0]; src.Format != c.format || src.Status != sourcesOf(t, twin)[0].Status {
				t.Errorf("source format %q, status %q; want %s, %q", src.Format, src.Status, c.format, sourcesOf(t, twin)[0].Status)
			}
			checkSeedFigures(t, c.name, res)
			got := submissionContent(subsOf(t, res)[0])
			diffs := 0
			for i := 0; i < max(len(got), len(wantContent)); i++ {
				g, w := at(got, i), at(wantContent, i)
				if g != w {
					t.Errorf("field %d: %s %q, xlsx %q", i, c.format, g, w)
					if diffs++; diffs == 10 {
						t.Fatal("too many differences")
					}
				}
			}
			if gp := problemKeys(problemsOf(t, res)); !reflect.DeepEqual(gp, wantProblems) {
				t.Errorf("problems %q, want %q", gp, wantProblems)
			}
			for _, p := range problemsOf(t, res) {
				if p.Rule == templates.RuleTownshipSource {
					// about the file as a whole: where its name came from
					if p.Src.File != c.path {
						t.Errorf("problem %v does not name the document", p)
					}
					continue
				}
				if p.Src.File != c.path || p.Src.Sheet != c.sheet || p.Src.Cell == "" {
					t.Errorf("problem %v not located in %s", p, c.sheet)
				}
			}
		})
	}
}

// checkSeedFigures checks the seed's totals: 13 projects, 318.34 万元, 78 indicators, a
// 总体绩效目标, 12 分项 and the 工作保障措施.
func checkSeedFigures(t *testing.T, name string, res *consolidate.Result) {
	t.Helper()
	_, county := res.Totals()
	budget := convert.FromYuan(county.Budget, convert.UnitWan)
	if county.Projects != 13 || county.Indicators != 78 || !budget.Equal(decimal.RequireFromString("318.34")) {
		t.Errorf("%s: %d projects, %d indicators, %s 万元; want 13, 78, 318.34", name, county.Projects, county.Indicators, budget)
	}
	o := subsOf(t, res)[0].Overall
	if o.Summary.Value == "" || len(o.Items) != 12 || o.Measures.Value == "" {
		t.Errorf("%s: 总体 %d chars, %d 分项, 保障措施 %d chars; want text, 12, text", name,
			len(o.Summary.Value), len(o.Items), len(o.Measures.Value))
	}
}

func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return "(missing)"
}

// problemKeys lists problems as "severity rule project", sorted.
func problemKeys(ps []templates.Problem) []string {
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		out = append(out, fmt.Sprintf("%s %s %s", p.Severity, p.Rule, p.Project))
	}
	sort.Strings(out)
	return out
}

// submissionContent flattens a submission into "path=value" lines, every exported field
// but sources (Source values), the file's path, format, encoding and digest, and the
// problems (compared on their own).
func submissionContent(sub *templates.Submission) []string {
	var out []string
	v := reflect.ValueOf(*sub)
	for i := 0; i < v.NumField(); i++ {
		switch name := v.Type().Field(i).Name; name {
		case "File", "Format", "Encoding", "SHA256", "Problems":
		default:
			flatten(name, v.Field(i), &out)
		}
	}
	return out
}

var (
	sourceType  = reflect.TypeOf(templates.Source{})
	decimalType = reflect.TypeOf(decimal.Decimal{})
)

func flatten(path string, v reflect.Value, out *[]string) {
	switch v.Type() {
	case sourceType:
		return
	case decimalType:
		*out = append(*out, path+"="+v.Interface().(decimal.Decimal).String())
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if f := v.Type().Field(i); f.IsExported() {
				flatten(path+"."+f.Name, v.Field(i), out)
			}
		}
	case reflect.Slice, reflect.Array:
		*out = append(*out, fmt.Sprintf("%s.len=%d", path, v.Len()))
		for i := 0; i < v.Len(); i++ {
			flatten(fmt.Sprintf("%s[%d]", path, i), v.Index(i), out)
		}
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			*out = append(*out, path+"=nil")
			return
		}
		flatten(path, v.Elem(), out)
	default:
		*out = append(*out, fmt.Sprintf("%s=%v", path, v.Interface()))
	}
}
