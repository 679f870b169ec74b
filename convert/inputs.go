package convert

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Skipped is a file or folder under the paths given that is not read.
type Skipped struct {
	Path string
	// Unreadable marks a subfolder that could not be listed; its files are
	// not read.
	Unreadable bool
	// Err says why, a LocatedError at Path; nil for a file skipped for its
	// name (another extension, an Office lock file "~$…", a hidden file).
	Err error
}

// ListInputs expands files and folders (recursively) into a sorted list of
// input files, and lists what in those folders is not read: files that are
// not inputs (other extensions, Office lock files, hidden files), named
// pipes, devices and sockets, and subfolders that cannot be read. Only a
// path given that does not exist (ErrNotFound) or cannot be read at all
// (ErrUnreadable) is an error.
//
//	files, skipped, err := convert.ListInputs([]string{"samples/2024"})
func ListInputs(paths []string) (files []string, skipped []Skipped, err error) {
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			files = append(files, p)
		}
	}
	skip := func(p string, unreadable bool, err error) {
		if !seen[p] {
			seen[p] = true
			if err != nil {
				err = &LocatedError{File: p, Err: err}
			}
			skipped = append(skipped, Skipped{Path: p, Unreadable: unreadable, Err: err})
		}
	}
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, nil, statError(p, err)
		}
		if !info.IsDir() {
			if !info.Mode().IsRegular() {
				skip(filepath.Clean(p), false, NotRegularError(info.Mode()))
				continue
			}
			add(filepath.Clean(p))
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				if path == p {
					return err
				}
				// a subfolder that cannot be read costs its own files only
				skip(path, true, fmt.Errorf("%w：文件夹无法读取（%v），其中的文件未汇总；请检查文件夹的权限后重新运行", ErrUnreadable, WithoutPath(err)))
				if d != nil && d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			name := d.Name()
			if d.IsDir() {
				if path != p && strings.HasPrefix(name, ".") {
					return filepath.SkipDir
				}
				return nil
			}
			// files of other extensions are listed as skipped, never silently ignored
			if strings.HasPrefix(name, "~$") || strings.HasPrefix(name, ".") || !IsInputExtension(filepath.Ext(name)) {
				skip(path, false, nil)
				return nil
			}
			if t := d.Type(); t&(fs.ModeNamedPipe|fs.ModeSocket|fs.ModeDevice|fs.ModeCharDevice|fs.ModeIrregular) != 0 {
				skip(path, false, NotRegularError(t))
				return nil
			}
			add(path)
			return nil
		})
		if err != nil {
			return nil, nil, &LocatedError{File: p, Err: fmt.Errorf("%w: %v", ErrUnreadable, WithoutPath(err))}
		}
	}
	sort.Strings(files)
	sort.Slice(skipped, func(i, j int) bool { return skipped[i].Path < skipped[j].Path })
	return files, skipped, nil
}

// statError is the error for an input path that cannot be looked at: one
// that does not exist is ErrNotFound, not a damaged file.
func statError(path string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return &LocatedError{File: path, Err: ErrNotFound}
	}
	return &LocatedError{File: path, Err: fmt.Errorf("%w: %v", ErrUnreadable, err)}
}

// WithoutPaths drops from files those that are one of drop ("" and "-", for
// standard output, drop nothing): a run's outputs are never its inputs, even
// when written into the folder being read.
func WithoutPaths(files, drop []string) []string {
	if len(drop) == 0 {
		return files
	}
	abs := map[string]bool{}
	for _, o := range drop {
		if o == "" || o == "-" {
			continue
		}
		if a, err := filepath.Abs(o); err == nil {
			abs[a] = true
		}
	}
	kept := files[:0:0]
	for _, f := range files {
		if a, err := filepath.Abs(f); err == nil && abs[a] {
			continue
		}
		kept = append(kept, f)
	}
	return kept
}
