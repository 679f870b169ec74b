package seed

import (
	"strings"
	"testing"
)

func checkDocument(t *testing.T, d Document) {
	t.Helper()
	if d.Unit != "万元" && d.Unit != "元" {
		t.Errorf("%s %d: unit %q", d.Township, d.Year, d.Unit)
	}
	if !strings.HasSuffix(d.Township, "镇") && !strings.HasSuffix(d.Township, "乡") {
		t.Errorf("township name %q", d.Township)
	}
	codes := map[string]bool{}
	names := map[string]bool{}
	for _, p := range d.Projects {
		where := d.Township + " " + p.Name
		if len(p.Code) != 21 || !strings.HasPrefix(p.Code, "130208") || p.Code[8] != 'P' {
			t.Errorf("%s: code %q", where, p.Code)
		}
		if codes[p.Code] || names[p.Name] {
			t.Errorf("%s: duplicate code %q or name", where, p.Code)
		}
		codes[p.Code], names[p.Name] = true, true
		if len(p.Indicators) < 5 {
			t.Errorf("%s: %d indicators", where, len(p.Indicators))
		}
		for _, r := range p.Indicators {
			if r.L1 == "" || r.L2 == "" || r.L3 == "" || r.Value == "" {
				t.Errorf("%s: incomplete row %q", where, r)
			}
		}
		sound := Amount(p.Fiscal).Add(Amount(p.Other)).Equal(Amount(p.Budget))
		if !sound && p.Flaw == "" {
			t.Errorf("%s: 财政资金 %s + 其他资金 %q ≠ 预算数 %s", where, p.Fiscal, p.Other, p.Budget)
		}
		if sound && d.Township != "王官营镇" && p.Flaw != "" {
			t.Errorf("%s: flaw %q on a sound table", where, p.Flaw)
		}
		prev := Amount("")
		for i, v := range p.Plan {
			if v == "" {
				continue
			}
			if Amount(v).LessThan(prev) {
				t.Errorf("%s: plan not cumulative at %s", where, PlanMonths[i])
			}
			prev = Amount(v)
		}
		if d.Township != "王官营镇" || d.Year != 2024 {
			if !Amount(p.Plan[3]).Equal(Amount(p.Budget)) {
				t.Errorf("%s: 12月底 %q ≠ 预算数 %q", where, p.Plan[3], p.Budget)
			}
		}
		if !strings.HasSuffix(p.Title, p.Name+"绩效目标表") {
			t.Errorf("%s: title %q", where, p.Title)
		}
	}
}

func TestTownships(t *testing.T) {
	ts := Townships()
	if len(ts) < 5 {
		t.Fatalf("%d townships", len(ts))
	}
	seen := map[string]bool{"王官营镇": true}
	flawed, yuan, other := 0, 0, 0
	for _, d := range ts {
		if seen[d.Township] {
			t.Errorf("duplicate township %s", d.Township)
		}
		seen[d.Township] = true
		checkDocument(t, d)
		if d.Unit == "元" {
			yuan++
			if !strings.Contains(d.Projects[0].Budget, ".") || Amount(d.Projects[0].Budget).LessThan(Amount("1000")) {
				t.Errorf("%s: 元 amount %q", d.Township, d.Projects[0].Budget)
			}
		}
		hasFlaw := false
		for _, p := range d.Projects {
			hasFlaw = hasFlaw || p.Flaw != ""
			if p.Other != "" {
				other++
			}
		}
		if hasFlaw {
			flawed++
		}
		if len(d.Items) < 8 || d.Overall == "" {
			t.Errorf("%s: part one incomplete", d.Township)
		}
	}
	if flawed != 1 || yuan != 1 || other < 2 {
		t.Errorf("flawed townships %d, in 元 %d, projects with 其他资金 %d", flawed, yuan, other)
	}
	// Deterministic.
	a, b := Townships(), Townships()
	for i := range a {
		if a[i].Total().String() != b[i].Total().String() {
			t.Errorf("%s: not deterministic", a[i].Township)
		}
	}
}

func TestBaseline2023(t *testing.T) {
	cur, base := All(), Baseline2023()
	if len(base) != len(cur) {
		t.Fatalf("%d baselines for %d townships", len(base), len(cur))
	}
	for i, b := range base {
		c := cur[i]
		if b.Township != c.Township || b.Year != 2023 || b.Unit != c.Unit {
			t.Errorf("baseline %d: %s %d %s", i, b.Township, b.Year, b.Unit)
		}
		if len(b.Projects) != len(c.Projects) {
			t.Errorf("%s: %d projects in 2023, %d in 2024 (one dropped, one added)", b.Township, len(b.Projects), len(c.Projects))
		}
		for _, p := range b.Projects {
			if p.Flaw != "" {
				t.Errorf("%s 2023 %s: flaw %q", b.Township, p.Name, p.Flaw)
			}
			if strings.Contains(p.Name, "2024年") {
				t.Errorf("%s 2023: name %q", b.Township, p.Name)
			}
		}
		checkDocument(t, b)
		if b.Total().Equal(c.Total()) {
			t.Errorf("%s: 2023 total equals 2024 total", b.Township)
		}
	}
}
