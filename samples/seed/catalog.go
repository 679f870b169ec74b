package seed

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// kind is a recurring sort of township project. Its texts may hold the placeholders
// {year} (the budget year), {prev} (the year before), {count} and {cost}, filled per project.
type kind struct {
	name    string
	purpose string
	goal    string
	rows    []Indicator
}

// Indicator rows shared by most kinds, after the seed's own tables.
var (
	rowSocial = Indicator{"效益指标", "社会效益指标", "社会认可率", "社会认可率", "≥95%", "工作标准"}
	rowSatisf = Indicator{"满意度指标", "服务对象满意度指标", "满意度", "群众满意度", "≥95%", "问卷调查"}
	rowDue    = Indicator{"产出指标", "时效指标", "完成时限", "资金使用时限", "{year}年12月31日前", "年初计划"}
)

func officeRows(count string) []Indicator {
	return []Indicator{
		{"产出指标", "数量指标", "采购办公用品次数", "采购办公用品次数", count, "年初计划"},
		{"产出指标", "质量指标", "采购质量", "采购办公用品质量", "优", "工作标准"},
		rowDue,
		{"产出指标", "成本指标", "资金使用成本", "月平均资金使用成本", "{cost}", "年初计划"},
		rowSocial, rowSatisf,
	}
}

var villageRows = []Indicator{
	{"产出指标", "数量指标", "村数量", "保障村正常运转数量", "{count}", "历史标准"},
	{"产出指标", "质量指标", "村正常运转率", "维持村正常运转率", "≥95%", "工作标准"},
	{"产出指标", "时效指标", "完成时限", "资金拨付到村时限", "{year}年12月31日前", "年初计划"},
	{"产出指标", "成本指标", "资金使用成本", "村资金使用成本", "{cost}", "年初计划"},
	rowSocial, rowSatisf,
}

