package templates

import "jixiao/convert"

// SheetFeedback is the sheet of problems that jixiao feedback puts first in a
// workbook sent back for revision (问题清单). Its headers (项目编码, 项目名称,
// …) look like form labels, so the reader leaves it out: a revised workbook
// reads as the form alone.
const SheetFeedback = "问题清单"

// withoutFeedbackSheet returns wb without its 问题清单 sheet, or wb itself
// when it has none.
func withoutFeedbackSheet(wb *convert.Workbook) *convert.Workbook {
	for i := range wb.Sheets {
		if wb.Sheets[i].Name != SheetFeedback {
			continue
		}
		c := *wb
		c.Sheets = append(append(make([]convert.Sheet, 0, len(wb.Sheets)-1), wb.Sheets[:i]...), wb.Sheets[i+1:]...)
		return &c
	}
	return wb
}
