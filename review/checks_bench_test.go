package review_test

import (
	"context"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/fakeapi"
	"github.com/dxdash/dxdash/review"
	"github.com/dxdash/dxdash/store"
)

// Every check over the 10 000 datasets of a demo store, as the dashboard
// checks them: loaded from the local store, with their profile at hand
// (built once per corpus: BenchmarkProfile10000). Goal: < 50 ms.
func BenchmarkChecks10000(b *testing.B) {
	stored.once.Do(func() { stored.ds = storedDetails(b, 10_000) })
	benchChecks(b, stored.ds)
}

// stored is the stored corpus, loaded once per process: filling the store
// takes seconds, and -count runs the benchmark again.
var stored struct {
	once sync.Once
	ds   []client.Dataset
}

// The same datasets decoded from the API's JSON, as a dashboard without a
// store holds them: every field's name and type is a string of its own,
// where the store shares one per name.
func BenchmarkChecks10000FromJSON(b *testing.B) {
	benchChecks(b, demoDetails(10_000))
}

func benchChecks(b *testing.B, ds []client.Dataset) {
	p := review.BuildProfile(ds)
	runtime.GC() // the corpus's decoding is not the checks' garbage
	failed := 0
	var ck review.Checker
	start := cpuTime()
	for b.Loop() {
		failed = 0
		for i := range ds {
			failed += review.Failures(ck.Check(&ds[i], p))
		}
	}
	b.ReportMetric(float64(failed), "failures")
	// CPU time as well as wall time: the goal is about the work, and a
	// loaded machine stretches the wall clock.
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N)/1e6, "cpu-ms/op")
}

// storedDetails puts count demo datasets, list rows and details, in a
// SQLite store and reads the details back from it.
func storedDetails(b *testing.B, count int) []client.Dataset {
	b.Helper()
	cfg := fakeapi.DefaultConfig()
	cfg.DatasetCount = count
	cfg.Now = func() time.Time { return cfg.Epoch }
	srv := fakeapi.New(cfg)
	ctx := context.Background()
	st, err := store.OpenSQLite(ctx, filepath.Join(b.TempDir(), "store.db"), store.SQLiteOptions{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	rows := srv.Datasets()
	for i := 0; i < len(rows); i += 100 {
		page := store.Page{Walk: 1, Items: rows[i:min(i+100, len(rows))], Next: "next", At: cfg.Epoch}
		if i+100 >= len(rows) {
			page.Next = ""
		}
		if _, err := st.PutPage(ctx, page); err != nil {
			b.Fatal(err)
		}
	}
	ids := make([]string, 0, len(rows))
	for _, row := range rows {
		ds, ok := srv.Dataset(row.ID)
		if !ok {
			continue
		}
		if err := st.PutDetail(ctx, ds, cfg.Epoch); err != nil {
			b.Fatal(err)
		}
		ids = append(ids, row.ID)
	}
	got, err := st.Details(ctx, ids)
	if err != nil {
		b.Fatal(err)
	}
	out := make([]client.Dataset, 0, len(ids))
	for _, id := range ids {
		out = append(out, got[id].Dataset)
	}
	return out
}

// The profile of 10 000 datasets, built from nothing.
func BenchmarkProfile10000(b *testing.B) {
	ds := demoDetails(10_000)
	runtime.GC()
	start := cpuTime()
	for b.Loop() {
		review.BuildProfile(ds)
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N)/1e6, "cpu-ms/op")
}
