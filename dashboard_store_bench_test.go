package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/dxdash/dxdash/store"
	"github.com/dxdash/dxdash/store/storetest"
	"github.com/dxdash/dxdash/ui"
)

// storeOf100k fills a store file once per machine with 100 000 summaries
// (the file store's own benchmarks build the same one).
func storeOf100k(b *testing.B) string {
	b.Helper()
	const n = 100_000
	path := filepath.Join(os.TempDir(), "dxdash-bench-summaries-100k.db")
	ctx := context.Background()
	if st, err := store.OpenSQLite(ctx, path, store.SQLiteOptions{}); err == nil {
		c, _ := st.Count(ctx, store.Filter{})
		st.Close()
		if c.Rows == n && c.Details == 0 {
			return path
		}
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(path + suffix)
	}
	st, err := store.OpenSQLite(ctx, path, store.SQLiteOptions{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
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
	return path
}

// runUntil delivers messages until ok holds of the screen, or fails after
// within (real time: a benchmark runs outside a bubble).
func (s *uiSession) runUntil(within time.Duration, ok func(string) bool) {
	deadline := time.NewTimer(within)
	defer deadline.Stop()
	for !ok(s.screen()) {
		select {
		case msg := <-s.msgs:
			s.send(msg)
		case <-deadline.C:
			s.t.Fatalf("waited %s; the screen:\n%s", within, s.screen())
		}
	}
}

// From launch (the store opened, the dashboard made) to the first frame
// with rows on screen, over 100 000 stored datasets; and, reported as
// all-loaded-ms, until every stored row is in the list (sort and the quick
// filter then cover them all).
func BenchmarkDashboardFirstFrame100kStored(b *testing.B) {
	path := storeOf100k(b)
	ctx := context.Background()
	var all time.Duration
	for b.Loop() {
		start := time.Now()
		st, err := store.OpenSQLite(ctx, path, store.SQLiteOptions{})
		if err != nil {
			b.Fatal(err)
		}
		s := newModelSession(b, ui.NewLocal(ui.Local{Store: st, Offline: true}, ui.Options{Theme: ui.ThemeMono}), 120, 40)
		s.runUntil(5*time.Second, func(screen string) bool { return rowIDRe.MatchString(screen) })
		b.StopTimer()
		s.runUntil(time.Minute, func(screen string) bool { return strings.Contains(screen, "all 100000") })
		all += time.Since(start)
		s.send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
		st.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(all.Milliseconds())/float64(b.N), "all-loaded-ms")
}
