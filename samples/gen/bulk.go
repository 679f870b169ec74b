package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"

	"github.com/shopspring/decimal"

	"jixiao/samples/seed"
)

// Name parts for distinct synthetic township names in bulk mode.
var (
	nameHeads = []rune("王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
	nameMids  = []string{"家营", "各庄", "官屯", "庄子", "家坞", "河头", "官林", "城铺", "树庄", "登坞", "流河", "钊庄", "家店", "集", "村", "家口"}
	nameTails = []string{"镇", "乡"}
	// namePrefixes start the names after the first len(nameHeads)*len(nameMids)*len(nameTails).
	namePrefixes = []rune("东西南北上下前后新老大小高中长青白红金石")
)

// bulkNameBase is how many distinct names there are without a prefix.
var bulkNameBase = len(nameHeads) * len(nameMids) * len(nameTails)

// bulkName returns the i-th (0-based) synthetic township name; names are distinct for
// i < bulkNameBase*(1+len(namePrefixes)). The first bulkNameBase names have no prefix.
func bulkName(i int) string {
	h := nameHeads[i%len(nameHeads)]
	m := nameMids[(i/len(nameHeads))%len(nameMids)]
	t := nameTails[(i/(len(nameHeads)*len(nameMids)))%len(nameTails)]
	name := string(h) + m + t
	if k := (i / bulkNameBase) % (1 + len(namePrefixes)); k > 0 {
		name = string(namePrefixes[k-1]) + name
	}
	return name
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
		// the serial takes the four digits at 16–19 and, from 10000 on, the digit at 11
		p.Code = fmt.Sprintf("%s%d%s%04d%s", p.Code[:11], (i/10000)%10, p.Code[12:16], i%10000, p.Code[20:])
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

// writeBulk writes n bulk workbooks into dir, on all cores; each file's bytes depend only on
// its index.
func writeBulk(dir string, n int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	width := 4
	if n > 9999 {
		width = len(strconv.Itoa(n))
	}
	idx := make(chan int)
	errs := make([]error, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for w := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range idx {
				if errs[w] != nil {
					continue
				}
				d := bulkDoc(i)
				lay, d := bulkLayout(i, d)
				path := filepath.Join(dir, fmt.Sprintf("乡镇%0*d.xlsx", width, i+1))
				errs[w] = save(path, d, lay)
			}
		}()
	}
	for i := 0; i < n; i++ {
		idx <- i
	}
	close(idx)
	wg.Wait()
	return errors.Join(errs...)
}
