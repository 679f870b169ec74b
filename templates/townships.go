package templates

import (
	"fmt"
	"strings"

	"jixiao/convert"
)

// RuleTownshipList is the rule of the error about a township name that is
// not on the county's list.
const RuleTownshipList = "乡镇名单"

// TownshipList is the county's list of townships: names read from the
// forms are matched against it, so that 丰登坞镇人民政府, ＸＸ镇 (full width)
// and a 镇 written as 乡 count as the listed name, and a name not on it is
// an error.
type TownshipList struct {
	// File is where the list was read from, for messages.
	File  string
	exact map[string]string
	base  map[string][]string
}

// NewTownshipList makes a list of the given names, read from file.
//
//	l := templates.NewTownshipList("乡镇名单.csv", []string{"王官营镇", "姜家营乡"})
func NewTownshipList(file string, names []string) *TownshipList {
	l := &TownshipList{File: file, exact: map[string]string{}, base: map[string][]string{}}
	for _, n := range names {
		key := townKey(n)
		if key == "" {
			continue
		}
		if _, dup := l.exact[key]; dup {
			continue
		}
		l.exact[key] = n
		b := townBase(key)
		l.base[b] = append(l.base[b], n)
	}
	return l
}

// Match returns the listed name that name stands for, and whether there
// is one: the same name once 人民政府, full-width forms and spaces are
// dropped, else the one listed name with the same stem (姜家营镇 for 姜家营乡
// or 姜家营).
func (l *TownshipList) Match(name string) (string, bool) {
	key := townKey(name)
	if n, ok := l.exact[key]; ok {
		return n, true
	}
	if c := l.base[townBase(key)]; len(c) == 1 {
		return c[0], true
	}
	return "", false
}

// townKey is a township name without what varies in writing it.
func townKey(s string) string {
	s = convert.NormalizeLabel(s)
	for _, suf := range []string{"(盖章)", "人民政府", "政府"} {
		s = strings.TrimSuffix(s, suf)
	}
	return s
}

// townBase is a township name without its 镇/乡/街道 ending.
func townBase(key string) string {
	return trimTownSuffix(key, []string{"街道办事处", "办事处", "街道", "镇", "乡"})
}

// Apply names a submission's township as the list does, or adds an error
// (rule 乡镇名单) that it is not on the list. A nil list leaves sub as read.
func (l *TownshipList) Apply(sub *Submission) {
	if l == nil {
		return
	}
	name := sub.Township.Value
	if listed, ok := l.Match(name); ok {
		if listed != name {
			sub.Township.Value = listed
			for i := range sub.Problems {
				sub.Problems[i].Township = listed
			}
		}
		return
	}
	src := sub.Township.Src
	if src.File == "" {
		src.File = sub.File
	}
	sub.Problems = append(sub.Problems, Problem{Severity: Error, Rule: RuleTownshipList,
		Township: name, Src: src,
		Message: fmt.Sprintf("「%s」不在乡镇名单（%s）中：请核对填报单位名称是否写错；若确是本县的乡镇，请把它加入名单后重新汇总", name, l.File)})
}
