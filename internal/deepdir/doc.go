// Package deepdir makes, for tests on Linux, a chain of folders whose path
// grows longer than the system accepts (PATH_MAX), so that listing its
// depths fails for every user, root included (who can read a folder
// whatever its mode). consolidate's and the command's tests feed it to the
// folder walk as a folder that cannot be listed.
package deepdir
