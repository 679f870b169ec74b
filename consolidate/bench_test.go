package consolidate

// Benchmarks against the floor: consolidating N generated townships compared
// with only opening the same files with excelize and reading every cell.
//
//	go test ./consolidate -run '^$' -bench . -benchtime 3x            # N = 20, 200, 2000
//	go test ./consolidate -run '^$' -bench . -short                   # N = 20, 200
//	JIXIAO_BENCH_DIR=DIR go test ./consolidate -run '^$' -bench Dir -benchtime 1x
//	JIXIAO_BENCH_DIR=DIR JIXIAO_BENCH_HEAPPROFILE=heap.out \
//	    go test ./consolidate -run '^$' -bench ReadDir -benchtime 1x   # what stays in memory
//
// The workbooks are written once per N by samples/gen into a folder under the
// system temporary directory and reused by later runs while the generator's
// sources are unchanged. Nothing here runs without -bench.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"jixiao/convert"
)

// benchSizes are the township counts benchmarked; the largest is skipped
// under -short.
var benchSizes = []int{20, 200, 2000}

func BenchmarkConsolidate(b *testing.B) {
	for _, n := range benchSizes {
		b.Run("N="+strconv.Itoa(n), func(b *testing.B) {
			benchConsolidate(b, benchDir(b, n), 0)
		})
	}
}

// BenchmarkRead is consolidation without writing the county workbook. It
// also reports what the result keeps in memory per township once read
// (live-B/township: the live heap after a collection, less the live heap
// before the run): the part of the peak memory that grows with the number
// of townships.
func BenchmarkRead(b *testing.B) {
	for _, n := range benchSizes {
		b.Run("N="+strconv.Itoa(n), func(b *testing.B) {
			benchRead(b, benchDir(b, n), 0)
		})
	}
}

// BenchmarkReadDir is BenchmarkRead over the folder named by
// JIXIAO_BENCH_DIR (skipped when it is unset).
func BenchmarkReadDir(b *testing.B) {
	dir, jobs := envDir(b)
	defer useCores(jobs)()
	benchRead(b, dir, jobs)
}

func benchRead(b *testing.B, dir string, jobs int) {
	files := benchFiles(b, dir)
	b.ReportAllocs()
	var live float64
	for b.Loop() {
		before := liveHeap()
		res := benchRun(b, dir, jobs, len(files))
		b.StopTimer()
		live = float64(liveHeap()) - float64(before)
		writeHeapProfile(b)
		b.StartTimer()
		res.Close()
	}
	reportPerTownship(b, len(files))
	b.ReportMetric(live/float64(len(files)), "live-B/township")
}

// writeHeapProfile writes what is live to the file named by
// JIXIAO_BENCH_HEAPPROFILE, if set: with BenchmarkRead, what a read result
// keeps in memory (go tool pprof -sample_index=inuse_space).
func writeHeapProfile(b *testing.B) {
	name := os.Getenv("JIXIAO_BENCH_HEAPPROFILE")
	if name == "" {
		return
	}
	f, err := os.Create(name)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		b.Fatal(err)
	}
}

// liveHeap is the heap in use after a full collection.
func liveHeap() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// BenchmarkFloor opens the same files with excelize, on as many workers as
// consolidation uses, and reads every cell of every sheet with the rows
// iterator: the least any reader of these workbooks does.
func BenchmarkFloor(b *testing.B) {
	for _, n := range benchSizes {
		b.Run("N="+strconv.Itoa(n), func(b *testing.B) {
			benchFloor(b, benchDir(b, n), 0)
		})
	}
}

// BenchmarkConsolidateDir and BenchmarkFloorDir measure the workbooks in the
// folder named by JIXIAO_BENCH_DIR (skipped when it is unset), so a script can
// time the command line and the floor over the very same files.
func BenchmarkConsolidateDir(b *testing.B) {
	dir, jobs := envDir(b)
	defer useCores(jobs)()
	benchConsolidate(b, dir, jobs)
}

func BenchmarkFloorDir(b *testing.B) {
	dir, jobs := envDir(b)
	defer useCores(jobs)()
	benchFloor(b, dir, jobs)
}

// envDir is the folder named by JIXIAO_BENCH_DIR (the benchmark is skipped
// when it is unset) and the jobs of JIXIAO_BENCH_JOBS.
func envDir(b *testing.B) (dir string, jobs int) {
	dir = os.Getenv("JIXIAO_BENCH_DIR")
	if dir == "" {
		b.Skip("JIXIAO_BENCH_DIR not set")
	}
	return dir, benchJobs(b)
}

// benchRun reads dir, which must give one township per file of its files.
func benchRun(b *testing.B, dir string, jobs, files int) *Result {
	res, err := Run(context.Background(), []string{dir}, Options{Jobs: jobs})
	if err != nil {
		b.Fatal(err)
	}
	if res.Townships() != files {
		b.Fatalf("%d submissions from %d files", res.Townships(), files)
	}
	return res
}

// useCores holds the process to jobs CPU cores when jobs > 0, as
// jixiao --jobs does, and returns what lifts the limit.
func useCores(jobs int) (restore func()) {
	if jobs <= 0 {
		return func() {}
	}
	prev := runtime.GOMAXPROCS(jobs)
	return func() { runtime.GOMAXPROCS(prev) }
}

