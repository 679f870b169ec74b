package seed

import (
	"testing"

	"github.com/shopspring/decimal"
)

func TestWangGuanYing(t *testing.T) {
	d := WangGuanYing()
	if d.Township != "王官营镇" || d.Year != 2024 || d.Unit != "万元" {
		t.Fatalf("header: %q %d %q", d.Township, d.Year, d.Unit)
	}
	if len(d.Items) != 12 {
		t.Errorf("分项: %d, want 12", len(d.Items))
	}
	if d.Items[0].No != "（一）" || d.Items[11].No != "（十二）" || d.Items[11].Name != "应急管理" {
		t.Errorf("分项 numbering: %q %q %q", d.Items[0].No, d.Items[11].No, d.Items[11].Name)
	}
	if len(d.Projects) != 13 {
		t.Fatalf("projects: %d, want 13", len(d.Projects))
	}
	if n := d.IndicatorCount(); n != 78 {
		t.Errorf("indicators: %d, want 78", n)
	}
	if got := d.Total(); !got.Equal(decimal.RequireFromString("318.34")) {
		t.Errorf("total 预算数 %s, want 318.34", got)
	}
	p12 := d.Projects[11]
	if p12.Code != "13020824P00000810014W" || p12.Name != "统计专项业务费" {
		t.Errorf("table 12: %q %q", p12.Code, p12.Name)
	}
	if p12.Plan != [4]string{"", "1.00", "", "1.00"} {
		t.Errorf("table 12 plan %q", p12.Plan)
	}
	if p12.Flaw == "" {
		t.Error("table 12 should document its 12月底 shortfall")
	}
	if v := d.Projects[8].Indicators[1].Value; v != "优 " {
		t.Errorf("table 9 grade %q, want %q", v, "优 ")
	}
	for i, p := range d.Projects {
		if len(p.Indicators) != 6 {
			t.Errorf("table %d: %d indicators", i+1, len(p.Indicators))
		}
		for j, in := range p.Indicators {
			if in.L1 == "" || in.L2 == "" {
				t.Errorf("table %d row %d: blank L1/L2", i+1, j+1)
			}
		}
		if p.Other != "" {
			t.Errorf("table %d: 其他资金 %q, the seed leaves it blank", i+1, p.Other)
		}
	}
}

func TestInYuan(t *testing.T) {
	y := InYuan(WangGuanYing())
	p := y.Projects[0]
	if y.Unit != "元" || p.Budget != "49200.00" || p.Plan[1] != "24600.00" || p.Plan[0] != "" || p.Other != "" {
		t.Errorf("in 元: %q %q %q %q", y.Unit, p.Budget, p.Plan, p.Other)
	}
	if !y.Total().Equal(decimal.RequireFromString("3183400")) {
		t.Errorf("total %s", y.Total())
	}
	if WangGuanYing().Projects[0].Budget != "4.92" {
		t.Error("InYuan changed its input")
	}
}
