package consolidate

import (
	"strings"
	"sync"

	"jixiao/templates"
)

// interner keeps one copy of the strings that repeat from township to
// township in what a run holds in memory: sheet names and cell references,
// 三级指标, 绩效指标描述, units, 指标值 such as "≤0.5万元". With thousands of
// townships the copies would otherwise cost more than everything else the
// run keeps. It is safe for concurrent use.
type interner struct {
	mu sync.Mutex
	m  map[string]string
}

func newInterner() *interner { return &interner{m: map[string]string{}} }

// str returns the shared copy of s. A new string is copied first, so the
// copy kept never pins a larger text it was cut from.
//
//	in.str("≤0.5万元")
func (in *interner) str(s string) string {
	if s == "" || in == nil {
		return s
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	if v, ok := in.m[s]; ok {
		return v
	}
	v := strings.Clone(s)
	in.m[v] = v
	return v
}

// src shares the sheet name and cell reference of a source; the file name
// is already one string per file.
func (in *interner) src(s templates.Source) templates.Source {
	return templates.Source{File: s.File, Sheet: in.str(s.Sheet), Cell: in.str(s.Cell)}
}
