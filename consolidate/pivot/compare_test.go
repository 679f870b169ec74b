package pivot

import (
	"fmt"
	"testing"

	"github.com/shopspring/decimal"
)

// Compare gives a row for each 乡镇 × 类别 on either side, in name order,
// with 新增 and 减少 for rows on one side only and no rate over a zero 基期.
func TestCompare(t *testing.T) {
	d := decimal.RequireFromString
	cur, base := New(), New()
	cur.Add("办公经费", "王官营镇", d("150"), 1)
	cur.Add("办公经费", "白官屯镇", d("30"), 1)
	cur.Add("村级转移支付", "王官营镇", d("10"), 1)
	base.Add("办公经费", "王官营镇", d("100"), 2)
	base.Add("征兵工作经费", "白官屯镇", d("5"), 1)
	base.Add("村级转移支付", "王官营镇", d("0"), 1)
	var got []string
	for _, r := range Compare(cur, base) {
		got = append(got, fmt.Sprintf("%s %s %s/%v %s/%v %s %s/%v %s", r.Township, r.Category, r.Current, r.HasCurrent,
			r.Base, r.HasBase, r.Change, r.Rate, r.HasRate, r.Status))
	}
	want := []string{
		"白官屯镇 办公经费 30/true 0/false 30 0/false 新增",
		"白官屯镇 征兵工作经费 0/false 5/true -5 -1/true 减少",
		"王官营镇 办公经费 150/true 100/true 50 0.5/true ",
		"王官营镇 村级转移支付 10/true 0/true 10 0/false ",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("rows\n%q\nwant\n%q", got, want)
	}
}
