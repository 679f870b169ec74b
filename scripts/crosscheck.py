#!/usr/bin/env python3
"""Compare jixiao's spreadsheet readers cell by cell with xlrd (.xls) and openpyxl (.xlsx).

Reads every .xls and .xlsx file under the folder given, asks `go run ./scripts/crosscheck`
what jixiao reads and xlrd/openpyxl what they read, and prints each file that differs:
a sheet count or name, or the first differing cells. Numbers are equal when they are the
same double; dates compare as Excel serial numbers in the workbook's own date system;
booleans as 1/0; error values as their text. Files that xlrd/openpyxl cannot read are
listed apart, and so are those jixiao refuses.

    scripts/crosscheck.py FOLDER            # needs python3-xlrd and python3-openpyxl
    scripts/crosscheck.py FOLDER --max 5    # at most 5 differing cells shown per file
"""
import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile

ERRORS = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?", 0x24: "#NUM!", 0x2A: "#N/A"}


def xlrd_book(path):
    import xlrd
    book = xlrd.open_workbook(path, formatting_info=False, on_demand=True)
    sheets = []
    for i in range(book.nsheets):
        sh = book.sheet_by_index(i)
        rows = []
        for r in range(sh.nrows):
            row = []
            for c in range(sh.ncols):
                cell = sh.cell(r, c)
                t = cell.ctype
                if t in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    row.append(None)
                elif t == xlrd.XL_CELL_TEXT:
                    row.append(cell.value)
                elif t == xlrd.XL_CELL_BOOLEAN:
                    row.append(1.0 if cell.value else 0.0)
                elif t == xlrd.XL_CELL_ERROR:
                    row.append(ERRORS.get(cell.value, "#ERROR!"))
                else:
                    row.append(float(cell.value))
            rows.append(row)
        sheets.append((sh.name, rows))
    return sheets


def openpyxl_book(path):
    import openpyxl
    from openpyxl.utils.datetime import to_excel
    wb = openpyxl.load_workbook(path, data_only=True)
    epoch = getattr(wb, "epoch", None)
    sheets = []
    for ws in wb.worksheets:
        if ws.max_row * ws.max_column > 2000000:  # iter_rows would fill in every empty cell
            raise ValueError("sheet %r spans %d x %d cells, too many to compare" % (ws.title, ws.max_row, ws.max_column))
        rows = []
        for row in ws.iter_rows(values_only=True):
            out = []
            for v in row:
                if isinstance(v, bool):
                    out.append(1.0 if v else 0.0)
                elif isinstance(v, (int, float)):
                    out.append(float(v))
                elif isinstance(v, (datetime.datetime, datetime.date, datetime.time)):
                    out.append(float(to_excel(v, epoch) if epoch else to_excel(v)))
                elif isinstance(v, datetime.timedelta):
                    out.append(v.total_seconds() / 86400)
                elif v is None or v == "":
                    out.append(None)
                else:
                    out.append(str(v))
            rows.append(out)
        sheets.append((ws.title, rows))
    return sheets


def same(ours, theirs):
    if theirs is None:
        return ours == ""
    if isinstance(theirs, float):
        try:
            return float(ours) == theirs or abs(float(ours) - theirs) <= 1e-9 * max(1.0, abs(theirs))
        except ValueError:
            return False
    return ours == theirs


def cell(rows, r, c):
    if r < len(rows) and c < len(rows[r]):
        return rows[r][c]
    return None


def compare(ours, theirs, limit):
    """Returns lines describing the differences of one workbook."""
    out = []
    # chart sheets and dialog sheets, empty here, are no worksheets to the reference
    names = {name for name, _ in theirs}
    ours = [s for s in ours if s["name"] in names or any(r for r in s["rows"] or [])]
    if len(ours) != len(theirs):
        out.append("sheets: jixiao %d, reference %d" % (len(ours), len(theirs)))
    for i, (name, rows) in enumerate(theirs[: len(ours)]):
        mine = ours[i]
        if mine["name"] != name:
            out.append("sheet %d name: jixiao %r, reference %r" % (i + 1, mine["name"], name))
        my_rows = [row or [] for row in mine["rows"] or []]
        shown = 0
        for r in range(max(len(rows), len(my_rows))):
            width = max(len(rows[r]) if r < len(rows) else 0, len(my_rows[r]) if r < len(my_rows) else 0)
            for c in range(width):
                a = cell(my_rows, r, c) or ""
                b = cell(rows, r, c)
                if not same(a, b):
                    if shown < limit:
                        out.append("%s!R%dC%d: jixiao %r, reference %r" % (name, r + 1, c + 1, a, b))
                    shown += 1
        if shown > limit:
            out.append("%s: %d more cells differ" % (name, shown - limit))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder")
    ap.add_argument("--max", type=int, default=3, help="differing cells shown per sheet")
    args = ap.parse_args()
    files = []
    for root, _, names in os.walk(args.folder):
        for n in sorted(names):
            if n.lower().endswith((".xls", ".xlsx")):
                files.append(os.path.join(root, n))
    repo = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    tmp = tempfile.mkdtemp(prefix="crosscheck")
    exe = os.path.join(tmp, "crosscheck")
    subprocess.run(["go", "build", "-o", exe, "./scripts/crosscheck"], cwd=repo, check=True)
    try:
        ours = {}
        for i in range(0, len(files), 200):
            res = subprocess.run([exe] + files[i : i + 200], capture_output=True, text=True, check=True)
            for line in res.stdout.splitlines():
                o = json.loads(line)
                ours[o["file"]] = o
    finally:
        shutil.rmtree(tmp)
    same_files = differing = refused = unreadable = 0
    for f in files:
        try:
            theirs = xlrd_book(f) if f.lower().endswith(".xls") else openpyxl_book(f)
        except Exception as e:  # the reference cannot read it either
            unreadable += 1
            print("reference cannot read %s: %s" % (f, str(e).splitlines()[0] if str(e) else type(e).__name__))
            continue
        o = ours[f]
        if o.get("error"):
            refused += 1
            print("jixiao refuses %s: %s" % (f, o["error"]))
            continue
        diffs = compare(o.get("sheets") or [], theirs, args.max)
        if diffs:
            differing += 1
            print("DIFFERS %s (%s)" % (f, o["format"]))
            for d in diffs:
                print("    " + d)
        else:
            same_files += 1
    print("%d files: %d read alike, %d differ, %d refused by jixiao, %d unreadable by the reference"
          % (len(files), same_files, differing, refused, unreadable))
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
