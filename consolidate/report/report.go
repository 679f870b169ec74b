// Package report is the machine-readable summary of a consolidation run
// (jixiao consolidate --json): townships, totals, categories, the 基期
// comparison, review rules, problems and sources.
package report

import (
	"encoding/json"
	"io"

	"github.com/shopspring/decimal"

	"jixiao/consolidate"
	"jixiao/consolidate/pivot"
	"jixiao/consolidate/review"
	"jixiao/convert"
	"jixiao/templates"
)

// Report is the machine-readable summary of a run (--json): townships,
// totals as exact decimal strings in the workbook unit, counts, and every
// problem with its location.
type Report struct {
	Output     string     `json:"output,omitempty"`
	Unit       string     `json:"unit"`
	Year       int        `json:"year,omitempty"`
	County     string     `json:"county,omitempty"`
	Files      int        `json:"files"`
	Townships  []Township `json:"townships"`
	Total      Totals     `json:"total"`
	Categories []Category `json:"categories"`
	Baseline   *Baseline  `json:"baseline,omitempty"`
	Errors     int        `json:"errors"`
	Warnings   int        `json:"warnings"`
	Rules      []Rule     `json:"rules"`
	Problems   []Problem  `json:"problems"`
	Sources    []Source   `json:"sources"`
}

// Totals holds amounts as exact decimal strings in the report's unit.
type Totals struct {
	Projects   int       `json:"projects"`
	Indicators int       `json:"indicators"`
	Budget     string    `json:"budget"`
	Fiscal     string    `json:"fiscal"`
	Other      string    `json:"other"`
	Plan       [4]string `json:"plan"` // 3月底, 6月底, 10月底, 12月底
	Errors     int       `json:"errors"`
	Warnings   int       `json:"warnings"`
}

// Township is one counted township.
type Township struct {
	Name string `json:"name"`
	File string `json:"file"`
	Totals
	// Conclusion is the 审核结论: 通过 or 需修改：n 项.
	Conclusion string `json:"conclusion"`
	// Info is what the form says about the township (乡镇信息).
	Info consolidate.TownshipInfo `json:"info"`
}

// Rule is one review rule as configured, with its counts.
type Rule struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Level     string `json:"level"`
	Basis     string `json:"basis"`
	Enabled   bool   `json:"enabled"`
	Findings  int    `json:"findings"`
	Townships int    `json:"townships"`
}

// Category is one 类别's county total.
type Category struct {
	Category  string `json:"category"`
	Townships int    `json:"townships"`
	Budget    string `json:"budget"`
}

// Baseline summarises the 基期 comparison.
type Baseline struct {
	Year    int      `json:"year,omitempty"`
	Sources []string `json:"sources"`
	Budget  string   `json:"budget"`
	Change  string   `json:"change"`
	New     int      `json:"new"`
	Dropped int      `json:"dropped"`
}

// Problem is one problem, located.
type Problem struct {
	Level    string `json:"level"`
	Rule     string `json:"rule"`
	RuleID   string `json:"rule_id,omitempty"`
	Township string `json:"township,omitempty"`
	File     string `json:"file,omitempty"`
	Sheet    string `json:"sheet,omitempty"`
	Cell     string `json:"cell,omitempty"`
	Project  string `json:"project,omitempty"`
	// ProjectName is the 项目名称.
	ProjectName string `json:"project_name,omitempty"`
	Message     string `json:"message"`
	// Suggestion is the 处理建议; Basis the review rule's basis.
	Suggestion string `json:"suggestion,omitempty"`
	Basis      string `json:"basis,omitempty"`
}

// Source is one input file and what became of it.
type Source struct {
	Path     string `json:"path"`
	Township string `json:"township,omitempty"`
	Status   string `json:"status"`
	SHA256   string `json:"sha256,omitempty"`
}

// New builds the report of res; opt supplies the categories and the
// baseline used for the workbook, output its path ("" when none was written).
// It holds every township, problem and source in memory: Write streams them.
// It fails only when the run's temporary file cannot be read.
//
//	rep, err := report.New(res, consolidate.WriteOptions{}, "县级汇总.xlsx")
func New(res *consolidate.Result, opt consolidate.WriteOptions, output string) (Report, error) {
	b := newBuilder(res)
	rep, err := b.head(opt, output)
	if err == nil {
		err = b.eachTownship(func(t Township) error { rep.Townships = append(rep.Townships, t); return nil })
	}
	if err == nil {
		err = eachProblem(res, func(p Problem) error { rep.Problems = append(rep.Problems, p); return nil })
	}
	if err == nil {
		err = eachSource(res, func(s Source) error { rep.Sources = append(rep.Sources, s); return nil })
	}
	if err != nil {
		return Report{}, err
	}
	return rep, nil
}

