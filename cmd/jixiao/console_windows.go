//go:build windows

package main

import "golang.org/x/sys/windows"

// setupConsole switches the console to UTF-8 output when needed and returns
// a function that restores the previous code page.
func setupConsole() func() {
	cur, err := windows.GetConsoleOutputCP()
	if err != nil {
		return func() {}
	}
	want := consoleCodePage(true, cur)
	if want == 0 {
		return func() {}
	}
	if err := windows.SetConsoleOutputCP(want); err != nil {
		return func() {}
	}
	return func() { _ = windows.SetConsoleOutputCP(cur) }
}
