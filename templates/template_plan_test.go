package templates_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/shopspring/decimal"

	"jixiao/templates"
)

func TestReadPlan(t *testing.T) {
	tests := []struct {
		name    string
		csv     string
		wantErr bool
		// want is the budget (in 元) of the first project of 王官营镇.
		want string
	}{
		{"amounts in 万元 by default", "乡镇,项目编码,项目名称,预算数,财政资金,其他资金\n王官营镇,13020824P000010100133,2022年非税收入,4.92,4.92,\n", false, "49200"},
		{"amounts in 元 by header", "乡镇,项目编码,项目名称,预算数（元）,财政资金（元）\n王官营镇人民政府,13020824P000010100133,2022年非税收入,49200.5,49200.5\n", false, "49200.5"},
		{"title row above the header", "2024年项目计划\n乡镇名称,项目编码,项目名称,预算数\n王官营镇,X1,办公经费,1\n", false, "10000"},
		{"missing 预算数 column", "乡镇,项目编码,项目名称\n王官营镇,X1,办公经费\n", true, ""},
		{"amount is not a number", "乡镇,项目编码,项目名称,预算数\n王官营镇,X1,办公经费,四点九二x\n", true, ""},
		{"budget left blank", "乡镇,项目编码,项目名称,预算数\n王官营镇,X1,办公经费,\n", true, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "plan.csv")
			if err := os.WriteFile(path, []byte(tc.csv), 0o644); err != nil {
				t.Fatal(err)
			}
			plan, err := templates.ReadPlan(path)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, want error %v", err, tc.wantErr)
			}
			if err != nil {
				if !errors.Is(err, templates.ErrPlanTable) {
					t.Errorf("error %v does not wrap ErrPlanTable", err)
				}
				return
			}
			ps := plan["王官营镇"]
			if len(ps) != 1 || !ps[0].Budget.Yuan.Equal(decimal.RequireFromString(tc.want)) {
				t.Errorf("plan = %+v, want one project of %s 元", plan, tc.want)
			}
		})
	}
}

func TestPlannedSubmissionsUnlistedTownship(t *testing.T) {
	ts := []templates.TownshipEntry{{Township: "王官营镇"}}
	plan := map[string][]templates.Project{"王官营镇": nil, "丰登坞镇": {{}}}
	if _, err := templates.PlannedSubmissions(ts, plan, 2024); !errors.Is(err, templates.ErrPlanTable) {
		t.Errorf("err = %v, want ErrPlanTable for a township not on the list", err)
	}
}
