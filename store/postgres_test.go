package store_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/dxdash/dxdash/store"
	"github.com/dxdash/dxdash/store/storetest"
)

// pgDSNEnv names the variable holding the test server's connection string.
const pgDSNEnv = "DXDASH_TEST_PG_DSN"

// pgDSN is the test server's connection string. Outside CI, without one,
// the PostgreSQL tests skip and say how to run them; in CI (CI=true) they
// must run, so a missing server fails instead of passing silently.
func pgDSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv(pgDSNEnv)
	if dsn != "" {
		return dsn
	}
	msg := "no PostgreSQL server: set " + pgDSNEnv + " to a connection string (postgres://user:password@127.0.0.1:5432/db), " +
		"or start a private one with `source .ci/postgres.sh` (as .ci/run does) and run the tests in that shell"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// newAccount names a fresh account, and drops its schema when the test
// ends so that the test database stays small.
func newAccount(t testing.TB, dsn string) string {
	t.Helper()
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	account := "test-" + hex.EncodeToString(b) + ".db"
	t.Cleanup(func() {
		ctx := context.Background()
		conn, err := pgx.Connect(ctx, dsn)
		if err != nil {
			t.Log("cleanup:", err)
			return
		}
		defer conn.Close(ctx)
		_, _ = conn.Exec(ctx, "DROP SCHEMA IF EXISTS "+store.AccountSchema(account)+" CASCADE")
		_, _ = conn.Exec(ctx, "DELETE FROM dxdash.accounts WHERE account = $1", account)
	})
	return account
}

// openPG opens a new account's store, migrating it.
func openPG(t testing.TB) store.Store {
	t.Helper()
	dsn := pgDSN(t)
	st, err := store.OpenPostgres(context.Background(), dsn, store.PostgresOptions{Account: newAccount(t, dsn), Migrate: true})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestPostgres(t *testing.T) {
	pgDSN(t) // one skip message, not one per case
	storetest.Run(t, openPG)
}

// Open with a shared store's connection string opens it, and never
// migrates it unless told to: a dashboard is told to run the command.
func TestOpenShared(t *testing.T) {
	dsn := pgDSN(t)
	account := newAccount(t, dsn)
	ctx := t.Context()
	_, err := store.Open(ctx, store.Options{Setting: store.SettingAuto, File: account, SharedDSN: dsn})
	if !errors.Is(err, store.ErrMigrate) || !strings.Contains(err.Error(), "run dxdash store migrate") {
		t.Fatalf("a dashboard's open of a new shared store: %v, want ErrMigrate", err)
	}
	o, err := store.Open(ctx, store.Options{File: account, SharedDSN: dsn, Postgres: store.PostgresOptions{Migrate: true}})
	if err != nil {
		t.Fatal(err)
	}
	defer o.Store.Close()
	if info := o.Store.Info(); info.Engine != "postgres" || info.Account != account || info.Memory || strings.Contains(info.Host, "@") {
		t.Errorf("info %+v", info)
	}
	// Unreachable: an error, not a store in memory.
	if _, err := store.Open(ctx, store.Options{File: account, SharedDSN: "postgres://u:p@127.0.0.1:1/x?connect_timeout=5"}); err == nil {
		t.Error("an unreachable shared store opened")
	}
}