// builder makes the parts of a report from a run.
type builder struct {
	res    *consolidate.Result
	per    []consolidate.Totals
	county consolidate.Totals
}

func newBuilder(res *consolidate.Result) *builder {
	b := &builder{res: res}
	b.per, b.county = res.Totals()
	return b
}

// amount is an exact amount in 元 as a decimal string in the run's unit.
func (b *builder) amount(yuan decimal.Decimal) string {
	return convert.FormatAmount(convert.FromYuan(yuan, b.res.Unit))
}

func (b *builder) totals(t consolidate.Totals) Totals {
	r := Totals{Projects: t.Projects, Indicators: t.Indicators, Budget: b.amount(t.Budget), Fiscal: b.amount(t.Fiscal),
		Other: b.amount(t.Other), Errors: t.Errors, Warnings: t.Warnings}
	for i := range r.Plan {
		r.Plan[i] = b.amount(t.Plan[i])
	}
	return r
}

// head is the report without its townships, problems and sources (empty
// lists), which grow with the run.
func (b *builder) head(opt consolidate.WriteOptions, output string) (Report, error) {
	res := b.res
	countyName := opt.County
	if countyName == "" {
		countyName = res.County()
	}
	rep := Report{Output: output, Unit: res.Unit.String(), Year: res.Year, County: countyName, Files: res.SourceCount(),
		Total: b.totals(b.county), Errors: res.Errors(), Warnings: res.Warnings(),
		Townships: []Township{}, Categories: []Category{}, Rules: []Rule{}, Problems: []Problem{}, Sources: []Source{}}
	for _, rc := range res.RuleCounts() {
		rep.Rules = append(rep.Rules, Rule{ID: rc.ID, Name: rc.Name, Level: rc.Severity.String(), Basis: rc.Basis,
			Enabled: rc.Enabled, Findings: rc.Findings, Townships: rc.Townships})
	}
	cur, err := consolidate.BuildPivot(res, opt.Categories)
	if err != nil {
		return Report{}, err
	}
	for _, c := range cur.Categories {
		n := 0
		for _, t := range cur.Townships {
			if _, ok := cur.Amount(c, t); ok {
				n++
			}
		}
		rep.Categories = append(rep.Categories, Category{Category: c, Townships: n, Budget: b.amount(cur.CategoryTotal(c))})
	}
	if base := opt.Baseline; base != nil {
		br := &Baseline{Year: base.Year, Sources: base.Sources, Budget: b.amount(base.Pivot.Total()),
			Change: b.amount(cur.Total().Sub(base.Pivot.Total()))}
		for _, r := range pivot.Compare(cur, base.Pivot) {
			switch r.Status {
			case pivot.StatusNew:
				br.New++
			case pivot.StatusDropped:
				br.Dropped++
			}
		}
		rep.Baseline = br
	}
	return rep, nil
}

// eachTownship calls fn with each counted township, in township order.
func (b *builder) eachTownship(fn func(Township) error) error {
	counted := b.res.CountedTownships()
	i := 0
	return b.res.EachInfo(func(in consolidate.TownshipInfo) error {
		t := Township{Name: counted[i].Name, File: counted[i].File, Totals: b.totals(b.per[i]),
			Conclusion: consolidate.Conclusion(b.per[i].Errors), Info: in}
		i++
		return fn(t)
	})
}

// eachProblem calls fn with each problem of res, in order.
func eachProblem(res *consolidate.Result, fn func(Problem) error) error {
	return res.EachProblem(func(p templates.Problem) error {
		return fn(Problem{Level: p.Severity.String(), Rule: p.Rule, RuleID: p.RuleID, Township: p.Township,
			File: p.Src.File, Sheet: p.Src.Sheet, Cell: p.Src.Cell, Project: p.Project, ProjectName: p.ProjectName, Message: p.Message,
			Suggestion: p.Suggestion, Basis: ruleBasis(p.RuleID)})
	})
}

// eachSource calls fn with each source of res, in order.
func eachSource(res *consolidate.Result, fn func(Source) error) error {
	return res.EachSource(func(s consolidate.SourceFile) error {
		return fn(Source{Path: s.Path, Township: s.Township, Status: s.Status, SHA256: s.SHA256})
	})
}

// WriteJSON writes the report as indented JSON.
//
//	err := rep.WriteJSON(os.Stdout)
func (r Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// ruleBasis is the basis of a review rule, "" for the other checks.
func ruleBasis(id string) string {
	r, _ := review.Lookup(id)
	return r.Basis
}
