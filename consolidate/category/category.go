// Package category assigns a project its 类别 (category) from its name: by
// default the name without a leading year or period, or by the rules of a
// 类别对照表 (--categories).
package category

import (
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"

	"jixiao/convert"
)

// leadingPeriod matches a project name's leading year or period: "2024年",
// "2023年1-9月", "2023年度", "2022—2023年", "2024年第一季度", "2024年上半年",
// "2024年12月份".
var leadingPeriod = regexp.MustCompile(`^(?:\d{4}(?:[-—~至]\d{4})?年度?)` +
	`(?:\d{1,2}(?:[-—~至]\d{1,2})?月份?|第?[一二三四1-4](?:[-—~至][一二三四1-4])?季度|[上下]半年|全年)?(?:度)?`)

// Default derives a project's 类别 from its name by removing a leading year
// or period, so the same kind of project groups across townships and years.
//
//	category.Default("2023年1-9月非税收入") // "非税收入"
//	category.Default("2024年村级转移支付")  // "村级转移支付"
func Default(name string) string {
	folded := convert.NormalizeLabel(convert.CleanText(name))
	if loc := leadingPeriod.FindStringIndex(folded); loc != nil && loc[1] < len(folded) {
		rest := strings.TrimLeft(folded[loc[1]:], " :、.")
		if rest != "" {
			return rest
		}
	}
	return folded
}

// ErrTable means a --categories file could not be used.
var ErrTable = errors.New("类别对照表有误")

// Categorizer assigns each project its 类别: the first rule whose pattern
// matches the project name wins, else Default. A nil Categorizer
// uses the default for every name.
//
//	c, err := category.Load("类别.csv")
//	c.Category("2024年农村人居环境整治经费") // "人居环境"
type Categorizer struct {
	rules []categoryRule
}

type categoryRule struct {
	pattern  string
	re       *regexp.Regexp // nil: substring match
	category string
}

// regexMeta are the characters that make a pattern a regular expression;
// any other pattern is matched as a plain substring. The decision is made on
// the pattern as written, so full-width （） stay plain text.
const regexMeta = `^$.*+?()[]{}|\`

// New builds a Categorizer from (匹配, 类别) pairs. A pattern with
// any of ^ $ . * + ? ( ) [ ] { } | \ is a regular expression; any other is a
// substring of the project name (both after full-width folding). A regular
// expression is tried on the name as written and on its folded form.
//
//	c, err := category.New([][2]string{{"人居环境", "人居环境"}, {"^20\\d\\d年非税", "非税收入"}})
func New(pairs [][2]string) (*Categorizer, error) {
	c := &Categorizer{}
	for i, p := range pairs {
		raw, cat := strings.TrimSpace(convert.CleanText(p[0])), strings.TrimSpace(convert.CleanText(p[1]))
		if raw == "" || cat == "" {
			return nil, fmt.Errorf("%w：第 %d 条的匹配或类别为空", ErrTable, i+1)
		}
		r := categoryRule{pattern: convert.NormalizeLabel(raw), category: cat}
		if strings.ContainsAny(raw, regexMeta) {
			re, err := regexp.Compile(raw)
			if err != nil {
				return nil, fmt.Errorf("%w：第 %d 条「%s」不是有效的正则表达式：%v", ErrTable, i+1, p[0], err)
			}
			r.re = re
		}
		c.rules = append(c.rules, r)
	}
	return c, nil
}

// Load reads a 类别对照表: a CSV of 匹配, 类别 rows in any of the
// encodings convert.DecodeText detects (UTF-8, GBK/GB18030, UTF-16). A first
// row whose first cell is 匹配 is a header; blank rows are skipped.
//
//	c, err := category.Load("类别.csv")
func Load(path string) (*Categorizer, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &convert.LocatedError{File: path, Err: fmt.Errorf("%w：%v", ErrTable, err)}
	}
	text, _, err := convert.DecodeText(data, "auto")
	if err != nil {
		return nil, &convert.LocatedError{File: path, Err: fmt.Errorf("%w：%v", ErrTable, err)}
	}
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	records, err := r.ReadAll()
	if err != nil {
		return nil, &convert.LocatedError{File: path, Err: fmt.Errorf("%w：%v", ErrTable, err)}
	}
	var pairs [][2]string
	for i, rec := range records {
		if len(rec) == 0 || len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if i == 0 && convert.NormalizeLabel(rec[0]) == "匹配" {
			continue
		}
		if len(rec) < 2 {
			return nil, &convert.LocatedError{File: path, Err: fmt.Errorf("%w：第 %d 行应有“匹配,类别”两列", ErrTable, i+1)}
		}
		pairs = append(pairs, [2]string{rec[0], rec[1]})
	}
	c, err := New(pairs)
	if err != nil {
		return nil, &convert.LocatedError{File: path, Err: err}
	}
	return c, nil
}

// Category returns the 类别 of a project name: the first matching rule's, else
// the default derived by Default.
func (c *Categorizer) Category(name string) string {
	if c != nil {
		clean := convert.CleanText(name)
		folded := convert.NormalizeLabel(clean)
		for _, r := range c.rules {
			var hit bool
			if r.re != nil {
				hit = r.re.MatchString(clean) || r.re.MatchString(folded)
			} else {
				hit = strings.Contains(folded, r.pattern)
			}
			if hit {
				return r.category
			}
		}
	}
	return Default(name)
}
