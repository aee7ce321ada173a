package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func init() {
	// fang wraps help text to the terminal's width (at most 120), read
	// once; its test hook pins it, so that help, and the README made from
	// it, are the same wherever the tests run.
	os.Setenv("__FANG_TEST_WIDTH", "100")
}

// The sub-commands dxdash has, each with a flag it must list.
var subcommandFlags = map[string]string{
	"export":   "--dataset-type",
	"sync":     "--details",
	"demo-api": "--faults",
}

func TestHelpListsEverySubcommand(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}} {
		status, out, errOut := runCLI(t, args...)
		if status != 0 || errOut != "" {
			t.Fatalf("%v: status %d, stderr %q", args, status, errOut)
		}
		for _, name := range []string{"export", "sync", "demo-api", "completion", "man", "help"} {
			if !strings.Contains(out, "\n    "+name+" ") {
				t.Errorf("%v does not list %s:\n%s", args, name, out)
			}
		}
		for _, flag := range []string{"--demo", "--config", "--log", "--version", "--help"} {
			if !strings.Contains(out, flag+" ") {
				t.Errorf("%v does not list %s:\n%s", args, flag, out)
			}
		}
	}
}

func TestHelpOfASubcommand(t *testing.T) {
	for name, flag := range subcommandFlags {
		status, viaHelp, _ := runCLI(t, "help", name)
		_, viaFlag, _ := runCLI(t, name, "--help")
		if status != 0 || viaHelp != viaFlag {
			t.Errorf("help %s: status %d, and not what %s --help says:\n%s\n---\n%s", name, status, name, viaHelp, viaFlag)
		}
		if !strings.Contains(viaHelp, "dxdash "+name+" [--flags]") || !strings.Contains(viaHelp, "    "+flag+" ") {
			t.Errorf("help %s lacks its usage or %s:\n%s", name, flag, viaHelp)
		}
	}
	_, out, _ := runCLI(t, "help", "export")
	for _, want := range []string{"--format", "Output format: csv or json (csv)", "--verified", "--offline", "dxdash export --format csv --dataset-type invoice"} {
		if !strings.Contains(out, want) {
			t.Errorf("help export lacks %q:\n%s", want, out)
		}
	}
}

// A misspelt sub-command or flag is a usage error that names the one
// meant and where the help is.
func TestMisspellingsSuggest(t *testing.T) {
	for _, tc := range []struct {
		args  []string
		meant string
		help  string
	}{
		{[]string{"exprot"}, "\texport\n", "dxdash --help"},
		{[]string{"snyc"}, "\tsync\n", "dxdash --help"},
		{[]string{"export", "--fromat", "json"}, "\t--format\n", "dxdash export --help"},
		{[]string{"export", "--verifed=true"}, "\t--verified\n", "dxdash export --help"},
		{[]string{"sync", "--detail", "all"}, "\t--details\n", "dxdash sync --help"},
		{[]string{"demo-api", "--rmp", "5"}, "\t--rpm\n", "dxdash demo-api --help"},
		{[]string{"--dmeo"}, "\t--demo\n", "dxdash --help"},
		{[]string{"help", "exprot"}, "\texport\n", "dxdash --help"},
		{[]string{"completion", "bsah"}, "\tbash\n", "dxdash completion --help"},
	} {
		status, out, errOut := runCLI(t, tc.args...)
		if status != exitUsage || out != "" {
			t.Errorf("%v: status %d, stdout %q; want %d and nothing", tc.args, status, out, exitUsage)
		}
		if !strings.Contains(errOut, "Did you mean this?\n"+tc.meant) || !strings.Contains(errOut, "Run '"+tc.help+"' for usage.") {
			t.Errorf("%v: stderr does not suggest %q and %q:\n%s", tc.args, tc.meant, tc.help, errOut)
		}
	}
}

func TestExitStatuses(t *testing.T) {
	for _, tc := range []struct {
		args   []string
		status int
	}{
		{[]string{"--help"}, 0},
		{[]string{"help", "sync"}, 0},
		{[]string{"--version"}, 0},
		{[]string{"completion", "bash"}, 0},
		{[]string{"man"}, 0},
		{[]string{"nope"}, exitUsage},
		{[]string{"--nope"}, exitUsage},
		{[]string{"export", "stray"}, exitUsage},
		{[]string{"export", "--verified"}, exitUsage},                // a value missing
		{[]string{"demo-api", "--rpm", "many"}, exitUsage},           // not a number
		{[]string{"export", "--demo", "--format", "xml"}, exitUsage}, // refused by export itself
		{[]string{"sync", "--share", "2"}, exitUsage},
		{[]string{"completion", "tcsh"}, exitUsage},
		{[]string{"help", "nope"}, exitUsage},
		{[]string{"demo-api", "--addr", "127.0.0.1:-1"}, 1}, // cannot listen
	} {
		if status, _, errOut := runCLI(t, tc.args...); status != tc.status {
			t.Errorf("%v: status %d, want %d; stderr:\n%s", tc.args, status, tc.status, errOut)
		}
	}
}

