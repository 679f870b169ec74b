package review

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/shopspring/decimal"

	"jixiao/convert"
	"jixiao/templates"
)

// ErrRules means a --rules file (审核规则.csv) could not be used.
var ErrRules = errors.New("审核规则文件有误")

// Setting names of a rules file, besides rule ids.
const (
	SettingVague        = "含糊词"
	SettingPlaceholders = "占位符"
	SettingMinSatisfied = "最低满意度"
)

// LoadConfig reads a rules file (审核规则.csv): two columns, 项目 and 设置, in
// any encoding convert.DecodeText detects. A row names a rule id and one of
// 关闭, 开启, 错误, 警告; or a setting: 含糊词 or 占位符 with a list (separated
// by 、 or ；) that replaces the default, or 最低满意度 with a percentage. A
// header row (项目/规则) and blank rows and rows starting with # are skipped.
// Rules not named keep their defaults. Every mistake is located (line and
// column) and wraps ErrRules.
//
//	R1,关闭
//	R6,错误
//	含糊词,较好、明显、有效
//	最低满意度,90%
//
//	cfg, err := review.LoadConfig("审核规则.csv")
func LoadConfig(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &convert.LocatedError{File: path, Err: fmt.Errorf("%w：%v", ErrRules, err)}
	}
	text, _, err := convert.DecodeText(data, "auto")
	if err != nil {
		return nil, &convert.LocatedError{File: path, Err: fmt.Errorf("%w：%v", ErrRules, err)}
	}
	return ParseConfig(path, text)
}

// ParseConfig reads the text of a rules file named path (see LoadConfig).
func ParseConfig(path, text string) (*Config, error) {
	c := Default()
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	fail := func(line, col int, format string, a ...any) error {
		return &convert.LocatedError{File: path, Line: line, Col: col, Err: fmt.Errorf("%w："+format, append([]any{ErrRules}, a...)...)}
	}
	for first := true; ; first = false {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fail(pe.Line, pe.Column, "不是有效的 CSV（%v）", pe.Err)
			}
			return nil, &convert.LocatedError{File: path, Err: fmt.Errorf("%w：%v", ErrRules, err)}
		}
		key := convert.NormalizeLabel(convert.CleanText(rec[0]))
		line, _ := r.FieldPos(0)
		if key == "" && (len(rec) < 2 || strings.TrimSpace(rec[1]) == "") || strings.HasPrefix(key, "#") {
			continue
		}
		if first && (key == "项目" || key == "规则" || key == "规则编号") {
			continue
		}
		val := ""
		if len(rec) > 1 {
			val = convert.NormalizeLabel(convert.CleanText(rec[1]))
		}
		if err := c.set(key, val); err != nil {
			col := 2
			if errors.Is(err, errKey) {
				col = 1
			}
			return nil, fail(line, col, "%v", err)
		}
	}
	return c, nil
}

// errKey marks a mistake in the first column.
var errKey = errors.New("项目")

// set applies one row.
func (c *Config) set(key, val string) error {
	switch key {
	case SettingVague, SettingPlaceholders:
		list := splitList(val)
		if len(list) == 0 {
			return fmt.Errorf("「%s」的列表为空；不需要时删去这一行", key)
		}
		if key == SettingVague {
			c.vague = list
		} else {
			c.setPlaceholders(list)
		}
		return nil
	case SettingMinSatisfied:
		d, err := decimal.NewFromString(strings.TrimSuffix(val, "%"))
		if err != nil || !d.IsPositive() || d.GreaterThan(decimal.NewFromInt(100)) {
			return fmt.Errorf("最低满意度应为 0 到 100 之间的百分数，如 90%%，而不是「%s」", val)
		}
		c.minSatisfaction, c.hasMin = d, true
		return nil
	}
	for i := range c.rules {
		r := &c.rules[i]
		if !strings.EqualFold(r.ID, key) {
			continue
		}
		switch val {
		case "关闭", "停用", "否":
			r.off = true
		case "开启", "启用", "是":
			r.off = false
		case "错误":
			r.off, r.severity = false, templates.Error
		case "警告":
			r.off, r.severity = false, templates.Warning
		default:
			return fmt.Errorf("规则 %s 的设置应为 关闭、开启、错误 或 警告，而不是「%s」", r.ID, val)
		}
		return nil
	}
	ids := make([]string, len(c.rules))
	for i, r := range c.rules {
		ids[i] = r.ID
	}
	return fmt.Errorf("%w「%s」不是规则编号（%s）或设置（%s、%s、%s）", errKey, key, strings.Join(ids, "、"),
		SettingVague, SettingPlaceholders, SettingMinSatisfied)
}

// splitList splits a list cell at 、 ; ； and spaces, dropping empties.
func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == '、' || r == ',' || r == ';' || r == '；' || r == ' ' || r == '|' })
}
