package consolidate

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"regexp"

	"jixiao/convert"
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

// statError is the error for an input path that cannot be looked at: one
// that does not exist is ErrNotFound, not a damaged file.
func statError(path string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return &convert.LocatedError{File: path, Err: ErrNotFound}
	}
	return &convert.LocatedError{File: path, Err: fmt.Errorf("%w: %v", convert.ErrUnreadable, err)}
}

// withoutOutputs drops from files the paths that are this run's outputs
// (the county workbook, the JSON report): they are never inputs, even when
// written into the folder being read.
func withoutOutputs(files, outputs []string) []string {
	if len(outputs) == 0 {
		return files
	}
	drop := map[string]bool{}
	for _, o := range outputs {
		if o == "" || o == "-" {
			continue
		}
		if abs, err := filepath.Abs(o); err == nil {
			drop[abs] = true
		}
	}
	kept := files[:0:0]
	for _, f := range files {
		if abs, err := filepath.Abs(f); err == nil && drop[abs] {
			continue
		}
		kept = append(kept, f)
	}
	return kept
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

// Duplicate submissions: which file counts.
//
// Among files for one township, the one counted is, in this order:
//  1. the one with the later 填报日期 (a stated date beats none);
//  2. the one whose file name marks a later revision: a version number
//     (v2, 第2版, (2)) beats a revision word alone (修改, 更正, 修订, 更新,
//     最终, 终稿, 定稿, final …), which beats none;
//  3. the first by path.
//
// The rule depends only on the files' content and names, never on their
// times on disk, so every run counts the same file.
const duplicateRule = "按填报日期较晚者优先；日期相同或未填时，文件名标明修改/更正/最终/第几版者优先；仍相同则按文件名顺序取前者"

// revisionWords mark a revised file in its name.
var revisionWords = []string{"修改", "更正", "修正", "修订", "更新", "调整后", "最终", "终稿", "定稿", "最新", "新版", "final", "new"}

// revisionNumber is a version number in a file name: v2, V3, 第2版, (2).
var revisionNumber = regexp.MustCompile(`(?i)(?:v|版本|第)\s*(\d{1,3})\s*版?|\((\d{1,3})\)`)

// datePattern reads a 填报日期: 2024年1月15日, 2024-1-15, 2024/01/15, 2024.1.15.
var datePattern = regexp.MustCompile(`(20\d\d)\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})`)

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
