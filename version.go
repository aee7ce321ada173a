package main

import "runtime/debug"

// version is set at link time (-ldflags "-X main.version=v1.2.3"); a plain
// `go install` build reports the module version instead.
var version = ""

func dxdashVersion() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "dev"
}
