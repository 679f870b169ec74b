//go:build !unix

package convert

// openNonBlock is 0 where named pipes do not block an open.
const openNonBlock = 0
