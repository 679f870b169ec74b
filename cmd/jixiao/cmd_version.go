package main

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/urfave/cli/v2"
)

// version is the release number, set at build time with
// -ldflags "-X main.version=1.2.0"; "dev" for local builds.
var version = "dev"

// buildInfo describes this binary: version, source revision and time when
// the build recorded them, Go version and platform.
func buildInfo() string {
	rev, when, dirty := "", "", false
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.time":
				when = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
	}
	s := version
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		s += " 修订 " + rev
		if dirty {
			s += "（含未提交修改）"
		}
	}
	if when != "" {
		s += " 时间 " + when
	}
	return fmt.Sprintf("%s，%s %s/%s", s, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

func versionCommand() *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "显示版本和构建信息",
		Action: func(c *cli.Context) error {
			fmt.Fprintf(c.App.Writer, "jixiao %s\n", buildInfo())
			return nil
		},
	}
}
