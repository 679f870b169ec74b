package consolidate

import (
	"encoding/json"
	"io"

	"github.com/shopspring/decimal"

	"jixiao/convert"
	"jixiao/templates"
)

// Report is the machine-readable summary of a run (--json): townships,
// totals as exact decimal strings in the workbook unit, counts, and every
// problem with its location.
type Report struct {
	Output     string           `json:"output,omitempty"`
	Unit       string           `json:"unit"`
	Year       int              `json:"year,omitempty"`
	County     string           `json:"county,omitempty"`
	Files      int              `json:"files"`
	Townships  []TownshipReport `json:"townships"`
	Total      TotalsReport     `json:"total"`
	Categories []CategoryReport `json:"categories"`
	Baseline   *BaselineReport  `json:"baseline,omitempty"`
	Errors     int              `json:"errors"`
	Warnings   int              `json:"warnings"`
	Rules      []RuleReport     `json:"rules"`
	Problems   []ProblemReport  `json:"problems"`
	Sources    []SourceReport   `json:"sources"`
}

// TotalsReport holds amounts as exact decimal strings in the report's unit.
type TotalsReport struct {
	Projects   int       `json:"projects"`
	Indicators int       `json:"indicators"`
	Budget     string    `json:"budget"`
	Fiscal     string    `json:"fiscal"`
	Other      string    `json:"other"`
	Plan       [4]string `json:"plan"` // 3月底, 6月底, 10月底, 12月底
	Errors     int       `json:"errors"`
	Warnings   int       `json:"warnings"`
}

// TownshipReport is one counted township.
type TownshipReport struct {
	Name string `json:"name"`
	File string `json:"file"`
	TotalsReport
	// Conclusion is the 审核结论: 通过 or 需修改：n 项.
	Conclusion string `json:"conclusion"`
	// Info is what the form says about the township (乡镇信息).
	Info TownshipInfo `json:"info"`
}

// RuleReport is one review rule as configured, with its counts.
type RuleReport struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Level     string `json:"level"`
	Basis     string `json:"basis"`
	Enabled   bool   `json:"enabled"`
	Findings  int    `json:"findings"`
	Townships int    `json:"townships"`
}

// CategoryReport is one 类别's county total.
type CategoryReport struct {
	Category  string `json:"category"`
	Townships int    `json:"townships"`
	Budget    string `json:"budget"`
}

// BaselineReport summarises the 基期 comparison.
type BaselineReport struct {
	Year    int      `json:"year,omitempty"`
	Sources []string `json:"sources"`
	Budget  string   `json:"budget"`
	Change  string   `json:"change"`
	New     int      `json:"new"`
	Dropped int      `json:"dropped"`
}

// ProblemReport is one problem, located.
type ProblemReport struct {
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

// SourceReport is one input file and what became of it.
type SourceReport struct {
	Path     string `json:"path"`
	Township string `json:"township,omitempty"`
	Status   string `json:"status"`
	SHA256   string `json:"sha256,omitempty"`
}

// NewReport builds the report of res; opt supplies the categories and the
// baseline used for the workbook, output its path ("" when none was written).
// It fails only when the run's temporary file cannot be read.
//
//	rep, err := consolidate.NewReport(res, consolidate.WriteOptions{}, "县级汇总.xlsx")
func NewReport(res *Result, opt WriteOptions, output string) (Report, error) {
	amt := func(yuan decimal.Decimal) string { return convert.FormatAmount(convert.FromYuan(yuan, res.Unit)) }
	totals := func(t Totals) TotalsReport {
		r := TotalsReport{Projects: t.Projects, Indicators: t.Indicators, Budget: amt(t.Budget), Fiscal: amt(t.Fiscal),
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
		Townships: []TownshipReport{}, Categories: []CategoryReport{}, Problems: []ProblemReport{}, Sources: []SourceReport{}}
	for i, sub := range res.counted {
		rep.Townships = append(rep.Townships, TownshipReport{Name: sub.township, File: sub.file, TotalsReport: totals(per[i]),
			Conclusion: Conclusion(per[i].Errors)})
	}
	rep.Rules = []RuleReport{}
	for _, rc := range res.RuleCounts() {
		rep.Rules = append(rep.Rules, RuleReport{ID: rc.ID, Name: rc.Name, Level: rc.Severity.String(), Basis: rc.Basis,
			Enabled: rc.Enabled, Findings: rc.Findings, Townships: rc.Townships})
	}
	i := 0
	err := res.EachSubmission(func(sub *templates.Submission) error {
		rep.Townships[i].Info = InfoOf(sub)
		i++
		return nil
	})
	if err != nil {
		return Report{}, err
	}
	pivot, err := BuildPivot(res, opt.Categories)
	if err != nil {
		return Report{}, err
	}
	for _, c := range pivot.Categories {
		n := 0
		for _, t := range pivot.Townships {
			if _, ok := pivot.Amount(c, t); ok {
				n++
			}
		}
		rep.Categories = append(rep.Categories, CategoryReport{Category: c, Townships: n, Budget: amt(pivot.CategoryTotal(c))})
	}
	if b := opt.Baseline; b != nil {
		br := &BaselineReport{Year: b.Year, Sources: b.Sources, Budget: amt(b.Pivot.Total()),
			Change: amt(pivot.Total().Sub(b.Pivot.Total()))}
		for _, r := range CompareBaseline(pivot, b.Pivot) {
			switch r.Status {
			case StatusNew:
				br.New++
			case StatusDropped:
				br.Dropped++
			}
		}
		rep.Baseline = br
	}
	err = res.EachProblem(func(p templates.Problem) error {
		rep.Problems = append(rep.Problems, ProblemReport{Level: p.Severity.String(), Rule: p.Rule, RuleID: p.RuleID, Township: p.Township,
			File: p.Src.File, Sheet: p.Src.Sheet, Cell: p.Src.Cell, Project: p.Project, ProjectName: p.ProjectName, Message: p.Message,
			Suggestion: p.Suggestion, Basis: ruleBasis(p.RuleID)})
		return nil
	})
	if err == nil {
		err = res.EachSource(func(s SourceFile) error {
			rep.Sources = append(rep.Sources, SourceReport{Path: s.Path, Township: s.Township, Status: s.Status, SHA256: s.SHA256})
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
