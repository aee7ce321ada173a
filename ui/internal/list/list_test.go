package list

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/uitest"
)

func TestFirstPageLoadsAtStart(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		api := uitest.NewAPI(uitest.Corpus(500))
		h, _ := newListHost(t, api, common.Options{Title: "demo"}, 120, 30)
		defer h.Close()

		if got := cursorsOf(api.ListCalls()); !slices.Equal(got, []string{""}) {
			t.Fatalf("requests at start = %q, want just the first page", got)
		}
		if p := api.ListCalls()[0]; p.Limit != common.DefaultPageSize {
			t.Errorf("limit = %d, want %d", p.Limit, common.DefaultPageSize)
		}
		view := ansi.Strip(h.View())
		for _, want := range []string{"dxdash · demo", "ds_0000", "document-0000.pdf", "50 loaded"} {
			if !strings.Contains(view, want) {
				t.Errorf("view lacks %q:\n%s", want, view)
			}
		}
	})
}

func TestPrefetchFiresOncePerPage(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		api := uitest.NewAPI(uitest.Corpus(500))
		g := newGate("50", "100")
		api.List = g.wrap(api)
		h, l := newListHost(t, api, common.Options{}, 120, 30)
		defer h.Close()

		// 50 loaded: the cursor must come within one screen (26 rows) of
		// row 49 before the next page is asked for.
		for range 49 - rowsAt30 {
			h.Press("j")
		}
		if n := len(api.ListCalls()); n != 1 {
			t.Fatalf("%d requests with the cursor more than a screen from the end, want 1", n)
		}
		h.Press("j")
		if got := cursorsOf(api.ListCalls()); !slices.Equal(got, []string{"", "50"}) {
			t.Fatalf("requests = %q, want the next page once the end is a screen away", got)
		}
		if !strings.Contains(ansi.Strip(h.View()), "loading more… (50 loaded)") {
			t.Errorf("no spinner row while the next page loads:\n%s", ansi.Strip(h.View()))
		}
		// While it is in flight, moving on (even to the end) asks nothing more.
		h.Press("j", "j", "G", "k", "G")
		if n := len(api.ListCalls()); n != 2 {
			t.Fatalf("%d requests while page 2 was in flight, want 2", n)
		}
		g.release("50")
		h.Settle()
		if n := l.store.len(); n != 100 {
			t.Fatalf("%d rows after page 2, want 100", n)
		}
		// The cursor (row 49) is now a full screen from the end: no request.
		if n := len(api.ListCalls()); n != 2 {
			t.Fatalf("%d requests after page 2 arrived, want 2", n)
		}
		h.Press("G")
		h.Press("j", "k", "j")
		if got := cursorsOf(api.ListCalls()); !slices.Equal(got, []string{"", "50", "100"}) {
			t.Fatalf("requests = %q, want page 3 asked for once", got)
		}
		g.release("100")
		h.Settle()
	})
}

func TestTallerTerminalLoadsMore(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		api := uitest.NewAPI(uitest.Corpus(500))
		h, l := newListHost(t, api, common.Options{PageSize: 20}, 120, 30)
		defer h.Close()
		if n := len(api.ListCalls()); n != 2 {
			t.Fatalf("%d requests for 26 rows on screen with pages of 20, want 2", n)
		}
		h.Resize(120, 80)
		h.Settle()
		if n := l.store.len(); n < 80 {
			t.Fatalf("%d rows loaded on an 80-line terminal, want a screenful and more", n)
		}
	})
}

func TestAllLoadedSaysAll(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		api := uitest.NewAPI(uitest.Corpus(60))
		h, _ := newListHost(t, api, common.Options{}, 120, 30)
		defer h.Close()
		h.Press("G")
		view := ansi.Strip(h.View())
		if !strings.Contains(view, "all 60") {
			t.Fatalf("no \"all 60\" once the last page is in:\n%s", view)
		}
		h.Press("k", "G", "G")
		if n := len(api.ListCalls()); n != 2 {
			t.Errorf("%d requests, want 2: nothing after the last page", n)
		}
	})
}

