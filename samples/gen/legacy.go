package main

import (
	"fmt"
	"os"
	"path/filepath"

	"golang.org/x/text/encoding/unicode"

	"jixiao/convert"
	"jixiao/samples/seed"
)

// LegacyFiles are the legacy CSV exports written under samples/legacy: the 王官营镇 2024
// document as older finance software and hand-kept spreadsheets wrote it.
var LegacyFiles = []string{
	filepath.Join("legacy", "王官营镇-GBK.csv"),
	filepath.Join("legacy", "王官营镇-UTF16.txt"),
}

// writeLegacy writes the legacy CSV samples into dir.
//
//	err := writeLegacy("samples")
func writeLegacy(dir string) error {
	w := seed.WangGuanYing()
	gbk, err := convert.EncodeCSV(legacyGBKRows(seed.InYuan(w)), convert.CSVOptions{Encoding: "gbk", Raw: true})
	if err != nil {
		return fmt.Errorf("%s: %w", LegacyFiles[0], err)
	}
	text, err := convert.EncodeCSV(legacyTabRows(w), convert.CSVOptions{Encoding: "utf-8", Comma: '\t', Raw: true})
	if err != nil {
		return fmt.Errorf("%s: %w", LegacyFiles[1], err)
	}
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes(text)
	if err != nil {
		return fmt.Errorf("%s: %w", LegacyFiles[1], err)
	}
	for i, data := range [][]byte{gbk, utf16} {
		path := filepath.Join(dir, LegacyFiles[i])
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// legacyGBKRows lays a 元 document out as one row per indicator with every project
// column repeated, under a title line and a "单位：元" line.
func legacyGBKRows(d seed.Document) [][]string {
	rows := [][]string{
		{fmt.Sprintf("%s%d年预算项目绩效目标表", d.Township, d.Year)},
		{"单位：" + d.Unit},
		{"单位名称", "项目编码", "项目名称", "预算数", "其中：财政资金", "其他资金", "资金用途",
			"3月底", "6月底", "10月底", "12月底", "绩效目标",
			"一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"},
	}
	for _, p := range d.Projects {
		for _, ind := range p.Indicators {
			rows = append(rows, []string{d.Org, p.Code, p.Name, p.Budget, p.Fiscal, p.Other, p.Purpose,
				p.Plan[0], p.Plan[1], p.Plan[2], p.Plan[3], p.Goal,
				ind.L1, ind.L2, ind.L3, ind.Desc, ind.Value, ind.Basis})
		}
	}
	return rows
}

// legacyTabRows lays a 万元 document out as Excel's "Unicode text" export of a sheet with
// merged cells: one row per indicator, the project columns and a repeated 一级指标 written
// on the first row only, aliases for the headers and the unit in them; no township column.
func legacyTabRows(d seed.Document) [][]string {
	u := "（" + d.Unit + "）"
	rows := [][]string{
		{fmt.Sprintf("%d年度项目支出绩效目标", d.Year)},
		{"项目代码", "项目名称", "预算金额" + u, "财政拨款" + u, "其他资金" + u, "资金用途",
			"资金支出计划3月底" + u, "资金支出计划6月底" + u, "资金支出计划10月底" + u, "资金支出计划12月底" + u, "绩效目标",
			"一级绩效指标", "二级绩效指标", "指标名称", "指标描述", "目标值", "确定依据"},
	}
	for _, p := range d.Projects {
		for i, ind := range p.Indicators {
			row := make([]string, 11, 17)
			if i == 0 {
				copy(row, []string{p.Code, p.Name, p.Budget, p.Fiscal, p.Other, p.Purpose,
					p.Plan[0], p.Plan[1], p.Plan[2], p.Plan[3], p.Goal})
			}
			l1 := ind.L1
			if i > 0 && p.Indicators[i-1].L1 == ind.L1 {
				l1 = ""
			}
			rows = append(rows, append(row, l1, ind.L2, ind.L3, ind.Desc, ind.Value, ind.Basis))
		}
	}
	return rows
}
