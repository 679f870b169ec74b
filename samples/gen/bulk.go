package main

import (
	"fmt"
	"path/filepath"

	"github.com/shopspring/decimal"

	"jixiao/samples/seed"
)

// Name parts for distinct synthetic township names in bulk mode.
var (
	nameHeads = []rune("王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
	nameMids  = []string{"家营", "各庄", "官屯", "庄子", "家坞", "河头", "官林", "城铺", "树庄", "登坞", "流河", "钊庄", "家店", "集", "村", "家口"}
	nameTails = []string{"镇", "乡"}
)

// bulkName returns the i-th (0-based) synthetic township name; names are distinct for
// i < len(nameHeads)*len(nameMids)*len(nameTails).
func bulkName(i int) string {
	h := nameHeads[i%len(nameHeads)]
	m := nameMids[(i/len(nameHeads))%len(nameMids)]
	t := nameTails[(i/(len(nameHeads)*len(nameMids)))%len(nameTails)]
	return string(h) + m + t
}

// bulkLayouts are mixed over the bulk workbooks; each names its township inside, since the
// file name does not.
func bulkLayout(i int, d seed.Document) (Layout, seed.Document) {
	org := "填报单位：" + d.Org
	switch i % 8 {
	case 0:
		return Layout{OrgRow: org}, d
	case 1:
		return Layout{OrgRow: "单位名称：" + d.Township}, seed.InYuan(d)
	case 2:
		return Layout{PerSheet: true, InfoSheet: d.Township}, d
	case 3:
		return Layout{MergeL1: true, MergeL2: true, OrgRow: org}, d
	case 4:
		return Layout{ColOff: 3, RowOff: 2, OrgRow: org}, d
	case 5:
		return Layout{BlankRows: true, OrgRow: org, TitleRows: []string{d.Township + "预算绩效目标"}}, d
	case 6:
		return Layout{Noisy: true, OrgRow: org}, d
	default:
		return Layout{InfoSheet: d.Township, Aliases: true}, d
	}
}

// bulkDoc derives the i-th bulk document from the seed: its own name and 项目编码, and
// amounts scaled by a factor between 0.60 and 1.59 (plans scaled alike, so the seed's
// 12月底 slip in 统计专项业务费 is kept).
func bulkDoc(i int) seed.Document {
	d := seed.WangGuanYing()
	d.Township = bulkName(i)
	d.Org = d.Township + "人民政府"
	f := decimal.New(int64(60+(i*37)%100), -2)
	scale := func(s string) string {
		if s == "" {
			return s
		}
		return seed.Amount(s).Mul(f).Round(2).StringFixed(2)
	}
	ps := make([]seed.Project, len(d.Projects))
	for j, p := range d.Projects {
		p.Code = fmt.Sprintf("%s%04d%s", p.Code[:16], i%10000, p.Code[20:])
		p.Budget = scale(p.Budget)
		p.Fiscal = p.Budget
		p.Other = scale(p.Other)
		for k := range p.Plan {
			p.Plan[k] = scale(p.Plan[k])
		}
		if j != 11 {
			p.Plan[3] = p.Budget
		}
		ps[j] = p
	}
	d.Projects = ps
	return d
}

func writeBulk(dir string, n int) error {
	for i := 0; i < n; i++ {
		d := bulkDoc(i)
		lay, d := bulkLayout(i, d)
		path := filepath.Join(dir, fmt.Sprintf("乡镇%04d.xlsx", i+1))
		if err := save(path, d, lay); err != nil {
			return err
		}
	}
	return nil
}
