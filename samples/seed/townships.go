package seed

// Townships returns sample 2024 documents of six more townships of 丰润区, derived from the
// seed's project kinds with their own amounts, codes and plans. They are deterministic and
// sound except where a Project.Flaw says otherwise: 沙流河镇's 一事一议 table is the one
// planted mistake (财政资金 + 其他资金 ≠ 预算数). 李钊庄镇 writes its amounts in 元; 七树庄镇
// uses the 2021 indicator framework (成本指标 as a 一级指标).
func Townships() []Document {
	return []Document{fengDengWu(), liZhaoZhuang(), baiGuanTun(), shiGeZhuang(), shaLiuHe(), qiShuZhuang()}
}

// All returns 王官营镇 followed by the other townships.
func All() []Document {
	return append([]Document{WangGuanYing()}, Townships()...)
}

func township(name string, villages int, pick []int, measures bool, unit string, projects []Project) Document {
	overall, items := partOne(villages, pick)
	d := Document{Township: name, Org: name + "人民政府", Year: 2024, Unit: unit,
		Overall: overall, Items: items, Projects: projects}
	if measures {
		d.Measures = WangGuanYing().Measures
	}
	return d
}

var allItems = []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}

func fengDengWu() Document {
	return township("丰登坞镇", 33, allItems, true, "万元", build(2024, 21, []spec{
		{kind: "非税收入", budget: "6.80", plan: "half", count: "≥6次", cost: "≤0.6万元", serial: 11},
		{kind: "上年非税收入", budget: "3.15", plan: "half", count: "≥5次", cost: "≤3000元", serial: 12},
		{kind: "未拨付村级转移支付", budget: "21.45", plan: "half", count: "≥33个", cost: "≤1万元", serial: 13},
		{kind: "体制经费", budget: "84.20", plan: "quarter", count: "≥50次", cost: "≤7万元", serial: 24},
		{kind: "村级转移支付", budget: "44.55", plan: "quarter", count: "≥33个", cost: "≤2万元", serial: 3},
		{kind: "财政所经费", budget: "2.40", plan: "half", count: "≥4次", cost: "≤2000元", serial: 2},
		{kind: "住户调查", budget: "8.40", plan: "quarter", count: "20户", cost: "≤500元/月", serial: 134},
		{kind: "一事一议", budget: "96.00", other: "16.00", plan: "end", count: "≥5个", cost: "≤20万元", serial: 6},
		{kind: "统计", budget: "2.50", plan: "half", count: "≥4次", cost: "≤2000元", serial: 8},
		{kind: "征兵", budget: "3.60", plan: "half", count: "≥3次", cost: "≤3000元", serial: 4},
		{kind: "退役军人", budget: "4.80", plan: "late", count: "≥120人", cost: "≤400元", serial: 41},
	}))
}

func liZhaoZhuang() Document {
	return township("李钊庄镇", 24, []int{0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11}, false, "元", build(2024, 32, []spec{
		{kind: "非税收入", budget: "38657.50", plan: "half", count: "≥5次", cost: "≤3300元", serial: 15},
		{kind: "体制经费", budget: "612480.00", plan: "half", count: "≥40次", cost: "≤5.2万元", serial: 27},
		{kind: "村级转移支付", budget: "291600.00", plan: "quarter", count: "≥24个", cost: "≤1.3万元", serial: 5},
		{kind: "职业年金", budget: "137264.36", plan: "half", count: "≥3人", cost: "≤5万元", serial: 29},
		{kind: "财政所经费", budget: "18000.00", plan: "half", count: "≥4次", cost: "≤1500元", serial: 2},
		{kind: "四术并发症", budget: "9440.00", plan: "end", count: "≥3人", cost: "≤3200元", serial: 7},
		{kind: "统计", budget: "15000.00", plan: "half", count: "≥3次", cost: "≤1300元", serial: 9},
		{kind: "征兵", budget: "25000.00", plan: "half", count: "≥3次", cost: "≤2100元", serial: 4},
		{kind: "人居环境", budget: "456320.50", other: "56320.50", plan: "thirds", count: "≥24个", cost: "≤1.9万元", serial: 51},
	}))
}

func baiGuanTun() Document {
	return township("白官屯镇", 30, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, true, "万元", build(2024, 43, []spec{
		{kind: "非税收入", budget: "5.36", plan: "half", count: "≥5次", cost: "≤0.5万元", serial: 10},
		{kind: "上年非税收入", budget: "1.96", plan: "half", count: "≥4次", cost: "≤2000元", serial: 14},
		{kind: "未拨付体制经费", budget: "19.80", plan: "half", count: "≥20次", cost: "≤2万元", serial: 16},
		{kind: "体制经费", budget: "66.72", plan: "half", count: "≥45次", cost: "≤6万元", serial: 24},
		{kind: "村级转移支付", budget: "40.50", plan: "quarter", count: "≥30个", cost: "≤2万元", serial: 3},
		{kind: "职业年金", budget: "13.58", plan: "half", count: "≥3人", cost: "≤5万元", serial: 27},
		{kind: "财政所经费", budget: "2.00", plan: "half", count: "≥4次", cost: "≤1700元", serial: 2},
		{kind: "住户调查", budget: "4.20", plan: "quarter", count: "10户", cost: "≤500元/月", serial: 134},
		{kind: "一事一议", budget: "135.00", plan: "end", count: "≥7个", cost: "≤25万元", serial: 6},
		{kind: "统计", budget: "2.00", plan: "half", count: "≥4次", cost: "≤2000元", serial: 8},
		{kind: "森林防火", budget: "6.50", plan: "thirds", count: "≥12次", cost: "≤800元", serial: 61},
	}))
}

