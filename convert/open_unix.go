//go:build unix

package convert

import (
	"os"
	"syscall"
)

// openInput opens an input file for reading without waiting: a named pipe
// put in place of a file does not block the run (ReadInput then refuses it
// as no regular file). The descriptor is made blocking again before it
// becomes an *os.File, so that no poller is involved.
func openInput(path string) (*os.File, error) {
	fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	if err := syscall.SetNonblock(fd, false); err != nil {
		syscall.Close(fd)
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	return os.NewFile(uintptr(fd), path), nil
}
