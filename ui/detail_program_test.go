package ui

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/detail"
	"github.com/dxdash/dxdash/ui/internal/styles"
	"github.com/dxdash/dxdash/ui/internal/uitest"
)

// The detail with the list beneath it and the root around them: what only
// the whole program shows. These tests read the screen and the requests
// the API recorded; the detail's own behaviour is tested in its package
// (ui/internal/detail).

// lineHaving is the first line of screen that holds s, or "".
func lineHaving(screen, s string) string {
	for _, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	return ""
}

func TestEscReturnsToTheListAsItWas(t *testing.T) {
	run(t, func(t *testing.T) {
		api := uitest.NewAPI(uitest.Corpus(200))
		h := newHarness(t, api, common.Options{}, 120, 30)
		defer h.close()
		h.press("pgdown", "j", "j")
		before := h.view()
		selected := uitest.SelectedLine(t, before)
		calls := len(api.ListCalls())

		h.press("enter")
		if !strings.Contains(ansi.Strip(h.view()), "esc back") {
			t.Fatal("enter did not open the detail")
		}
		h.press("j", "G", "esc")
		// The same rows on screen and the same one selected: the list's
		// cursor and offset are as they were. Only the CHECKS column of
		// the dataset opened has changed: its checks are known now.
		if got := uitest.SelectedLine(t, h.view()); uitest.MaskChecks(header(before)+"\n"+got) != uitest.MaskChecks(header(before)+"\n"+selected) {
			t.Fatalf("list moved: selected %q, was %q", got, selected)
		}
		if got := h.view(); uitest.MaskChecks(ansi.Strip(got)) != uitest.MaskChecks(ansi.Strip(before)) {
			t.Fatalf("list not as it was:\n%s\n---\n%s", ansi.Strip(before), ansi.Strip(got))
		}
		if n := len(api.ListCalls()); n != calls {
			t.Fatalf("going back sent %d list requests", n-calls)
		}
	})
}

func TestListKeepsLoadingBehindTheDetail(t *testing.T) {
	run(t, func(t *testing.T) {
		api := uitest.NewAPI(uitest.Corpus(200))
		held := uitest.HoldLists(api, func(p client.ListParams) bool { return p.Cursor == "50" })
		defer held.ReleaseAll()
		h := newHarness(t, api, common.Options{}, 120, 30)
		defer h.close()
		h.press("G", "enter")
		if !strings.Contains(ansi.Strip(h.view()), "esc back") {
			t.Fatal("enter did not open the detail")
		}
		if !slices.Contains(listCursors(api), "50") {
			t.Fatalf("list requests %q: the second page was not asked for before the detail opened", listCursors(api))
		}
		held.ReleaseAll() // the second page arrives under the detail
		h.settle()
		h.press("esc")
		if !strings.Contains(ansi.Strip(h.view()), "100 loaded") {
			t.Fatalf("the list does not show the page that arrived meanwhile:\n%s", ansi.Strip(h.view()))
		}
		// Shown without asking again: the page that arrived under the
		// detail was kept, not lost.
		if got := listCursors(api); countOf(got, "50") != 1 {
			t.Fatalf("list requests %q: the page that arrived under the detail was lost and asked for again", got)
		}
		if c := held.CancelledCalls(); len(c) != 0 {
			t.Fatalf("opening the detail cancelled the list's request %+v", c)
		}
	})
}

func countOf(s []string, v string) int {
	n := 0
	for _, x := range s {
		if x == v {
			n++
		}
	}
	return n
}

func listCursors(api *uitest.API) []string {
	var out []string
	for _, p := range api.ListCalls() {
		out = append(out, p.Cursor)
	}
	return out
}

func TestDetailRefreshesTheListRow(t *testing.T) {
	run(t, func(t *testing.T) {
		data := uitest.Corpus(10)
		data[0].Status, data[0].MinConfidence, data[0].Accuracy = client.StatusProcessing, nil, nil
		api := uitest.NewAPI(data)
		api.Get = func(context.Context, string) (client.Dataset, error) {
			done := uitest.ReviewedInvoice()
			done.ID, done.CreatedAt = data[0].ID, data[0].CreatedAt
			return done, nil
		}
		h := newHarness(t, api, common.Options{}, 120, 30)
		defer h.close()
		h.press("enter", "esc")
		line := lineHaving(ansi.Strip(h.view()), data[0].ID)
		if !strings.Contains(line, "complete") || !strings.Contains(line, "67.7%") {
			t.Fatalf("list row not updated from the detail's answer: %q", line)
		}
	})
}

