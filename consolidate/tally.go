package consolidate

import (
	"encoding/binary"

	"jixiao/consolidate/internal/exact"
	"jixiao/consolidate/internal/spill"
	"jixiao/convert"
	"jixiao/templates"
)

// tally is what stays in memory of a submission read: its township, file,
// year and totals (汇总). What the other summary sheets (分类汇总, 乡镇差异,
// 单位成本) and the checks across townships need of its projects is in
// its record (see Result.eachProjects). The full submission is either held
// too, or spilled to the run's temporary file and read back for the detail
// sheets (see submissionStore).
type tally struct {
	township string
	county   string // the county the form's title names (templates.Submission.County)
	file     string
	year     int
	totals   packedTotals // without problem counts
	// errors and warnings count the problems of the submission.
	errors, warnings int32
	record           spill.Ref // its projects, in the run's records
	info             spill.Ref // its particulars, in the run's infos
	// problems are the submission's own, given back with it when it is
	// read from the spill file.
	problems []templates.Problem
	full     *templates.Submission // nil when spilled
	spilled  spill.Ref
	// unitMismatch marks a submission whose amounts are as a whole in
	// another unit than stated (marked in 汇总).
	unitMismatch bool
}

// The projects of each tally (names, codes, 预算数 and numeric 成本指标) are
// what the summary sheets and the checks across townships read, one township
// at a time, in township order. Held in memory they would cost more than
// everything else a run keeps of a township; they are kept as compact
// records in a temporary file instead (see spill.Records), a few hundred
// bytes each, and decoded when read.

// projectTally is what the record of a tally holds of a project.
type projectTally struct {
	name   string
	code   string
	codeAt *place // where the code was read
	budget exact.Num
	costs  []costTally // its numeric 成本指标 (see unitCostIndex)
}

// costTally is what 单位成本 needs of a numeric 成本指标: its texts, and of its
// parsed value the comparison, the number and the unit.
type costTally struct {
	*costText
	num exact.Num
	at  *place // where its 指标值 was read
}

// value is the parsed 指标值 as far as 单位成本 uses it.
func (c costTally) value() convert.IndicatorValue {
	return convert.IndicatorValue{Raw: c.raw, Op: c.op, Num: c.num.Decimal(), HasNum: true, Unit: c.unit}
}

// newTally keeps what the run needs in memory of sub and puts the record of
// its projects in recs; repeated texts and places are shared through in.
func newTally(sub *templates.Submission, in *interner, recs *spill.Records) (*tally, error) {
	t := &tally{township: sub.Township.Value, county: sub.County, file: sub.File, year: sub.Year, totals: packTotals(TownshipTotals(sub)),
		problems: sub.Problems}
	projects := make([]projectTally, len(sub.Projects))
	for i, p := range sub.Projects {
		pt := projectTally{name: p.Name.Value, code: p.Code.Value, codeAt: in.place(p.Code.Src),
			budget: exact.Pack(p.Budget.Yuan)}
		n := 0
		for _, ind := range p.Indicators {
			if isUnitCost(ind) {
				n++
			}
		}
		if n > 0 {
			pt.costs = make([]costTally, 0, n)
			for _, ind := range p.Indicators {
				if isUnitCost(ind) {
					text := in.costText(costText{level3: ind.Level3.Value, desc: ind.Desc.Value,
						raw: ind.Value.Value, op: ind.Parsed.Op, unit: ind.Parsed.Unit})
					pt.costs = append(pt.costs, costTally{costText: text, num: exact.Pack(ind.Parsed.Num),
						at: in.place(ind.Value.Src)})
				}
			}
		}
		projects[i] = pt
	}
	ref, err := recs.Put(appendProjects(nil, projects))
	if err != nil {
		return nil, err
	}
	t.record = ref
	return t, nil
}

// errRecord means a record did not decode: the temporary file was damaged.
var errRecord = spill.ErrDamaged

// appendProjects appends the record of ps to b. Cost texts and places are
// written as their numbers in the run's interner.
func appendProjects(b []byte, ps []projectTally) []byte {
	b = binary.AppendUvarint(b, uint64(len(ps)))
	for _, p := range ps {
		b = spill.AppendString(b, p.name)
		b = spill.AppendString(b, p.code)
		b = appendPlace(b, p.codeAt)
		b = appendExact(b, p.budget)
		b = binary.AppendUvarint(b, uint64(len(p.costs)))
		for _, c := range p.costs {
			b = binary.AppendUvarint(b, uint64(c.costText.id))
			b = appendExact(b, c.num)
			b = appendPlace(b, c.at)
		}
	}
	return b
}

// recordDecoder reads a record of the run, its cost texts and places by
// their numbers in in (see spill.Decoder).
type recordDecoder struct {
	spill.Decoder
	in *interner
}

func newRecordDecoder(b []byte, in *interner) recordDecoder {
	return recordDecoder{Decoder: spill.NewDecoder(b), in: in}
}

// projects decodes a record written by appendProjects.
func (d *recordDecoder) projects() []projectTally {
	n := d.Count()
	if d.Err() != nil {
		return nil
	}
	ps := make([]projectTally, 0, n)
	for range n {
		p := projectTally{name: d.Str(), code: d.Str(), codeAt: d.place(), budget: d.exact()}
		if nc := d.Count(); nc > 0 {
			p.costs = make([]costTally, 0, nc)
			for range nc {
				text := d.in.costByID(d.Uvarint())
				if text == nil {
					d.Fail()
				}
				p.costs = append(p.costs, costTally{costText: text, num: d.exact(), at: d.place()})
			}
		}
		if d.Err() != nil {
			return nil
		}
		ps = append(ps, p)
	}
	if d.End() != nil {
		return nil
	}
	return ps
}
