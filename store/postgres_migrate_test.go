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

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/store"
	"github.com/dxdash/dxdash/store/storetest"
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

// A store of schema 2 holding rows is migrated to 3, whose counts table
// starts from the rows already there; from then on the triggers keep the
// counts equal to counting the rows.
func TestPostgresMigrationKeepsCounts(t *testing.T) {
	dsn := pgDSN(t)
	account := newAccount(t, dsn)
	ctx := t.Context()
	if err := store.MigratePostgresTo(ctx, dsn, account, 2); err != nil {
		t.Fatal(err)
	}
	conn := pgConn(t)
	schema := store.AccountSchema(account)
	// Rows written by a dxdash of schema 2: straight into the table.
	if _, err := conn.Exec(ctx, `INSERT INTO `+schema+`.datasets (id, document_name, customer_id, dataset_type, status,
		is_verified, page_count, created_at, updated_at, seen_at)
		SELECT 'ds_old_' || i, 'd', 'cus_a', 'invoice', 'complete', i % 2 = 0, 1, i, i, 0 FROM generate_series(1, 30) AS i`); err != nil {
		t.Fatal(err)
	}
	from, _, err := store.MigratePostgres(ctx, dsn, account)
	if err != nil || from != 2 {
		t.Fatalf("migrate from 2: %d, %v", from, err)
	}
	st, err := store.OpenPostgres(ctx, dsn, store.PostgresOptions{Account: account})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	check := func(when string) {
		t.Helper()
		for _, f := range []store.Filter{{}, {IncludeGone: true}, {CustomerID: "cus_b"}, {Status: "processing", IncludeGone: true}} {
			got, err := st.Count(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			var want store.Counts
			cond := "true"
			if f.CustomerID != "" {
				cond = "d.customer_id = '" + f.CustomerID + "'"
			}
			if f.Status != "" {
				cond = "d.status = '" + f.Status + "'"
			}
			gone := " AND NOT d.gone"
			if f.IncludeGone {
				gone = ""
			}
			err = conn.QueryRow(ctx, `SELECT count(*), count(*) FILTER (WHERE d.is_verified), count(*) FILTER (WHERE d.status = 'processing'),
				count(*) FILTER (WHERE d.status = 'failed'), count(x.id) FROM `+schema+`.datasets d LEFT JOIN `+schema+`.details x ON x.id = d.id
				WHERE `+cond+gone).Scan(&want.Rows, &want.Verified, &want.Processing, &want.Failed, &want.Details)
			if err != nil {
				t.Fatal(err)
			}
			if err := conn.QueryRow(ctx, `SELECT count(*) FROM `+schema+`.datasets d WHERE d.gone AND `+cond).Scan(&want.Gone); err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("%s, filter %+v: counts %+v, counting the rows %+v", when, f, got, want)
			}
		}
	}
	check("after the migration")
	items := storetest.Summaries(0, 120)
	walkAll := func(items []client.Dataset, at time.Time) {
		w, _ := st.Walk(ctx)
		if _, err := st.PutPage(ctx, store.Page{Walk: w.NextWalk(), Items: items, At: at}); err != nil {
			t.Fatal(err)
		}
	}
	walkAll(items, storetest.T0)
	for _, d := range items[:40] {
		if err := st.PutDetail(ctx, storetest.Detail(d, 2, 0), storetest.T0); err != nil {
			t.Fatal(err)
		}
	}
	check("after a walk and details")
	// A processing dataset completes (a newer detail moves its row), some
	// go, and the old rows go too.
	done := storetest.Summary(24, time.Minute)
	done.Status = client.StatusComplete
	if err := st.PutDetail(ctx, storetest.Detail(done, 2, 0), storetest.T0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	walkAll(items[10:], storetest.T0.Add(2*time.Hour))
	check("after datasets went")
	walkAll(items, storetest.T0.Add(3*time.Hour))
	check("after they came back")
}
