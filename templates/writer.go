package templates

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"jixiao/convert"
)

// Sheet names of the standard workbook.
const (
	SheetGuide    = "填报说明"
	SheetBasic    = "基本信息"
	SheetOverall  = "部门整体绩效目标"
	SheetProjects = "项目绩效目标表"
	// SheetLists is the hidden sheet holding the dropdown lists.
	SheetLists = "下拉选项"
)

// Template sizes.
const (
	// DefaultProjects is the number of project blocks of a blank template.
	DefaultProjects = 5
	// MaxProjects bounds the project blocks of one template.
	MaxProjects = 500
	// OverallItemRows is the number of 分项绩效目标 rows, (一) to (二十).
	OverallItemRows = 20
	// ExtraIndicatorRows is the number of blank indicator rows under the
	// pre-labelled ones in each project block.
	ExtraIndicatorRows = 4
)

// ErrTemplateOptions: the options of a template are invalid.
var ErrTemplateOptions = errors.New("模板参数无效")

// TemplateOptions describe a standard workbook: for whom, which year, how
// many project blocks, which indicator framework and unit, and optionally
// what is already entered.
type TemplateOptions struct {
	// Township is the 单位名称 written into 基本信息 (blank when empty).
	Township string
	// RegionCode is the 行政区划代码 (blank when empty).
	RegionCode string
	// Year is the 预算年度 (blank when 0).
	Year int
	// Projects is the number of project blocks: default 5, or
	// len(Prefill.Projects) when that is larger.
	Projects int
	// Framework is the indicator framework of the dropdowns (default Classic()).
	Framework Framework
	// Password protects the sheets; empty protects them without a password.
	Password string
	// Unit is the money unit of the workbook (default 万元, or the unit of
	// Prefill when it states one).
	Unit convert.Unit
	// Prefill, when set, is entered into the workbook: its township, code,
	// year, overall targets and projects.
	Prefill *Submission
}

// BuildTemplate builds the standard workbook in memory: 填报说明, 基本信息,
// 部门整体绩效目标 and 项目绩效目标表 with dropdowns, validation and sheet
// protection, laid out so that ReadFile reads back whatever is entered.
//
//	f, err := templates.BuildTemplate(templates.TemplateOptions{Township: "王官营镇", Year: 2024})
//	if err == nil { err = f.SaveAs("王官营镇.xlsx") }
func BuildTemplate(opt TemplateOptions) (*excelize.File, error) {
	opt, err := opt.normalized()
	if err != nil {
		return nil, err
	}
	f := excelize.NewFile()
	b := &builder{f: f, opt: opt}
	if err := b.build(); err != nil {
		f.Close()
		return nil, fmt.Errorf("生成模板：%w", err)
	}
	return f, nil
}

// WriteTemplate builds the standard workbook and writes it to path
// atomically (see convert.SaveFile). An existing file is replaced; callers
// that must not replace one use SaveTemplate.
//
//	err := templates.WriteTemplate("模板.xlsx", templates.TemplateOptions{Year: 2024})
func WriteTemplate(path string, opt TemplateOptions) error {
	return SaveTemplate(context.Background(), path, opt, convert.SaveOptions{Force: true})
}

// SaveTemplate builds the standard workbook and saves it to path with
// convert.SaveFile and its options: without save.Force an existing file is
// refused, checked before the workbook is built.
//
//	err := templates.SaveTemplate(ctx, "模板.xlsx", templates.TemplateOptions{Year: 2024}, convert.SaveOptions{})
func SaveTemplate(ctx context.Context, path string, opt TemplateOptions, save convert.SaveOptions) error {
	if err := convert.CheckOutput(path, save); err != nil {
		return err
	}
	f, err := BuildTemplate(opt)
	if err != nil {
		return err
	}
	defer f.Close()
	return convert.SaveFile(ctx, path, save, func(w io.Writer) error {
		_, err := f.WriteTo(w)
		return err
	})
}

