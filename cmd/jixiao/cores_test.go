package main

import (
	"runtime"
	"testing"

	"github.com/urfave/cli/v2"
)

// --jobs N holds the command to N cores while it runs, and lifts the limit
// afterwards; without --jobs every core is used.
func TestUseCores(t *testing.T) {
	before := runtime.GOMAXPROCS(0)
	for _, tc := range []struct {
		name string
		args []string
		want int
	}{
		{"one", []string{"--jobs", "1"}, 1},
		{"three", []string{"-j", "3"}, 3},
		{"unset", nil, before},
		{"zero", []string{"--jobs", "0"}, before},
	} {
		t.Run(tc.name, func(t *testing.T) {
			during := 0
			app := &cli.App{Flags: readFlags(), Action: func(c *cli.Context) error {
				defer useCores(c)()
				during = runtime.GOMAXPROCS(0)
				return nil
			}}
			if err := app.Run(append([]string{"jixiao"}, tc.args...)); err != nil {
				t.Fatal(err)
			}
			if during != tc.want {
				t.Errorf("GOMAXPROCS %d during the run, want %d", during, tc.want)
			}
			if after := runtime.GOMAXPROCS(0); after != before {
				t.Errorf("GOMAXPROCS %d after the run, want %d back", after, before)
			}
		})
	}
}
