package review

import (
	"testing"

	"jixiao/templates"
)

func TestCount(t *testing.T) {
	rules := Default().Rules()
	find := func(id, file, town string) templates.Problem {
		return templates.Problem{RuleID: id, Township: town, Src: templates.Source{File: file}}
	}
	ps := []templates.Problem{
		find("R1", "a.xlsx", "王官营镇"), find("R1", "a.xlsx", "王官营镇"), // two findings, one submission
		find("R1", "b.xlsx", "丰登坞镇"),
		find("R6", "flat.csv", "甲镇"), find("R6", "flat.csv", "乙镇"), // one file, two townships
		{Rule: "金额", Src: templates.Source{File: "a.xlsx"}}, // not a review rule
	}
	got := Count(rules, ps)
	if len(got) != len(rules) {
		t.Fatalf("%d counts for %d rules", len(got), len(rules))
	}
	want := map[string][2]int{"R1": {3, 2}, "R6": {2, 2}}
	for i, c := range got {
		if c.ID != rules[i].ID {
			t.Errorf("count %d is %s, want rule order (%s)", i, c.ID, rules[i].ID)
		}
		if w := want[c.ID]; c.Findings != w[0] || c.Townships != w[1] {
			t.Errorf("%s: %d findings in %d townships, want %d in %d", c.ID, c.Findings, c.Townships, w[0], w[1])
		}
	}
}
