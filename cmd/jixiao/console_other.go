//go:build !windows

package main

// setupConsole does nothing outside Windows: terminals there speak UTF-8.
func setupConsole() func() { return func() {} }
