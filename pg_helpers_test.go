package main

import (
	"context"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"
)

// The PostgreSQL test server of the team-mode tests (.ci/postgres.sh).

// testPGDSN is the test server's connection string; outside CI the test
// skips without one, and says how to give one.
func testPGDSN(t *testing.T) string {
	t.Helper()
	dsn := os.Getenv("DXDASH_TEST_PG_DSN")
	if dsn == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but DXDASH_TEST_PG_DSN is not set: .ci/run starts a PostgreSQL server for these tests")
		}
		t.Skip("no PostgreSQL server: set DXDASH_TEST_PG_DSN (or `source .ci/postgres.sh`) to run this test")
	}
	return dsn
}

// dropAccount removes an account's schema from the test server, now and
// when the test ends, so each run starts empty.
func dropAccount(t *testing.T, dsn, account string) {
	t.Helper()
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
}
