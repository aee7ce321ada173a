package ui

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/common"
)

// gate holds list answers for the pages named in its map until released.
type gate struct {
	open map[string]chan struct{} // cursor → closed when released
}

func newGate(cursors ...string) *gate {
	g := &gate{open: make(map[string]chan struct{})}
	for _, c := range cursors {
		g.open[c] = make(chan struct{})
	}
	return g
}

func (g *gate) wrap(s *stubAPI) func(context.Context, client.ListParams) (client.Page, error) {
	return func(ctx context.Context, p client.ListParams) (client.Page, error) {
		if ch, ok := g.open[p.Cursor]; ok {
			select {
			case <-ch:
			case <-ctx.Done():
				return client.Page{}, ctx.Err()
			}
		}
		return s.page(p)
	}
}

func (g *gate) release(cursor string) { close(g.open[cursor]) }

func cursorsOf(calls []client.ListParams) []string {
	out := make([]string, len(calls))
	for i, c := range calls {
		out[i] = c.Cursor
	}
	return out
}

// At 120x30 the list shows 26 rows (30 less title, column header, footer
// and status bar).
const rowsAt30 = 26

func TestFirstPageLoadsAtStart(t *testing.T) {
	run(t, func(t *testing.T) {
		api := newStub(corpus(500))
		h := newHarness(t, api, common.Options{Title: "demo"}, 120, 30)
		defer h.close()

		if got := cursorsOf(api.listCalls()); !slices.Equal(got, []string{""}) {
			t.Fatalf("requests at start = %q, want just the first page", got)
		}
		if p := api.listCalls()[0]; p.Limit != common.DefaultPageSize {
			t.Errorf("limit = %d, want %d", p.Limit, common.DefaultPageSize)
		}
		view := ansi.Strip(h.view())
		for _, want := range []string{"dxdash · demo", "ds_0000", "document-0000.pdf", "50 loaded"} {
			if !strings.Contains(view, want) {
				t.Errorf("view lacks %q:\n%s", want, view)
			}
		}
	})
}

func TestPrefetchFiresOncePerPage(t *testing.T) {
	run(t, func(t *testing.T) {
		api := newStub(corpus(500))
		g := newGate("50", "100")
		api.list = g.wrap(api)
		h := newHarness(t, api, common.Options{}, 120, 30)
		defer h.close()

		// 50 loaded: the cursor must come within one screen (26 rows) of
		// row 49 before the next page is asked for.
		for range 49 - rowsAt30 {
			h.press("j")
		}
		if n := len(api.listCalls()); n != 1 {
			t.Fatalf("%d requests with the cursor more than a screen from the end, want 1", n)
		}
		h.press("j")
		if got := cursorsOf(api.listCalls()); !slices.Equal(got, []string{"", "50"}) {
			t.Fatalf("requests = %q, want the next page once the end is a screen away", got)
		}
		if !strings.Contains(ansi.Strip(h.view()), "loading more… (50 loaded)") {
			t.Errorf("no spinner row while the next page loads:\n%s", ansi.Strip(h.view()))
		}
		// While it is in flight, moving on (even to the end) asks nothing more.
		h.press("j", "j", "G", "k", "G")
		if n := len(api.listCalls()); n != 2 {
			t.Fatalf("%d requests while page 2 was in flight, want 2", n)
		}
		g.release("50")
		h.settle()
		if n := h.list().store.len(); n != 100 {
			t.Fatalf("%d rows after page 2, want 100", n)
		}
		// The cursor (row 49) is now a full screen from the end: no request.
		if n := len(api.listCalls()); n != 2 {
			t.Fatalf("%d requests after page 2 arrived, want 2", n)
		}
		h.press("G")
		h.press("j", "k", "j")
		if got := cursorsOf(api.listCalls()); !slices.Equal(got, []string{"", "50", "100"}) {
			t.Fatalf("requests = %q, want page 3 asked for once", got)
		}
		g.release("100")
		h.settle()
	})
}