func shiGeZhuang() Document {
	return township("石各庄镇", 38, []int{0, 1, 2, 3, 4, 5, 6, 7, 10, 11}, true, "万元", build(2024, 54, []spec{
		{kind: "非税收入", budget: "7.25", plan: "half", count: "≥6次", cost: "≤0.7万元", serial: 10},
		{kind: "未拨付村级转移支付", budget: "24.70", plan: "half", count: "≥38个", cost: "≤1万元", serial: 13},
		{kind: "体制经费", budget: "92.64", plan: "thirds", count: "≥60次", cost: "≤8万元", serial: 24},
		{kind: "村级转移支付", budget: "51.30", plan: "quarter", count: "≥38个", cost: "≤2万元", serial: 3},
		{kind: "财政所经费", budget: "2.20", plan: "half", count: "≥4次", cost: "≤1900元", serial: 2},
		{kind: "人居环境", budget: "68.40", other: "8.40", plan: "thirds", count: "≥38个", cost: "≤1.8万元", serial: 51},
		{kind: "森林防火", budget: "3.80", plan: "thirds", count: "≥8次", cost: "≤600元", serial: 61},
		{kind: "一事一议", budget: "150.00", other: "30.00", plan: "late", count: "≥8个", cost: "≤20万元", serial: 6},
		{kind: "统计", budget: "2.50", plan: "half", count: "≥4次", cost: "≤2000元", serial: 8},
		{kind: "征兵", budget: "4.00", plan: "half", count: "≥4次", cost: "≤3500元", serial: 4},
	}))
}

func shaLiuHe() Document {
	return township("沙流河镇", 42, allItems, false, "万元", build(2024, 65, []spec{
		{kind: "非税收入", budget: "8.12", plan: "half", count: "≥6次", cost: "≤0.7万元", serial: 10},
		{kind: "上年非税收入", budget: "3.40", plan: "half", count: "≥5次", cost: "≤3000元", serial: 12},
		{kind: "未拨付村级转移支付", budget: "27.30", plan: "half", count: "≥42个", cost: "≤1万元", serial: 13},
		{kind: "未拨付体制经费", budget: "30.18", plan: "half", count: "≥30次", cost: "≤3万元", serial: 11},
		{kind: "体制经费", budget: "88.00", plan: "quarter", count: "≥50次", cost: "≤8万元", serial: 24},
		{kind: "村级转移支付", budget: "56.70", plan: "quarter", count: "≥42个", cost: "≤2万元", serial: 3},
		{kind: "职业年金", budget: "31.70", plan: "half", count: "≥7人", cost: "≤5万元", serial: 27},
		{kind: "财政所经费", budget: "2.00", plan: "half", count: "≥4次", cost: "≤1700元", serial: 2},
		{kind: "住户调查", budget: "8.40", plan: "quarter", count: "20户", cost: "≤500元/月", serial: 134},
		{kind: "一事一议", budget: "85.00", other: "12.00", fiscal: "70.00", plan: "end", count: "≥5个", cost: "≤20万元", serial: 6,
			flaw: "其中：财政资金70.00加其他资金12.00为82.00，与预算数85.00不符"},
		{kind: "四术并发症", budget: "1.48", plan: "end", count: "≥5人", cost: "≤3000元", serial: 7},
		{kind: "统计", budget: "2.00", plan: "half", count: "≥4次", cost: "≤2000元", serial: 8},
		{kind: "征兵", budget: "3.50", plan: "half", count: "≥3次", cost: "≤3000元", serial: 4},
	}))
}

func qiShuZhuang() Document {
	d := township("七树庄镇", 29, []int{0, 1, 2, 3, 4, 6, 7, 10, 11}, false, "万元", build(2024, 76, []spec{
		{kind: "非税收入", budget: "4.10", plan: "half", count: "≥4次", cost: "≤0.4万元", serial: 10},
		{kind: "体制经费", budget: "63.28", plan: "half", count: "≥40次", cost: "≤6万元", serial: 24},
		{kind: "村级转移支付", budget: "39.15", plan: "quarter", count: "≥29个", cost: "≤2万元", serial: 3},
		{kind: "财政所经费", budget: "2.00", plan: "half", count: "≥4次", cost: "≤1700元", serial: 2},
		{kind: "四术并发症", budget: "0.89", plan: "end", count: "≥3人", cost: "≤3000元", serial: 7},
		{kind: "退役军人", budget: "3.90", plan: "late", count: "≥90人", cost: "≤400元", serial: 41},
		{kind: "统计", budget: "1.60", plan: "half", count: "≥3次", cost: "≤1500元", serial: 8},
		{kind: "征兵", budget: "2.80", plan: "half", count: "≥3次", cost: "≤2500元", serial: 4},
	}))
	for i := range d.Projects {
		d.Projects[i].Indicators = framework2021(d.Projects[i].Indicators)
	}
	return d
}

// framework2021 rewrites classic indicator rows to the 2021 framework: 产出指标/成本指标
// becomes 成本指标/经济成本指标, placed after the 产出指标 rows.
func framework2021(rows []Indicator) []Indicator {
	var out, cost []Indicator
	for _, r := range rows {
		if r.L1 == "产出指标" && r.L2 == "成本指标" {
			r.L1, r.L2 = "成本指标", "经济成本指标"
			cost = append(cost, r)
			continue
		}
		out = append(out, r)
	}
	for i, r := range out {
		if r.L1 != "产出指标" {
			return append(append(append([]Indicator{}, out[:i]...), cost...), out[i:]...)
		}
	}
	return append(out, cost...)
}