func TestVersionFlag(t *testing.T) {
	for _, flag := range []string{"--version", "-v"} {
		status, out, _ := runCLI(t, flag)
		if status != 0 || out != "dxdash "+dxdashVersion()+"\n" {
			t.Errorf("%s: status %d, stdout %q", flag, status, out)
		}
	}
}

func TestManPage(t *testing.T) {
	status, out, _ := runCLI(t, "man")
	if status != 0 || !strings.HasPrefix(out, ".TH DXDASH 1") {
		t.Fatalf("man: status %d, starts %.40q", status, out)
	}
	for _, want := range []string{"export", "--dataset-type", "demo-api", "--details"} {
		if !strings.Contains(out, strings.ReplaceAll(want, "-", `\-`)) && !strings.Contains(out, want) {
			t.Errorf("the man page lacks %s", want)
		}
	}
}

// The values a flag takes come from the command itself, through cobra's
// hidden __complete command, which every shell's script calls.
func TestCompletionOfFlagValues(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"export", "--format", ""}, []string{"csv", "json"}},
		{[]string{"export", "--verified", ""}, []string{"true", "false"}},
		{[]string{"export", "--dataset-type", ""}, []string{"invoice", "purchase_order", "receipt"}},
		{[]string{"sync", "--details", ""}, []string{"verified", "all", "none"}},
		{[]string{"sync", "--details", "a"}, []string{"all"}},
		{[]string{"ex"}, []string{"export"}},
	} {
		status, out, _ := runCLI(t, append([]string{"__complete"}, tc.args...)...)
		lines := strings.Split(strings.TrimSpace(out), "\n")
		var got []string
		for _, l := range lines[:len(lines)-1] { // the last is the directive
			word, _, _ := strings.Cut(l, "\t")
			got = append(got, word)
		}
		if status != 0 || strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("completing %q: status %d, %q, want %q", tc.args, status, got, tc.want)
		}
	}
}

func TestCompletionScripts(t *testing.T) {
	for shell, want := range map[string]string{"bash": "__start_dxdash", "zsh": "#compdef dxdash", "fish": "complete -c dxdash"} {
		status, out, _ := runCLI(t, "completion", shell)
		if status != 0 || !strings.Contains(out, want) || !strings.Contains(out, "__complete") {
			t.Errorf("completion %s: status %d, no %q in the script", shell, status, want)
		}
	}
}

// TestBashCompletes loads the bash script into bash, as a user's shell
// does, and asks it what a Tab completes: the script calls the built
// dxdash on PATH.
func TestBashCompletes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	bin := buildBinary(t)
	_, script, _ := runCLI(t, "completion", "bash")
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "dxdash.bash"), []byte(script), 0o600); err != nil {
		t.Fatal(err)
	}
	// _get_comp_words_by_ref comes with the bash-completion package, which
	// a machine may not have: its simplest form, for words without '=' or
	// ':'. compopt works only under a real Tab; its complaint is dropped.
	driver := `source "$1"
type _get_comp_words_by_ref >/dev/null 2>&1 || _get_comp_words_by_ref() {
	cur=${COMP_WORDS[COMP_CWORD]}; prev=${COMP_WORDS[COMP_CWORD-1]}; words=("${COMP_WORDS[@]}"); cword=$COMP_CWORD
}
tab() {
	COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]}-1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}; COMPREPLY=()
	__start_dxdash 2>/dev/null
	echo "$*=> ${COMPREPLY[*]}"
}
tab dxdash exp
tab dxdash s
tab dxdash export --format ''
tab dxdash export --verified ''
tab dxdash export --data
tab dxdash sync --details n
`
	cmd := exec.Command(bash, "--norc", "--noprofile", "-c", driver, "bash", filepath.Join(dir, "dxdash.bash"))
	cmd.Env = []string{"PATH=" + filepath.Dir(bin) + ":" + os.Getenv("PATH"), "HOME=" + dir}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("bash: %v\n%s", err, out)
	}
	want := `dxdash exp=> export
dxdash s=> store sync
dxdash export --format => csv json
dxdash export --verified => true false
dxdash export --data=> --dataset-type
dxdash sync --details n=> none
`
	if string(out) != want {
		t.Errorf("bash completed:\n%s\nwant:\n%s", out, want)
	}
}
