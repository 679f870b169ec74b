// Package consolidate merges township submissions into the county view: it
// reads every file under the paths given (Run), keeps one submission per
// township, checks each against the bureau's rules, and writes the county
// workbook (WriteWorkbook).
//
// Where things are:
//   - run.go reads the files in parallel; identify.go lists a file that is
//     no township's form (a county workbook, a blank template, no form: the
//     kind templates reads from the file) in 来源清单 with a warning.
//   - validate.go holds the checks of one form; validate_duplicates.go and
//     validate_codes.go the checks across townships; the review rules
//     (审核, R1–R9) are package review.
//   - totals.go sums a township and the county; pivot.go builds the
//     分类汇总 matrix (package pivot holds it and its statistics).
//   - sheet_*.go write one county sheet each, named for it (sheets.go lists
//     them); workbook.go puts them in order with their styles, cells.go has
//     the cells they share. Package internal/xlsxw streams the rows.
//   - tally.go, compact.go, intern.go, submissions.go and resultlog.go are
//     what a run keeps of each township, compact in memory or in temporary
//     files (package internal/spill), so that 20,000 townships fit.
//
// Features built on a consolidation are packages of their own: baseline
// (--baseline), rounds (--previous), feedback (jixiao feedback), report
// (--json), category (--categories).
package consolidate
