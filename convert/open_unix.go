//go:build unix

package convert

import "syscall"

// openNonBlock opens input files without waiting: a named pipe put in
// place of a file must not block the run.
const openNonBlock = syscall.O_NONBLOCK
