package main

import (
	"context"
	"fmt"
	"io"
	"os/signal"
	"strings"
	"syscall"

	"charm.land/fang/v2"
	"github.com/spf13/cobra"
)

// invocation is one run of the command line: where it writes, what tests
// put in place of the process, and the exit status the command left.
type invocation struct {
	stdout, stderr io.Writer
	// ctx, when set, is the context export and sync run in (tests: inside
	// a testing/synctest bubble too, which could not host signal.Notify's
	// loop); nil means one that ends on SIGINT or SIGTERM.
	ctx context.Context
	// env, when set, replaces what export and sync learn from the process.
	env    *exportEnv
	status int
}

// subcommands are dxdash's sub-commands. Adding one takes a few lines in
// its own file (cmd_<name>.go), then a line here:
//
//	type listenFlags struct{ addr string }
//
//	func listenCommand(inv *invocation) *cobra.Command {
//		var f listenFlags
//		cmd := &cobra.Command{Use: "listen", Short: "…", Args: noArgs,
//			RunE: inv.runs(func(cmd *cobra.Command) int {
//				ctx, stop := inv.context() // ends on Ctrl+C; the tests' own in tests
//				defer stop()
//				return runListen(ctx, f, cmd.OutOrStdout(), cmd.ErrOrStderr())
//			})}
//		cmd.Flags().StringVar(&f.addr, "addr", "127.0.0.1:8090", "address to listen on")
//		completeWords(cmd, "addr") // values to offer, none here: no file names either
//		return cmd
//	}
//
// runListen is what a flag.FlagSet version ran after parseFlags, reading
// f.addr for *addr, and returns the exit status. A group such as `store
// migrate` is a command without RunE, with its sub-commands added to it
// (refuseUnknown then refuses any other word).
func (inv *invocation) subcommands() []*cobra.Command {
	return []*cobra.Command{
		exportCommand(inv),
		syncCommand(inv),
		demoAPICommand(inv),
		listenCommand(inv),
		storeCommand(inv),
		manCommand(inv),
	}
}

// command is the whole tree: the dashboard at its root.
func (inv *invocation) command() *cobra.Command {
	root := dashboardCommand(inv)
	root.SetOut(inv.stdout)
	root.SetErr(inv.stderr)
	root.SetFlagErrorFunc(flagError)
	root.SetVersionTemplate("dxdash {{.Version}}\n")
	root.AddCommand(inv.subcommands()...)
	// Now rather than in Execute, so that they can be changed.
	root.InitDefaultCompletionCmd()
	root.InitDefaultHelpCmd()
	refuseUnknown(root)
	return root
}

// refuseUnknown makes `dxdash help nope` and each command that only groups
// others (completion, and any such as `store migrate`) refuse a word that
// is no command, as a usage error with a suggestion: cobra would print
// the help (or a plain usage) and exit 0.

func refuseUnknown(c *cobra.Command) {
	for _, sub := range c.Commands() {
		refuseUnknown(sub)
	}
	if c.Name() == "help" && c.HasParent() && c.Parent() == c.Root() && c.Run != nil {
		show := c.Run
		c.Run = nil
		c.RunE = func(cmd *cobra.Command, args []string) error {
			if _, _, err := cmd.Root().Find(args); err != nil {
				return usageError{cmd: cmd.Root(), msg: err.Error()}
			}
			show(cmd, args)
			return nil
		}
		return
	}
	if !c.HasParent() || !c.HasSubCommands() || c.Runnable() {
		return
	}
	c.Args = cobra.ArbitraryArgs
	c.RunE = func(cmd *cobra.Command, args []string) error {
		var names []string
		for _, sub := range cmd.Commands() {
			if sub.IsAvailableCommand() {
				names = append(names, sub.Name())
			}
		}
		msg := "name one of: " + strings.Join(names, ", ")
		if len(args) > 0 {
			msg = fmt.Sprintf("unknown command %q; %s", args[0], msg)
			if cmd.SuggestionsMinimumDistance <= 0 {
				cmd.SuggestionsMinimumDistance = 2 // cobra's own default, set only where it suggests
			}
			if meant := cmd.SuggestionsFor(args[0]); len(meant) > 0 {
				msg += "\n\nDid you mean this?\n\t" + strings.Join(meant, "\n\t")
			}
		}
		return usageError{cmd: cmd, msg: msg}
	}
}

// execute runs args and returns the exit status: the command's own, or
// exitUsage for a command line cobra refused (unknown command or flag, bad
// flag value, stray argument). Every RunE here returns nil and leaves its
// status in inv, so any error out of cobra is a usage error.
func (inv *invocation) execute(args []string) int {
	root := inv.command()
	root.SetArgs(args)
	err := fang.Execute(context.Background(), root,
		fang.WithVersion(dxdashVersion()),
		fang.WithoutManpage(), // manCommand instead: it writes where the invocation says
		fang.WithErrorHandler(inv.reportUsageError))
	if err != nil {
		return exitUsage
	}
	return inv.status
}

// runs adapts a run function that returns an exit status to cobra's RunE.
func (inv *invocation) runs(run func(cmd *cobra.Command) int) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, _ []string) error {
		inv.status = run(cmd)
		return nil
	}
}

// context is the context for a command that winds down cleanly on Ctrl+C:
// the tests' own when they gave one, else one that ends on SIGINT or
// SIGTERM. After the first signal the default action is back: should
// winding down ever hang, a second Ctrl+C ends the process at once.
func (inv *invocation) context() (context.Context, context.CancelFunc) {
	if inv.ctx != nil {
		return inv.ctx, func() {}
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	context.AfterFunc(ctx, stop)
	return ctx, stop
}

// envFor is the tests' env when they gave one, else what the process is:
// whether w (where the command writes what a terminal must not be left to
// interpret) is a terminal.
func (inv *invocation) envFor(w io.Writer) exportEnv {
	if inv.env != nil {
		return *inv.env
	}
	return exportEnv{terminal: isTerminal(w)}
}

// completeWords makes the shell complete flag's value from words (those
// that start with what is typed), and nothing else: no file names.
func completeWords(cmd *cobra.Command, flag string, words ...string) {
	_ = cmd.RegisterFlagCompletionFunc(flag, func(_ *cobra.Command, _ []string, typed string) ([]cobra.Completion, cobra.ShellCompDirective) {
		var match []cobra.Completion
		for _, w := range words {
			if strings.HasPrefix(w, typed) {
				match = append(match, w)
			}
		}
		return match, cobra.ShellCompDirectiveNoFileComp
	})
}

// completeFile makes the shell complete flag's value with file names,
// only those with one of exts when given.
func completeFile(cmd *cobra.Command, flag string, exts ...string) {
	_ = cmd.MarkFlagFilename(flag, exts...)
}