var kinds = map[string]kind{
	"非税收入": {"{year}年非税收入", "补充乡镇办公经费，保障工作正常运转。",
		"1.补充办公经费\n2.维持乡镇正常运转", officeRows("{count}")},
	"上年非税收入": {"{prev}年非税收入", "补充乡镇办公经费，保障工作正常运转。",
		"1.补充乡镇办公支出。\n2.保障工作正常运转。", officeRows("{count}")},
	"村级转移支付": {"{year}年村级转移支付", "补充村办公经费，保障村工作正常运转。",
		"1.补充村办公经费\n2.维持村工作正常运转", villageRows},
	"未拨付村级转移支付": {"{prev}年未拨付村级转移支付", "补充村办公经费，保障村工作正常运转。",
		"1.补充村办公经费\n2.保障村工作正常运转", villageRows},
	"体制经费": {"{year}年财政体制经费", "补充乡镇办公经费，维持工作正常运转。",
		"1.补充乡镇办公经费。\n2.维持乡镇工作正常运转。", officeRows("{count}")},
	"未拨付体制经费": {"{prev}年未拨付体制经费", "补充乡镇办公经费，保障工作正常运转。",
		"1.补充乡镇办公经费。\n2.维持乡镇工作正常运转。", officeRows("{count}")},
	"职业年金": {"补缴无编人员职业年金", "补缴无编人员职业年金，保障无编人员的合法待遇。",
		"1.补缴无编人员职业年金。\n2.保障无编工作人员的合法待遇。", []Indicator{
			{"产出指标", "数量指标", "补缴年金人数", "补缴年金人数", "{count}", "年初计划"},
			{"产出指标", "质量指标", "工作完成率", "补缴工作完成率", "≥95%", "工作标准"},
			{"产出指标", "时效指标", "工作完成时限", "工作完成时限", "{year}年12月31日前", "年初计划"},
			{"产出指标", "成本指标", "资金使用成本", "每人补缴金额", "{cost}", "年初计划"},
			rowSocial, rowSatisf,
		}},
	"财政所经费": {"财政所经费", "用于财政所办公正常，保障工作正常运转。",
		"1.用于财政所办公支出\n2.保障财政所工作运转", []Indicator{
			{"产出指标", "数量指标", "购买办公用品次数", "购买办公用品次数", "{count}", "年初计划"},
			{"产出指标", "质量指标", "购买办公用品质量", "购买办公用品质量", "优", "工作标准"},
			{"产出指标", "时效指标", "资金使用时限", "资金使用时限", "{year}年12月31日前", "年初计划"},
			{"产出指标", "成本指标", "月均资金使用成本", "月均资金使用成本", "{cost}", "年初计划"},
			rowSocial, rowSatisf,
		}},
	"住户调查": {"城乡居民住户调查补贴", "抽调{count}家庭记录日常收支，用于调查员及被调查家庭的工作补贴。",
		"1.抽调调查户，调查员记录日常收支情况。\n2.用于被调查户及调查员的工作补贴。", []Indicator{
			{"产出指标", "数量指标", "调查户数", "调查户数", "≥{count}", "工作计划"},
			{"产出指标", "质量指标", "调查工作质量", "调查工作质量", "优", "工作标准"},
			{"产出指标", "时效指标", "补贴发放完成时限", "补贴发放完成时限", "{year}年12月31日前", "年初计划"},
			{"产出指标", "成本指标", "补贴成本", "调查员补贴成本", "{cost}", "工作计划"},
			{"效益指标", "社会效益指标", "社会认可率", "调查工作得到社会认可率", "≥95%", "工作标准"},
			{"满意度指标", "服务对象满意度指标", "群众满意度", "群众满意度", "≥95%", "问卷调查"},
		}},
	"一事一议": {"农村综改一事一议资金", "用于村道路硬化，自来水管网改造，太阳能路灯安装工程。",
		"1.完成村道路硬化、自来水管网改造、太阳能路灯安装工程。\n2.解决百姓用水、方便群众出行、美化村居环境。", []Indicator{
			{"产出指标", "数量指标", "施工村数量", "施工村数量", "{count}", "实际数量"},
			{"产出指标", "质量指标", "工程验收合格率", "工程验收合格率", "≥95%", "工作标准"},
			{"产出指标", "时效指标", "完成时限", "项目完成时限", "{year}年12月31日前", "工作计划"},
			{"产出指标", "成本指标", "资金成本", "村资金使用成本", "{cost}", "工作计划"},
			{"效益指标", "社会效益指标", "社会认可率", "工程达到社会认可率", "≥95%", "工作标准"},
			rowSatisf,
		}},
	"四术并发症": {"四术并发症费用", "用于四术并发症人员补贴，维持社会稳定。",
		"1.四术并发症费用发放到位。\n2.维持社会稳定。", []Indicator{
			{"产出指标", "数量指标", "受益人数", "发放四术并发症受益人数", "{count}", "历史标准"},
			{"产出指标", "质量指标", "工作完成质量", "费用发放完成率", "≥95%", "工作标准"},
			{"产出指标", "时效指标", "完成时限", "工作完成时限", "{year}年12月31日前", "年初计划"},
			{"产出指标", "成本指标", "人均成本", "年人均成本", "{cost}", "年初计划"},
			rowSocial, rowSatisf,
		}},
	"统计": {"统计专项业务费", "用于统计工作支出，保障工作正常运转。",
		"1.用于统计工作支出。\n2.保障统计工作运转。", []Indicator{
			{"产出指标", "数量指标", "购置办公用品次数", "购置办公用品次数", "{count}", "年初计划"},
			{"产出指标", "质量指标", "购置办公用品质量", "购置办公用品质量", "优", "工作标准"},
			{"产出指标", "时效指标", "资金使用时限", "资金使用时限", "{year}年12月31日前", "年初计划"},
			{"产出指标", "成本指标", "月平均资金使用成本", "月平均资金使用成本", "{cost}", "年初计划"},
			rowSocial, rowSatisf,
		}},
	"征兵": {"征兵工作经费", "用于征兵宣传支出，保障征兵工作顺利开展。",
		"1.用于征兵宣传等工作支出。\n2.保障征兵工作顺利开展。", []Indicator{
			{"产出指标", "数量指标", "宣传服务次数", "宣传服务次数", "{count}", "年初计划"},
			{"产出指标", "质量指标", "宣传服务质量", "宣传服务质量", "优", "工作标准"},
			{"产出指标", "时效指标", "完成时限", "资金完成时限", "{year}年12月31日前", "年初计划"},
			{"产出指标", "成本指标", "资金使用成本", "月均资金使用成本", "{cost}", "年初计划"},
			rowSocial, rowSatisf,
		}},
	// Kinds the seed does not have; their tables carry two rows under some 二级指标.
	"人居环境": {"{year}年农村人居环境整治经费", "用于村庄清洁行动、垃圾清运和坑塘整治，改善村居环境。",
		"1.开展村庄清洁行动，垃圾日产日清。\n2.整治村内坑塘沟渠。\n3.群众对村居环境满意。", []Indicator{
			{"产出指标", "数量指标", "覆盖村数量", "开展村庄清洁行动的村数量", "{count}", "实际数量"},
			{"产出指标", "数量指标", "坑塘整治数量", "整治坑塘沟渠数量", "≥10处", "工作计划"},
			{"产出指标", "质量指标", "垃圾清运率", "生活垃圾及时清运率", "≥98%", "工作标准"},
			{"产出指标", "时效指标", "完成时限", "整治任务完成时限", "{year}年11月30日前", "工作计划"},
			{"产出指标", "成本指标", "资金使用成本", "村均整治成本", "{cost}", "计划标准"},
			{"效益指标", "社会效益指标", "村容村貌", "村容村貌改善情况", "明显改善", "工作标准"},
			{"效益指标", "生态效益指标", "生活垃圾无害化处理率", "生活垃圾无害化处理率", "≥95%", "行业标准"},
			{"效益指标", "可持续影响指标", "长效机制", "村庄保洁长效机制建立情况", "好", "工作标准"},
			rowSatisf,
		}},
	"森林防火": {"森林草原防火经费", "用于防火宣传、扑火物资购置和防火期值守补助。",
		"1.开展防火宣传，购置扑火物资。\n2.防火期内不发生较大森林草原火灾。", []Indicator{
			{"产出指标", "数量指标", "宣传次数", "开展防火宣传次数", "{count}", "工作计划"},
			{"产出指标", "数量指标", "扑火物资", "购置扑火工具数量", "≥200件", "工作计划"},
			{"产出指标", "质量指标", "物资合格率", "扑火物资验收合格率", "100%", "行业标准"},
			{"产出指标", "时效指标", "值守时限", "防火期值守完成时限", "{year}年6月30日前", "工作计划"},
			{"产出指标", "成本指标", "值守补助", "护林员月均值守补助", "{cost}", "计划标准"},
			{"效益指标", "生态效益指标", "火灾发生情况", "较大森林草原火灾发生次数", "0次", "历史标准"},
			{"满意度指标", "服务对象满意度指标", "群众满意度", "群众满意度", "≥90%", "问卷调查"},
		}},
	"退役军人": {"退役军人服务站工作经费", "用于退役军人服务站日常运转、走访慰问和信息采集。",
		"1.保障退役军人服务站正常运转。\n2.走访慰问退役军人及优抚对象。", []Indicator{
			{"产出指标", "数量指标", "走访慰问人数", "走访慰问退役军人及优抚对象人数", "{count}", "实际数量"},
			{"产出指标", "质量指标", "信息采集准确率", "退役军人信息采集准确率", "≥98%", "工作标准"},
			{"产出指标", "时效指标", "完成时限", "慰问金发放时限", "{year}年12月31日前", "年初计划"},
			{"产出指标", "成本指标", "人均慰问成本", "人均慰问成本", "{cost}", "计划标准"},
			{"效益指标", "社会效益指标", "拥军氛围", "双拥工作社会认可率", "≥95%", "工作标准"},
			{"满意度指标", "服务对象满意度指标", "满意度", "退役军人满意度", "≥95%", "问卷调查"},
		}},
}