func TestStalePageResponseIsDropped(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		api := uitest.NewAPI(uitest.Corpus(500))
		h, l := newListHost(t, api, common.Options{}, 120, 30)
		defer h.Close()
		oldGen := l.paging.gen

		g := newGate("")
		api.List = g.wrap(api)
		h.Press("r") // a reload: generation 2, in flight
		if l.paging.gen == oldGen {
			t.Fatal("reload did not start a new generation")
		}
		// An answer for the superseded generation turns up late.
		stale := uitest.Corpus(1)
		stale[0].ID, stale[0].DocumentName = "ds_stale", "stale.pdf"
		h.Send(pageMsg{list: l.id, req: pageRequest{gen: oldGen, number: 0}, page: client.Page{Data: stale, NextCursor: "x"}})
		h.Settle()
		if strings.Contains(h.View(), "ds_stale") || l.store.len() != 50 {
			t.Fatalf("stale page was applied: %d rows\n%s", l.store.len(), ansi.Strip(h.View()))
		}
		if l.paging.loading == nil {
			t.Fatal("the stale answer cleared the request in flight")
		}
		g.release("")
		h.Settle()
		if l.paging.loading != nil || l.paging.pages != 1 || l.store.len() != 50 {
			t.Fatalf("current generation's page not applied: loading=%v pages=%d rows=%d",
				l.paging.loading, l.paging.pages, l.store.len())
		}
	})
}

func TestPageErrorKeepsRowsAndRetries(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		api := uitest.NewAPI(uitest.Corpus(500))
		fail := true
		api.List = func(ctx context.Context, p client.ListParams) (client.Page, error) {
			if p.Cursor == "50" && fail {
				return client.Page{}, &client.APIError{StatusCode: 500, Detail: "boom", RequestID: "req_abc123", Method: "GET", Path: "/api/v1/datasets"}
			}
			return api.Page(p)
		}
		h, l := newListHost(t, api, common.Options{}, 120, 30)
		defer h.Close()
		h.Press("G")

		view := ansi.Strip(h.View())
		if l.store.len() != 50 || !strings.Contains(view, "ds_0049") {
			t.Fatalf("rows lost after a failed page:\n%s", view)
		}
		if want := "loading more failed · r to retry"; !strings.Contains(view, want) {
			t.Errorf("view lacks %q:\n%s", want, view)
		}
		// The error line under the list (the root draws it from the error
		// reported) says what failed and what to do.
		if len(h.Errors) != 1 {
			t.Fatalf("errors reported = %+v, want the failed page's", h.Errors)
		}
		if got := common.DescribeError(h.Errors[0].Err) + " · " + h.Errors[0].Hint; got != "server error 500 · request req_abc123 · r to retry" {
			t.Errorf("the error line would say %q", got)
		}
		// Moving does not retry by itself.
		h.Press("k", "j")
		if n := len(api.ListCalls()); n != 2 {
			t.Fatalf("%d requests after moving past a failed page, want 2", n)
		}
		fail = false
		h.Press("r")
		calls := api.ListCalls()
		if len(calls) != 3 || calls[2].Cursor != "50" {
			t.Fatalf("r sent %q, want a retry of the page that failed", cursorsOf(calls))
		}
		view = ansi.Strip(h.View())
		if l.store.len() != 100 || strings.Contains(view, "failed") {
			t.Fatalf("retry did not recover (%d rows):\n%s", l.store.len(), view)
		}
		// The success clears the error line.
		if !slices.Contains(h.Resolved, h.Errors[0].Source) || len(h.Errors) != 1 {
			t.Fatalf("after the retry: errors %+v, resolved %q; want the page's error resolved", h.Errors, h.Resolved)
		}
	})
}