func TestTallerTerminalLoadsMore(t *testing.T) {
	run(t, func(t *testing.T) {
		api := newStub(corpus(500))
		h := newHarness(t, api, common.Options{PageSize: 20}, 120, 30)
		defer h.close()
		if n := len(api.listCalls()); n != 2 {
			t.Fatalf("%d requests for 26 rows on screen with pages of 20, want 2", n)
		}
		h.send(tea.WindowSizeMsg{Width: 120, Height: 80})
		h.settle()
		if n := h.list().store.len(); n < 80 {
			t.Fatalf("%d rows loaded on an 80-line terminal, want a screenful and more", n)
		}
	})
}

func TestAllLoadedSaysAll(t *testing.T) {
	run(t, func(t *testing.T) {
		api := newStub(corpus(60))
		h := newHarness(t, api, common.Options{}, 120, 30)
		defer h.close()
		h.press("G")
		view := ansi.Strip(h.view())
		if !strings.Contains(view, "all 60") {
			t.Fatalf("no \"all 60\" once the last page is in:\n%s", view)
		}
		h.press("k", "G", "G")
		if n := len(api.listCalls()); n != 2 {
			t.Errorf("%d requests, want 2: nothing after the last page", n)
		}
	})
}

func TestStalePageResponseIsDropped(t *testing.T) {
	run(t, func(t *testing.T) {
		api := newStub(corpus(500))
		h := newHarness(t, api, common.Options{}, 120, 30)
		defer h.close()
		l := h.list()
		oldGen := l.paging.gen

		g := newGate("")
		api.list = g.wrap(api)
		h.press("r") // a reload: generation 2, in flight
		if l.paging.gen == oldGen {
			t.Fatal("reload did not start a new generation")
		}
		// An answer for the superseded generation turns up late.
		stale := corpus(1)
		stale[0].ID, stale[0].DocumentName = "ds_stale", "stale.pdf"
		h.send(list.pageMsg{list: l.id, req: list.pageRequest{gen: oldGen, number: 0}, page: client.Page{Data: stale, NextCursor: "x"}})
		h.settle()
		if strings.Contains(h.view(), "ds_stale") || l.store.len() != 50 {
			t.Fatalf("stale page was applied: %d rows\n%s", l.store.len(), ansi.Strip(h.view()))
		}
		if l.paging.loading == nil {
			t.Fatal("the stale answer cleared the request in flight")
		}
		g.release("")
		h.settle()
		if l.paging.loading != nil || l.paging.pages != 1 || l.store.len() != 50 {
			t.Fatalf("current generation's page not applied: loading=%v pages=%d rows=%d",
				l.paging.loading, l.paging.pages, l.store.len())
		}
	})
}

func TestPageErrorKeepsRowsAndRetries(t *testing.T) {
	run(t, func(t *testing.T) {
		api := newStub(corpus(500))
		fail := true
		api.list = func(ctx context.Context, p client.ListParams) (client.Page, error) {
			if p.Cursor == "50" && fail {
				return client.Page{}, &client.APIError{StatusCode: 500, Detail: "boom", RequestID: "req_abc123", Method: "GET", Path: "/api/v1/datasets"}
			}
			return api.page(p)
		}
		h := newHarness(t, api, common.Options{}, 120, 30)
		defer h.close()
		h.press("G")

		view := ansi.Strip(h.view())
		if h.list().store.len() != 50 || !strings.Contains(view, "ds_0049") {
			t.Fatalf("rows lost after a failed page:\n%s", view)
		}
		for _, want := range []string{"loading more failed · r to retry", "server error 500 · request req_abc123 · r to retry"} {
			if !strings.Contains(view, want) {
				t.Errorf("view lacks %q:\n%s", want, view)
			}
		}
		// Moving does not retry by itself.
		h.press("k", "j")
		if n := len(api.listCalls()); n != 2 {
			t.Fatalf("%d requests after moving past a failed page, want 2", n)
		}
		fail = false
		h.press("r")
		calls := api.listCalls()
		if len(calls) != 3 || calls[2].Cursor != "50" {
			t.Fatalf("r sent %q, want a retry of the page that failed", cursorsOf(calls))
		}
		view = ansi.Strip(h.view())
		if h.list().store.len() != 100 || strings.Contains(view, "server error") {
			t.Fatalf("retry did not recover (%d rows):\n%s", h.list().store.len(), view)
		}
	})
}

