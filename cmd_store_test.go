package main

import (
	"bytes"
	"context"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/dxdash/dxdash/store"
)

func TestStoreMigrateNeedsASharedStore(t *testing.T) {
	conf := writeExportConfig(t, "https://api.dataextractor.test", "api_key = \"sk_test_Q9x7TzV3kP\"\n")
	var stderr bytes.Buffer
	if status := migrateStore(context.Background(), []string{"--config", conf}, &stderr, os.Getenv); status != exitUsage ||
		!strings.Contains(stderr.String(), "store_dsn_env") {
		t.Errorf("status %d, %q; want %d saying to set store_dsn_env", status, stderr.String(), exitUsage)
	}
	stderr.Reset()
	unset := func(string) string { return "" }
	if status := migrateStore(context.Background(), []string{"--config", conf, "--store-dsn-env", "NO_SUCH_DSN"}, &stderr, unset); status != exitUsage ||
		!strings.Contains(stderr.String(), "NO_SUCH_DSN is not set") {
		t.Errorf("status %d, %q; want %d saying NO_SUCH_DSN is not set", status, stderr.String(), exitUsage)
	}
}

// dxdash store migrate against the test server: it creates the account's
// store, then finds it up to date; it names the server by host and
// database, never with the password.
func TestStoreMigrate(t *testing.T) {
	dsn := os.Getenv("DXDASH_TEST_PG_DSN")
	if dsn == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but DXDASH_TEST_PG_DSN is not set: .ci/run starts a PostgreSQL server for these tests")
		}
		t.Skip("no PostgreSQL server: set DXDASH_TEST_PG_DSN (or `source .ci/postgres.sh`) to run this test")
	}
	const base, key = "https://api.dataextractor.test", "sk_test_Q9x7TzV3kP"
	account := store.FileName(base, key)
	drop := func() {
		conn, err := pgx.Connect(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(context.Background())
		var schema string
		if conn.QueryRow(context.Background(), "SELECT schema_name FROM dxdash.accounts WHERE account = $1", account).Scan(&schema) == nil {
			_, _ = conn.Exec(context.Background(), "DROP SCHEMA "+pgx.Identifier{schema}.Sanitize()+" CASCADE")
			_, _ = conn.Exec(context.Background(), "DELETE FROM dxdash.accounts WHERE account = $1", account)
		}
	}
	drop()
	t.Cleanup(drop)
	conf := writeExportConfig(t, base, "api_key = \""+key+"\"\nstore_dsn_env = \"DXDASH_TEST_PG_DSN\"\n")
	u, _ := url.Parse(dsn)
	password, _ := u.User.Password()
	for _, want := range []string{"created the store of account " + account + " on " + u.Host + u.Path, "is up to date (schema"} {
		var stderr bytes.Buffer
		if status := migrateStore(context.Background(), []string{"--config", conf}, &stderr, os.Getenv); status != 0 || !strings.Contains(stderr.String(), want) {
			t.Errorf("status %d, %q; want 0 saying %q", status, stderr.String(), want)
		}
		if strings.Contains(stderr.String(), password) {
			t.Errorf("the password is printed: %q", stderr.String())
		}
	}
	// A dashboard's open of the store now succeeds without migrating.
	st, err := store.OpenPostgres(context.Background(), dsn, store.PostgresOptions{Account: account})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
}
