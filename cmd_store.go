package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/dxdash/dxdash/fakeapi"
	"github.com/dxdash/dxdash/store"
	"github.com/dxdash/dxdash/termtext"
)

// runStore is `dxdash store SUBCOMMAND`: the shared store's upkeep. Only
// `migrate` for now.
func runStore(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "migrate" {
		fmt.Fprint(stderr, "Usage: dxdash store migrate [flags]   (creates or migrates the account's shared PostgreSQL store)\n")
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
			return 0
		}
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	context.AfterFunc(ctx, stop) // a second Ctrl+C kills, should winding down hang
	return migrateStore(ctx, args[1:], stderr, os.Getenv)
}

// migrateStore is `dxdash store migrate` once the process is looked at:
// it creates or migrates the account's schema in the shared store, under
// the advisory lock (so it can run while dashboards and a listener are
// up, or twice at once). Dashboards never migrate a shared store.
func migrateStore(ctx context.Context, args []string, stderr io.Writer, getenv func(string) string) int {
	fs := flag.NewFlagSet("dxdash store migrate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsnEnv := fs.String("store-dsn-env", "", "environment variable holding the shared store's connection string (default: the config's store_dsn_env)")
	demo := fs.Bool("demo", false, "migrate the embedded demo account's store")
	configPath := fs.String("config", "", "config file (default $XDG_CONFIG_HOME/dxdash/config.toml)")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), `Usage: dxdash store migrate [flags]
Creates the account's store in the shared PostgreSQL database, or brings its
schema up to date. Safe to run while others use the store, and twice at once.

Flags:
`)
		fs.PrintDefaults()
	}
	if status, ok := parseFlags(fs, args); !ok {
		return status
	}
	cfg, cfgPath, status, ok := loadConfigUnless(ctx, *configPath, *demo, stderr)
	if !ok {
		return status
	}
	dsn, from := string(cfg.StoreDSN), "the config's store_dsn_env ("+cfg.StoreDSNEnv+")"
	if *dsnEnv != "" {
		dsn, from = strings.TrimSpace(getenv(*dsnEnv)), *dsnEnv
	}
	if dsn == "" {
		if *dsnEnv == "" && cfg.StoreDSNEnv == "" {
			fmt.Fprintln(stderr, "dxdash store migrate: no shared store: set store_dsn_env in the config, or pass --store-dsn-env VAR, naming the environment variable that holds its connection string")
		} else {
			fmt.Fprintf(stderr, "dxdash store migrate: the environment variable %s is not set: set it to the shared store's connection string\n", from)
		}
		return exitUsage
	}
	account := store.FileName(cfg.BaseURL, string(cfg.APIKey))
	if *demo {
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