func TestErrorLineDismissedWithEsc(t *testing.T) {
	run(t, func(t *testing.T) {
		api := newStub(corpus(500))
		api.list = func(ctx context.Context, p client.ListParams) (client.Page, error) {
			if p.Cursor != "" {
				return client.Page{}, &client.APIError{StatusCode: 503, RequestID: "req_x"}
			}
			return api.page(p)
		}
		h := newHarness(t, api, common.Options{}, 120, 30)
		defer h.close()
		h.press("G")
		if !strings.Contains(h.view(), "server error 503") {
			t.Fatal("no error line")
		}
		h.press("esc")
		view := ansi.Strip(h.view())
		if strings.Contains(view, "server error 503") {
			t.Fatalf("esc did not dismiss the error line:\n%s", view)
		}
		if !strings.Contains(view, "r to retry") {
			t.Error("the inline failure went with the error line")
		}
	})
}

func TestExpiredCursorRestartsAndMerges(t *testing.T) {
	run(t, func(t *testing.T) {
		api := newStub(corpus(500))
		expired := true
		api.list = func(ctx context.Context, p client.ListParams) (client.Page, error) {
			if p.Cursor == "50" && expired {
				expired = false
				return client.Page{}, &client.APIError{StatusCode: 400, Detail: "cursor expired"}
			}
			return api.page(p)
		}
		h := newHarness(t, api, common.Options{}, 120, 30)
		defer h.close()
		h.press("G")

		// page 1, page 2 (expired), page 1 again (merged: still 50 rows, so
		// the end is near and page 2 follows).
		if got := cursorsOf(api.listCalls()); !slices.Equal(got, []string{"", "50", "", "50"}) {
			t.Fatalf("requests = %q, want a restart from the first page", got)
		}
		l := h.list()
		if l.store.len() != 100 {
			t.Fatalf("%d rows, want 100 without duplicates", l.store.len())
		}
		seen := map[string]bool{}
		for pos := range l.store.len() {
			id := l.store.at(pos).ID
			if seen[id] {
				t.Fatalf("duplicate row %s", id)
			}
			seen[id] = true
		}
		if strings.Contains(h.view(), "cursor expired") {
			t.Error("an expired cursor is not the user's problem, but it was shown")
		}
		if r, _ := l.selected(); r.ID != "ds_0049" {
			t.Errorf("selection moved to %s during the restart", r.ID)
		}
	})
}

func TestReloadKeepsSelectionAndRowsUntilFirstPage(t *testing.T) {
	run(t, func(t *testing.T) {
		api := newStub(corpus(500))
		h := newHarness(t, api, common.Options{}, 120, 30)
		defer h.close()
		for range 10 {
			h.press("j")
		}
		if got := selectedLine(t, h.view()); !strings.Contains(got, "ds_0010") {
			t.Fatalf("selected %q, want ds_0010", got)
		}

		// The server's first page changes: two new datasets on top, and
		// ds_0003 gone.
		g := newGate("")
		api.list = g.wrap(api)
		api.mu.Lock()
		fresh := corpus(2)
		fresh[0].ID, fresh[1].ID = "ds_new1", "ds_new2"
		fresh[0].CreatedAt = fresh[0].CreatedAt.Add(time.Hour)
		fresh[1].CreatedAt = fresh[1].CreatedAt.Add(time.Hour)
		api.data = slices.Concat(fresh, slices.Delete(slices.Clone(api.data), 3, 4))
		api.mu.Unlock()

		h.press("r")
		view := ansi.Strip(h.view())
		if !strings.Contains(view, "ds_0003") || !strings.Contains(view, "reloading…") {
			t.Fatalf("old rows not kept while reloading:\n%s", view)
		}
		g.release("")
		h.settle()
		view = h.view()
		if got := selectedLine(t, view); !strings.Contains(got, "ds_0010") {
			t.Fatalf("after reload selected %q, want ds_0010 still", got)
		}
		l := h.list()
		if _, gone := l.store.position("ds_0003"); gone {
			t.Fatal("reload kept a row the server no longer has")
		}
		if pos, ok := l.store.position("ds_new1"); !ok || pos != 0 {
			t.Fatalf("reload did not bring the new first row: at %d, %v", pos, ok)
		}
	})
}

