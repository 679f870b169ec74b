// Command gen writes the sample workbooks of the samples tree from the documents of package
// seed. Run without flags from the module root it regenerates every committed sample under
// samples/; the output is the same byte for byte on every run.
//
//	go run ./samples/gen                    # regenerate samples/2024, samples/2023, samples/variants
//	go run ./samples/gen -n 2000 -o DIR     # write 2000 seed-sized township workbooks for benchmarks
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"jixiao/samples/seed"
)

func main() {
	n := flag.Int("n", 0, "write `N` seed-sized township workbooks (乡镇0001.xlsx …) instead of the samples")
	out := flag.String("o", "", "output `dir` (default samples, or bulk with -n)")
	flag.Parse()
	var err error
	switch {
	case *n > 0:
		dir := *out
		if dir == "" {
			dir = "bulk"
		}
		err = writeBulk(dir, *n)
	default:
		dir := *out
		if dir == "" {
			dir = "samples"
		}
		err = writeSamples(dir)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// Sample is one committed workbook: a path under the samples directory, a document and a
// layout.
type Sample struct {
	Path   string
	Doc    seed.Document
	Layout Layout
}

// townshipLayouts gives each township its own layout, used in both years.
func townshipLayouts(d seed.Document) Layout {
	switch d.Township {
	case "王官营镇":
		return Layout{}
	case "丰登坞镇":
		return Layout{OrgRow: "填报单位：" + d.Org}
	case "李钊庄镇":
		return Layout{OrgRow: "单位名称：" + d.Township, NoMeasures: true}
	case "白官屯镇":
		return Layout{PerSheet: true, InfoSheet: d.Township}
	case "石各庄镇":
		return Layout{MergeL1: true, MergeL2: true, OrgRow: "填报单位：" + d.Township}
	case "沙流河镇":
		return Layout{OrgRow: "填报单位：" + d.Org, TitleRows: []string{fmt.Sprintf("%s%d年预算绩效目标", d.Township, d.Year)}}
	default:
		return Layout{InfoSheet: d.Township}
	}
}

// Samples lists every committed sample.
func Samples() []Sample {
	var s []Sample
	for _, d := range seed.All() {
		s = append(s, Sample{filepath.Join("2024", d.Township+".xlsx"), d, townshipLayouts(d)})
	}
	for _, d := range seed.Baseline2023() {
		s = append(s, Sample{filepath.Join("2023", d.Township+".xlsx"), d, townshipLayouts(d)})
	}
	w := seed.WangGuanYing()
	v := func(name string, d seed.Document, lay Layout) {
		s = append(s, Sample{filepath.Join("variants", name+".xlsx"), d, lay})
	}
	v("王官营镇-两行标题", w, Layout{TitleRows: []string{"丰润区2024年预算绩效目标", "王官营镇（部门整体绩效目标及项目绩效目标表）"}})
	v("王官营镇-空行", w, Layout{BlankRows: true})
	v("王官营镇-右移", w, Layout{ColOff: 3, RowOff: 2})
	v("王官营镇-每表一页", w, Layout{PerSheet: true})
	v("王官营镇-合并单元格", w, Layout{MergeL1: true, MergeL2: true})
	v("王官营镇-全角", w, Layout{Noisy: true})
	v("王官营镇-元", seed.InYuan(w), Layout{})
	v("基本信息-别名", w, Layout{InfoSheet: "王官营镇", Aliases: true})
	return s
}

func writeSamples(dir string) error {
	for _, s := range Samples() {
		if err := save(filepath.Join(dir, s.Path), s.Doc, s.Layout); err != nil {
			return err
		}
	}
	if err := writeLegacy(dir); err != nil {
		return err
	}
	if err := writeXMLSheetSamples(dir); err != nil {
		return err
	}
	return writeDocxSamples(dir)
}

func save(path string, d seed.Document, lay Layout) error {
	f, err := Workbook(d, lay)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer f.Close()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	if err := f.SaveAs(path); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