// spec is one project of a derived township, with amounts in the township's unit.
type spec struct {
	kind          string
	budget, other string // 预算数 and 其他资金; 财政资金 = budget − other unless fiscal is set
	fiscal        string // only to plant a wrong 财政资金
	plan          string // "half", "quarter", "end", "thirds" or "late"
	count, cost   string // values for the {count} and {cost} placeholders
	serial        int    // project serial inside the 项目编码
	flaw          string // Project.Flaw
}

// projectCode builds a 21-character 项目编码 shaped like the seed's:
// 130208 (丰润区) + 2-digit year + P + 6-digit serial + 1 + 4-digit unit + check character.
func projectCode(year, serial, unit int) string {
	const checks = "0123456789ACMWY"
	c := checks[(serial*7+unit*3+year)%len(checks)]
	return fmt.Sprintf("130208%02dP%06d1%04d%c", year%100, serial, unit, c)
}

func r2(d decimal.Decimal) string { return d.Round(2).StringFixed(2) }

// planFor spreads a budget over the four plan columns in one of a few styles; the 12月底
// figure always equals the budget.
func planFor(style string, budget decimal.Decimal) [4]string {
	part := func(f string) string { return r2(budget.Mul(decimal.RequireFromString(f))) }
	b := r2(budget)
	switch style {
	case "quarter":
		return [4]string{part("0.25"), part("0.5"), part("0.75"), b}
	case "end":
		return [4]string{"", "", "", b}
	case "thirds":
		return [4]string{part("0.3"), part("0.6"), part("0.9"), b}
	case "late":
		return [4]string{"", part("0.5"), part("0.8"), b}
	default: // "half", the seed's usual style
		return [4]string{"", part("0.5"), "", b}
	}
}