// normalized fills in defaults and checks the options.
func (opt TemplateOptions) normalized() (TemplateOptions, error) {
	if len(opt.Framework.Groups) == 0 {
		opt.Framework = Classic()
	}
	if opt.Prefill != nil {
		p := opt.Prefill
		if opt.Township == "" {
			opt.Township = p.Township.Value
		}
		if opt.RegionCode == "" {
			opt.RegionCode = p.Code.Value
		}
		if opt.Year == 0 {
			opt.Year = p.Year
		}
		if opt.Unit == convert.UnitUnknown {
			opt.Unit = p.Unit
		}
	}
	if opt.Unit == convert.UnitUnknown {
		opt.Unit = convert.UnitWan
	}
	if opt.Unit != convert.UnitWan && opt.Unit != convert.UnitYuan {
		return opt, fmt.Errorf("%w：金额单位只能是万元或元", ErrTemplateOptions)
	}
	if opt.Projects < 0 {
		return opt, fmt.Errorf("%w：项目表数量不能为负数（%d）", ErrTemplateOptions, opt.Projects)
	}
	if opt.Projects == 0 {
		opt.Projects = DefaultProjects
	}
	if opt.Prefill != nil && len(opt.Prefill.Projects) > opt.Projects {
		opt.Projects = len(opt.Prefill.Projects)
	}
	if opt.Projects > MaxProjects {
		return opt, fmt.Errorf("%w：项目表数量 %d 超过上限 %d", ErrTemplateOptions, opt.Projects, MaxProjects)
	}
	if opt.Year != 0 && (opt.Year < 2000 || opt.Year > 2100) {
		return opt, fmt.Errorf("%w：预算年度 %d 不在 2000—2100 之间", ErrTemplateOptions, opt.Year)
	}
	for _, g := range opt.Framework.Groups {
		if g.Level1 == "" || len(g.Level2) == 0 {
			return opt, fmt.Errorf("%w：指标体系的一级指标「%s」没有二级指标", ErrTemplateOptions, g.Level1)
		}
	}
	return opt, nil
}

// builder writes one workbook.
type builder struct {
	f   *excelize.File
	opt TemplateOptions
	st  styles
}

func (b *builder) build() error {
	var err error
	if b.st, err = newStyles(b.f); err != nil {
		return err
	}
	steps := []func() error{
		b.guideSheet,
		b.basicSheet,
		b.overallSheet,
		b.projectsSheet,
		b.listsSheet,
	}
	if err := b.f.SetSheetName("Sheet1", SheetGuide); err != nil {
		return err
	}
	for _, name := range []string{SheetBasic, SheetOverall, SheetProjects, SheetLists} {
		if _, err := b.f.NewSheet(name); err != nil {
			return err
		}
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	// the marker by which jixiao knows its templates among the inputs
	if err := b.f.SetDocProps(&excelize.DocProperties{Category: MarkerTemplate}); err != nil {
		return err
	}
	fullCalc := true
	if err := b.f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &fullCalc}); err != nil {
		return err
	}
	idx, err := b.f.GetSheetIndex(SheetGuide)
	if err != nil {
		return err
	}
	b.f.SetActiveSheet(idx)
	return nil
}

// unitRow is the row of the 金额单位 input (column B) on 基本信息; every unit
// line of the project sheet refers to it.
const unitRow = 5

// unitLineFormula makes a unit line follow 基本信息's 金额单位.
func unitLineFormula() string {
	return fmt.Sprintf(`"单位："&'%s'!$B$%d`, SheetBasic, unitRow)
}

// protect protects a sheet, leaving resizing and the dropdowns usable.
func (b *builder) protect(sheet string) error {
	return b.f.ProtectSheet(sheet, &excelize.SheetProtectionOptions{
		Password:            b.opt.Password,
		FormatColumns:       true,
		FormatRows:          true,
		InsertRows:          true,
		SelectLockedCells:   true,
		SelectUnlockedCells: true,
	})
}

// pageSetup prints a sheet on A4, fitted to the page width.
func (b *builder) pageSetup(sheet string, landscape bool) error {
	size, fitW, fitH := 9, 1, 0
	orient := "portrait"
	if landscape {
		orient = "landscape"
	}
	fit := true
	if err := b.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	return b.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size: &size, Orientation: &orient, FitToWidth: &fitW, FitToHeight: &fitH,
	})
}

// cell names a cell by one-based column and row.
func cell(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}
