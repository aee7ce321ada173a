package store_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/store"
	"github.com/dxdash/dxdash/store/storetest"
)

// benchAccount is the account the PostgreSQL benchmarks fill once per
// server: building 100 000 rows takes seconds, reading them is measured.
const benchAccount = "bench-summaries-100k.db"

// buildPG fills benchAccount with n summaries, unless it holds them.
func buildPG(b *testing.B, n int) string {
	b.Helper()
	dsn := pgDSN(b)
	ctx := context.Background()
	st, err := store.OpenPostgres(ctx, dsn, store.PostgresOptions{Account: benchAccount, Migrate: true})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if c, err := st.Count(ctx, store.Filter{}); err == nil && c.Rows == n {
		return dsn
	}
	w, err := st.Walk(ctx)
	if err != nil {
		b.Fatal(err)
	}
	items := storetest.Summaries(0, n)
	for i := 0; i < n; i += 100 {
		next := "c"
		if i+100 >= n {
			next = ""
		}
		if _, err := st.PutPage(ctx, store.Page{Walk: w.NextWalk(), Items: items[i:min(i+100, n)], Next: next, At: storetest.T0}); err != nil {
			b.Fatal(err)
		}
	}
	return dsn
}

// firstFrame is what a dashboard reads to draw its first screen: 50 rows
// and the header's counts.
func firstFrame(b *testing.B, st store.Store, q store.Query) {
	ctx := context.Background()
	rows, err := st.Rows(ctx, q)
	if err != nil || len(rows) != 50 {
		b.Fatal(len(rows), err)
	}
	if _, err := st.Count(ctx, q.Filter); err != nil {
		b.Fatal(err)
	}
}

// The first frame over 100 000 datasets in a shared store: a fresh open
// (connecting, the schema check), the first 50 rows newest first, and the
// counts.
func BenchmarkPostgresFirstFrame100k(b *testing.B) {
	dsn := buildPG(b, 100_000)
	ctx := context.Background()
	for b.Loop() {
		st, err := store.OpenPostgres(ctx, dsn, store.PostgresOptions{Account: benchAccount})
		if err != nil {
			b.Fatal(err)
		}
		firstFrame(b, st, store.Query{Limit: 50})
		st.Close()
	}
}

// The same screen on an open store, sorted by accuracy and filtered by
// customer.
func BenchmarkPostgresFrame100kSortedFiltered(b *testing.B) {
	dsn := buildPG(b, 100_000)
	st, err := store.OpenPostgres(context.Background(), dsn, store.PostgresOptions{Account: benchAccount})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	q := store.Query{Filter: store.Filter{CustomerID: "cus_b"}, Sort: store.SortAccuracy, Limit: 50}
	for b.Loop() {
		firstFrame(b, st, q)
	}
}

// Ten dashboards at once, each with its own connection pool, each drawing
// a frame (rows in a sort of its own, counts) at the same moment; ns/op
// is one round, so the slowest of the ten. slowest-ms is the worst frame
// any reader waited for over the whole run.
func BenchmarkPostgresTenReaders100k(b *testing.B) {
	dsn := buildPG(b, 100_000)
	const readers = 10
	stores := make([]store.Store, readers)
	for i := range stores {
		st, err := store.OpenPostgres(context.Background(), dsn, store.PostgresOptions{Account: benchAccount, MaxConns: 2})
		if err != nil {
			b.Fatal(err)
		}
		defer st.Close()
		stores[i] = st
	}
	var slowest time.Duration
	var mu sync.Mutex
	for b.Loop() {
		var wg sync.WaitGroup
		for i, st := range stores {
			wg.Go(func() {
				start := time.Now()
				firstFrame(b, st, store.Query{Sort: store.Sort(i % 3), Offset: 50 * i, Limit: 50})
				mu.Lock()
				slowest = max(slowest, time.Since(start))
				mu.Unlock()
			})
		}
		wg.Wait()
	}
	b.ReportMetric(float64(slowest)/float64(time.Millisecond), "slowest-ms")
}

// Upserting one 100-item page of a walk, in its own transaction (with its
// notification); every other iteration moves every updated_at, as
// BenchmarkPutPage does for SQLite.
func BenchmarkPostgresPutPage(b *testing.B) {
	st := openPG(b)
	defer st.Close()
	ctx := context.Background()
	pages := [2][]client.Dataset{}
	for k := range pages {
		for n := range 100 {
			pages[k] = append(pages[k], storetest.Summary(n, time.Duration(k)*time.Hour))
		}
	}
	i := 0
	for b.Loop() {
		if _, err := st.PutPage(ctx, store.Page{Walk: 1, Items: pages[i%2], Next: "c", At: storetest.T0}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
