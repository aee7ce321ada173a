package storetest

import (
	"context"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/store"
)

func testDetailRoundTrip(t *testing.T, st store.Store) {
	ctx := context.Background()
	items := Summaries(0, 30)
	walk(t, st, items, 100, T0)
	var ids []string
	want := map[string]client.Dataset{}
	for _, s := range items[:10] {
		d := Detail(s, 20, 10)
		if err := st.PutDetail(ctx, d, T0.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		ids, want[d.ID] = append(ids, d.ID), d
	}
	got := must[map[string]store.Detail](t)(st.Details(ctx, append(ids, "ds_missing")))
	if len(got) != len(want) {
		t.Fatalf("%d details, want %d", len(got), len(want))
	}
	for id, d := range want {
		g := got[id]
		if !g.Current || !g.FetchedAt.Equal(T0.Add(time.Minute)) {
			t.Errorf("%s: current %v, fetched %v", id, g.Current, g.FetchedAt)
		}
		if !reflect.DeepEqual(g.Dataset, d) {
			t.Errorf("%s does not come back as stored:\n%+v\n%+v", id, g.Dataset, d)
		}
	}
	need := must[[]string](t)(st.NeedDetails(ctx, []string{items[0].ID, items[20].ID, "ds_missing", items[1].ID, items[20].ID}))
	if !reflect.DeepEqual(need, []string{items[20].ID, "ds_missing"}) {
		t.Errorf("need %v", need)
	}
	rows := must[[]store.Row](t)(st.Rows(ctx, store.Query{Limit: 12}))
	if rows[0].Detail != store.DetailCurrent || rows[11].Detail != store.DetailNone {
		t.Errorf("detail states %v %v", rows[0].Detail, rows[11].Detail)
	}
	// The list's figures stay the list's while the detail is as old.
	if !reflect.DeepEqual(rows[0].Dataset, items[0]) {
		t.Errorf("row changed by storing its detail:\n%+v\n%+v", rows[0].Dataset, items[0])
	}
}

func testStale(t *testing.T, st store.Store) {
	ctx := context.Background()
	items := Summaries(0, 10)
	walk(t, st, items, 100, T0)
	for _, s := range items {
		if err := st.PutDetail(ctx, Detail(s, 3, 1), T0); err != nil {
			t.Fatal(err)
		}
	}
	items[2] = Summary(2, time.Hour)
	walk(t, st, items, 100, T0.Add(time.Hour))
	need := must[[]string](t)(st.NeedDetails(ctx, datasetIDs(items)))
	if !reflect.DeepEqual(need, []string{items[2].ID}) {
		t.Fatalf("need %v, want only the changed one", need)
	}
	if d := must[map[string]store.Detail](t)(st.Details(ctx, need)); d[items[2].ID].Current {
		t.Error("a stale detail reads as current")
	}
	if err := st.MarkStale(ctx, []string{items[5].ID}); err != nil {
		t.Fatal(err)
	}
	if need = must[[]string](t)(st.NeedDetails(ctx, datasetIDs(items))); len(need) != 2 {
		t.Errorf("after MarkStale: need %v", need)
	}
	if err := st.PutDetail(ctx, Detail(items[2], 3, 1), T0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := st.PutDetail(ctx, Detail(items[5], 3, 1), T0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if need = must[[]string](t)(st.NeedDetails(ctx, datasetIDs(items))); len(need) != 0 {
		t.Errorf("after refetching: need %v", need)
	}
}

func testNewerDetail(t *testing.T, st store.Store) {
	ctx := context.Background()
	s := Summary(24, 0) // processing
	walk(t, st, []client.Dataset{s}, 100, T0)
	done := s
	done.Status, done.UpdatedAt = client.StatusComplete, s.UpdatedAt.Add(time.Minute)
	d := Detail(done, 5, 1)
	if err := st.PutDetail(ctx, d, T0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	row, _, err := st.Row(ctx, s.ID)
	if err != nil || row.Status != client.StatusComplete || !row.UpdatedAt.Equal(done.UpdatedAt) || row.Detail != store.DetailCurrent {
		t.Fatalf("row after a newer detail: %+v, %v", row, err)
	}
	// Its own figures: 8 fields, the lowest confidence among those with a value.
	if row.FieldCount == nil || *row.FieldCount != 8 || row.MinConfidence == nil || *row.MinConfidence != 0.01 {
		t.Errorf("field count %v, min confidence %v", row.FieldCount, row.MinConfidence)
	}
	// A detail fetched for a dataset never listed makes a row too.
	other := Detail(Summary(7, 0), 2, 0)
	if err := st.PutDetail(ctx, other, T0); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := st.Row(ctx, other.ID); !ok {
		t.Error("no row for a detail fetched first")
	}
	// A detail older than the row is stored, stale.
	walk(t, st, []client.Dataset{s, Summary(7, time.Hour)}, 100, T0.Add(2*time.Hour))
	if err := st.PutDetail(ctx, Detail(Summary(7, 0), 2, 0), T0.Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if need := must[[]string](t)(st.NeedDetails(ctx, []string{other.ID})); len(need) != 1 {
		t.Error("an old detail counts as current")
	}
}

func testDetailsWanted(t *testing.T, st store.Store) {
	ctx := context.Background()
	items := Summaries(0, 100)
	walk(t, st, items, 100, T0)
	var verified, complete []string
	for _, d := range items {
		if d.Status == client.StatusComplete {
			complete = append(complete, d.ID)
			if d.IsVerified {
				verified = append(verified, d.ID)
			}
		}
	}
	if got := must[[]string](t)(st.DetailsWanted(ctx, store.DetailsVerified, 1000)); !reflect.DeepEqual(got, verified) {
		t.Errorf("verified: %d, want %d", len(got), len(verified))
	}
	if got := must[[]string](t)(st.DetailsWanted(ctx, store.DetailsAll, 10)); !reflect.DeepEqual(got, complete[:10]) {
		t.Errorf("all, 10: %v", got)
	}
	if got := must[[]string](t)(st.DetailsWanted(ctx, store.DetailsNone, 10)); len(got) != 0 {
		t.Errorf("none: %v", got)
	}
	for _, id := range complete[:5] {
		d := Detail(items[slices.Index(datasetIDs(items), id)], 1, 0)
		if err := st.PutDetail(ctx, d, T0); err != nil {
			t.Fatal(err)
		}
	}
	if got := must[[]string](t)(st.DetailsWanted(ctx, store.DetailsAll, 1000)); !reflect.DeepEqual(got, complete[5:]) {
		t.Errorf("after five details: %d wanted", len(got))
	}
}

func testSearch(t *testing.T, st store.Store) {
	ctx := context.Background()
	walk(t, st, Summaries(0, 50), 100, T0)
	yes := true
	key := store.SearchKey{Query: "steel", CustomerID: "cus_a", IsVerified: &yes}
	if _, ok, err := st.Search(ctx, key); ok || err != nil {
		t.Fatalf("a search never stored: %v %v", ok, err)
	}
	first, second := Summaries(3, 6), []client.Dataset{Summary(9, 0), Summary(60, 0)}
	if err := st.PutSearch(ctx, store.SearchPage{Key: key, First: true, Items: first, Next: "n1", At: T0}); err != nil {
		t.Fatal(err)
	}
	a, ok, err := st.Search(ctx, key)
	if err != nil || !ok || a.Complete || a.Next != "n1" || !reflect.DeepEqual(rowIDs(a.Rows), datasetIDs(first)) {
		t.Fatalf("first page: %+v %v %v", a, ok, err)
	}
	if err := st.PutSearch(ctx, store.SearchPage{Key: key, Items: second, At: T0.Add(time.Second)}); err != nil {
		t.Fatal(err)
	}
	a, _, _ = st.Search(ctx, key)
	if !a.Complete || len(a.Rows) != 5 || a.Rows[4].ID != Summary(60, 0).ID || !a.FetchedAt.Equal(T0.Add(time.Second)) {
		t.Fatalf("both pages: %+v", a)
	}
	if _, ok, _ := st.Row(ctx, Summary(60, 0).ID); !ok {
		t.Error("a search result is not stored as a row")
	}
	other := key
	other.IsVerified = nil
	if _, ok, _ := st.Search(ctx, other); ok {
		t.Error("another filter finds the same answer")
	}
	if err := st.PutSearch(ctx, store.SearchPage{Key: key, First: true, Items: second[:1], At: T0.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if a, _, _ = st.Search(ctx, key); len(a.Rows) != 1 || !a.Complete {
		t.Errorf("a new first page replaces the answer: %+v", a)
	}
}

func testEvents(t *testing.T, st store.Store) {
	ctx := context.Background()
	e := store.Event{ID: "evt_1", Type: "extraction.completed", DatasetID: "ds_1", ReceivedAt: T0}
	for i, want := range []bool{true, false} {
		fresh, err := st.RecordEvent(ctx, e)
		if err != nil || fresh != want {
			t.Fatalf("delivery %d: fresh %v, %v", i+1, fresh, err)
		}
	}
	e2 := store.Event{ID: "evt_2", Type: "matching.completed", DatasetID: "ds_1", ReceivedAt: T0.Add(time.Hour)}
	if fresh, _ := st.RecordEvent(ctx, e2); !fresh {
		t.Fatal("a second event is not fresh")
	}
	if n, err := st.PruneEvents(ctx, T0.Add(time.Minute)); n != 1 || err != nil {
		t.Errorf("pruned %d, %v", n, err)
	}
	if fresh, _ := st.RecordEvent(ctx, e2); fresh {
		t.Error("a kept event is fresh again")
	}
}

func testState(t *testing.T, st store.Store) {
	ctx := context.Background()
	if _, ok, err := st.State(ctx, "sort"); ok || err != nil {
		t.Fatalf("unset: %v %v", ok, err)
	}
	for _, v := range []string{"accuracy", "newest"} {
		if err := st.SetState(ctx, "sort", v); err != nil {
			t.Fatal(err)
		}
		if got, ok, err := st.State(ctx, "sort"); got != v || !ok || err != nil {
			t.Errorf("state %q %v %v, want %q", got, ok, err, v)
		}
	}
}

func testConcurrent(t *testing.T, st store.Store) {
	ctx := context.Background()
	items := Summaries(0, 500)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	wg.Go(func() {
		for i := 0; i < len(items); i += 50 {
			for _, d := range items[i : i+50] {
				if err := st.PutDetail(ctx, Detail(d, 3, 1), T0); err != nil {
					errs <- err
					return
				}
			}
		}
	})
	for range 3 {
		wg.Go(func() {
			for range 20 {
				if _, err := st.Rows(ctx, store.Query{Limit: 100}); err != nil {
					errs <- err
					return
				}
				if _, err := st.Count(ctx, store.Filter{}); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if c := must[store.Counts](t)(st.Count(ctx, store.Filter{})); c.Rows != 500 || c.Details != 500 {
		t.Errorf("counts after concurrent writes: %+v", c)
	}
}

func testClosed(t *testing.T, st store.Store) {
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Rows(context.Background(), store.Query{}); err == nil {
		t.Error("Rows on a closed store")
	}
	if err := st.SetState(context.Background(), "k", "v"); err == nil {
		t.Error("SetState on a closed store")
	}
}
