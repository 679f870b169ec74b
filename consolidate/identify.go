package consolidate

import (
	"errors"

	"jixiao/templates"
)

// Statuses in 来源清单 of files that are read but are no township's form.
const (
	StatusCounty        = "县级汇总工作簿，未计入"
	StatusNotForm       = "不是绩效目标表，未计入"
	StatusBlankTemplate = "空白模板，未计入"
)

// Rules of the problems about what a file is and whose it is.
const (
	RuleCountyInput   = "县级汇总工作簿"
	RuleNotForm       = "不是绩效目标表"
	RuleBlankTemplate = "空白模板"
)

// nonSubmission is the 来源清单 row and the warning of a file that is read
// but is no submission: a county workbook, a file with no form, a blank
// template. ok is false for a submission.
func nonSubmission(path string, sub *templates.Submission) (SourceFile, templates.Problem, bool) {
	sf := SourceFile{Path: path, Format: sub.Format, Encoding: sub.Encoding, SHA256: sub.SHA256}
	p := templates.Problem{Severity: templates.Warning, Src: templates.Source{File: path}}
	switch sub.Kind {
	case templates.KindCounty:
		sf.Status, p.Rule = StatusCounty, RuleCountyInput
		p.Message = "这是 jixiao 生成的县级汇总工作簿，不是乡镇报送的文件，未计入；" +
			"请把它移出乡镇文件夹（与上年比较时用 --baseline 指定它）"
	case templates.KindNoForm:
		sf.Status, p.Rule = StatusNotForm, RuleNotForm
		p.Message = "文件中没有“项目编码”等项目绩效目标表的标签，也不是逐行列出项目的表格，不是绩效目标表，未计入；" +
			"如果它是某个乡镇的报送文件，请检查是否发错了文件"
	case templates.KindBlankTemplate:
		sf.Status, p.Rule = StatusBlankTemplate, RuleBlankTemplate
		p.Message = "这是未填写任何项目的空白模板，未计入；如果它是某个乡镇的报送文件，请让该乡镇填写后重新提交"
	default:
		return SourceFile{}, templates.Problem{}, false
	}
	return sf, p, true
}

// unitMismatch reports whether problems hold the error of a form whose
// amounts are as a whole in another unit than stated.
func unitMismatch(problems []templates.Problem) bool {
	for _, p := range problems {
		if p.Severity == templates.Error && errors.Is(p.Err, templates.ErrUnitMismatch) {
			return true
		}
	}
	return false
}

// UnitMismatches lists the counted townships whose amounts are as a whole
// in another unit than their form states (their 汇总 rows are marked).
func (r *Result) UnitMismatches() []string {
	var out []string
	for _, t := range r.counted {
		if t.unitMismatch {
			out = append(out, t.township)
		}
	}
	return out
}
