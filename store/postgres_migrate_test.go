package store_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dxdash/dxdash/store"
)

func TestPostgresDashboardNeverMigrates(t *testing.T) {
	dsn := pgDSN(t)
	account := newAccount(t, dsn)
	_, err := store.OpenPostgres(t.Context(), dsn, store.PostgresOptions{Account: account})
	if !errors.Is(err, store.ErrMigrate) || !strings.Contains(err.Error(), "run dxdash store migrate") {
		t.Fatalf("opening an account never migrated: %v; want ErrMigrate saying to run dxdash store migrate", err)
	}
	var n int
	if err := pgConn(t).QueryRow(t.Context(), "SELECT count(*) FROM pg_namespace WHERE nspname = $1",
		strings.Trim(store.AccountSchema(account), `"`)).Scan(&n); err != nil || n != 0 {
		t.Fatalf("the refused open created the schema: %d, %v", n, err)
	}
	from, to, err := store.MigratePostgres(t.Context(), dsn, account)
	if err != nil || from != 0 || to != store.PostgresSchemaVersion {
		t.Fatalf("migrate: %d to %d, %v", from, to, err)
	}
	st, err := store.OpenPostgres(t.Context(), dsn, store.PostgresOptions{Account: account})
	if err != nil {
		t.Fatalf("after dxdash store migrate: %v", err)
	}
	st.Close()
	if from, _, err := store.MigratePostgres(t.Context(), dsn, account); err != nil || from != store.PostgresSchemaVersion {
		t.Errorf("migrating again: from %d, %v; want nothing to do", from, err)
	}
}

func TestPostgresNewerSchemaLeftAlone(t *testing.T) {
	dsn := pgDSN(t)
	account := newAccount(t, dsn)
	if _, _, err := store.MigratePostgres(t.Context(), dsn, account); err != nil {
		t.Fatal(err)
	}
	if _, err := pgConn(t).Exec(t.Context(), "UPDATE dxdash.accounts SET version = 99 WHERE account = $1", account); err != nil {
		t.Fatal(err)
	}
	for _, migrate := range []bool{false, true} {
		_, err := store.OpenPostgres(t.Context(), dsn, store.PostgresOptions{Account: account, Migrate: migrate})
		if !errors.Is(err, store.ErrNewerSchema) {
			t.Errorf("migrate %v: %v, want ErrNewerSchema", migrate, err)
		}
	}
}

// Processes starting at once on a new account: one migrates, the others
// wait on the advisory lock and find nothing left to do. Without the lock
// the second CREATE SCHEMA fails on the catalog's unique index.
func TestPostgresConcurrentMigrationsDoNotRace(t *testing.T) {
	dsn := pgDSN(t)
	account := newAccount(t, dsn)
	const n = 8
	froms := make([]int, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { froms[i], _, errs[i] = store.MigratePostgres(context.Background(), dsn, account) })
	}
	wg.Wait()
	fresh := 0
	for i := range n {
		if errs[i] != nil {
			t.Errorf("migration %d: %v", i, errs[i])
		}
		if froms[i] == 0 {
			fresh++
		}
	}
	if fresh != 1 {
		t.Errorf("%d processes migrated from scratch (from %v), want 1", fresh, froms)
	}
}

// While another process holds the migration lock, a migration waits for
// it, and goes on once it is released.
func TestPostgresMigrationWaitsForTheLock(t *testing.T) {
	dsn := pgDSN(t)
	account := newAccount(t, dsn)
	holder := pgConn(t)
	ctx := t.Context()
	if _, err := holder.Exec(ctx, "SELECT pg_advisory_lock($1)", store.MigrationLock); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { _, _, err := store.MigratePostgres(context.Background(), dsn, account); done <- err }()
	// The server says when the migration is waiting for the lock.
	watcher := pgConn(t)
	for deadline := time.Now().Add(10 * time.Second); ; {
		var waiting int
		if err := watcher.QueryRow(ctx, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted").Scan(&waiting); err != nil {
			t.Fatal(err)
		}
		if waiting == 1 {
			break
		}
		select {
		case err := <-done:
			t.Fatalf("the migration ran while another held the lock: %v", err)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("the migration never waited for the lock")
		}
		time.Sleep(5 * time.Millisecond) // polling the server with a deadline
	}
	if _, err := holder.Exec(ctx, "SELECT pg_advisory_unlock($1)", store.MigrationLock); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatalf("the migration after the lock was released: %v", err)
	}
}

// The connection string carries a password: no error shows it, whatever
// went wrong, and each says where (host and database).
func TestPostgresErrorsNeverShowThePassword(t *testing.T) {
	const password = "Sup3r-S3cret-pw"
	cases := map[string]string{
		"unparsable":  "postgres://dxdash:" + password + "@127.0.0.1:notaport/db",
		"unreachable": "postgres://dxdash:" + password + "@127.0.0.1:1/teamdb?sslmode=disable&connect_timeout=5",
		"key=value":   "host=127.0.0.1 port=1 dbname=teamdb user=dxdash password=" + password + " connect_timeout=5",
	}
	if dsn := os.Getenv(pgDSNEnv); dsn != "" {
		// The real server, with the wrong password.
		u, err := url.Parse(dsn)
		if err != nil {
			t.Fatal(err)
		}
		u.User = url.UserPassword(u.User.Username(), password)
		cases["wrong password"] = u.String()
	}
	for name, dsn := range cases {
		_, err := store.OpenPostgres(t.Context(), dsn, store.PostgresOptions{Account: "a.db"})
		if err == nil {
			t.Errorf("%s: opened", name)
			continue
		}
		for _, text := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)} {
			if strings.Contains(text, password) {
				t.Errorf("%s: the password is in the error: %s", name, text)
			}
		}
		if name != "unparsable" && !strings.Contains(err.Error(), "127.0.0.1:") {
			t.Errorf("%s: the error does not say which server: %v", name, err)
		}
		t.Logf("%s: %v", name, err)
	}
}
