package review

import (
	"hash/maphash"
	"math"

	"github.com/shopspring/decimal"

	"jixiao/convert"
	"jixiao/templates"
)

// Targets are last year's minimum targets (≥, >, =, a range's lower bound),
// by project and 三级指标, for R9. Each is a small fixed-size entry (its number,
// comparison and unit) filed under a hash of 项目编码 + 三级指标 and under one
// of 乡镇 + 项目名称 + 三级指标, so the index costs a few dozen bytes a target
// and holds no text. Build it with Add, then give it to Config.Baseline.
type Targets struct {
	seed   maphash.Seed
	name   func(string) string
	m      map[uint64]target
	units  []string
	unitID map[string]uint16
}

// target is one baseline target, in 16 bytes.
type target struct {
	coef int64
	exp  int16
	unit uint16
	op   uint8 // index in minimumOps
	// ambiguous marks a key met twice with different targets: not compared.
	ambiguous bool
}

func (e target) decimal() decimal.Decimal { return decimal.New(e.coef, int32(e.exp)) }

// minimumOps are the comparisons of a minimum target.
var minimumOps = [...]string{convert.OpGE, convert.OpGT, convert.OpEQ, convert.OpRange}

// NewTargets returns an empty index. name folds a project name before it
// is matched (for instance dropping a leading year, so that 2023年非税收入
// matches 2024年非税收入); nil matches names as written.
//
//	t := review.NewTargets(category.Default)
func NewTargets(name func(string) string) *Targets {
	if name == nil {
		name = func(s string) string { return s }
	}
	return &Targets{seed: maphash.MakeSeed(), name: name, m: map[uint64]target{}, unitID: map[string]uint16{}}
}

// Len is the number of keys held.
func (t *Targets) Len() int { return len(t.m) }

// Add files the minimum targets among the indicators of p, a project of
// township's baseline form.
func (t *Targets) Add(township string, p *templates.Project) {
	for i := range p.Indicators {
		ind := &p.Indicators[i]
		if ind.ParsedOK {
			t.AddTarget(township, p.Code.Value, p.Name.Value, ind.Level3.Value, ind.Parsed)
		}
	}
}

// AddTarget files one baseline target (money parsed in 元, as the reader
// parses it) when it is a minimum; code may be "".
func (t *Targets) AddTarget(township, code, name, level3 string, v convert.IndicatorValue) {
	if !v.HasNum || !isMinimum(v.Op) || !v.Num.Coefficient().IsInt64() || v.Num.Exponent() < math.MinInt16 || v.Num.Exponent() > math.MaxInt16 {
		return
	}
	id, ok := t.unitID[v.Unit]
	if !ok {
		id = uint16(len(t.units))
		t.units = append(t.units, v.Unit)
		t.unitID[v.Unit] = id
	}
	e := target{coef: v.Num.Coefficient().Int64(), exp: int16(v.Num.Exponent()), op: opIndex(v.Op), unit: id}
	for _, k := range t.keys(township, code, name, level3) {
		if k == 0 {
			continue
		}
		if prev, dup := t.m[k]; dup {
			if prev.unit != e.unit || prev.decimal().Cmp(e.decimal()) != 0 {
				prev.ambiguous = true
				t.m[k] = prev
			}
			continue
		}
		t.m[k] = e
	}
}

// opIndex is the index of a minimum comparison in minimumOps.
func opIndex(op string) uint8 {
	for i, o := range minimumOps {
		if op == o {
			return uint8(i)
		}
	}
	return 0
}

// keys are the code key (0 without a code) and the name key of an indicator.
func (t *Targets) keys(township, code, name, level3 string) [2]uint64 {
	l3 := convert.NormalizeLabel(level3)
	var out [2]uint64
	var h maphash.Hash
	if code != "" {
		h.SetSeed(t.seed)
		h.WriteString("c\x00" + code + "\x00" + l3)
		out[0] = h.Sum64()
	}
	h.SetSeed(t.seed)
	h.WriteString("n\x00" + township + "\x00" + t.name(name) + "\x00" + l3)
	out[1] = h.Sum64()
	return out
}

// baseTarget is a baseline target found for an indicator.
type baseTarget struct {
	num  decimal.Decimal
	op   string
	unit string
}

// String renders the target as a form writes it: "≥98%".
func (b baseTarget) String() string {
	op := b.op
	if op == convert.OpRange {
		op = convert.OpGE
	}
	if op == convert.OpEQ {
		op = ""
	}
	return op + b.num.String() + b.unit
}

// find looks up last year's target of the same project (by 项目编码, else by
// 乡镇 + 项目名称) and 三级指标.
func (t *Targets) find(township string, p *templates.Project, level3 string) (baseTarget, bool) {
	for _, k := range t.keys(township, p.Code.Value, p.Name.Value, level3) {
		if k == 0 {
			continue
		}
		if e, ok := t.m[k]; ok {
			if e.ambiguous {
				return baseTarget{}, false
			}
			return baseTarget{num: e.decimal(), op: minimumOps[e.op], unit: t.units[e.unit]}, true
		}
	}
	return baseTarget{}, false
}
