package consolidate

import (
	"testing"
	"unsafe"

	"github.com/shopspring/decimal"

	"jixiao/templates"
)

func TestPackTotals(t *testing.T) {
	in := Totals{Projects: 13, Indicators: 78, Budget: decimal.RequireFromString("3183400"),
		Fiscal: decimal.RequireFromString("3000000.5"), Other: decimal.RequireFromString("183399.5")}
	in.Plan[1] = decimal.RequireFromString("1.25")
	in.Plan[3] = decimal.RequireFromString("99999999999999999999999")
	in.Plan[2] = decimal.RequireFromString("-0.0001")
	p := packTotals(in)
	if len(p) > 64 {
		t.Errorf("packed into %d bytes", len(p))
	}
	out := p.totals()
	if out.Projects != in.Projects || out.Indicators != in.Indicators || out.Budget.String() != in.Budget.String() ||
		out.Fiscal.String() != in.Fiscal.String() || out.Other.String() != in.Other.String() {
		t.Errorf("totals %+v, want %+v", out, in)
	}
	for i := range in.Plan {
		if out.Plan[i].String() != in.Plan[i].String() || out.Plan[i].Exponent() != in.Plan[i].Exponent() {
			t.Errorf("plan %d: %s, want %s", i, out.Plan[i], in.Plan[i])
		}
	}
}

// Strings, cost texts and places are shared, and copied when first kept.
func TestInterner(t *testing.T) {
	in := newInterner()
	buf := []byte("人均成本 and more")
	level3 := string(buf[:len("人均成本")])
	a := in.costText(costText{level3: level3, raw: "≤2500元"})
	b := in.costText(costText{level3: "人均成本", raw: "≤0.5万元"})
	if unsafe.StringData(a.level3) != unsafe.StringData(b.level3) {
		t.Error("the same 三级指标 kept twice")
	}
	if unsafe.StringData(a.level3) == unsafe.StringData(level3) {
		t.Error("a kept string is not a copy of the text it came from")
	}
	c1 := in.costText(costText{level3: "人均成本", raw: "≤2500元", unit: "元"})
	c2 := in.costText(costText{level3: "人均成本", raw: "≤2500元", unit: "元"})
	if c1 != c2 {
		t.Error("equal cost texts not shared")
	}
	if c3 := in.costText(costText{level3: "人均成本", raw: "≤2600元", unit: "元"}); c3 == c1 {
		t.Error("different cost texts shared")
	}
	var nilIn *interner
	if got := nilIn.costText(costText{desc: "x"}); got.desc != "x" {
		t.Errorf("nil interner: %+v", got)
	}
	if p := in.place(templatesSource("", "")); p != nil {
		t.Errorf("empty source gives place %+v", p)
	}
	p1, p2 := in.place(templatesSource("项目1", "H12")), in.place(templatesSource("项目1", "H12"))
	if p1 != p2 || p1.source("a.xlsx").String() != "a.xlsx!项目1!H12" {
		t.Errorf("places %p %p %v", p1, p2, p1.source("a.xlsx"))
	}
}

func templatesSource(sheet, cell string) templates.Source {
	return templates.Source{File: "a.xlsx", Sheet: sheet, Cell: cell}
}
