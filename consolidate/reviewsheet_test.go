package consolidate

import (
	"testing"

	"jixiao/templates"
)

func TestConclusion(t *testing.T) {
	for _, tc := range []struct {
		name   string
		errors int
		want   string
	}{
		{"good no errors", 0, "通过"},
		{"bad three errors", 3, "需修改：3 项"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Conclusion(tc.errors); got != tc.want {
				t.Errorf("Conclusion(%d) = %q, want %q", tc.errors, got, tc.want)
			}
		})
	}
}

// TestWithReview: the reader's "cannot parse" warning on a placeholder goes
// where R1 flags the same cell, and stays elsewhere.
func TestWithReview(t *testing.T) {
	at := func(cell string) templates.Source {
		return templates.Source{File: "弱目标镇.xlsx", Sheet: "项目绩效目标表", Cell: cell}
	}
	ps := []templates.Problem{{Rule: readerValueRule, Src: at("E30")}, {Rule: readerValueRule, Src: at("E31")}}
	got := withReview(ps, []templates.Problem{{Rule: "指标须填写完整", RuleID: "R1", Src: at("E30")}})
	var cells []string
	for _, p := range got {
		cells = append(cells, p.RuleID+p.Src.Cell)
	}
	if len(cells) != 2 || cells[0] != "E31" || cells[1] != "R1E30" {
		t.Errorf("problems = %v, want [E31 R1E30]", cells)
	}
}