func TestExpiredCursorRestartsAndMerges(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		api := uitest.NewAPI(uitest.Corpus(500))
		expired := true
		api.List = func(ctx context.Context, p client.ListParams) (client.Page, error) {
			if p.Cursor == "50" && expired {
				expired = false
				return client.Page{}, &client.APIError{StatusCode: 400, Detail: "cursor expired"}
			}
			return api.Page(p)
		}
		h, l := newListHost(t, api, common.Options{}, 120, 30)
		defer h.Close()
		h.Press("G")

		// page 1, page 2 (expired), page 1 again (merged: still 50 rows, so
		// the end is near and page 2 follows).
		if got := cursorsOf(api.ListCalls()); !slices.Equal(got, []string{"", "50", "", "50"}) {
			t.Fatalf("requests = %q, want a restart from the first page", got)
		}
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
		if strings.Contains(h.View(), "cursor expired") || len(h.Errors) != 0 {
			t.Errorf("an expired cursor is not the user's problem, but it was shown (errors reported: %+v)", h.Errors)
		}
		if r, _ := l.selected(); r.ID != "ds_0049" {
			t.Errorf("selection moved to %s during the restart", r.ID)
		}
	})
}

func TestReloadKeepsSelectionAndRowsUntilFirstPage(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		api := uitest.NewAPI(uitest.Corpus(500))
		h, l := newListHost(t, api, common.Options{}, 120, 30)
		defer h.Close()
		for range 10 {
			h.Press("j")
		}
		if got := uitest.SelectedLine(t, h.View()); !strings.Contains(got, "ds_0010") {
			t.Fatalf("selected %q, want ds_0010", got)
		}

		// The server's first page changes: two new datasets on top, and
		// ds_0003 gone.
		g := newGate("")
		api.List = g.wrap(api)
		fresh := uitest.Corpus(2)
		fresh[0].ID, fresh[1].ID = "ds_new1", "ds_new2"
		fresh[0].CreatedAt = fresh[0].CreatedAt.Add(time.Hour)
		fresh[1].CreatedAt = fresh[1].CreatedAt.Add(time.Hour)
		api.SetData(slices.Concat(fresh, slices.Delete(api.Data(), 3, 4)))

		h.Press("r")
		view := ansi.Strip(h.View())
		if !strings.Contains(view, "ds_0003") || !strings.Contains(view, "reloading…") {
			t.Fatalf("old rows not kept while reloading:\n%s", view)
		}
		g.release("")
		h.Settle()
		view = h.View()
		if got := uitest.SelectedLine(t, view); !strings.Contains(got, "ds_0010") {
			t.Fatalf("after reload selected %q, want ds_0010 still", got)
		}
		if _, gone := l.store.position("ds_0003"); gone {
			t.Fatal("reload kept a row the server no longer has")
		}
		if pos, ok := l.store.position("ds_new1"); !ok || pos != 0 {
			t.Fatalf("reload did not bring the new first row: at %d, %v", pos, ok)
		}
	})
}

func TestSortCyclesAndMergesLaterRows(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		data := uitest.Corpus(200)
		data[5].Accuracy = nil // not reviewed: last when sorted by accuracy
		data[7].Status, data[7].MinConfidence = client.StatusProcessing, nil
		api := uitest.NewAPI(data)
		h, l := newListHost(t, api, common.Options{}, 120, 30)
		defer h.Close()

		h.Press("s")
		if !strings.Contains(h.View(), "sort: worst accuracy first") {
			t.Fatalf("header does not show the sort:\n%s", ansi.Strip(h.View()))
		}
		assertSorted(t, l, func(r *common.Row) (float64, bool) { return r.Accuracy, r.Has(common.HasAccuracy) })
		if last := l.store.at(l.store.len() - 1); last.ID != "ds_0005" {
			t.Errorf("last row %s, want the unreviewed ds_0005", last.ID)
		}

		// Rows that arrive later are merged into the sort.
		h.Press("G")
		if l.store.len() <= 50 {
			t.Fatalf("%d rows, want more pages loaded", l.store.len())
		}
		assertSorted(t, l, func(r *common.Row) (float64, bool) { return r.Accuracy, r.Has(common.HasAccuracy) })

		h.Press("s")
		if !strings.Contains(h.View(), "sort: lowest confidence first") {
			t.Fatal("second s did not sort by confidence")
		}
		assertSorted(t, l, func(r *common.Row) (float64, bool) { return r.MinConf, r.Has(common.HasMinConf) })

		h.Press("s")
		if !strings.Contains(h.View(), "sort: newest first") {
			t.Fatal("third s did not come back to newest")
		}
		for pos := 1; pos < l.store.len(); pos++ {
			if l.store.at(pos-1).Created < l.store.at(pos).Created {
				t.Fatalf("not newest first at %d", pos)
			}
		}
	})
}

