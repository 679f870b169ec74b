package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/urfave/cli/v2"
)

// Build stamps, set by scripts/dist.sh with
//
//	-ldflags "-X main.version=1.2.0 -X main.commit=<revision> -X main.buildDate=2024-05-06T07:08:09Z"
//
// buildDate is the commit's date, not the time of the build, so that the
// same commit always gives the same binary. A plain `go build` leaves them
// unset: the version reads "dev" and the revision and date come from what
// Go records from git, if anything.
var (
	version   = "dev"
	commit    = ""
	buildDate = ""
)

// buildDetails is what `jixiao version` shows.
type buildDetails struct {
	Version  string
	Commit   string // revision, at most 12 characters; "" when unknown
	Modified bool   // built from a tree with uncommitted changes
	Date     string // date of the commit built; "" when unknown
	Go       string
	Platform string // GOOS/GOARCH
}

// describeBuild combines the stamped values with the settings Go recorded
// in the binary (debug.BuildInfo); stamped values win.
func describeBuild(ver, stampedCommit, stampedDate string, settings []debug.BuildSetting, goVersion, platform string) buildDetails {
	d := buildDetails{Version: ver, Go: goVersion, Platform: platform}
	if d.Version == "" {
		d.Version = "dev"
	}
	for _, s := range settings {
		switch s.Key {
		case "vcs.revision":
			d.Commit = s.Value
		case "vcs.time":
			d.Date = s.Value
		case "vcs.modified":
			d.Modified = s.Value == "true"
		}
	}
	if stampedCommit != "" {
		c, dirty := strings.CutSuffix(stampedCommit, "-dirty")
		d.Commit, d.Modified = c, dirty
	}
	if stampedDate != "" {
		d.Date = stampedDate
	}
	if len(d.Commit) > 12 {
		d.Commit = d.Commit[:12]
	}
	return d
}

// currentBuild describes this binary.
func currentBuild() buildDetails {
	var settings []debug.BuildSetting
	if bi, ok := debug.ReadBuildInfo(); ok {
		settings = bi.Settings
	}
	return describeBuild(version, commit, buildDate, settings, runtime.Version(), runtime.GOOS+"/"+runtime.GOARCH)
}

// line is the one-line form used by --version and the help text.
func (d buildDetails) line() string {
	s := d.Version
	if d.Commit != "" {
		s += " 修订 " + d.Commit
		if d.Modified {
			s += "（含未提交修改）"
		}
	}
	if d.Date != "" {
		s += " 日期 " + d.Date
	}
	return fmt.Sprintf("%s，%s %s", s, d.Go, d.Platform)
}

// lines is the form `jixiao version` prints, one item a line.
func (d buildDetails) lines() string {
	unknown := func(s string) string {
		if s == "" {
			return "未知"
		}
		return s
	}
	rev := unknown(d.Commit)
	if d.Modified {
		rev += "（含未提交修改）"
	}
	return fmt.Sprintf("jixiao %s\n修订：%s\n构建日期：%s（所构建提交的日期）\nGo：%s\n平台：%s\n",
		d.Version, rev, unknown(d.Date), d.Go, d.Platform)
}

// buildInfo describes this binary on one line: version, revision, date,
// Go version and platform.
func buildInfo() string { return currentBuild().line() }

func versionCommand() *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "显示版本和构建信息",
		Action: func(c *cli.Context) error {
			fmt.Fprint(c.App.Writer, currentBuild().lines())
			return nil
		},
	}
}
