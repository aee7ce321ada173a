package store_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dxdash/dxdash/store"
	"github.com/dxdash/dxdash/store/storetest"
)

// twoStores opens one account's store twice, as two processes would: the
// first (a listener) migrates it and listens, the second (a dashboard)
// may not migrate and need not.
func twoStores(t *testing.T, second store.PostgresOptions) (a, b store.Store) {
	t.Helper()
	dsn := pgDSN(t)
	account := newAccount(t, dsn)
	a, err := store.OpenPostgres(context.Background(), dsn, store.PostgresOptions{Account: account, Migrate: true,
		Listen: true, PollInterval: second.PollInterval})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	second.Account = account
	b, err = store.OpenPostgres(context.Background(), dsn, second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return a, b
}

// next waits for the next change, failing after a deadline (the work is
// in another process's hands: a server round trip, not a timer of ours).
func next(t *testing.T, ch <-chan store.Change) store.Change {
	t.Helper()
	select {
	case c, ok := <-ch:
		if !ok {
			t.Fatal("the changes channel closed")
		}
		return c
	case <-time.After(10 * time.Second):
		t.Fatal("no change told within 10s")
	}
	return store.Change{}
}

func TestPostgresNotifiesAnotherStore(t *testing.T) {
	// An hour's poll: only a notification can tell these changes in time.
	a, b := twoStores(t, store.PostgresOptions{Listen: true, PollInterval: time.Hour})
	ctx := t.Context()
	changes := b.(store.Notifier).Changes(ctx)

	d := storetest.Summary(1, 0)
	if err := a.PutDetail(ctx, storetest.Detail(d, 3, 1), storetest.T0); err != nil {
		t.Fatal(err)
	}
	c := next(t, changes)
	if c.Kind != "detail" || c.ID != d.ID || c.Seq != 1 {
		t.Fatalf("told %+v, want detail %s, seq 1", c, d.ID)
	}
	// What the change tells of is readable by the time it is told.
	if got, err := b.Details(ctx, []string{d.ID}); err != nil || !got[d.ID].Current {
		t.Fatalf("the other store reads %v, %v", got, err)
	}
	if _, err := a.PutPage(ctx, store.Page{Walk: 1, Items: storetest.Summaries(0, 10), At: storetest.T0}); err != nil {
		t.Fatal(err)
	}
	if c = next(t, changes); c.Kind != "page" || c.Seq != 2 {
		t.Fatalf("told %+v, want page, seq 2", c)
	}
	// A write through the listening store itself is told too: a dashboard
	// learns the same way whoever wrote.
	if err := b.SetState(ctx, "sort", "accuracy"); err != nil {
		t.Fatal(err)
	}
	if c = next(t, changes); c.Kind != "state" || c.Seq != 3 {
		t.Fatalf("told %+v, want state, seq 3", c)
	}
}

func TestPostgresChangesPollWithoutListen(t *testing.T) {
	// A pooler in transaction mode cannot LISTEN: the slow poll alone.
	a, b := twoStores(t, store.PostgresOptions{PollInterval: 20 * time.Millisecond})
	changes := b.(store.Notifier).Changes(t.Context())
	if err := a.SetState(t.Context(), "k", "v"); err != nil {
		t.Fatal(err)
	}
	if err := a.SetState(t.Context(), "k", "w"); err != nil {
		t.Fatal(err)
	}
	c := next(t, changes)
	for c.Seq < 2 {
		c = next(t, changes)
	}
	if c.Kind != "poll" || c.Seq != 2 {
		t.Fatalf("told %+v, want a poll at seq 2", c)
	}
}

func TestPostgresChangesSurviveALostConnection(t *testing.T) {
	a, b := twoStores(t, store.PostgresOptions{Listen: true, PollInterval: 50 * time.Millisecond})
	ctx := t.Context()
	changes := b.(store.Notifier).Changes(ctx)
	admin := pgConn(t)
	// The server drops the listening connection (a restart, a network cut).
	tag, err := admin.Exec(ctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE query LIKE 'LISTEN %' AND query LIKE '%'||$1||'%'`, strings.Trim(store.AccountSchema(b.Info().Account), `"`))
	if err != nil || tag.RowsAffected() != 1 {
		t.Fatalf("terminating the listener's connection: %v, %d rows", err, tag.RowsAffected())
	}
	if err := a.SetState(ctx, "k", "v"); err != nil {
		t.Fatal(err)
	}
	if c := next(t, changes); c.Seq != 1 {
		t.Fatalf("after the connection was lost: %+v, want seq 1 (by poll or notification)", c)
	}
	// It listens again: later writes are told as what they are.
	for seq := int64(2); ; seq++ {
		if err := a.SetState(ctx, "k", strconv.FormatInt(seq, 10)); err != nil {
			t.Fatal(err)
		}
		c := next(t, changes)
		if c.Kind == "state" {
			break
		}
		if seq > 200 {
			t.Fatalf("never listening again: %+v", c)
		}
	}
}

func TestPostgresChangesEndWithTheStore(t *testing.T) {
	a, _ := twoStores(t, store.PostgresOptions{})
	ch := a.(store.Notifier).Changes(context.Background())
	a.Close() // Close waits for the watcher: goleak checks none is left
	if _, ok := <-ch; ok {
		t.Error("a change told after Close")
	}
}

func TestPostgresRequests(t *testing.T) {
	a, b := twoStores(t, store.PostgresOptions{Listen: true, PollInterval: time.Hour})
	ctx := t.Context()
	listener, dashboard := a.(store.Requests), b.(store.Requests)
	changes := a.(store.Notifier).Changes(ctx)

	id, err := dashboard.Ask(ctx, store.Request{Kind: store.RequestDataset, DatasetID: "ds_1", By: "reviewer 1", At: storetest.T0})
	if err != nil {
		t.Fatal(err)
	}
	if c := next(t, changes); c.Kind != "request" || c.ID != strconv.FormatInt(id, 10) {
		t.Fatalf("the listener heard %+v", c)
	}
	again, err := dashboard.Ask(ctx, store.Request{Kind: store.RequestDataset, DatasetID: "ds_1", By: "reviewer 2", At: storetest.T0.Add(time.Second)})
	if err != nil || again != id {
		t.Fatalf("a second ask for ds_1: %d, %v; want it to join %d", again, err, id)
	}
	yes := true
	key := store.SearchKey{Query: "steel\x00bolts", CustomerID: "cus_a", IsVerified: &yes}
	sid, err := dashboard.Ask(ctx, store.Request{Kind: store.RequestSearch, Search: key, By: "reviewer 2", At: storetest.T0})
	if err != nil || sid == id {
		t.Fatalf("a search request: %d, %v", sid, err)
	}

	// A later page of the same search is a request of its own.
	pid, err := dashboard.Ask(ctx, store.Request{Kind: store.RequestSearch, Search: key, Cursor: "c_2", By: "reviewer 2", At: storetest.T0})
	if err != nil || pid == sid || pid == id {
		t.Fatalf("a later page's request: %d, %v (the first page's is %d)", pid, err, sid)
	}

	now := storetest.T0.Add(time.Minute)
	taken, err := listener.Take(ctx, now, now.Add(-time.Minute), 10)
	if err != nil || len(taken) != 3 || taken[0].ID != id || taken[1].ID != sid || taken[2].ID != pid {
		t.Fatalf("taken %+v, %v", taken, err)
	}
	if r := taken[1]; r.Kind != store.RequestSearch || r.Search.Query != "steel\uFFFDbolts" || *r.Search.IsVerified != true || r.Cursor != "" || !r.TakenAt.Equal(now) {
		t.Errorf("the search request reads back as %+v", r)
	}
	if r := taken[2]; r.Kind != store.RequestSearch || r.Search.Query != "steel\uFFFDbolts" || r.Cursor != "c_2" {
		t.Errorf("the later page's request reads back as %+v", r)
	}
	if again, _ := listener.Take(ctx, now, now.Add(-time.Minute), 10); len(again) != 0 {
		t.Errorf("taken twice: %+v", again)
	}
	// The listener stopped before answering: another takes them up later.
	later := now.Add(5 * time.Minute)
	if retaken, _ := listener.Take(ctx, later, later.Add(-time.Minute), 1); len(retaken) != 1 || retaken[0].ID != id {
		t.Errorf("retaken %+v", retaken)
	}
	for range 3 {
		next(t, changes) // the search's two requests and the second ask
	}
	if err := listener.Finish(ctx, id, "", later); err != nil {
		t.Fatal(err)
	}
	if c := next(t, changes); c.Kind != "done" || c.ID != strconv.FormatInt(id, 10) {
		t.Fatalf("heard %+v, want done %d", c, id)
	}
	r, ok, err := dashboard.Request(ctx, id)
	if err != nil || !ok || !r.DoneAt.Equal(later) || r.By != "reviewer 1" || r.Error != "" {
		t.Fatalf("request after Finish: %+v %v %v", r, ok, err)
	}
	// Once answered, asking again is a new request.
	if id3, _ := dashboard.Ask(ctx, store.Request{Kind: store.RequestDataset, DatasetID: "ds_1", At: later}); id3 == id {
		t.Error("an answered request was joined")
	}
}

func TestPostgresListenerHeartbeat(t *testing.T) {
	a, b := twoStores(t, store.PostgresOptions{})
	ctx := t.Context()
	if _, ok, err := b.(store.Requests).Listener(ctx); ok || err != nil {
		t.Fatalf("no listener yet: %v %v", ok, err)
	}
	want := store.ListenerState{Who: "srv1 pid 42", SeenAt: storetest.T0, LastSync: storetest.T0.Add(-time.Minute),
		Remaining: 37, Limit: 60, ResetAt: storetest.T0.Add(40 * time.Second)}
	for _, l := range []store.ListenerState{{Who: "old"}, want} {
		if err := a.(store.Requests).Beat(ctx, l); err != nil {
			t.Fatal(err)
		}
	}
	if got, ok, err := b.(store.Requests).Listener(ctx); !ok || err != nil || got != want {
		t.Errorf("heartbeat %+v %v %v, want %+v", got, ok, err, want)
	}
}

// pgConn is a plain connection to the test server, for looking at it.
func pgConn(t *testing.T) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), pgDSN(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// Two processes writing the same rows at once, in different orders (a
// walk's pages, searches, details): writes take turns on the account's
// change counter, so none deadlocks and none is lost.
func TestPostgresConcurrentWritersTakeTurns(t *testing.T) {
	a, b := twoStores(t, store.PostgresOptions{})
	ctx := t.Context()
	items := storetest.Summaries(0, 200)
	reversed := slices.Clone(items)
	slices.Reverse(reversed)
	errs := make(chan error, 4)
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := range 10 {
			if _, err := a.PutPage(ctx, store.Page{Walk: 1, Items: items, Next: "c", At: storetest.T0.Add(time.Duration(i))}); err != nil {
				errs <- err
				return
			}
		}
	})
	wg.Go(func() {
		for i := range 10 {
			if err := b.PutSearch(ctx, store.SearchPage{Key: store.SearchKey{Query: strconv.Itoa(i)}, First: true,
				Items: reversed, At: storetest.T0}); err != nil {
				errs <- err
				return
			}
		}
	})
	wg.Go(func() {
		for _, d := range reversed[:60] {
			if err := b.PutDetail(ctx, storetest.Detail(d, 2, 0), storetest.T0); err != nil {
				errs <- err
				return
			}
		}
	})
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if c, err := a.Count(ctx, store.Filter{}); err != nil || c.Rows != 200 || c.Details != 60 {
		t.Errorf("counts %+v, %v; want 200 rows, 60 details", c, err)
	}
}

// One dashboard at a time stands in for a gone listener.
func TestPostgresStandIn(t *testing.T) {
	a, b := twoStores(t, store.PostgresOptions{})
	ctx := t.Context()
	releaseA, ok, err := a.(store.Requests).StandIn(ctx)
	if err != nil || !ok {
		t.Fatalf("the first stand-in: %v %v", ok, err)
	}
	if _, ok, err := b.(store.Requests).StandIn(ctx); err != nil || ok {
		t.Fatalf("a second stand-in while the first holds: %v %v", ok, err)
	}
	releaseA()
	releaseA() // twice is once
	releaseB, ok, err := b.(store.Requests).StandIn(ctx)
	if err != nil || !ok {
		t.Fatalf("a stand-in after the first released: %v %v", ok, err)
	}
	defer releaseB()
	if _, ok, _ := a.(store.Requests).StandIn(ctx); ok {
		t.Error("the first stands in again while the second holds")
	}
}
