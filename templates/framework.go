package templates

import "strings"

// Framework is an indicator framework: the 一级指标 in order, each with its
// 二级指标.
//
//	fw := templates.Classic()
//	fw.Level2("产出指标") // [数量指标 质量指标 时效指标 成本指标]
type Framework struct {
	// Name is "classic" or "2021".
	Name   string
	Groups []FrameworkGroup
}

// FrameworkGroup is one 一级指标 with its 二级指标.
type FrameworkGroup struct {
	Level1 string
	Level2 []string
}

// Classic returns the classic framework the seed follows: 产出 (数量, 质量,
// 时效, 成本), 效益 (经济, 社会, 生态, 可持续影响), 满意度 (服务对象满意度).
func Classic() Framework {
	return Framework{Name: "classic", Groups: []FrameworkGroup{
		{"产出指标", []string{"数量指标", "质量指标", "时效指标", "成本指标"}},
		{"效益指标", []string{"经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"}},
		{"满意度指标", []string{"服务对象满意度指标"}},
	}}
}

// Framework2021 returns the 2021 framework (财预〔2021〕101号), in which 成本指标
// is a 一级指标 with 经济成本, 社会成本 and 生态环境成本.
func Framework2021() Framework {
	return Framework{Name: "2021", Groups: []FrameworkGroup{
		{"产出指标", []string{"数量指标", "质量指标", "时效指标"}},
		{"成本指标", []string{"经济成本指标", "社会成本指标", "生态环境成本指标"}},
		{"效益指标", []string{"经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"}},
		{"满意度指标", []string{"服务对象满意度指标"}},
	}}
}

// FrameworkByName returns the framework named "classic" or "2021".
//
//	fw, ok := templates.FrameworkByName("2021")
func FrameworkByName(name string) (Framework, bool) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "", "classic", "经典":
		return Classic(), true
	case "2021":
		return Framework2021(), true
	}
	return Framework{}, false
}

// Level1Names returns the 一级指标 in order.
func (f Framework) Level1Names() []string {
	out := make([]string, len(f.Groups))
	for i, g := range f.Groups {
		out[i] = g.Level1
	}
	return out
}

// Level2 returns the 二级指标 of a 一级指标, nil when unknown.
func (f Framework) Level2(level1 string) []string {
	for _, g := range f.Groups {
		if g.Level1 == level1 {
			return g.Level2
		}
	}
	return nil
}

// IsFrameworkName reports whether s names a 一级 or 二级 indicator of either
// framework (used to tell template placeholder rows from other text).
func IsFrameworkName(s string) bool {
	for _, f := range []Framework{Classic(), Framework2021()} {
		for _, g := range f.Groups {
			if s == g.Level1 {
				return true
			}
			for _, l2 := range g.Level2 {
				if s == l2 {
					return true
				}
			}
		}
	}
	return false
}

// Level1Kind maps a 一级指标 text to the required kind it covers: 产出, 效益,
// 满意度 or 成本; "" when it is none of them. Short forms ("产出") count.
//
//	templates.Level1Kind("产出指标") // "产出"
func Level1Kind(level1 string) string {
	for _, k := range []string{"产出", "效益", "满意度", "成本"} {
		if strings.HasPrefix(level1, k) {
			return k
		}
	}
	return ""
}

// IndicatorBases returns the common 指标值确定依据, the seed's first.
//
//	templates.IndicatorBases()[0] // "年初计划"
func IndicatorBases() []string {
	return []string{"年初计划", "工作标准", "历史标准", "问卷调查", "实际数量", "工作计划", "计划标准", "行业标准", "其他标准"}
}
