package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"charm.land/fang/v2"
	mango "github.com/muesli/mango-cobra"
	"github.com/muesli/roff"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// usageError is a command line cobra refused, with the command it was
// meant for, so that the message can say where its help is.
type usageError struct {
	cmd *cobra.Command
	msg string
}

func (e usageError) Error() string { return e.msg }

// reportUsageError writes err to stderr as every other dxdash error is
// written, plain, with a pointer to the help of the command it concerns.
func (inv *invocation) reportUsageError(w io.Writer, _ fang.Styles, err error) {
	path := "dxdash"
	var ue usageError
	if errors.As(err, &ue) && ue.cmd != nil {
		path = ue.cmd.CommandPath()
	}
	fmt.Fprintf(w, "%s: %s\nRun '%s --help' for usage.\n", path, strings.TrimRight(err.Error(), "\n"), path)
}

// flagError adds to pflag's message the flag that was meant, for an
// unknown one close to a real one (cobra suggests sub-commands, not flags).
func flagError(cmd *cobra.Command, err error) error {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "unknown flag: --"); ok {
		if meant := suggestFlags(cmd, name); len(meant) > 0 {
			msg += "\n\nDid you mean this?\n\t--" + strings.Join(meant, "\n\t--")
		}
	}
	return usageError{cmd: cmd, msg: msg}
}

// suggestFlags are the flags of cmd within two edits of name, or that it
// is the start of.
func suggestFlags(cmd *cobra.Command, name string) []string {
	name, _, _ = strings.Cut(name, "=")
	var meant []string
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if !f.Hidden && (editDistance(name, f.Name) <= 2 || len(name) > 1 && strings.HasPrefix(f.Name, name)) {
			meant = append(meant, f.Name)
		}
	})
	return meant
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// noArgs refuses positional arguments, as a usage error naming the command.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageError{cmd: cmd, msg: fmt.Sprintf("unexpected argument %q", args[0])}
	}
	return nil
}

// manCommand is `dxdash man`: the man page, built from the command tree
// (fang has one too, but it writes to os.Stdout whatever the command's
// output is).
func manCommand(inv *invocation) *cobra.Command {
	return &cobra.Command{
		Use:   "man",
		Short: "Print the man page (dxdash man > dxdash.1; man ./dxdash.1)",
		Args:  noArgs,
		RunE: inv.runs(func(cmd *cobra.Command) int {
			page, err := mango.NewManPage(1, cmd.Root())
			if err != nil {
				fmt.Fprintln(cmd.ErrOrStderr(), "dxdash man:", err)
				return 1
			}
			if _, err := fmt.Fprint(cmd.OutOrStdout(), page.Build(roff.NewDocument())); err != nil {
				fmt.Fprintln(cmd.ErrOrStderr(), "dxdash man:", err)
				return 1
			}
			return 0
		}),
	}
}
