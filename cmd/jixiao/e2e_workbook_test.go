package main

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"jixiao/consolidate"
)

// TestWorkbookSameBytesWhateverJobs: two runs with --jobs 1 and --jobs 4 give
// byte-identical county workbooks.
func TestWorkbookSameBytesWhateverJobs(t *testing.T) {
	dir := t.TempDir()
	var outs [][]byte
	for _, jobs := range []string{"1", "4"} {
		out := filepath.Join(dir, "jobs"+jobs+".xlsx")
		_, stderr, code := runBinary(t, "consolidate", "-q", "--jobs", jobs, "-o", out, samplePath("2024"))
		if code != exitProblems { // the samples carry two deliberate errors
			t.Fatalf("exit %d: %s", code, stderr)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		outs = append(outs, data)
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Error("--jobs 1 and --jobs 4 wrote different bytes")
	}
}

// TestWorkbookBaselineJSON compares 2024 with 2023 given as township files
// and as a county workbook written before, with the JSON report on stdout.
func TestWorkbookBaselineJSON(t *testing.T) {
	dir := t.TempDir()
	prev := filepath.Join(dir, "2023.xlsx")
	if _, stderr, code := runBinary(t, "consolidate", "-q", "--unit", "元", "-o", prev, samplePath("2023")); code != exitOK {
		t.Fatalf("2023: exit %d: %s", code, stderr)
	}
	var changes []string
	for _, base := range []string{samplePath("2023"), prev} {
		out := filepath.Join(dir, "out.xlsx")
		stdout, stderr, code := runBinary(t, "consolidate", "--force", "--json", "-", "--baseline", base, "-o", out, samplePath("2024"))
		if code != exitProblems {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if !strings.Contains(stderr, "基期") {
			t.Errorf("the summary should go to stderr with --json -: %q", stderr)
		}
		var rep struct {
			Total    struct{ Budget string }
			Baseline *struct {
				Year         int
				Budget       string
				Change       string
				New, Dropped int
			}
			Problems []struct{ Rule, File string }
		}
		if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
			t.Fatalf("stdout is not JSON: %v\n%s", err, stdout)
		}
		if rep.Total.Budget != "1926.476236" || rep.Baseline == nil || rep.Baseline.Year != 2023 || len(rep.Problems) == 0 {
			t.Fatalf("report %+v", rep)
		}
		if rep.Baseline.New == 0 || rep.Baseline.Dropped == 0 {
			t.Errorf("samples add and drop projects: %+v", rep.Baseline)
		}
		changes = append(changes, rep.Baseline.Budget+" "+rep.Baseline.Change)
		f, err := excelize.OpenFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if idx, _ := f.GetSheetIndex(consolidate.SheetBaseline); idx < 0 {
			t.Errorf("no %s sheet", consolidate.SheetBaseline)
		}
		f.Close()
	}
	if changes[0] != changes[1] {
		t.Errorf("baseline from files %q differs from baseline from the county workbook %q", changes[0], changes[1])
	}
}

// TestWorkbookCategoriesFlag maps projects with a UTF-8 CSV and finds
// the mapped 类别 in 分类汇总.
func TestWorkbookCategoriesFlag(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(dir, "类别.csv")
	if err := os.WriteFile(csv, []byte("匹配,类别\n村级转移支付,转移支付（含未拨付）\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.xlsx")
	if _, stderr, code := runBinary(t, "consolidate", "-q", "--categories", csv, "-o", out, samplePath("2024")); code != exitProblems {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cols, _ := f.GetCols(consolidate.SheetPivot)
	cats := strings.Join(cols[0], "|")
	if !strings.Contains(cats, "转移支付（含未拨付）") || strings.Contains(cats, "|村级转移支付|") {
		t.Errorf("categories %s", cats)
	}
	if _, _, code := runBinary(t, "consolidate", "-q", "--threshold", "很多", "-o", filepath.Join(dir, "x.xlsx"), samplePath("2024")); code != exitUsage {
		t.Errorf("bad --threshold: exit %d, want %d", code, exitUsage)
	}
}

// libreOfficeProfile makes a private LibreOffice profile that recalculates
// every formula on load, whoever saved the file.
func libreOfficeProfile(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	const xcu = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`
	if err := os.MkdirAll(filepath.Join(dir, "user"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "user", "registrymodifications.xcu"), []byte(xcu), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// recalcWithLibreOffice opens each file in LibreOffice headless, which
// recalculates it, and saves it again as .xlsx into a new folder.
func recalcWithLibreOffice(t *testing.T, soffice string, files ...string) string {
	t.Helper()
	out := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	args := append([]string{"-env:UserInstallation=file://" + libreOfficeProfile(t), "--headless", "--norestore",
		"--convert-to", "xlsx", "--outdir", out}, files...)
	cmd := exec.CommandContext(ctx, soffice, args...)
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	return out
}

// sameValue compares a cached value with LibreOffice's: numbers to 1e-9
// relative (spreadsheets add binary floats), text exactly.
func sameValue(ours, theirs string) bool {
	a, errA := strconv.ParseFloat(ours, 64)
	b, errB := strconv.ParseFloat(theirs, 64)
	if errA != nil || errB != nil {
		return ours == theirs
	}
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

// TestWorkbookLibreOfficeRecalculation opens the county workbook (with a
// baseline, so every formula sheet is present) in LibreOffice, lets it
// recalculate, and checks every formula's value equals the one jixiao cached.
// A control file with a wrong cached value proves LibreOffice recalculated.
func TestWorkbookLibreOfficeRecalculation(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice (LibreOffice) not installed; skipping the recalculation check")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "county.xlsx")
	if _, stderr, code := runBinary(t, "consolidate", "-q", "--baseline", samplePath("2023"), "-o", out, samplePath("2024")); code != exitProblems {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	control := filepath.Join(dir, "control.xlsx")
	cf := excelize.NewFile()
	sw, _ := cf.NewStreamWriter("Sheet1")
	_ = sw.SetRow("A1", []interface{}{2, 3, excelize.Cell{Formula: "SUM(A1:B1)", Value: 0}})
	_ = sw.Flush()
	if err := cf.SaveAs(control); err != nil {
		t.Fatal(err)
	}
	recalc := recalcWithLibreOffice(t, soffice, out, control)

	cr, err := excelize.OpenFile(filepath.Join(recalc, "control.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := cr.GetCellValue("Sheet1", "C1", excelize.Options{RawCellValue: true}); v != "5" {
		t.Fatalf("LibreOffice did not recalculate: control C1 = %q, want 5", v)
	}
	cr.Close()

	ours, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer ours.Close()
	theirs, err := excelize.OpenFile(filepath.Join(recalc, "county.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer theirs.Close()
	formulas := 0
	for _, sheet := range ours.GetSheetList() {
		rows, err := ours.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				fm, _ := ours.GetCellFormula(sheet, cell)
				if fm == "" {
					continue
				}
				formulas++
				got, _ := theirs.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
				if !sameValue(row[c], got) {
					t.Errorf("%s!%s =%s: jixiao cached %q, LibreOffice computed %q", sheet, cell, fm, row[c], got)
				}
			}
		}
	}
	if formulas < 100 {
		t.Errorf("only %d formulas checked", formulas)
	}
	t.Logf("%d formulas recalculated by LibreOffice match the cached values", formulas)
}

// TestWorkbookCountyAndTwoDecimals: --county names the county in the
// titles; the summary shows the total with two decimals and the exact
// amount after it (a township wrote 160.376236 万元).
func TestWorkbookCountyAndTwoDecimals(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out.xlsx")
	stdout, stderr, code := runBinary(t, "consolidate", "--county", "丰润区", "-o", out, samplePath("2024"))
	if code != exitProblems {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if want := "预算数合计 1926.48 万元（精确值 1926.476236 万元）。"; !strings.Contains(stdout, want) {
		t.Errorf("summary %q, want %q", stdout, want)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if title, _ := f.GetCellValue(consolidate.SheetSummary, "A1"); !strings.HasPrefix(title, "丰润区2024年度") {
		t.Errorf("汇总!A1 = %q, want the county 丰润区", title)
	}
}
