package seed

import (
	"fmt"
	"regexp"
	"strconv"

	"github.com/shopspring/decimal"
)

// baselineFactors are the year-on-year changes applied, in turn, to the projects of the
// 2023 baseline: 2023 amount = 2024 amount × factor.
var baselineFactors = []string{"0.88", "1.10", "0.75", "1.40", "1.00", "0.62", "1.18", "0.95", "1.33", "0.60", "1.05", "0.82", "1.25"}

var yearRe = regexp.MustCompile(`(20\d\d)年`)

// shiftYears moves every "20xx年" in s one year back.
func shiftYears(s string) string {
	return yearRe.ReplaceAllStringFunc(s, func(m string) string {
		y, _ := strconv.Atoi(m[:4])
		return fmt.Sprintf("%d年", y-1)
	})
}

// Baseline2023 returns the prior year's documents of 王官营镇 and the townships of
// Townships, in the same order, for year-on-year comparison. Each is derived from its 2024
// document: amounts change by −40% to +40%, one project is dropped and one added, years in
// names, titles and indicator values move back a year, and all tables are sound (12月底 =
// 预算数 = 财政资金 + 其他资金). Projects whose name carries a year get a 2023 项目编码
// (13020823P…); the others keep their 2024 code, as continuing projects do.
func Baseline2023() []Document {
	docs := All()
	out := make([]Document, len(docs))
	for t, d := range docs {
		out[t] = baseline(t, d)
	}
	return out
}

func baseline(t int, d Document) Document {
	b := d
	b.Year = 2023
	b.Measures = shiftYears(d.Measures)
	drop := (t*5 + 3) % len(d.Projects)
	var ps []Project
	for i, p := range d.Projects {
		if i == drop {
			continue
		}
		ps = append(ps, baselineProject(p, baselineFactors[(i+t)%len(baselineFactors)]))
	}
	add := addedProject(t, d)
	ps = append(ps[:len(ps)/2], append([]Project{add}, ps[len(ps)/2:]...)...)
	for i := range ps {
		ps[i].Title = fmt.Sprintf("%d、%s绩效目标表", i+1, ps[i].Name)
	}
	b.Projects = ps
	return b
}

func baselineProject(p Project, factor string) Project {
	f := decimal.RequireFromString(factor)
	q := p
	if yearRe.MatchString(p.Name) {
		q.Code = p.Code[:6] + "23" + p.Code[8:]
	}
	q.Name = shiftYears(p.Name)
	q.Goal = shiftYears(p.Goal)
	q.Flaw = ""
	budget := Amount(p.Budget).Mul(f).Round(2)
	q.Budget = r2(budget)
	other := decimal.Zero
	if p.Other != "" {
		other = Amount(p.Other).Mul(f).Round(2)
		q.Other = r2(other)
	}
	q.Fiscal = r2(budget.Sub(other))
	for i, v := range p.Plan {
		if v != "" {
			q.Plan[i] = r2(Amount(v).Mul(f))
		}
	}
	q.Plan[3] = q.Budget
	q.Indicators = make([]Indicator, len(p.Indicators))
	for i, r := range p.Indicators {
		r.Value = shiftYears(r.Value)
		q.Indicators[i] = r
	}
	return q
}

// addedProject is a 2023 project that the township did not carry into 2024.
func addedProject(t int, d Document) Project {
	specs := []spec{
		{kind: "森林防火", budget: "4.20", plan: "thirds", count: "≥10次", cost: "≤600元", serial: 62},
		{kind: "退役军人", budget: "3.30", plan: "late", count: "≥80人", cost: "≤300元", serial: 42},
	}
	s := specs[t%len(specs)]
	for _, c := range []spec{specs[t%len(specs)], specs[(t+1)%len(specs)]} {
		if !hasKind(d, c.kind) {
			s = c
			break
		}
	}
	s.serial += t * 100
	if d.Unit == "元" {
		s.budget = Amount(s.budget).Shift(4).StringFixed(2)
	}
	unit, _ := strconv.Atoi(d.Projects[0].Code[16:20])
	p := build(2023, unit, []spec{s})[0]
	for _, r := range d.Projects[0].Indicators {
		if r.L1 == "成本指标" {
			p.Indicators = framework2021(p.Indicators)
			break
		}
	}
	return p
}

func hasKind(d Document, k string) bool {
	name := fill(kinds[k].name, d.Year, "", "")
	for _, p := range d.Projects {
		if p.Name == name {
			return true
		}
	}
	return false
}