func assertSorted(t *testing.T, l *listModel, key func(*common.Row) (float64, bool)) {
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
	uitest.Run(t, func(t *testing.T) {
		api := uitest.NewAPI(uitest.Corpus(100))
		h, l := newListHost(t, api, common.Options{}, 120, 30)
		defer h.Close()
		h.View()
		before := l.paints
		h.Press("j")
		h.View()
		h.Press("j")
		h.View()
		if l.paints != before {
			t.Fatalf("moving the cursor painted %d rows, want 0", l.paints-before)
		}
		h.Press("ctrl+d")
		h.View()
		if got := l.paints - before; got > rowsAt30/2+1 {
			t.Fatalf("half a page down painted %d rows, want at most the %d new ones", got, rowsAt30/2)
		}
	})
}

func TestProcessingRowIsPolledUntilComplete(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		data := uitest.Corpus(30)
		data[2].Status, data[2].MinConfidence, data[2].Accuracy = client.StatusProcessing, nil, nil
		api := uitest.NewAPI(data)
		api.SetBudget(client.Budget{Read: client.Bucket{Limit: 60, Remaining: 50}})
		polls := 0
		api.Get = func(ctx context.Context, id string) (client.Dataset, error) {
			polls++
			d := data[2]
			if polls >= 2 {
				d.Status = client.StatusComplete
				d.Fields = []client.Field{{Name: "total", Value: client.StringValue("1"), Confidence: 0.3}}
			}
			return d, nil
		}
		h, _ := newListHost(t, api, common.Options{PollInterval: 3 * time.Second}, 120, 30)
		defer h.Close()
		if !strings.Contains(h.View(), "processing") {
			t.Fatal("processing row not shown as processing")
		}
		time.Sleep(3*time.Second + time.Millisecond)
		h.Settle()
		if got := api.GetCalls(); !slices.Equal(got, []string{"ds_0002"}) {
			t.Fatalf("polls after one interval = %q, want ds_0002 once", got)
		}
		time.Sleep(3 * time.Second)
		h.Settle()
		view := ansi.Strip(h.View())
		line := lineWith(view, "ds_0002")
		if !strings.Contains(line, "complete") || !strings.Contains(line, "0.30 ▼") {
			t.Fatalf("row did not update when the status changed: %q", line)
		}
		time.Sleep(10 * time.Second)
		h.Settle()
		if n := len(api.GetCalls()); n != 2 {
			t.Fatalf("%d polls, want none after the row completed", n)
		}
	})
}

func TestPollingRespectsBudgetAndScreen(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		data := uitest.Corpus(100)
		// ds_0040 is on the first page, so loaded, but below the screen.
		data[40].Status, data[40].MinConfidence = client.StatusProcessing, nil
		data[1].Status, data[1].MinConfidence = client.StatusProcessing, nil
		api := uitest.NewAPI(data)
		// Only the reserve left: a third of the limit (common's
		// pollReserveFraction), which polling never touches.
		reserveOnly := client.Bucket{Limit: 60, Remaining: 60 / 3}
		if n := common.PollAllowance(reserveOnly, time.Now()); n != 0 {
			t.Fatalf("the budget allows %d polls with %d of %d left: not just the reserve", n, reserveOnly.Remaining, reserveOnly.Limit)
		}
		api.SetBudget(client.Budget{Read: reserveOnly})
		h, l := newListHost(t, api, common.Options{}, 120, 30)
		defer h.Close()
		if pos, ok := l.store.position("ds_0040"); !ok || pos < l.offset+l.rowsOnScreen() {
			t.Fatalf("ds_0040 at %d (loaded %v), want loaded below the %d rows on screen", pos, ok, l.rowsOnScreen())
		}

		time.Sleep(10 * time.Second)
		h.Settle()
		if n := len(api.GetCalls()); n != 0 {
			t.Fatalf("%d polls with only the reserve left, want 0", n)
		}
		api.SetBudget(client.Budget{Read: client.Bucket{Limit: 60, Remaining: 40}})
		h.Send(budgetNow{budget: api.Budget()})
		time.Sleep(common.DefaultPollInterval)
		h.Settle()
		if got := api.GetCalls(); !slices.Equal(got, []string{"ds_0001"}) {
			t.Fatalf("polls = %q, want only the processing row on screen", got)
		}
	})
}

