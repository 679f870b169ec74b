package templates_test

import (
	"testing"

	"jixiao/convert"
	"jixiao/samples/seed"
	"jixiao/templates"
)

// TestFlatTablesRoundTrip: the seed's submission laid out as flat tables
// (in 万元 and in 元) reads back through ReadFlat to the same projects,
// amounts and indicators.
func TestFlatTablesRoundTrip(t *testing.T) {
	sub := readSample(t, "2024", "王官营镇.xlsx")
	for _, unit := range []convert.Unit{convert.UnitWan, convert.UnitYuan} {
		t.Run(unit.String(), func(t *testing.T) {
			tables := templates.FlatTables(sub, unit)
			if len(tables) != 2 || len(tables[0].Rows) != 14 || len(tables[1].Rows) != 79 {
				t.Fatalf("tables: %d, rows %d/%d", len(tables), len(tables[0].Rows), len(tables[1].Rows))
			}
			subs, ok := templates.ReadFlat(&convert.Workbook{Path: "王官营镇.csv", Sheets: tables})
			if !ok || len(subs) != 1 {
				t.Fatalf("ReadFlat: ok %v, %d submissions", ok, len(subs))
			}
			compareDocument(t, subs[0], seed.WangGuanYing(), false)
		})
	}
}

func TestFlatTablesBlankStaysBlank(t *testing.T) {
	sub := readSample(t, "2024", "王官营镇.xlsx")
	rows := templates.FlatTables(sub, convert.UnitWan)[0].Rows
	// Project 1 (2022年非税收入): 3月底 blank, 6月底 2.46, 10月底 blank, 12月底 4.92.
	header, first := rows[0], rows[1]
	want := map[string]string{"预算数(万元)": "4.92", "3月底(万元)": "", "6月底(万元)": "2.46", "10月底(万元)": "", "12月底(万元)": "4.92", "其他资金(万元)": ""}
	for i, h := range header {
		if w, ok := want[h]; ok && first[i] != w {
			t.Errorf("%s = %q, want %q", h, first[i], w)
		}
	}
}
