package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/dxdash/dxdash/fakeapi"
	"github.com/dxdash/dxdash/store"
	"github.com/dxdash/dxdash/termtext"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// storeMigrateFlags are `dxdash store migrate`'s flags.
type storeMigrateFlags struct {
	dsnEnv, configPath string
	demo               bool
}

func (f *storeMigrateFlags) define(fs *pflag.FlagSet) {
	fs.StringVar(&f.dsnEnv, "store-dsn-env", "", "environment variable holding the shared store's connection string (default: the config's store_dsn_env)")
	fs.BoolVar(&f.demo, "demo", false, "migrate the embedded demo account's store")
	fs.StringVar(&f.configPath, "config", "", "config file (default $XDG_CONFIG_HOME/dxdash/config.toml)")
}

// storeCommand is `dxdash store`, which groups the shared store's
// commands: `migrate` for now.
func storeCommand(inv *invocation) *cobra.Command {
	cmd := &cobra.Command{Use: "store", Short: "Manage the shared PostgreSQL store (team mode)"}
	var f storeMigrateFlags
	migrate := &cobra.Command{
		Use:   "migrate",
		Short: "Create the account's shared PostgreSQL store, or bring its schema up to date",
		Long: "Create the account's store in the shared PostgreSQL database, or bring its schema " +
			"up to date, under an advisory lock: safe to run while others use the store, and " +
			"twice at once. Dashboards never migrate a shared store themselves.",
		Example: `  DXDASH_STORE_DSN=postgres://dxdash@db:5432/dxdash dxdash store migrate --store-dsn-env DXDASH_STORE_DSN`,
		Args:    noArgs,
		RunE: inv.runs(func(cmd *cobra.Command) int {
			ctx, stop := inv.context()
			defer stop()
			return runStoreMigrate(ctx, f, cmd.ErrOrStderr(), os.Getenv)
		}),
	}
	f.define(migrate.Flags())
	completeWords(migrate, "store-dsn-env")
	completeFile(migrate, "config", "toml")
	cmd.AddCommand(migrate)
	return cmd
}

// migrateStore is `dxdash store migrate args...` with ctx and getenv in
// place of the process's: tests call it directly.
func migrateStore(ctx context.Context, args []string, stderr io.Writer, getenv func(string) string) int {
	var f storeMigrateFlags
	fs := pflag.NewFlagSet("dxdash store migrate", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	f.define(fs)
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "dxdash store migrate: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	return runStoreMigrate(ctx, f, stderr, getenv)
}

// runStoreMigrate creates or migrates the account's schema in the shared
// store, under the advisory lock (so it can run while dashboards and a
// listener are up, or twice at once). Dashboards never migrate a shared
// store.
func runStoreMigrate(ctx context.Context, f storeMigrateFlags, stderr io.Writer, getenv func(string) string) int {
	cfg, cfgPath, status, ok := loadConfigUnless(ctx, f.configPath, f.demo, stderr)
	if !ok {
		return status
	}
	dsn, from := string(cfg.StoreDSN), "the config's store_dsn_env ("+cfg.StoreDSNEnv+")"
	if f.dsnEnv != "" {
		dsn, from = strings.TrimSpace(getenv(f.dsnEnv)), f.dsnEnv
	}
	if dsn == "" {
		if f.dsnEnv == "" && cfg.StoreDSNEnv == "" {
			fmt.Fprintln(stderr, "dxdash store migrate: no shared store: set store_dsn_env in the config, or pass --store-dsn-env VAR, naming the environment variable that holds its connection string")
		} else {
			fmt.Fprintf(stderr, "dxdash store migrate: the environment variable %s is not set: set it to the shared store's connection string\n", from)
		}
		return exitUsage
	}
	account := store.FileName(cfg.BaseURL, string(cfg.APIKey))
	if f.demo {
		account = store.DemoFileName(fakeapi.DefaultSeed, fakeapi.DefaultEpoch)
	} else if cfg.APIKey == "" {
		// The account's name is keyed with the API key, as the local
		// store's file is: without it there is no telling which account.
		fmt.Fprint(stderr, missingKeyHelp(cfg, cfgPath))
		return exitUsage
	}
	before, after, err := store.MigratePostgres(ctx, dsn, account)
	switch {
	case err != nil && ctx.Err() != nil:
		fmt.Fprintln(stderr, "dxdash store migrate: interrupted; nothing was changed (a migration is one transaction)")
		return exitInterrupted
	case errors.Is(err, store.ErrNewerSchema):
		fmt.Fprintln(stderr, "dxdash store migrate:", termtext.Sanitize(err.Error())+": left it untouched; update dxdash")
		return 1
	case err != nil:
		fmt.Fprintln(stderr, "dxdash store migrate:", termtext.Sanitize(err.Error()))
		return 1
	}
	where := storeWhere(dsn)
	switch {
	case before == after:
		fmt.Fprintf(stderr, "dxdash store migrate: account %s on %s is up to date (schema %d)\n", account, where, after)
	case before == 0:
		fmt.Fprintf(stderr, "dxdash store migrate: created the store of account %s on %s (schema %d)\n", account, where, after)
	default:
		fmt.Fprintf(stderr, "dxdash store migrate: migrated account %s on %s from schema %d to %d\n", account, where, before, after)
	}
	return 0
}

// storeWhere is where a connection string points, host and database
// only, for messages.
func storeWhere(dsn string) string {
	st, err := store.PostgresWhere(dsn)
	if err != nil {
		return "the shared store"
	}
	return st
}
