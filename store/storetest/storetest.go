package storetest

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/store"
)

// Opener opens a new, empty store; the suite closes it.
type Opener func(t testing.TB) store.Store

// Run runs every behaviour test against the engine open returns.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(*testing.T, store.Store)
	}{
		{"WalkCountsNewChangedUnchanged", testWalkCounts},
		{"RowsOrderAndFilters", testRowsOrderAndFilters},
		{"CompleteWalkMarksMissingGone", testGone},
		{"WalkStateResumes", testWalkState},
		{"DetailRoundTripsExactly", testDetailRoundTrip},
		{"MovedUpdatedAtMakesDetailStale", testStale},
		{"NewerDetailUpdatesRow", testNewerDetail},
		{"DetailsWantedFollowsPolicy", testDetailsWanted},
		{"SearchAnswers", testSearch},
		{"EventsAreRecordedOnce", testEvents},
		{"UIState", testState},
		{"ConcurrentReadersAndWriter", testConcurrent},
		{"ClosedStoreRefuses", testClosed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := open(t)
			defer st.Close()
			tc.fn(t, st)
		})
	}
}

// T0 is the suite's clock start.
var T0 = time.Date(2026, time.November, 2, 9, 0, 0, 0, time.UTC)

// Summary makes a list item: dataset n of an account, created n minutes
// before T0, updated at T0 - n minutes + 1 minute + bump.
func Summary(n int, bump time.Duration) client.Dataset {
	created := T0.Add(-time.Duration(n) * time.Minute)
	count := 5 + n%7
	minConf := float64(n%10) / 10
	d := client.Dataset{
		ID:            fmt.Sprintf("ds_%08d", n),
		DocumentName:  fmt.Sprintf("doc-%d.pdf", n),
		CustomerID:    []string{"cus_a", "cus_b", "cus_c"}[n%3],
		DatasetType:   []string{client.TypeInvoice, client.TypeReceipt}[n%2],
		Status:        client.StatusComplete,
		IsVerified:    n%4 != 0,
		PageCount:     1 + n%3,
		CreatedAt:     created,
		UpdatedAt:     created.Add(time.Minute + bump),
		FieldCount:    &count,
		MinConfidence: &minConf,
	}
	if n%25 == 24 {
		d.Status, d.MinConfidence, d.IsVerified = client.StatusProcessing, nil, false
		zero := 0
		d.FieldCount = &zero
	}
	if d.IsVerified {
		a := float64(n%100) / 100
		d.Accuracy = &client.Accuracy{OverallAccuracy: &a}
	}
	return d
}

// Summaries makes datasets from to to-1, newest first.
func Summaries(from, to int) []client.Dataset {
	var out []client.Dataset
	for n := from; n < to; n++ {
		out = append(out, Summary(n, 0))
	}
	return out
}

// Detail makes the full dataset of a summary: fields, line items and,
// when verified, ground truth and scores.
func Detail(s client.Dataset, fields, lineItems int) client.Dataset {
	d := s
	d.FieldCount, d.MinConfidence = nil, nil
	if d.Status != client.StatusComplete {
		d.Fields, d.LineItems, d.GroundTruth, d.Accuracy = []client.Field{}, []client.LineItem{}, []client.GroundTruth{}, nil
		return d
	}
	var raw []byte
	field := func(i int, name string) client.Field {
		f := client.Field{Name: name, Type: "string", Confidence: float64(i%97) / 100}
		switch i % 5 {
		case 0:
			// null: nothing extracted
		case 1:
			raw = fmt.Appendf(raw[:0], "%d.%02d", 100+i, i%100)
			_ = f.Value.UnmarshalJSON(raw) // a JSON number
			f.Type = "amount"
		default:
			f.Value = client.StringValue(fmt.Sprintf("value %d of %s: \"quoted\" \u00e9", i, s.ID))
			f.BoundingBox = &client.BoundingBox{Page: 1, Left: 0.1, Top: float64(i%10) / 10, Width: 0.2, Height: 0.02}
		}
		return f
	}
	scores := map[string]float64{}
	for i := range fields {
		f := field(i, fmt.Sprintf("field_%02d", i))
		d.Fields = append(d.Fields, f)
		if s.IsVerified {
			d.GroundTruth = append(d.GroundTruth, client.GroundTruth{Name: f.Name, Value: client.StringValue("truth")})
			scores[f.Name] = 1
		}
	}
	for k := range lineItems {
		item := client.LineItem{Index: k}
		for i, name := range []string{"description", "quantity", "amount"} {
			f := field(k*3+i, name)
			item.Fields = append(item.Fields, f)
			if s.IsVerified {
				scores[client.LineItemFieldName(k, name)] = 0.5
			}
		}
		d.LineItems = append(d.LineItems, item)
	}
	if s.IsVerified {
		overall, _ := s.OverallAccuracy()
		d.Accuracy = &client.Accuracy{OverallAccuracy: &overall, FieldScores: scores}
	} else {
		d.GroundTruth, d.Accuracy = []client.GroundTruth{}, nil
	}
	return d
}

