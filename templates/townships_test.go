package templates

import "testing"

func TestTownshipList(t *testing.T) {
	l := NewTownshipList("乡镇名单.csv", []string{"丰登坞镇", "姜家营乡", "太平路街道", "王官营镇", "王官营乡"})
	cases := []struct {
		name, want string
		ok         bool
	}{
		{"丰登坞镇", "丰登坞镇", true},
		{"丰登坞镇人民政府", "丰登坞镇", true},
		{"丰登坞镇 （盖章）", "丰登坞镇", true},
		{"丰登坞乡", "丰登坞镇", true},
		{"丰登坞", "丰登坞镇", true},
		{"姜家营镇", "姜家营乡", true},
		{"太平路街道办事处", "太平路街道", true},
		{"王官营乡", "王官营乡", true},
		{"王官营", "", false}, // two listed names share the stem
		{"李钊庄镇", "", false},
		{"附件2", "", false},
	}
	for _, c := range cases {
		got, ok := l.Match(c.name)
		if got != c.want || ok != c.ok {
			t.Errorf("Match(%q) = %q, %v; want %q, %v", c.name, got, ok, c.want, c.ok)
		}
	}
}
