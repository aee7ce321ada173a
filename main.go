// Command dxdash is a terminal dashboard for the dataextractor.io Document
// Extraction API: browse extracted datasets, search them, and review each
// field's value and confidence against human-verified ground truth, with the
// API's rate budget in view.
//
//	dxdash                 the dashboard, against the API in the config file
//	dxdash --demo          the dashboard, against an embedded API with generated data
//	dxdash demo-api        the embedded API alone, for scripts and other clients
//	dxdash listen          receive webhooks and keep the store current, headless
//	dxdash store migrate   create or migrate the account's shared PostgreSQL store
//	dxdash --help          every sub-command and flag (cli.go builds the command line)
package main

import (
	"io"
	"os"
)

// Exit statuses: a command line or configuration the user must fix; a
// Ctrl+C (or SIGTERM), as a shell reports a process ended by SIGINT.
// Anything else that fails is 1.
const (
	exitUsage       = 2
	exitInterrupted = 130
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run runs the command line and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	return (&invocation{stdout: stdout, stderr: stderr}).execute(args)
}
