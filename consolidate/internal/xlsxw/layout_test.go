package xlsxw

import "testing"

func TestWrappedLines(t *testing.T) {
	cases := []struct {
		name           string
		s              string
		width          float64
		longest, lines int
	}{
		{"empty", "", 20, 0, 1},
		{"fits", "补充乡镇办公经费", 20, 16, 1},
		// 22 columns wrap at 18: nine CJK characters a line
		{"wraps", "补充乡镇办公经费，保障工作正常运转。", 22, 36, 2},
		{"newlines", "1.补充办公经费\n2.维持乡镇正常运转", 40, 18, 2},
		// 12 columns wrap at 9: four CJK characters a line
		{"newline and wrap", "一二三四五六七八九十\n一", 12, 20, 4},
		{"latin", "0315-5123456", 10, 12, 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			longest, lines := wrappedLines(tc.s, tc.width)
			if longest != tc.longest || lines != tc.lines {
				t.Errorf("wrappedLines(%q, %v) = %d, %d; want %d, %d", tc.s, tc.width, longest, lines, tc.longest, tc.lines)
			}
		})
	}
}

func TestRowHeight(t *testing.T) {
	if h := rowHeight(1); h != 0 {
		t.Errorf("one line: %v, want the default (0)", h)
	}
	if h := rowHeight(3); h != 3*lineHeight+rowPadding {
		t.Errorf("three lines: %v", h)
	}
	if h := rowHeight(100); h != maxRowHeight {
		t.Errorf("a hundred lines: %v, want the largest row %v", h, maxRowHeight)
	}
}

func TestPrintScale(t *testing.T) {
	narrow := []float64{10, 8, 11, 11, 10, 9, 9, 9, 11, 8, 8, 8} // 汇总
	if s := printScale(narrow); s != 1 || !printFits(narrow) {
		t.Errorf("汇总 scale %v, want 1 (fits as it is)", s)
	}
	shrunk := []float64{12, 12, 12, 9, 10, 16, 11, 8, 6, 8, 10, 8, 30} // 单位成本, 157 characters
	if s := printScale(shrunk); s >= 1 || !printFits(shrunk) {
		t.Errorf("单位成本 scale %v, want it shrunk to the page width", s)
	}
	wide := []float64{24}
	for range 18 {
		wide = append(wide, 10)
	}
	if printFits(wide) {
		t.Errorf("分类汇总 of 18 townships fits at %v, under 8 pt", printScale(wide))
	}
	// at 100% it takes two pages across with the first column repeated, as
	// it would at the least readable scale
	if s := flowScale(wide, 1); s != 100 {
		t.Errorf("分类汇总 of 18 townships prints at %d%%, want 100%%", s)
	}
	wider := append(append([]float64(nil), wide...), 10, 10, 10, 10)
	if s := flowScale(wider, 1); s < 75 || s >= 100 {
		t.Errorf("22 townships print at %d%%, want shrunk to keep to two pages across", s)
	}
}
