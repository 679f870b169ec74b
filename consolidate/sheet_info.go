// The 乡镇信息 sheet: each township's contact details and dates.

package consolidate

import (
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
