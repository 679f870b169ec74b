// Package review is the bureau's quality review of performance targets
// (绩效目标审核): before a township's targets are approved, each indicator is
// checked for 完整性, 相关性, 适当性 and 可行性.
//
// Where to add a rule: one file per rule (r1_placeholder.go, r2_unit.go, …),
// each holding the rule's definition (id, Chinese name, severity, basis) and
// one small function over a project; list it in All (rules.go) and give it a
// table test with a named good and a named bad case in its own _test file.
//
// Every finding names the cell of the indicator it is about (its 指标值 or
// 三级指标 cell, as read), the 项目编码 and 项目名称, and a 处理建议.
package review

import (
	"fmt"
	"strings"

	"jixiao/convert"
	"jixiao/templates"
)

// Rule is one review rule.
type Rule struct {
	// ID is R1…R9 (R4b is the second half of R4); stable, used in --rules.
	ID string
	// Name is the rule's Chinese name, shown with its id in 校验问题.
	Name string
	// Severity is the default: Error where the basis is a written rule,
	// Warning where the rule is an inference.
	Severity templates.Severity
	// Basis is where the rule comes from.
	Basis string
	// check reviews one project of a form and flags what it finds.
	check func(c *checker, p *templates.Project)
}

// Check reviews one submission with the rules of cfg (Default() when nil)
// and returns the findings, each located at its indicator's cell.
//
//	for _, p := range review.Check(sub, review.Default()) { fmt.Println(p) }
func Check(sub *templates.Submission, cfg *Config) []templates.Problem {
	if cfg == nil {
		cfg = Default()
	}
	c := &checker{sub: sub, cfg: cfg, fw: DetectFramework(sub)}
	for i := range sub.Projects {
		p := &sub.Projects[i]
		c.empty = c.empty[:0]
		for k := range p.Indicators {
			v := p.Indicators[k].Value.Value
			c.empty = append(c.empty, strings.TrimSpace(v) == "" || cfg.isPlaceholder(v))
		}
		for j := range cfg.rules {
			r := &cfg.rules[j]
			if r.off {
				continue
			}
			c.rule = r
			r.check(c, p)
		}
	}
	return c.out
}

// checker is the state of one submission's review.
type checker struct {
	sub  *templates.Submission
	cfg  *Config
	fw   templates.Framework
	rule *configured
	out  []templates.Problem
	// empty tells, for each indicator of the project under review, whether
	// its 指标值 is blank or a placeholder.
	empty []bool
}

// flag records a finding of the current rule about project p at cell at.
func (c *checker) flag(p *templates.Project, at templates.Source, msg, fix string) {
	c.out = append(c.out, templates.Problem{Severity: c.rule.severity, Rule: c.rule.Name, RuleID: c.rule.ID,
		Township: c.sub.Township.Value, Src: at, Project: projectLabel(p), ProjectName: p.Name.Value,
		Message: msg, Suggestion: fix})
}

// projectLabel is the 项目编码, or the 项目名称 when the code is missing.
func projectLabel(p *templates.Project) string {
	if p.Code.Value != "" {
		return p.Code.Value
	}
	return p.Name.Value
}

// DetectFramework tells which indicator framework a form follows: the 2021
// one when any indicator has 成本指标 as its 一级指标 or a 2021 成本 二级指标
// (经济/社会/生态环境成本指标), else the classic one.
//
//	review.DetectFramework(sub).Name // "classic" or "2021"
func DetectFramework(sub *templates.Submission) templates.Framework {
	for _, p := range sub.Projects {
		for _, ind := range p.Indicators {
			if templates.Level1Kind(ind.Level1.Value) == "成本" {
				return templates.Framework2021()
			}
			switch frameworkName(ind.Level2.Value) {
			case "经济成本指标", "社会成本指标", "生态环境成本指标":
				return templates.Framework2021()
			}
		}
	}
	return templates.Classic()
}

// frameworkNames are the names of both frameworks as they are usually
// written, with their short forms, for frameworkName's quick path.
var frameworkNames = func() map[string]string {
	m := map[string]string{}
	for _, fw := range []templates.Framework{templates.Classic(), templates.Framework2021()} {
		for _, g := range fw.Groups {
			for _, n := range append([]string{g.Level1}, g.Level2...) {
				m[n], m[strings.TrimSuffix(n, "指标")] = n, n
			}
		}
	}
	return m
}()

// frameworkName folds a 一级/二级 name to the framework's spelling: widths
// and spaces folded, "指标" added where left off ("产出" → "产出指标").
func frameworkName(s string) string {
	if n, ok := frameworkNames[s]; ok {
		return n
	}
	s = convert.NormalizeLabel(s)
	if s == "" || strings.HasSuffix(s, "指标") {
		return s
	}
	return s + "指标"
}

// Indicator kinds by 二级指标 (and the 2021 一级 成本指标).
const (
	kindQuantity = "数量"
	kindQuality  = "质量"
	kindTime     = "时效"
	kindCost     = "成本"
)

// kindOf is the 产出 kind of an indicator (数量, 质量, 时效, 成本), or its
// 一级 kind (效益, 满意度), or "".
func kindOf(ind *templates.Indicator) string {
	if templates.Level1Kind(ind.Level1.Value) == kindCost {
		return kindCost
	}
	l2 := ind.Level2.Value
	for _, k := range []string{kindQuantity, kindQuality, kindTime, kindCost} {
		if strings.Contains(l2, k) {
			return k
		}
	}
	return templates.Level1Kind(ind.Level1.Value)
}

// rateWords mark an indicator measured as a share: its value wants a %.
var rateWords = []string{"率", "满意度", "比例", "占比", "比重", "百分比"}

// isRate reports whether an indicator is a rate or a 满意度 by its names.
func isRate(ind *templates.Indicator) bool {
	for _, w := range rateWords {
		if strings.Contains(ind.Level3.Value, w) || strings.Contains(ind.Desc.Value, w) {
			return true
		}
	}
	return false
}

// example is a well-formed 指标值 of an indicator's kind, for 处理建议.
func (c *checker) example(ind *templates.Indicator) string {
	switch kindOf(ind) {
	case kindQuantity:
		return "≥5次（写明数量和计量单位）"
	case kindQuality:
		return "优 或 ≥95%"
	case kindTime:
		return c.yearEnd()
	case kindCost:
		return "≤0.5万元"
	}
	return "≥95%"
}

// yearEnd is "YYYY年12月31日前" of the form's budget year.
func (c *checker) yearEnd() string {
	if y := c.sub.Year; y > 0 {
		return fmt.Sprintf("%d年12月31日前", y)
	}
	return "本年度12月31日前"
}

// isEmpty reports whether indicator i of the project under review states
// no 指标值: blank or a placeholder (R1's business; the other rules leave it
// alone).
func (c *checker) isEmpty(i int) bool { return c.empty[i] }
