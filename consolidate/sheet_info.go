// The 乡镇信息 sheet: each township's contact details and dates.

package consolidate

import (
	"fmt"

	"jixiao/consolidate/internal/spill"
	"jixiao/consolidate/internal/xlsxw"
	"jixiao/templates"
)

// SheetInfo is the sheet of the townships' particulars: whom to call about
// a form.
const SheetInfo = "乡镇信息"

// TownshipInfo is what a township's form says about itself: its 填报单位,
// 行政区划代码, 填报人, 联系电话, 填报日期 and 工作保障措施, each "" when not
// stated.
type TownshipInfo struct {
	Org      string `json:"org"`
	Code     string `json:"region_code,omitempty"`
	Filler   string `json:"filler,omitempty"`
	Phone    string `json:"phone,omitempty"`
	FilledOn string `json:"filled_on,omitempty"`
	Measures string `json:"measures,omitempty"`
}

// InfoOf is the particulars a submission states.
//
//	info := consolidate.InfoOf(sub) // info.Phone == "0315-5123456"
func InfoOf(sub *templates.Submission) TownshipInfo {
	return TownshipInfo{Org: sub.Township.Value, Code: sub.Code.Value, Filler: sub.Filler.Value, Phone: sub.Phone.Value,
		FilledOn: sub.FilledOn.Value, Measures: sub.Overall.Measures.Value}
}

// appendInfo appends the record of in to b.
func appendInfo(b []byte, in TownshipInfo) []byte {
	for _, s := range []string{in.Org, in.Code, in.Filler, in.Phone, in.FilledOn, in.Measures} {
		b = spill.AppendString(b, s)
	}
	return b
}

// EachInfo calls fn with the particulars of each counted township, in
// township order, as InfoOf gives them: read from the run's own small
// records, not from the full submissions. It fails after Close.
//
//	err := res.EachInfo(func(in consolidate.TownshipInfo) error { fmt.Println(in.Phone); return nil })
func (r *Result) EachInfo(fn func(TownshipInfo) error) error {
	var buf []byte
	for _, t := range r.counted {
		in, err := r.infoOf(t, &buf)
		if err != nil {
			return err
		}
		if err := fn(in); err != nil {
			return err
		}
	}
	return nil
}

// infoOf reads t's particulars from its record, using *buf.
func (r *Result) infoOf(t *tally, buf *[]byte) (TownshipInfo, error) {
	b, err := r.infos.Get(t.info, *buf)
	if err != nil {
		return TownshipInfo{}, fmt.Errorf("读回乡镇「%s」的填报信息：%w", t.township, err)
	}
	*buf = b
	d := spill.NewDecoder(b)
	in := TownshipInfo{Org: d.Str(), Code: d.Str(), Filler: d.Str(), Phone: d.Str(), FilledOn: d.Str(), Measures: d.Str()}
	if err := d.End(); err != nil {
		return TownshipInfo{}, fmt.Errorf("读回乡镇「%s」的填报信息：%w", t.township, err)
	}
	return in, nil
}

// infoTable is 乡镇信息: a row per township with its particulars and the
// file they come from.
func (w *bookWriter) infoTable() *xlsxw.Table {
	t := w.book.NewTable(SheetInfo, []xlsxw.Column{{Header: "填报单位"}, {Header: "行政区划代码"}, {Header: "填报人"}, {Header: "联系电话"},
		{Header: "填报日期"}, {Header: "工作保障措施", Max: 76, Wrap: true}, {Header: "文件", Max: 24}})
	t.FreezeCols = 1
	return t
}

func (w *bookWriter) infoRows(sub *templates.Submission, emit func([]interface{}) error) error {
	in := InfoOf(sub)
	return emit([]interface{}{w.txt(in.Org), w.txt(in.Code), w.txt(in.Filler), w.txt(in.Phone), w.txt(in.FilledOn),
		w.wrap(in.Measures), w.wrap(sub.File)})
}