func fill(s string, year int, count, cost string) string {
	return strings.NewReplacer("{year}", fmt.Sprint(year), "{prev}", fmt.Sprint(year-1),
		"{count}", count, "{cost}", cost).Replace(s)
}

// build turns specs into numbered projects.
func build(year, unit int, specs []spec) []Project {
	out := make([]Project, 0, len(specs))
	for i, s := range specs {
		k, ok := kinds[s.kind]
		if !ok {
			panic("seed: unknown kind " + s.kind)
		}
		budget := Amount(s.budget)
		p := Project{
			Code:    projectCode(year, s.serial, unit),
			Name:    fill(k.name, year, s.count, s.cost),
			Budget:  r2(budget),
			Purpose: fill(k.purpose, year, s.count, s.cost),
			Plan:    planFor(s.plan, budget),
			Goal:    fill(k.goal, year, s.count, s.cost),
			Flaw:    s.flaw,
		}
		p.Title = fmt.Sprintf("%d、%s绩效目标表", i+1, p.Name)
		if s.other != "" {
			p.Other = r2(Amount(s.other))
		}
		p.Fiscal = r2(budget.Sub(Amount(s.other)))
		if s.fiscal != "" {
			p.Fiscal = s.fiscal
		}
		for _, r := range k.rows {
			r.Desc = fill(r.Desc, year, s.count, s.cost)
			r.Value = fill(r.Value, year, s.count, s.cost)
			p.Indicators = append(p.Indicators, r)
		}
		out = append(out, p)
	}
	return out
}

// partOne writes a township's 部门整体绩效目标 after the seed's: the overall text and the
// chosen 分项 (by index into the seed's twelve), with its own village count.
func partOne(villages int, pick []int) (string, []Item) {
	w := WangGuanYing()
	rep := strings.NewReplacer("27个", fmt.Sprintf("%d个", villages))
	overall := rep.Replace(w.Overall)
	nums := []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"}
	items := make([]Item, 0, len(pick))
	for n, i := range pick {
		it := w.Items[i]
		it.No = "（" + nums[n] + "）"
		it.Goal, it.Indicator = rep.Replace(it.Goal), rep.Replace(it.Indicator)
		items = append(items, it)
	}
	return overall, items
}