func TestSortCyclesAndMergesLaterRows(t *testing.T) {
	run(t, func(t *testing.T) {
		data := corpus(200)
		data[5].Accuracy = nil // not reviewed: last when sorted by accuracy
		data[7].Status, data[7].MinConfidence = client.StatusProcessing, nil
		api := newStub(data)
		h := newHarness(t, api, common.Options{}, 120, 30)
		defer h.close()
		l := h.list()

		h.press("s")
		if !strings.Contains(h.view(), "sort: worst accuracy first") {
			t.Fatalf("header does not show the sort:\n%s", ansi.Strip(h.view()))
		}
		assertSorted(t, l, func(r *common.Row) (float64, bool) { return r.Accuracy, r.Has(common.HasAccuracy) })
		if last := l.store.at(l.store.len() - 1); last.ID != "ds_0005" {
			t.Errorf("last row %s, want the unreviewed ds_0005", last.ID)
		}

		// Rows that arrive later are merged into the sort.
		h.press("G")
		if l.store.len() <= 50 {
			t.Fatalf("%d rows, want more pages loaded", l.store.len())
		}
		assertSorted(t, l, func(r *common.Row) (float64, bool) { return r.Accuracy, r.Has(common.HasAccuracy) })

		h.press("s")
		if !strings.Contains(h.view(), "sort: lowest confidence first") {
			t.Fatal("second s did not sort by confidence")
		}
		assertSorted(t, l, func(r *common.Row) (float64, bool) { return r.MinConf, r.Has(common.HasMinConf) })

		h.press("s")
		if !strings.Contains(h.view(), "sort: newest first") {
			t.Fatal("third s did not come back to newest")
		}
		for pos := 1; pos < l.store.len(); pos++ {
			if l.store.at(pos-1).Created < l.store.at(pos).Created {
				t.Fatalf("not newest first at %d", pos)
			}
		}
	})
}

func assertSorted(t *testing.T, l *list.listModel, key func(*common.Row) (float64, bool)) {
	t.Helper()
	for pos := 1; pos < l.store.len(); pos++ {
		a, hasA := key(l.store.at(pos - 1))
		b, hasB := key(l.store.at(pos))
		if (!hasA && hasB) || (hasA && hasB && a > b) {
			t.Fatalf("rows %d and %d out of order: %v,%v then %v,%v", pos-1, pos, a, hasA, b, hasB)
		}
	}
}

func TestCursorMoveDoesNotRerenderThePage(t *testing.T) {
	run(t, func(t *testing.T) {
		api := newStub(corpus(100))
		h := newHarness(t, api, common.Options{}, 120, 30)
		defer h.close()
		l := h.list()
		h.view()
		before := l.paints
		h.press("j")
		h.view()
		h.press("j")
		h.view()
		if l.paints != before {
			t.Fatalf("moving the cursor painted %d rows, want 0", l.paints-before)
		}
		h.press("ctrl+d")
		h.view()
		if got := l.paints - before; got > rowsAt30/2+1 {
			t.Fatalf("half a page down painted %d rows, want at most the %d new ones", got, rowsAt30/2)
		}
	})
}

