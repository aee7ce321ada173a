package main

import (
	"bytes"
	"flag"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

var updateREADME = flag.Bool("update", false, "rewrite the README's command-line section from the real --help")

// The README's command-line section lies between these lines.
const (
	readmeBegin = "<!-- BEGIN dxdash --help: go test -run TestREADMECommandLine -update . writes this block; edit the commands' help, not it -->\n"
	readmeEnd   = "<!-- END dxdash --help -->\n"
)

// TestREADMECommandLine fails when the README's command-line section is
// not what --help says, for dxdash and each of its sub-commands; with
// -update it rewrites the section.
func TestREADMECommandLine(t *testing.T) {
	want := readmeCommandLine(t)
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	before, rest, ok1 := bytes.Cut(readme, []byte(readmeBegin))
	_, after, ok2 := bytes.Cut(rest, []byte(readmeEnd))
	if !ok1 || !ok2 {
		t.Fatalf("README.md lacks the lines\n%s...\n%s", readmeBegin, readmeEnd)
	}
	got := string(rest[:len(rest)-len(after)-len(readmeEnd)])
	if got == want {
		return
	}
	if *updateREADME {
		out := strings.Join([]string{string(before), readmeBegin, want, readmeEnd, string(after)}, "")
		if err := os.WriteFile("README.md", []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Log("README.md's command-line section rewritten")
		return
	}
	t.Errorf("README.md's command-line section is not what --help says (go test -run TestREADMECommandLine -update . rewrites it):\n%s", lineDiff(got, want))
}

// readmeCommandLine is the section: the help of dxdash and of every
// sub-command but help, completion and man (whose help says little),
// found in the command tree, so that a new one is in the README too. Only
// whitespace is changed: trailing spaces go, and blank lines come one at a
// time.
func readmeCommandLine(t *testing.T) string {
	var b strings.Builder
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		path := strings.Fields(c.CommandPath())[1:]
		_, out, errOut := runCLI(t, append(path, "--help")...)
		if errOut != "" {
			t.Fatalf("%s --help: %s", c.CommandPath(), errOut)
		}
		b.WriteString("```\n$ " + c.CommandPath() + " --help\n")
		b.WriteString(tidyHelp(out))
		b.WriteString("```\n\n")
		for _, sub := range c.Commands() {
			switch sub.Name() {
			case "help", "completion", "man":
				continue
			}
			if sub.IsAvailableCommand() {
				walk(sub)
			}
		}
	}
	walk((&invocation{stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}}).command())
	return strings.TrimSuffix(b.String(), "\n")
}

var blankLines = regexp.MustCompile(`\n{3,}`)

// tidyHelp drops the trailing spaces fang pads lines with, and the blank
// lines at either end, and makes runs of blank lines one.
func tidyHelp(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Trim(blankLines.ReplaceAllString(strings.Join(lines, "\n"), "\n\n"), "\n") + "\n"
}

// lineDiff shows the lines of got and want that differ, each numbered.
func lineDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	var b strings.Builder
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			b.WriteString("line " + strconv.Itoa(i+1) + ":\n  README: " + gl + "\n  --help: " + wl + "\n")
		}
	}
	return b.String()
}

// TestREADMEFlagsExist: every --flag the README's prose names, outside the
// block made from --help, is a flag of some dxdash command.
func TestREADMEFlagsExist(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	before, rest, _ := strings.Cut(string(readme), readmeBegin)
	_, after, _ := strings.Cut(rest, readmeEnd)
	known := map[string]bool{"help": true, "version": true}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.Flags().VisitAll(func(f *pflag.Flag) { known[f.Name] = true })
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk((&invocation{stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}}).command())
	for _, m := range regexp.MustCompile("(?:^|[\\s`(])--([a-z][a-z-]*)").FindAllStringSubmatch(before+after, -1) {
		if !known[m[1]] {
			t.Errorf("README.md names --%s, which no dxdash command has", m[1])
		}
	}
}
