// Rule 乡镇重复提交: one counted submission per township.

package consolidate

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"jixiao/consolidate/internal/nameorder"
	"jixiao/convert"
	"jixiao/templates"
)

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

// resolveDuplicates keeps one submission per township, chosen by
// duplicateRule (later 填报日期, then a name marking a revision, then path
// order). Every other file for the same township is an error naming both
// files, which one is counted and why, and is not counted, so nothing is
// double-counted.
func (r *Result) resolveDuplicates() {
	r.dropCopies()
	kept := map[string]int{}
	var order []string
	for i := range r.sources {
		src := &r.sources[i]
		if src.tally == nil || src.Status == StatusDuplicate {
			continue
		}
		j, dup := kept[src.Township]
		if !dup {
			kept[src.Township] = i
			order = append(order, src.Township)
			continue
		}
		if first, _ := preferred(&r.sources[j], src); !first {
			kept[src.Township] = i
		}
	}
	for i := range r.sources {
		src := &r.sources[i]
		if src.tally == nil || src.Status == StatusDuplicate {
			continue
		}
		t := src.Township
		k := kept[t]
		if k == i {
			continue
		}
		winner := &r.sources[k]
		var why string
		if k < i {
			_, why = preferred(winner, src)
		} else {
			_, why = preferred(src, winner)
		}
		src.Status = StatusDuplicate
		r.problems = append(r.problems, templates.Problem{Severity: templates.Error, Rule: RuleDuplicateTown,
			Township: t, Src: templates.Source{File: src.Path}, Message: duplicateMessage(t, winner, src, why)})
	}
	for _, t := range order {
		r.counted = append(r.counted, r.sources[kept[t]].tally)
	}
	nameorder.SortBy(r.counted, func(t *tally) string { return t.township })
}

// dropCopies counts one file of those whose content is byte for byte the
// same (one SHA256) but whose townships differ: a form that states no
// township takes it from its file name, so a copy saved under another name
// ("新建 Microsoft Excel 工作表.xlsx") would otherwise count as a township of
// its own and its amounts twice. The file counted is the first whose name
// gives a township (…镇, …乡, …街道), else the first; each other one is an
// error and is not counted. Copies with the same township are left to the
// rule of one file per township, and so are flat tables of several
// townships.
func (r *Result) dropCopies() {
	forms := map[string]int{} // path → counted submissions in the file
	for _, src := range r.sources {
		if src.tally != nil {
			forms[src.Path]++
		}
	}
	keeper := map[string]int{} // SHA256 → the source counted
	for i := range r.sources {
		src := &r.sources[i]
		if src.tally == nil || src.SHA256 == "" || forms[src.Path] > 1 {
			continue
		}
		if k, seen := keeper[src.SHA256]; !seen || !townshipLike(r.sources[k].Township) && townshipLike(src.Township) {
			keeper[src.SHA256] = i
		}
	}
	for i := range r.sources {
		src := &r.sources[i]
		if src.tally == nil || src.SHA256 == "" || forms[src.Path] > 1 {
			continue
		}
		kept := &r.sources[keeper[src.SHA256]]
		if kept.Township == src.Township {
			continue // itself, or one township's copies
		}
		src.Status = StatusDuplicate
		r.problems = append(r.problems, templates.Problem{Severity: templates.Error, Rule: RuleDuplicateTown,
			Township: src.Township, Src: templates.Source{File: src.Path}, Message: fmt.Sprintf(
				"%s 与 %s 内容完全相同，是同一份表；表中没有写明填报单位，按文件名分别成了「%s」和「%s」。"+
					"只计入「%s」（%s），%s 未计入合计。请删除多余的文件，或在表中填写“填报单位：××镇”后重新汇总",
				filepath.Base(src.Path), filepath.Base(kept.Path), src.Township, kept.Township,
				kept.Township, filepath.Base(kept.Path), filepath.Base(src.Path))})
	}
}

// townshipLike reports whether name ends as a township's does.
func townshipLike(name string) bool {
	for _, suf := range []string{"镇", "乡", "街道", "苏木"} {
		if strings.HasSuffix(name, suf) {
			return true
		}
	}
	return false
}

// revisionRank is how late a revision a file name marks: 0 none, 1 a
// revision word, 1+n a version number n.
func revisionRank(path string) int {
	name := strings.ToLower(convert.NormalizeValue(strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))))
	rank := 0
	for _, w := range revisionWords {
		if strings.Contains(name, w) {
			rank = 1
			break
		}
	}
	for _, m := range revisionNumber.FindAllStringSubmatch(name, -1) {
		d := m[1]
		if d == "" {
			d = m[2]
		}
		if n, err := strconv.Atoi(d); err == nil && n+1 > rank {
			rank = n + 1
		}
	}
	return rank
}

// dateKey renders a 填报日期 as YYYY-MM-DD for comparing, "" when it states
// no date.
func dateKey(s string) string {
	m := datePattern.FindStringSubmatch(convert.NormalizeValue(s))
	if m == nil {
		return ""
	}
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	if mo < 1 || mo > 12 || d < 1 || d > 31 {
		return ""
	}
	return fmt.Sprintf("%s-%02d-%02d", m[1], mo, d)
}

// preferred reports whether source a is counted before b of the same
// township, and why, by duplicateRule. a comes before b by path.
func preferred(a, b *SourceFile) (bool, string) {
	if a.filled != b.filled {
		later, other := a, b
		if b.filled > a.filled {
			later, other = b, a
		}
		why := fmt.Sprintf("填报日期 %s 晚于 %s", later.filled, other.filled)
		if other.filled == "" {
			why = fmt.Sprintf("填报日期 %s，另一个文件未填写填报日期", later.filled)
		}
		return later == a, why
	}
	ra, rb := revisionRank(a.Path), revisionRank(b.Path)
	if ra != rb {
		return ra > rb, "文件名标明是修改后的版本"
	}
	why := "填报日期相同或都未填写、文件名都未标明修改，按文件名顺序取前者"
	if a.SHA256 != "" && a.SHA256 == b.SHA256 {
		why = "两个文件内容完全相同"
	}
	return true, why
}

// duplicateMessage is the error about a township's file that is not
// counted because kept is.
func duplicateMessage(town string, kept, dropped *SourceFile, why string) string {
	return fmt.Sprintf("乡镇「%s」提交了多个文件：%s 与 %s。计入 %s（%s），%s 未计入合计（规则：%s）。"+
		"请把不用的文件移出文件夹，或只指定要汇总的那个文件，然后重新汇总",
		town, kept.Path, dropped.Path, filepath.Base(kept.Path), why, filepath.Base(dropped.Path), duplicateRule)
}