// walk stores items as one walk of pages of size, returning the results.
func walk(t *testing.T, st store.Store, items []client.Dataset, size int, at time.Time) []store.PageResult {
	t.Helper()
	ctx := context.Background()
	w, err := st.Walk(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var out []store.PageResult
	for start := 0; start < len(items) || start == 0; start += size {
		end := min(start+size, len(items))
		next := fmt.Sprintf("cursor-%d", end)
		if end == len(items) {
			next = ""
		}
		res, err := st.PutPage(ctx, store.Page{Walk: w.NextWalk(), Items: items[start:end], Next: next, At: at})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, res)
		if end == len(items) {
			break
		}
	}
	return out
}

func total(rs []store.PageResult) (total store.PageResult) {
	for _, r := range rs {
		total.New += r.New
		total.Changed += r.Changed
		total.Unchanged += r.Unchanged
		total.Gone += r.Gone
		total.ChangedIDs = append(total.ChangedIDs, r.ChangedIDs...)
	}
	return total
}

func rowIDs(rows []store.Row) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.ID
	}
	return out
}

func datasetIDs(ds []client.Dataset) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.ID
	}
	return out
}

func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func testWalkCounts(t *testing.T, st store.Store) {
	items := Summaries(0, 250)
	if got := total(walk(t, st, items, 100, T0)); got.New != 250 || got.Changed != 0 || got.Unchanged != 0 {
		t.Fatalf("first walk: %+v", got)
	}
	items[3] = Summary(3, time.Hour)
	items[200] = Summary(200, time.Hour)
	items = append(items, Summary(250, 0))
	got := total(walk(t, st, items, 100, T0.Add(time.Hour)))
	if got.New != 1 || got.Changed != 2 || got.Unchanged != 248 || got.Gone != 0 {
		t.Fatalf("second walk: %+v", got)
	}
	if want := []string{Summary(3, 0).ID, Summary(200, 0).ID, Summary(250, 0).ID}; !reflect.DeepEqual(got.ChangedIDs, want) {
		t.Errorf("changed ids %v, want %v", got.ChangedIDs, want)
	}
	row, ok, err := st.Row(context.Background(), items[3].ID)
	if err != nil || !ok || !reflect.DeepEqual(row.Dataset, items[3]) {
		t.Errorf("row %+v, %v, %v; want %+v", row.Dataset, ok, err, items[3])
	}
}

func testRowsOrderAndFilters(t *testing.T, st store.Store) {
	ctx := context.Background()
	items := Summaries(0, 300)
	walk(t, st, items, 100, T0)
	rows := must[[]store.Row](t)(st.Rows(ctx, store.Query{Limit: 50, Offset: 10}))
	if !reflect.DeepEqual(rowIDs(rows), datasetIDs(items[10:60])) {
		t.Errorf("newest first, rows 10-60: %v", rowIDs(rows))
	}
	verified := true
	f := store.Filter{CustomerID: "cus_b", DatasetType: client.TypeInvoice, IsVerified: &verified}
	var want []string
	for _, d := range items {
		if d.CustomerID == "cus_b" && d.DatasetType == client.TypeInvoice && d.IsVerified {
			want = append(want, d.ID)
		}
	}
	rows = must[[]store.Row](t)(st.Rows(ctx, store.Query{Filter: f, Limit: 1000}))
	if !reflect.DeepEqual(rowIDs(rows), want) {
		t.Errorf("filtered: %d rows, want %d", len(rows), len(want))
	}
	c := must[store.Counts](t)(st.Count(ctx, f))
	if c.Rows != len(want) || c.Verified != len(want) {
		t.Errorf("counts %+v, want %d rows", c, len(want))
	}
	all := must[store.Counts](t)(st.Count(ctx, store.Filter{}))
	if all.Rows != 300 || all.Processing != 12 || all.Details != 0 {
		t.Errorf("counts of all: %+v", all)
	}

	byAccuracy := must[[]store.Row](t)(st.Rows(ctx, store.Query{Sort: store.SortAccuracy, Limit: 1000}))
	byConfidence := must[[]store.Row](t)(st.Rows(ctx, store.Query{Sort: store.SortMinConfidence, Limit: 1000}))
	if len(byAccuracy) != 300 || len(byConfidence) != 300 {
		t.Fatalf("%d and %d rows sorted", len(byAccuracy), len(byConfidence))
	}
	sorted := func(rows []store.Row, key func(store.Row) (float64, bool)) bool {
		return slices.IsSortedFunc(rows, func(a, b store.Row) int {
			x, okA := key(a)
			y, okB := key(b)
			switch {
			case okA != okB:
				if okA {
					return -1
				}
				return 1
			case x < y:
				return -1
			case x > y:
				return 1
			case a.CreatedAt.After(b.CreatedAt):
				return -1
			case a.CreatedAt.Before(b.CreatedAt):
				return 1
			}
			return 0
		})
	}
	if !sorted(byAccuracy, func(r store.Row) (float64, bool) { return r.OverallAccuracy() }) {
		t.Error("not sorted by accuracy, unreviewed last")
	}
	if !sorted(byConfidence, func(r store.Row) (float64, bool) {
		if r.MinConfidence == nil {
			return 0, false
		}
		return *r.MinConfidence, true
	}) {
		t.Error("not sorted by lowest confidence, none last")
	}
}

