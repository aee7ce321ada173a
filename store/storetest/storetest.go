package storetest

import (
	"context"
	"fmt"
	"reflect"
	"slices"
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