// However many processing rows are on screen, one poll interval sends at
// most PollsPerTick requests; the rows polled longest ago go first.
func TestPollingCapsRequestsPerInterval(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		data := uitest.Corpus(30)
		for _, i := range []int{1, 3, 5, 7, 9} {
			data[i].Status, data[i].MinConfidence = client.StatusProcessing, nil
		}
		api := uitest.NewAPI(data)
		api.SetBudget(client.Budget{Read: client.Bucket{Limit: 60, Remaining: 60}})
		h, _ := newListHost(t, api, common.Options{}, 120, 30)
		defer h.Close()
		for tick := 1; tick <= 3; tick++ {
			time.Sleep(common.DefaultPollInterval)
			h.Settle()
			if got := len(api.GetCalls()); got != tick*common.PollsPerTick {
				t.Fatalf("after %d intervals %d polls for 5 processing rows, want %d a tick", tick, got, common.PollsPerTick)
			}
		}
		// Three ticks of two reach all five rows: the ones polled longest
		// ago (or never) go first. (Within a tick the two requests run
		// side by side, so their order is not fixed.)
		polled := slices.Compact(slices.Sorted(slices.Values(api.GetCalls())))
		if !slices.Equal(polled, []string{"ds_0001", "ds_0003", "ds_0005", "ds_0007", "ds_0009"}) {
			t.Fatalf("three ticks polled %q, want every processing row on screen", polled)
		}
	})
}

// Polling takes at most a tenth of the read budget: with 20 processing
// rows on screen and 60 requests a minute, 6 polls in any minute, however
// many intervals pass; the next minute brings 6 more.
func TestPollingTakesATenthOfTheBudget(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		data := uitest.Corpus(30)
		for i := range 20 {
			data[i].Status, data[i].MinConfidence = client.StatusProcessing, nil
		}
		api := uitest.NewAPI(data)
		api.SetBudget(client.Budget{Read: client.Bucket{Limit: 60, Remaining: 60}})
		h, _ := newListHost(t, api, common.Options{}, 120, 30)
		defer h.Close()
		start := time.Now()
		for time.Since(start) < time.Minute-common.DefaultPollInterval {
			time.Sleep(common.DefaultPollInterval)
			h.Settle()
		}
		if got := len(api.GetCalls()); got != 6 {
			t.Fatalf("%d polls in the first minute with 60 a minute, want 6 (a tenth)", got)
		}
		for time.Since(start) < 2*time.Minute-common.DefaultPollInterval {
			time.Sleep(common.DefaultPollInterval)
			h.Settle()
		}
		if got := len(api.GetCalls()); got != 12 {
			t.Fatalf("%d polls in two minutes, want 12", got)
		}
	})
}

func TestFirstPageErrorShowsInBody(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		api := uitest.NewAPI(uitest.Corpus(10))
		api.List = func(context.Context, client.ListParams) (client.Page, error) {
			return client.Page{}, errors.New("dial tcp 127.0.0.1:1: connection refused")
		}
		h, _ := newListHost(t, api, common.Options{}, 80, 24)
		defer h.Close()
		view := ansi.Strip(h.View())
		if !strings.Contains(view, "could not load datasets: dial tcp") || !strings.Contains(view, "r to retry") {
			t.Fatalf("first-page failure not explained:\n%s", view)
		}
		api.List = nil
		h.Press("r")
		if !strings.Contains(ansi.Strip(h.View()), "ds_0009") {
			t.Fatal("r did not retry the first page")
		}
	})
}

func TestMovementKeys(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		api := uitest.NewAPI(uitest.Corpus(40)) // one page: the end is known
		h, l := newListHost(t, api, common.Options{PageSize: 50}, 120, 30)
		defer h.Close()
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
			h.Press(s.key)
			if l.cursor != s.want {
				t.Fatalf("after %s the cursor is on row %d, want %d", s.key, l.cursor, s.want)
			}
		}
	})
}