func testGone(t *testing.T, st store.Store) {
	ctx := context.Background()
	items := Summaries(0, 150)
	walk(t, st, items, 100, T0)
	kept := slices.Delete(slices.Clone(items), 10, 15)
	if got := total(walk(t, st, kept, 100, T0.Add(time.Hour))); got.Gone != 5 {
		t.Fatalf("second walk marked %d gone, want 5", got.Gone)
	}
	rows := must[[]store.Row](t)(st.Rows(ctx, store.Query{Limit: 1000}))
	if !reflect.DeepEqual(rowIDs(rows), datasetIDs(kept)) {
		t.Error("gone datasets are listed")
	}
	withGone := must[[]store.Row](t)(st.Rows(ctx, store.Query{Filter: store.Filter{IncludeGone: true}, Limit: 1000}))
	if len(withGone) != 150 || !withGone[10].Gone || withGone[9].Gone {
		t.Errorf("IncludeGone: %d rows", len(withGone))
	}
	if c := must[store.Counts](t)(st.Count(ctx, store.Filter{})); c.Rows != 145 || c.Gone != 5 {
		t.Errorf("counts %+v", c)
	}
	// A dataset learnt of after the walk began (a search found it) is not
	// gone for having been missed.
	w := must[store.WalkState](t)(st.Walk(ctx))
	newcomer := Summary(1000, 0)
	newcomer.ID = "ds_newcomer"
	if _, err := st.PutPage(ctx, store.Page{Walk: w.NextWalk(), Items: kept[:100], Next: "c", At: T0.Add(2 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if err := st.PutSearch(ctx, store.SearchPage{Key: store.SearchKey{Query: "x"}, First: true, Items: []client.Dataset{newcomer}, At: T0.Add(3 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	res, err := st.PutPage(ctx, store.Page{Walk: w.NextWalk(), Items: kept[100:], At: T0.Add(3 * time.Hour)})
	if err != nil || res.Gone != 0 {
		t.Errorf("third walk: %+v, %v; want none gone", res, err)
	}
	// Back in a list, a gone dataset is back.
	walk(t, st, items, 100, T0.Add(4*time.Hour))
	if c := must[store.Counts](t)(st.Count(ctx, store.Filter{})); c.Rows != 150 || c.Gone != 1 {
		t.Errorf("after the datasets came back: %+v (the newcomer is gone)", c)
	}
}

func testWalkState(t *testing.T, st store.Store) {
	ctx := context.Background()
	w := must[store.WalkState](t)(st.Walk(ctx))
	if w.InProgress || w.Walk != 0 || w.NextWalk() != 1 || !w.LastComplete.IsZero() {
		t.Fatalf("new store: %+v", w)
	}
	items := Summaries(0, 300)
	for i, at := range []time.Time{T0, T0.Add(time.Minute)} {
		if _, err := st.PutPage(ctx, store.Page{Walk: 1, Items: items[i*100 : i*100+100], Next: fmt.Sprint("c", i), At: at}); err != nil {
			t.Fatal(err)
		}
	}
	w = must[store.WalkState](t)(st.Walk(ctx))
	want := store.WalkState{Walk: 1, InProgress: true, StartedAt: T0, Pages: 2, Cursor: "c1", CursorAt: T0.Add(time.Minute)}
	if !reflect.DeepEqual(w, want) {
		t.Fatalf("walk under way: %+v, want %+v", w, want)
	}
	if err := st.RestartWalk(ctx, 1, T0.Add(25*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if w = must[store.WalkState](t)(st.Walk(ctx)); w.Cursor != "" || !w.InProgress || w.Walk != 1 {
		t.Fatalf("restarted walk: %+v", w)
	}
	// A page of an older walk brings news but does not move the walk.
	if _, err := st.PutPage(ctx, store.Page{Walk: 0, Items: items[:1], Next: "zzz", At: T0}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.PutPage(ctx, store.Page{Walk: 1, Items: items[200:], At: T0.Add(26 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	w = must[store.WalkState](t)(st.Walk(ctx))
	want = store.WalkState{Walk: 1, StartedAt: T0, Pages: 3, CursorAt: T0.Add(26 * time.Hour),
		LastComplete: T0, LastFinishedAt: T0.Add(26 * time.Hour)}
	if !reflect.DeepEqual(w, want) || w.NextWalk() != 2 {
		t.Fatalf("finished walk: %+v, want %+v", w, want)
	}
}

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
