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
// It fails only when the run's temporary file cannot be read.
//
//	rep, err := report.New(res, consolidate.WriteOptions{}, "县级汇总.xlsx")
func New(res *consolidate.Result, opt consolidate.WriteOptions, output string) (Report, error) {
	amt := func(yuan decimal.Decimal) string { return convert.FormatAmount(convert.FromYuan(yuan, res.Unit)) }
	totals := func(t consolidate.Totals) Totals {
		r := Totals{Projects: t.Projects, Indicators: t.Indicators, Budget: amt(t.Budget), Fiscal: amt(t.Fiscal),
			Other: amt(t.Other), Errors: t.Errors, Warnings: t.Warnings}
		for i := range r.Plan {
			r.Plan[i] = amt(t.Plan[i])
		}
		return r
	}
	per, county := res.Totals()
	countyName := opt.County
	if countyName == "" {
		countyName = res.County()
	}
	rep := Report{Output: output, Unit: res.Unit.String(), Year: res.Year, County: countyName, Files: res.SourceCount(),
		Total: totals(county), Errors: res.Errors(), Warnings: res.Warnings(),
		Townships: []Township{}, Categories: []Category{}, Problems: []Problem{}, Sources: []Source{}}
	for i, t := range res.CountedTownships() {
		rep.Townships = append(rep.Townships, Township{Name: t.Name, File: t.File, Totals: totals(per[i]),
			Conclusion: consolidate.Conclusion(per[i].Errors)})
	}
	rep.Rules = []Rule{}
	for _, rc := range res.RuleCounts() {
		rep.Rules = append(rep.Rules, Rule{ID: rc.ID, Name: rc.Name, Level: rc.Severity.String(), Basis: rc.Basis,
			Enabled: rc.Enabled, Findings: rc.Findings, Townships: rc.Townships})
	}
	i := 0
	err := res.EachInfo(func(in consolidate.TownshipInfo) error {
		rep.Townships[i].Info = in
		i++
		return nil
	})
	if err != nil {
		return Report{}, err
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
		rep.Categories = append(rep.Categories, Category{Category: c, Townships: n, Budget: amt(cur.CategoryTotal(c))})
	}
	if b := opt.Baseline; b != nil {
		br := &Baseline{Year: b.Year, Sources: b.Sources, Budget: amt(b.Pivot.Total()),
			Change: amt(cur.Total().Sub(b.Pivot.Total()))}
		for _, r := range pivot.Compare(cur, b.Pivot) {
			switch r.Status {
			case pivot.StatusNew:
				br.New++
			case pivot.StatusDropped:
				br.Dropped++
			}
		}
		rep.Baseline = br
	}
	err = res.EachProblem(func(p templates.Problem) error {
		rep.Problems = append(rep.Problems, Problem{Level: p.Severity.String(), Rule: p.Rule, RuleID: p.RuleID, Township: p.Township,
			File: p.Src.File, Sheet: p.Src.Sheet, Cell: p.Src.Cell, Project: p.Project, ProjectName: p.ProjectName, Message: p.Message,
			Suggestion: p.Suggestion, Basis: ruleBasis(p.RuleID)})
		return nil
	})
	if err == nil {
		err = res.EachSource(func(s consolidate.SourceFile) error {
			rep.Sources = append(rep.Sources, Source{Path: s.Path, Township: s.Township, Status: s.Status, SHA256: s.SHA256})
			return nil
		})
	}
	if err != nil {
		return Report{}, err
	}
	return rep, nil
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
