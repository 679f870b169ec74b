package baseline_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/shopspring/decimal"

	"jixiao/consolidate"
	"jixiao/consolidate/baseline"
	"jixiao/consolidate/category"
	"jixiao/convert"
)

var samples2023 = filepath.Join("..", "..", "samples", "2023")

// countyWorkbook consolidates the 2023 samples with opt and writes their
// county workbook to a temporary folder, returning its path.
func countyWorkbook(t *testing.T, opt consolidate.Options) string {
	t.Helper()
	ctx := context.Background()
	res, err := consolidate.Run(ctx, []string{samples2023}, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Close()
	path := filepath.Join(t.TempDir(), "县级汇总.xlsx")
	if err := consolidate.WriteWorkbook(ctx, res, path, consolidate.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	return path
}

// expected sums the 2023 submissions by 乡镇 and 类别, in 元.
func expected(t *testing.T) map[[2]string]decimal.Decimal {
	t.Helper()
	res, err := consolidate.Run(context.Background(), []string{samples2023}, consolidate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer res.Close()
	subs, err := res.AllSubmissions()
	if err != nil {
		t.Fatal(err)
	}
	out := map[[2]string]decimal.Decimal{}
	for _, sub := range subs {
		for _, p := range sub.Projects {
			k := [2]string{sub.Township.Value, category.Default(p.Name.Value)}
			out[k] = out[k].Add(p.Budget.Yuan)
		}
	}
	return out
}

// TestFromCountyWorkbook reads the 基期 back from a county workbook written
// in 元 or 万元 and finds the same amounts as from the township files.
func TestFromCountyWorkbook(t *testing.T) {
	want := expected(t)
	for _, unit := range []convert.Unit{convert.UnitYuan, convert.UnitWan} {
		t.Run(unit.String(), func(t *testing.T) {
			path := countyWorkbook(t, consolidate.Options{Unit: unit})
			base, err := baseline.Load(context.Background(), []string{path}, consolidate.Options{}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if base.Result != nil || base.Year != 2023 {
				t.Errorf("not read as a county workbook: result %v, year %d", base.Result != nil, base.Year)
			}
			n := 0
			for _, c := range base.Pivot.Categories {
				for _, town := range base.Pivot.Townships {
					got, ok := base.Pivot.Amount(c, town)
					if !ok {
						continue
					}
					n++
					if w := want[[2]string{town, c}]; !got.Equal(w) {
						t.Errorf("%s/%s: %s 元, want %s", town, c, got, w)
					}
				}
			}
			if n != len(want) {
				t.Errorf("%d cells, want %d", n, len(want))
			}
		})
	}
}

// TestTownshipTwice refuses a township found both in a county workbook and
// in the township files.
func TestTownshipTwice(t *testing.T) {
	path := countyWorkbook(t, consolidate.Options{})
	_, err := baseline.Load(context.Background(), []string{path, samples2023}, consolidate.Options{}, nil)
	if !errors.Is(err, baseline.ErrUnusable) {
		t.Fatalf("err = %v, want ErrUnusable for townships in two sources", err)
	}
}
