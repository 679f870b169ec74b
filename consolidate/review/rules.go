package review

import (
	"strings"

	"github.com/shopspring/decimal"

	"jixiao/convert"
	"jixiao/templates"
)

// All returns the rules in order, with their default severities.
//
//	for _, r := range review.All() { fmt.Println(r.ID, r.Name) }
func All() []Rule {
	return []Rule{ruleR1(), ruleR2(), ruleR2b(), ruleR3(), ruleR4(), ruleR4b(), ruleR5(), ruleR6(), ruleR7(), ruleR8(), ruleR9()}
}

// Lookup returns the rule with id (case-insensitive: "r4b" is R4b).
//
//	r, ok := review.Lookup("R7")
func Lookup(id string) (Rule, bool) {
	for _, r := range All() {
		if strings.EqualFold(r.ID, strings.TrimSpace(id)) {
			return r, true
		}
	}
	return Rule{}, false
}

// The sources the rules rest on.
const (
	basisEntry     = "省级预算管理一体化系统绩效目标填报规则"
	basisLocal     = "地方绩效目标设置管理办法（量化为主、定性分级分档）"
	basisFramework = "绩效指标体系（经典体系；财预〔2021〕101号）"
	basisInference = "推断：财预〔2015〕88号审核要点"
)

// Default placeholders (R1) and vague words (R4b).
var (
	defaultPlaceholders = []string{"*", "_", "-", "—", "——", "--", "无", "/", "\\", "…", "……", "略", "暂无", "空", "待定", "不适用"}
	defaultVague        = []string{"较好", "明显", "显著", "有效", "提高", "提升", "进一步", "有所", "逐步", "不断", "稳步", "大幅", "基本", "加强", "改善", "增强"}
)

// Config is a rule set as a run uses it: which rules are on, at which
// severity, with which word lists and thresholds, and the baseline targets
// R9 compares with. The zero value is not ready; use Default or LoadConfig.
type Config struct {
	rules        []configured
	placeholders []string
	vague        []string
	// placeholderSet holds the placeholders folded (see setPlaceholders);
	// digitPlaceholder is true when one of them has a digit.
	placeholderSet   map[string]bool
	digitPlaceholder bool
	// minSatisfaction is the lowest 满意度 target accepted (R2b), in %;
	// hasMin is false when none is set (the default: no source gives one).
	minSatisfaction decimal.Decimal
	hasMin          bool
	// Baseline holds last year's targets for R9; nil skips R9.
	Baseline *Targets
}

// configured is a rule with its severity and switch as configured.
type configured struct {
	Rule
	severity templates.Severity
	off      bool
}

// Default returns every rule on, at its default severity, with the default
// word lists and no minimum 满意度.
//
//	cfg := review.Default()
func Default() *Config {
	c := &Config{vague: defaultVague}
	c.setPlaceholders(defaultPlaceholders)
	for _, r := range All() {
		c.rules = append(c.rules, configured{Rule: r, severity: r.Severity})
	}
	return c
}

// None returns a rule set with every rule off (a run without review).
func None() *Config {
	c := Default()
	for i := range c.rules {
		c.rules[i].off = true
	}
	return c
}

// RuleState is a rule as configured: its severity and whether it runs.
type RuleState struct {
	Rule
	Enabled bool
}

// Rules returns the rules of c in order, as configured (Rule.Severity is
// the configured severity).
func (c *Config) Rules() []RuleState {
	out := make([]RuleState, len(c.rules))
	for i, r := range c.rules {
		out[i] = RuleState{Rule: r.Rule, Enabled: !r.off}
		out[i].Severity = r.severity
		out[i].check = nil
	}
	return out
}

// Placeholders and Vague return the word lists in use.
func (c *Config) Placeholders() []string { return c.placeholders }

// Vague returns the vague words R4b flags.
func (c *Config) Vague() []string { return c.vague }

// MinSatisfaction returns the minimum 满意度 in %, ok false when none is set.
func (c *Config) MinSatisfaction() (decimal.Decimal, bool) { return c.minSatisfaction, c.hasMin }

// isPlaceholder reports whether an 指标值 is a placeholder: one of the list,
// or punctuation only (———, --, ／). A range such as 90%-95% is not.
func (c *Config) isPlaceholder(v string) bool {
	if !c.digitPlaceholder && strings.ContainsAny(v, "0123456789") {
		return false // the usual case: a figure
	}
	s := convert.NormalizeLabel(v)
	return c.placeholderSet[s] || s != "" && strings.Trim(s, "*_-—–―/\\.…·~、") == ""
}

// setPlaceholders sets the placeholder list and its folded set. A Config is
// not changed once a run uses it: it is read by many goroutines at once.
func (c *Config) setPlaceholders(list []string) {
	c.placeholders, c.placeholderSet, c.digitPlaceholder = list, map[string]bool{}, false
	for _, p := range list {
		c.placeholderSet[convert.NormalizeLabel(p)] = true
		c.digitPlaceholder = c.digitPlaceholder || strings.ContainsAny(p, "0123456789")
	}
}
