package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"jixiao/consolidate"
	"jixiao/consolidate/report"
	"jixiao/templates"
)

func samples(parts ...string) string {
	return filepath.Join(append([]string{"..", "..", "samples"}, parts...)...)
}

func run(t *testing.T, paths ...string) *consolidate.Result {
	t.Helper()
	res, err := consolidate.Run(context.Background(), paths, consolidate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { res.Close() })
	return res
}

func dec(t *testing.T, s string) decimal.Decimal {
	t.Helper()
	d, err := decimal.NewFromString(s)
	if err != nil {
		t.Fatalf("not a number: %q", s)
	}
	return d
}

func TestReportJSON(t *testing.T) {
	res := run(t, samples("2024"))
	var buf bytes.Buffer
	rep0, err := report.New(res, consolidate.WriteOptions{}, "out.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if err := rep0.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Unit      string
		Townships []struct{ Name, Budget string }
		Total     struct{ Budget string }
		Errors    int
		Problems  []struct{ Level, Rule, File, Sheet, Cell, Message string }
	}
	if err := json.Unmarshal(buf.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	var sum decimal.Decimal
	for _, tr := range rep.Townships {
		sum = sum.Add(dec(t, tr.Budget))
	}
	if rep.Unit != "万元" || rep.Total.Budget != "1926.476236" || !sum.Equal(dec(t, rep.Total.Budget)) {
		t.Errorf("unit %s total %s, townships sum %s", rep.Unit, rep.Total.Budget, sum)
	}
	if rep.Errors != res.Errors() || len(rep.Problems) != res.ProblemCount() {
		t.Errorf("errors %d problems %d, want %d and %d", rep.Errors, len(rep.Problems), res.Errors(), res.ProblemCount())
	}
	for _, p := range rep.Problems {
		if p.Level == "" || p.Rule == "" || p.File == "" || p.Message == "" {
			t.Errorf("problem without its location or rule: %+v", p)
		}
	}
}

// The JSON report carries whom to call about each form.
func TestTownshipInfo(t *testing.T) {
	sub, err := templates.ReadFile(context.Background(), samples("2024", "王官营镇.xlsx"), templates.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	sub.Filler.Value, sub.Phone.Value, sub.FilledOn.Value = "张三", "0315-5123456", "2024-01-15"
	f, err := templates.BuildTemplate(templates.TemplateOptions{Township: "王官营镇", RegionCode: "130208100000", Year: 2024, Prefill: sub})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	err = f.SaveAs(filepath.Join(dir, "王官营镇.xlsx"))
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	res := run(t, dir)
	rep, err := report.New(res, consolidate.WriteOptions{}, "")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := rep.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Townships []struct{ Info map[string]string }
	}
	if err := json.Unmarshal([]byte(b.String()), &got); err != nil {
		t.Fatal(err)
	}
	info := got.Townships[0].Info
	if info["org"] != "王官营镇" || info["region_code"] != "130208100000" || info["filler"] != "张三" ||
		info["phone"] != "0315-5123456" || info["filled_on"] != "2024-01-15" {
		t.Errorf("JSON info %v", info)
	}
}