// TestDetailPollRefreshesTheListRow: a processing dataset the detail polls
// to completion is complete in the list too, once the detail is closed.
// (The polling itself is the detail's TestDetailPollsAProcessingDatasetUntilComplete.)
func TestDetailPollRefreshesTheListRow(t *testing.T) {
	run(t, func(t *testing.T) {
		ds := uitest.ProcessingOrder()
		api := uitest.NewAPI([]client.Dataset{ds})
		api.SetBudget(client.Budget{Read: client.Bucket{Limit: 60, Remaining: 50}})
		gets := 0
		api.Get = func(context.Context, string) (client.Dataset, error) {
			gets++
			d := uitest.ProcessingOrder()
			if gets >= 3 {
				d = uitest.ReviewedInvoice()
				d.ID, d.DocumentName, d.Status = ds.ID, ds.DocumentName, client.StatusComplete
			}
			return d, nil
		}
		h := newHarness(t, api, common.Options{PollInterval: 3 * time.Second}, 120, 40)
		defer h.close()
		h.press("enter")
		for range 2 { // two polls
			time.Sleep(3*time.Second + time.Millisecond)
			h.settle()
		}
		if !strings.Contains(ansi.Strip(h.view()), "16 of 26 fields match") {
			t.Fatalf("the completed dataset is not shown:\n%s", ansi.Strip(h.view()))
		}
		if n := len(api.GetCalls()); n != 3 {
			t.Fatalf("%d requests, want the fetch and two polls", n)
		}
		h.press("esc")
		if line := lineHaving(ansi.Strip(h.view()), ds.ID); !strings.Contains(line, "complete") {
			t.Fatalf("the list row did not take the completed dataset: %q", line)
		}
	})
}

func TestDetailShowsTheListsFresherCopy(t *testing.T) {
	run(t, func(t *testing.T) {
		api := uitest.NewAPI([]client.Dataset{uitest.ProcessingOrder()})
		gets := 0
		api.Get = func(context.Context, string) (client.Dataset, error) {
			gets++
			d := uitest.ProcessingOrder()
			if gets >= 2 {
				d.Status = client.StatusComplete
			}
			return d, nil
		}
		h := newHarness(t, api, common.Options{}, 120, 40)
		defer h.close()
		h.press("enter", "esc") // cached while processing
		time.Sleep(common.DefaultPollInterval)
		h.settle() // the list polls the row: complete now
		h.press("enter")
		// The list's poll answer replaced the processing copy in the cache,
		// so opening the dataset again costs nothing and shows it complete.
		if n := len(api.GetCalls()); n != 2 {
			t.Fatalf("%d requests: the list's fresh copy should have been cached", n)
		}
		if view := ansi.Strip(h.view()); strings.Contains(view, "processing…") {
			t.Fatalf("the stale cached copy is shown:\n%s", view)
		}
	})
}

func TestDetailHelpListsEveryKey(t *testing.T) {
	run(t, func(t *testing.T) {
		ds := uitest.ReviewedInvoice()
		api := uitest.NewAPI([]client.Dataset{ds})
		h := newHarness(t, api, common.Options{}, 120, 40)
		defer h.close()
		h.press("enter", "?")
		view := ansi.Strip(h.view())
		// Every key a detail has, as a new one lists them.
		fresh := detail.NewDetailModel(common.NewContext(context.Background(), api, common.Options{}.WithDefaults()), ds.ID, common.NewRow(ds), "")
		for _, group := range fresh.Keys().FullHelp() {
			for _, b := range group {
				if !strings.Contains(view, b.Help().Key) || !strings.Contains(view, b.Help().Desc) {
					t.Errorf("help lacks %q %q", b.Help().Key, b.Help().Desc)
				}
			}
		}
	})
}

// crossingDatasets are three reviewed datasets whose problems sit in
// different tables (the detail's own tests have the same, navDatasets). In
// the list's order (newest first):
//
//	ds_nav1  total ✗                                   no line items
//	ds_nav2  every field ✓                             line item #1's amount ✗ (#0 fine)
//	ds_nav3  total ✗                                   line item #0's amount ✗, #1 fine
func crossingDatasets() []client.Dataset {
	item := func(index int, amount string) client.LineItem {
		return client.LineItem{Index: index, Fields: []client.Field{uitest.Field("amount", "amount", amount, 0.95, nil)}}
	}
	scored := func(name, truth string, score float64) uitest.Scored {
		return uitest.Scored{Name: name, Truth: truth, Score: score}
	}
	dataset := func(id string, age time.Duration, items []client.LineItem, truth ...uitest.Scored) client.Dataset {
		ds := client.Dataset{
			ID: id, DocumentName: id + ".pdf", CustomerID: "cus_nav", DatasetType: client.TypeInvoice,
			Status: client.StatusComplete, PageCount: 1,
			CreatedAt: uitest.FixtureCreated.Add(-age), UpdatedAt: uitest.FixtureCreated.Add(-age),
			Fields: []client.Field{
				uitest.Field("invoice_number", "string", "INV-1", 0.97, nil),
				uitest.Field("total", "amount", "100.00", 0.95, nil),
			},
			LineItems: items,
		}
		return uitest.WithReview(ds, truth...)
	}
	return []client.Dataset{
		dataset("ds_nav1", time.Hour, nil,
			scored("invoice_number", "INV-1", 1), scored("total", "90.00", 0)),
		dataset("ds_nav2", 2*time.Hour, []client.LineItem{item(0, "40.00"), item(1, "60.00")},
			scored("invoice_number", "INV-1", 1), scored("total", "100.00", 1),
			scored("line_items[0].amount", "40.00", 1), scored("line_items[1].amount", "65.00", 0)),
		dataset("ds_nav3", 3*time.Hour, []client.LineItem{item(0, "40.00"), item(1, "60.00")},
			scored("invoice_number", "INV-1", 1), scored("total", "90.00", 0),
			scored("line_items[0].amount", "30.00", 0), scored("line_items[1].amount", "60.00", 1)),
	}
}