// benchJobs is JIXIAO_BENCH_JOBS, or 0 for all cores. Given, it is both the
// number of workers and of cores used (GOMAXPROCS), as with jixiao --jobs.
func benchJobs(b *testing.B) int {
	s := os.Getenv("JIXIAO_BENCH_JOBS")
	if s == "" {
		return 0
	}
	j, err := strconv.Atoi(s)
	if err != nil {
		b.Fatalf("JIXIAO_BENCH_JOBS: %v", err)
	}
	return j
}

func benchConsolidate(b *testing.B, dir string, jobs int) {
	files := benchFiles(b, dir)
	out := filepath.Join(b.TempDir(), "县级汇总.xlsx")
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		res := benchRun(b, dir, jobs, len(files))
		if err := WriteWorkbook(ctx, res, out, WriteOptions{Force: true}); err != nil {
			b.Fatal(err)
		}
		res.Close()
	}
	reportPerTownship(b, len(files))
}

func benchFloor(b *testing.B, dir string, jobs int) {
	files := benchFiles(b, dir)
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	b.ReportAllocs()
	for b.Loop() {
		cells, err := floorRead(files, jobs)
		if err != nil {
			b.Fatal(err)
		}
		if cells == 0 {
			b.Fatal("no cells read")
		}
	}
	reportPerTownship(b, len(files))
}

// floorRead opens every file with excelize on jobs workers and reads every
// cell of every sheet; it returns the number of non-empty cells.
func floorRead(files []string, jobs int) (int, error) {
	idx := make(chan int)
	counts := make([]int, jobs)
	errs := make([]error, jobs)
	var wg sync.WaitGroup
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range idx {
				if errs[w] != nil {
					continue
				}
				n, err := floorFile(files[i])
				counts[w] += n
				errs[w] = err
			}
		}()
	}
	for i := range files {
		idx <- i
	}
	close(idx)
	wg.Wait()
	total := 0
	for w := range counts {
		if errs[w] != nil {
			return 0, errs[w]
		}
		total += counts[w]
	}
	return total, nil
}

func floorFile(path string) (int, error) {
	f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
	if err != nil {
		return 0, err
	}
	defer f.Close()
	n := 0
	for _, name := range f.GetSheetList() {
		rows, err := f.Rows(name)
		if err != nil {
			return 0, err
		}
		for rows.Next() {
			cols, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				rows.Close()
				return 0, err
			}
			for _, c := range cols {
				if c != "" {
					n++
				}
			}
		}
		err = rows.Error()
		if cerr := rows.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return 0, err
		}
	}
	return n, nil
}

func reportPerTownship(b *testing.B, n int) {
	if b.N > 0 && n > 0 {
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/township")
	}
}

// benchFiles lists the input workbooks of dir.
func benchFiles(b *testing.B, dir string) []string {
	files, _, err := convert.ListInputs([]string{dir})
	if err != nil {
		b.Fatal(err)
	}
	if len(files) == 0 {
		b.Fatalf("no workbooks in %s", dir)
	}
	return files
}

// benchDir returns a folder of n generated township workbooks, writing it
// unless an earlier run left one made by the same generator sources.
func benchDir(b *testing.B, n int) string {
	b.Helper()
	if n > 200 && testing.Short() {
		b.Skipf("%d townships skipped with -short", n)
	}
	root := filepath.Join(os.TempDir(), "jixiao-bench")
	dir := filepath.Join(root, strconv.Itoa(n))
	stamp := dir + ".done"
	key, err := generatorKey()
	if err != nil {
		b.Fatal(err)
	}
	if got, err := os.ReadFile(stamp); err == nil && string(got) == key {
		return dir
	}
	if err := os.RemoveAll(dir); err != nil {
		b.Fatal(err)
	}
	os.Remove(stamp)
	cmd := exec.Command("go", "run", "./samples/gen", "-n", strconv.Itoa(n), "-o", dir)
	cmd.Dir = ".."
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("generating %d townships: %v\n%s", n, err, out)
	}
	if err := os.WriteFile(stamp, []byte(key), 0o644); err != nil {
		b.Fatal(err)
	}
	return dir
}

// generatorKey fingerprints the generator's sources, so a changed generator
// gives fresh workbooks.
func generatorKey() (string, error) {
	var paths []string
	for _, pat := range []string{"../samples/gen/*.go", "../samples/seed/*.go"} {
		m, err := filepath.Glob(pat)
		if err != nil {
			return "", err
		}
		paths = append(paths, m...)
	}
	sort.Strings(paths)
	h := sha256.New()
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s\x00", filepath.Base(p))
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// TestFilesClosedAfterReading checks that reading keeps no workbook open:
// after a consolidation no file descriptor of the process points at an
// input. (Counting descriptors is not enough: the runtime opens its own,
// such as the poller's, the first time a file is opened without blocking,
// and the run keeps its record file open until Close.)
func TestFilesClosedAfterReading(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc/self/fd")
	}
	dir, err := filepath.Abs(filepath.Join("..", "samples", "2024"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skip(err)
	}
	res, err := Run(context.Background(), []string{dir}, Options{Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer res.Close()
	if res.Townships() == 0 {
		t.Fatal("no submissions")
	}
	for _, target := range openFDs(t) {
		if strings.HasPrefix(target, dir+string(filepath.Separator)) {
			t.Errorf("%s is still open after reading", target)
		}
	}
}

func openFDs(t *testing.T) []string {
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skip(err)
	}
	var targets []string
	for _, e := range ents {
		if target, err := os.Readlink(filepath.Join("/proc/self/fd", e.Name())); err == nil {
			targets = append(targets, target)
		}
	}
	return targets
}
