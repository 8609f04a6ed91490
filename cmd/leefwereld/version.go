package main

import (
	"context"
	"flag"
	"fmt"
	"runtime/debug"
)

// Version is set at build time with -ldflags "-X main.Version=…"; otherwise the module
// version or the VCS revision is shown.
var Version = ""

func (m *Main) version(_ context.Context, fs *flag.FlagSet, args []string) int {
	if !m.parse(fs, args, 0) {
		return exitUsage
	}
	v := Version
	if info, ok := debug.ReadBuildInfo(); ok && v == "" {
		v = info.Main.Version
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += " (" + s.Value[:12] + ")"
			}
		}
	}
	if v == "" {
		v = "(devel)"
	}
	fmt.Fprintf(m.Stdout, "leefwereld %s\n", v)
	return exitOK
}