func TestProcessingRowIsPolledUntilComplete(t *testing.T) {
	run(t, func(t *testing.T) {
		data := corpus(30)
		data[2].Status, data[2].MinConfidence, data[2].Accuracy = client.StatusProcessing, nil, nil
		api := newStub(data)
		api.setBudget(client.Budget{Read: client.Bucket{Limit: 60, Remaining: 50}})
		polls := 0
		api.get = func(ctx context.Context, id string) (client.Dataset, error) {
			polls++
			d := data[2]
			if polls >= 2 {
				d.Status = client.StatusComplete
				d.Fields = []client.Field{{Name: "total", Value: client.StringValue("1"), Confidence: 0.3}}
			}
			return d, nil
		}
		h := newHarness(t, api, common.Options{PollInterval: 3 * time.Second}, 120, 30)
		defer h.close()
		if !strings.Contains(h.view(), "processing") {
			t.Fatal("processing row not shown as processing")
		}
		time.Sleep(3*time.Second + time.Millisecond)
		h.settle()
		if got := api.getCalls(); !slices.Equal(got, []string{"ds_0002"}) {
			t.Fatalf("polls after one interval = %q, want ds_0002 once", got)
		}
		time.Sleep(3 * time.Second)
		h.settle()
		view := ansi.Strip(h.view())
		line := lineWith(view, "ds_0002")
		if !strings.Contains(line, "complete") || !strings.Contains(line, "0.30 ▼") {
			t.Fatalf("row did not update when the status changed: %q", line)
		}
		time.Sleep(10 * time.Second)
		h.settle()
		if n := len(api.getCalls()); n != 2 {
			t.Fatalf("%d polls, want none after the row completed", n)
		}
	})
}

func TestPollingRespectsBudgetAndScreen(t *testing.T) {
	run(t, func(t *testing.T) {
		data := corpus(100)
		data[60].Status, data[60].MinConfidence = client.StatusProcessing, nil
		data[1].Status, data[1].MinConfidence = client.StatusProcessing, nil
		api := newStub(data)
		api.setBudget(client.Budget{Read: client.Bucket{Limit: 60, Remaining: 60 / common.pollReserveFraction}})
		h := newHarness(t, api, common.Options{}, 120, 30)
		defer h.close()

		time.Sleep(10 * time.Second)
		h.settle()
		if n := len(api.getCalls()); n != 0 {
			t.Fatalf("%d polls with only the reserve left, want 0", n)
		}
		api.setBudget(client.Budget{Read: client.Bucket{Limit: 60, Remaining: 40}})
		h.send(budgetMsg{budget: api.Budget()})
		time.Sleep(common.DefaultPollInterval)
		h.settle()
		if got := api.getCalls(); !slices.Equal(got, []string{"ds_0001"}) {
			t.Fatalf("polls = %q, want only the processing row on screen", got)
		}
	})
}

func lineWith(view, s string) string {
	for _, l := range strings.Split(view, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	return ""
}

func TestFirstPageErrorShowsInBody(t *testing.T) {
	run(t, func(t *testing.T) {
		api := newStub(corpus(10))
		api.list = func(context.Context, client.ListParams) (client.Page, error) {
			return client.Page{}, errors.New("dial tcp 127.0.0.1:1: connection refused")
		}
		h := newHarness(t, api, common.Options{}, 80, 24)
		defer h.close()
		view := ansi.Strip(h.view())
		if !strings.Contains(view, "could not load datasets: dial tcp") || !strings.Contains(view, "r to retry") {
			t.Fatalf("first-page failure not explained:\n%s", view)
		}
		api.list = nil
		h.press("r")
		if !strings.Contains(ansi.Strip(h.view()), "ds_0009") {
			t.Fatal("r did not retry the first page")
		}
	})
}

func TestMovementKeys(t *testing.T) {
	run(t, func(t *testing.T) {
		api := newStub(corpus(40)) // one page: the end is known
		h := newHarness(t, api, common.Options{PageSize: 50}, 120, 30)
		defer h.close()
		l := h.list()
		screen := l.rowsOnScreen()
		half := max(screen/2, 1)
		last := l.store.len() - 1
		if last != 39 {
			t.Fatalf("%d rows loaded, want 40", last+1)
		}
		steps := []struct {
			key  string
			want int
		}{
			{"down", 1}, {"j", 2}, {"up", 1}, {"k", 0}, {"k", 0},
			{"ctrl+d", half}, {"ctrl+u", 0},
			{"pgdown", screen}, {"pgup", 0},
			{"end", last}, {"j", last}, {"home", 0},
			{"G", last}, {"g", 0},
		}
		for _, s := range steps {
			h.press(s.key)
			if l.cursor != s.want {
				t.Fatalf("after %s the cursor is on row %d, want %d", s.key, l.cursor, s.want)
			}
		}
	})
}
