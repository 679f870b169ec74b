package convert

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// atomicFile is an output being written (see SaveFile): it appears under its
// name complete or not at all. Where the system allows (Linux), the data goes into an
// unnamed file in the output's folder that vanishes with the process however
// it ends, even by SIGKILL; it gets a name only once complete, just before
// the rename over the output. Elsewhere it is a named temporary file
// ".<output>.<pid>-<random>.tmp"; one left behind by a killed run is swept by
// the next run writing the same output.
type atomicFile struct {
	f    *os.File
	path string // the output
	name string // the temporary's name; "" while unnamed
	done bool
	// noReplace: commit fails with ErrOutputExists rather than replace a
	// file that has appeared under path meanwhile.
	noReplace bool
}

// createAtomic starts writing the output path.
func createAtomic(path string) (*atomicFile, error) {
	sweepTemps(path)
	if f, err := openUnnamed(filepath.Dir(path)); err == nil {
		return &atomicFile{f: f, path: path}, nil
	}
	return createNamed(path)
}

func createNamed(path string) (*atomicFile, error) {
	f, err := os.CreateTemp(filepath.Dir(path), tempPrefix(path)+strconv.Itoa(os.Getpid())+"-*.tmp")
	if err != nil {
		return nil, err
	}
	// CreateTemp makes the file private; the output is an ordinary document.
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	return &atomicFile{f: f, path: path, name: f.Name()}, nil
}

// ScratchFile creates a temporary file in dir, unnamed where the system
// allows (name is then "", and the file vanishes with the process however
// it ends), else named by os.CreateTemp's pattern (name is its name, for
// the caller to remove).
//
//	f, name, err := convert.ScratchFile(os.TempDir(), "jixiao-*.tmp")
func ScratchFile(dir, pattern string) (f *os.File, name string, err error) {
	if f, err := openUnnamed(dir); err == nil {
		return f, "", nil
	}
	if f, err = os.CreateTemp(dir, pattern); err != nil {
		return nil, "", err
	}
	return f, f.Name(), nil
}

func tempPrefix(path string) string { return "." + filepath.Base(path) + "." }

// Write writes to the temporary file.
func (a *atomicFile) Write(p []byte) (int, error) { return a.f.Write(p) }

// commit flushes the data to disk and puts it in place of the output; with
// noReplace, it creates the output's name and fails with ErrOutputExists
// if a file has taken it meanwhile, so that of two runs writing the same
// output one fails rather than one silently replacing the other.
func (a *atomicFile) commit() error {
	if err := a.f.Sync(); err != nil {
		return err
	}
	if a.noReplace && a.name == "" {
		// the unnamed file is linked to the output's name: that link
		// fails if the name exists
		err := linkUnnamed(a.f, a.path)
		switch {
		case err == nil:
			a.done = true
			return a.f.Close()
		case errors.Is(err, fs.ErrExist):
			return existsError(a.path)
		}
	}
	if a.name == "" {
		if err := a.nameUnnamed(); err != nil {
			return err
		}
	}
	if err := a.f.Close(); err != nil {
		return err
	}
	if a.noReplace {
		if err := renameNoReplace(a.name, a.path); err != nil {
			return err
		}
	} else if err := os.Rename(a.name, a.path); err != nil {
		return err
	}
	a.done = true
	return nil
}

// renameNoReplace renames from to to unless to exists: atomically where
// the system can (renameat2 on Linux, else a hard link then removing
// from); where neither works (a file system without hard links), it
// checks that to does not exist just before renaming.
func renameNoReplace(from, to string) error {
	err := renameExclusive(from, to)
	if err == nil {
		return nil
	}
	if errors.Is(err, fs.ErrExist) {
		return existsError(to)
	}
	if err = os.Link(from, to); err == nil {
		os.Remove(from)
		return nil
	}
	if errors.Is(err, fs.ErrExist) {
		return existsError(to)
	}
	if _, err := os.Lstat(to); err == nil {
		return existsError(to)
	}
	return os.Rename(from, to)
}

// nameUnnamed links the unnamed file into the folder, or copies it into a
// named temporary where linking is refused.
func (a *atomicFile) nameUnnamed() error {
	name := filepath.Join(filepath.Dir(a.path), fmt.Sprintf("%s%d-%d.tmp", tempPrefix(a.path), os.Getpid(), a.f.Fd()))
	if err := linkUnnamed(a.f, name); err == nil {
		a.name = name
		return nil
	}
	named, err := createNamed(a.path)
	if err != nil {
		return err
	}
	_, err = a.f.Seek(0, io.SeekStart)
	if err == nil {
		_, err = io.Copy(named.f, a.f)
	}
	if err == nil {
		err = named.f.Sync()
	}
	if err != nil {
		named.discard()
		return err
	}
	a.f.Close()
	a.f, a.name = named.f, named.name
	return nil
}

// discard drops an uncommitted output; it is a no-op after commit.
func (a *atomicFile) discard() {
	if a.done {
		return
	}
	a.f.Close()
	if a.name != "" {
		os.Remove(a.name)
	}
}

// sweepTemps removes the temporary files of the same output left behind by
// runs that no longer exist (killed while writing).
func sweepTemps(path string) {
	prefix := tempPrefix(path)
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		return
	}
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasPrefix(n, prefix) || !strings.HasSuffix(n, ".tmp") {
			continue
		}
		pidText, _, ok := strings.Cut(strings.TrimPrefix(n, prefix), "-")
		pid, err := strconv.Atoi(pidText)
		if !ok || err != nil || pid == os.Getpid() || processAlive(pid) {
			continue
		}
		os.Remove(filepath.Join(filepath.Dir(path), n))
	}
}

// processAlive reports whether pid may still be running; when in doubt it
// says yes, so a live run's temporary file is never removed.
func processAlive(pid int) bool {
	if pid <= 0 {
		return false
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	err = p.Signal(syscall.Signal(0))
	return !errors.Is(err, syscall.ESRCH) && !errors.Is(err, os.ErrProcessDone)
}
