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
//
// Each cost text and place also has a number, by which a tally's record
// names it (see appendProjects).
type interner struct {
	mu        sync.Mutex
	m         map[string]string
	costs     map[costText]*costText // keyed with id 0
	places    map[place]*place       // keyed with id 0
	costList  []*costText            // by id
	placeList []*place               // by id
}

func newInterner() *interner {
	return &interner{m: map[string]string{}, costs: map[costText]*costText{}, places: map[place]*place{}}
}

// strLocked returns the shared copy of s; in.mu is held. A new string is
// copied first, so the copy kept never pins a larger text it was cut from.
func (in *interner) strLocked(s string) string {
	if s == "" {
		return s
	}
	if v, ok := in.m[s]; ok {
		return v
	}
	v := strings.Clone(s)
	in.m[v] = v
	return v
}

// costText returns the shared copy of c.
func (in *interner) costText(c costText) *costText {
	if in == nil {
		return &c
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	c.id = 0
	if v, ok := in.costs[c]; ok {
		return v
	}
	v := &costText{level3: in.strLocked(c.level3), desc: in.strLocked(c.desc), raw: in.strLocked(c.raw),
		op: in.strLocked(c.op), unit: in.strLocked(c.unit)}
	in.costs[*v] = v
	v.id = int32(len(in.costList))
	in.costList = append(in.costList, v)
	return v
}

// costByID is the cost text numbered id, or nil.
func (in *interner) costByID(id uint64) *costText {
	in.mu.Lock()
	defer in.mu.Unlock()
	return numbered(in.costList, id)
}

// placeByID is the place numbered id, or nil.
func (in *interner) placeByID(id uint64) *place {
	in.mu.Lock()
	defer in.mu.Unlock()
	return numbered(in.placeList, id)
}

// numbered is list[id], or nil beyond the list.
func numbered[T any](list []*T, id uint64) *T {
	if id >= uint64(len(list)) {
		return nil
	}
	return list[id]
}

// place returns the shared place of a source (its sheet and cell); nil
// when it names none.
func (in *interner) place(s templates.Source) *place {
	if s.Sheet == "" && s.Cell == "" {
		return nil
	}
	if in == nil {
		return &place{sheet: s.Sheet, cell: s.Cell}
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	k := place{sheet: s.Sheet, cell: s.Cell}
	if v, ok := in.places[k]; ok {
		return v
	}
	v := &place{sheet: in.strLocked(s.Sheet), cell: in.strLocked(s.Cell)}
	in.places[*v] = v
	v.id = int32(len(in.placeList))
	in.placeList = append(in.placeList, v)
	return v
}
