// Command dxdash is a terminal dashboard for the dataextractor.io Document
// Extraction API: browse extracted datasets, search them, and review each
// field's value and confidence against human-verified ground truth, with the
// API's rate budget in view.
//
//	dxdash                 the dashboard, against the API in the config file
//	dxdash --demo          the dashboard, against an embedded API with generated data
//	dxdash demo-api        the embedded API alone, for scripts and other clients
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

// Exit statuses: a command line or configuration the user must fix; a
// Ctrl+C (or SIGTERM), as a shell reports a process ended by SIGINT.
const (
	exitUsage       = 2
	exitInterrupted = 130
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches to a sub-command and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "demo-api":
			return runDemoAPI(args[1:], stdout, stderr)
		case "export":
			return runExport(args[1:], stdout, stderr)
		case "sync":
			return runSync(args[1:], stdout, stderr)
		case "listen":
			return runListen(args[1:], stdout, stderr)
		}
	}
	return runDashboard(args, stdout, stderr)
}

// parseFlags parses fs and turns -h and bad flags into an exit status; ok is
// false when the caller should return that status.
func parseFlags(fs *flag.FlagSet, args []string) (status int, ok bool) {
	err := fs.Parse(args)
	switch {
	case err == nil:
		if fs.NArg() > 0 {
			fmt.Fprintf(fs.Output(), "%s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
			return exitUsage, false
		}
		return 0, true
	case errors.Is(err, flag.ErrHelp):
		return 0, false
	default:
		return exitUsage, false
	}
}