// shownAt says from the screen where the detail is: the dataset its title
// names, and the selected row, a field by name or a line item by index.
func shownAt(t *testing.T, screen string) string {
	t.Helper()
	plain := ansi.Strip(screen)
	title := strings.SplitN(plain, "\n", 2)[0]
	id := ""
	for _, ds := range []string{"ds_nav1", "ds_nav2", "ds_nav3"} {
		if strings.Contains(title, ds+" ·") {
			id = ds
		}
	}
	if id == "" {
		t.Fatalf("no dataset in the title:\n%s", plain)
	}
	lines := strings.Contains(plain, "[line items")
	// "▌✗! 1  ✗! 60.00 …", "▌!  total  100.00 …": flags, then the line
	// item's index or the field's name.
	for _, f := range strings.Fields(strings.TrimPrefix(uitest.SelectedLine(t, screen), common.GlyphSelected)) {
		switch {
		case lines && strings.Trim(f, "0123456789") == "":
			return id + " line item #" + f
		case !lines && unicode.IsLetter([]rune(f)[0]):
			return id + " " + f
		}
	}
	t.Fatalf("no selected row:\n%s", plain)
	return ""
}

// TestReviewCrossesInTheListsOrder: n past a dataset's last row to review
// opens the next dataset in the list's order at its first such row, N the
// previous one at its last; the detail crossed from is replaced, so esc
// goes straight back to the list.
func TestReviewCrossesInTheListsOrder(t *testing.T) {
	run(t, func(t *testing.T) {
		h := newHarness(t, uitest.NewAPI(crossingDatasets()), common.Options{Theme: styles.ThemeMono}, 120, 40)
		defer h.close()
		h.press("enter")
		if got := shownAt(t, h.view()); got != "ds_nav1 total" {
			t.Fatalf("opened at %q, want ds_nav1's total", got)
		}
		// ds_nav2's only problem is a line item: n lands on it.
		h.press("n")
		if got := shownAt(t, h.view()); got != "ds_nav2 line item #1" || !strings.Contains(ansi.Strip(h.view()), "next dataset") {
			t.Fatalf("n from ds_nav1 went to %q, want ds_nav2 line item #1, the next dataset:\n%s", got, ansi.Strip(h.view()))
		}
		var walk []string
		for range 3 {
			h.press("n")
			walk = append(walk, shownAt(t, h.view()))
		}
		// ds_nav3 is the list's last: n rounds its own rows.
		if want := []string{"ds_nav3 total", "ds_nav3 line item #0", "ds_nav3 total"}; !slices.Equal(walk, want) {
			t.Fatalf("n walks %q, want %q", walk, want)
		}
		if !strings.Contains(ansi.Strip(h.view()), "wrapped to the top") {
			t.Errorf("n past ds_nav3's last stop does not say it wrapped:\n%s", ansi.Strip(h.view()))
		}
		h.press("N")
		if got := shownAt(t, h.view()); got != "ds_nav2 line item #1" || !strings.Contains(ansi.Strip(h.view()), "previous dataset") {
			t.Fatalf("N from ds_nav3's first stop went to %q, want ds_nav2 line item #1, the previous dataset:\n%s", got, ansi.Strip(h.view()))
		}
		h.press("N")
		if got := shownAt(t, h.view()); got != "ds_nav1 total" {
			t.Fatalf("N from ds_nav2 went to %q, want ds_nav1 total", got)
		}
		// One detail on the list, not one per crossing.
		h.press("esc")
		if view := ansi.Strip(h.view()); strings.Contains(view, "esc back") || !strings.Contains(view, "ds_nav3") {
			t.Fatalf("esc after crossing does not go back to the list:\n%s", view)
		}
	})
}

// header is a list screen's column header line, plain.
func header(screen string) string {
	for _, line := range strings.Split(ansi.Strip(screen), "\n") {
		if strings.Contains(line, "CHECKS") {
			return line
		}
	}
	return ""
}
