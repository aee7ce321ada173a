package store_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/store"
	"github.com/dxdash/dxdash/store/storetest"
)

// Upserting one 100-item page of a walk, in its own transaction; every
// other iteration moves every updated_at, so half the pages mark details
// stale.
func BenchmarkPutPage(b *testing.B) {
	st := openFile(b)
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

// build fills a store file once per process with n summaries and details
// of the first withDetails, returning its path.
func build(b *testing.B, name string, n, withDetails int) string {
	b.Helper()
	path := filepath.Join(os.TempDir(), "dxdash-bench-"+name+".db")
	if st, err := store.OpenSQLite(context.Background(), path, store.SQLiteOptions{}); err == nil {
		c, _ := st.Count(context.Background(), store.Filter{})
		st.Close()
		if c.Rows == n && c.Details == withDetails {
			return path
		}
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(path + suffix)
	}
	st, err := store.OpenSQLite(context.Background(), path, store.SQLiteOptions{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	items := storetest.Summaries(0, n)
	for i := 0; i < n; i += 100 {
		next := "c"
		if i+100 >= n {
			next = ""
		}
		if _, err := st.PutPage(ctx, store.Page{Walk: 1, Items: items[i:min(i+100, n)], Next: next, At: storetest.T0}); err != nil {
			b.Fatal(err)
		}
	}
	for _, d := range items[:withDetails] {
		if err := st.PutDetail(ctx, storetest.Detail(d, 20, 10), storetest.T0); err != nil {
			b.Fatal(err)
		}
	}
	return path
}

// The first frame over 100 000 stored summaries: a fresh open, the first
// screen's 50 rows newest first, and the counts the header shows.
func BenchmarkFirstFrame100k(b *testing.B) {
	path := build(b, "summaries-100k", 100_000, 0)
	ctx := context.Background()
	for b.Loop() {
		st, err := store.OpenSQLite(ctx, path, store.SQLiteOptions{})
		if err != nil {
			b.Fatal(err)
		}
		rows, err := st.Rows(ctx, store.Query{Limit: 50})
		if err != nil || len(rows) != 50 {
			b.Fatal(len(rows), err)
		}
		if c, err := st.Count(ctx, store.Filter{}); err != nil || c.Rows != 100_000 {
			b.Fatal(c, err)
		}
		st.Close()
	}
}

// The same first screen, sorted by accuracy and filtered by customer.
func BenchmarkFirstFrame100kSortedFiltered(b *testing.B) {
	path := build(b, "summaries-100k", 100_000, 0)
	ctx := context.Background()
	st, err := store.OpenSQLite(ctx, path, store.SQLiteOptions{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	f := store.Filter{CustomerID: "cus_b"}
	for b.Loop() {
		if rows, err := st.Rows(ctx, store.Query{Filter: f, Sort: store.SortAccuracy, Limit: 50}); err != nil || len(rows) != 50 {
			b.Fatal(len(rows), err)
		}
		if _, err := st.Count(ctx, f); err != nil {
			b.Fatal(err)
		}
	}
}

// Loading 10 000 stored details (20 fields, 10 line items each) from a
// store just opened. Also reports the bytes on disk per dataset.
func BenchmarkLoadDetailsCold10k(b *testing.B) {
	const n = 10_000
	path := build(b, "details-10k", n, n)
	ids := make([]string, n)
	for i := range ids {
		ids[i] = storetest.Summary(i, 0).ID
	}
	ctx := context.Background()
	for b.Loop() {
		st, err := store.OpenSQLite(ctx, path, store.SQLiteOptions{})
		if err != nil {
			b.Fatal(err)
		}
		got, err := st.Details(ctx, ids)
		if err != nil || len(got) != n {
			b.Fatal(len(got), err)
		}
		st.Close()
	}
	if fi, err := os.Stat(path); err == nil {
		b.ReportMetric(float64(fi.Size())/n, "disk-B/dataset")
	}
}
