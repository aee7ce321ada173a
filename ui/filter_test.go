package ui

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/common"
)

func (h *harness) filters() *filter.filterModel {
	h.t.Helper()
	f, ok := h.app.top().(*filter.filterModel)
	if !ok {
		h.t.Fatalf("the view on top is %T, not the filter panel", h.app.top())
	}
	return f
}

func TestFilterPanelAppliesAndReloads(t *testing.T) {
	run(t, func(t *testing.T) {
		api := searchingStub(corpus(300))
		h := newHarness(t, api, common.Options{}, 120, 30)
		defer h.close()
		h.press("j", "j")

		h.press("f")
		h.press("down")     // type
		h.pressKey("right") // invoice
		h.press("down")     // verified
		h.pressKey("space") // yes
		if n := len(api.listCalls()); n != 1 {
			t.Fatalf("%d requests while choosing, want none beyond the first page", n)
		}
		h.press("enter")
		if _, open := h.top().(*filter.filterModel); open {
			t.Fatal("enter left the panel open")
		}
		calls := api.listCalls()
		last := calls[len(calls)-1]
		if len(calls) != 2 || last.DatasetType != client.TypeInvoice || last.IsVerified == nil || !*last.IsVerified || last.Cursor != "" {
			t.Fatalf("requests = %+v, want the first page of verified invoices", calls)
		}
		view := ansi.Strip(h.view())
		if !strings.Contains(view, "type:invoice · verified:yes") {
			t.Errorf("the header does not show the filters:\n%s", view)
		}
		for i := range h.list().store.len() {
			if r := h.list().store.at(i); r.DocType != client.TypeInvoice {
				t.Fatalf("row %s of type %s under type:invoice", r.ID, r.DocType)
			}
		}
		if l := h.list(); l.cursor != 0 || l.offset != 0 {
			t.Errorf("cursor %d offset %d after new filters, want the top", l.cursor, l.offset)
		}
	})
}

func TestFilterPanelEscChangesNothing(t *testing.T) {
	run(t, func(t *testing.T) {
		api := searchingStub(corpus(100))
		h := newHarness(t, api, common.Options{}, 120, 30)
		defer h.close()
		before := h.view()
		h.press("f", "down")
		h.pressKey("right")
		h.press("esc")
		if got := h.view(); got != before {
			t.Errorf("esc from the panel changed the list:\n%s", ansi.Strip(got))
		}
		if n := len(api.listCalls()); n != 1 {
			t.Errorf("%d requests, want 1", n)
		}
	})
}

func TestFilterCustomerSuggestionsComplete(t *testing.T) {
	run(t, func(t *testing.T) {
		api := searchingStub(corpus(100))
		h := newHarness(t, api, common.Options{}, 120, 30)
		defer h.close()
		h.press("f")
		f := h.filters()
		if want := []string{"cus_00", "cus_01", "cus_02", "cus_03", "cus_04", "cus_05", "cus_06"}; !slices.Equal(f.customers, want) {
			t.Fatalf("customers seen = %q, want %q", f.customers, want)
		}
		h.typeText("5") // letters are text here: q, f and ? too
		if !slices.Equal(f.suggestions, []string{"cus_05"}) {
			t.Fatalf("suggestions for 5 = %q, want cus_05", f.suggestions)
		}
		if view := ansi.Strip(h.view()); !strings.Contains(view, "tab: cus_05") {
			t.Errorf("the suggestion is not shown:\n%s", view)
		}
		h.pressKey("tab")
		if got := f.customer.Value(); got != "cus_05" {
			t.Fatalf("tab completed to %q, want cus_05", got)
		}
		h.press("enter")
		calls := api.listCalls()
		if last := calls[len(calls)-1]; last.CustomerID != "cus_05" {
			t.Fatalf("request after apply = %+v, want customer cus_05", last)
		}
		if view := ansi.Strip(h.view()); !strings.Contains(view, "customer:cus_05") {
			t.Errorf("the header does not show the customer:\n%s", view)
		}
	})
}

func TestFilterTabCyclesSuggestionsThenMovesOn(t *testing.T) {
	run(t, func(t *testing.T) {
		api := searchingStub(corpus(100))
		h := newHarness(t, api, common.Options{}, 120, 30)
		defer h.close()
		h.press("f")
		f := h.filters()
		h.typeText("cus_0")
		h.pressKey("tab")
		h.pressKey("tab")
		if got := f.customer.Value(); got != "cus_01" {
			t.Fatalf("two tabs gave %q, want the second suggestion cus_01", got)
		}
		h.typeText("x") // no customer matches: tab moves to the next field
		h.pressKey("tab")
		if f.focus != filter.fieldType {
			t.Fatalf("focus is %v, want the type field", f.focus)
		}
		h.pressKey("shift+tab")
		if f.focus != filter.fieldCustomer {
			t.Fatalf("focus is %v after shift+tab, want the customer field", f.focus)
		}
	})
}

func TestTypeChoicesIncludeTheAPIsAndTheSeen(t *testing.T) {
	got := filter.typeChoices(map[string]bool{"receipt": true, "invoice": true, "credit_note": true})
	want := []string{"", "invoice", "purchase_order", "credit_note", "receipt"}
	if !slices.Equal(got, want) {
		t.Errorf("type choices = %q, want %q", got, want)
	}
}

func TestFilterChangeCancelsTheRequestInFlight(t *testing.T) {
	run(t, func(t *testing.T) {
		api := searchingStub(corpus(300))
		held := holdLists(api, func(p client.ListParams) bool { return p.DatasetType == client.TypeInvoice })
		defer held.releaseAll()
		h := newHarness(t, api, common.Options{}, 120, 30)
		defer h.close()

		h.press("f", "down")
		h.pressKey("right") // invoice
		h.press("enter")    // asked for, held
		h.press("f", "down")
		h.pressKey("right") // purchase_order
		h.press("enter")
		if got := held.cancelledCalls(); len(got) != 1 || got[0].DatasetType != client.TypeInvoice {
			t.Fatalf("cancelled requests = %+v, want the invoices'", got)
		}
		held.releaseAll() // the invoices come anyway, too late
		h.settle()
		for i := range h.list().store.len() {
			if r := h.list().store.at(i); r.DocType != client.TypePurchaseOrder {
				t.Fatalf("row %s of type %s shows under type:purchase_order", r.ID, r.DocType)
			}
		}
		view := ansi.Strip(h.view())
		if !strings.Contains(view, "type:purchase_order") || !strings.Contains(view, "purch.ord") || strings.Contains(view, "invoice ") {
			t.Fatalf("the list after the second filter:\n%s", view)
		}
	})
}

func TestClearFiltersWithX(t *testing.T) {
	run(t, func(t *testing.T) {
		verified := true
		api := searchingStub(corpus(100))
		h := newHarness(t, api, common.Options{DefaultFilters: common.Filters{CustomerID: "cus_02", IsVerified: &verified}}, 120, 30)
		defer h.close()
		first := api.listCalls()[0]
		if first.CustomerID != "cus_02" || first.IsVerified == nil || !*first.IsVerified {
			t.Fatalf("first request %+v lacks the default filters", first)
		}
		if view := ansi.Strip(h.view()); !strings.Contains(view, "customer:cus_02 · verified:yes") {
			t.Fatalf("the header lacks the default filters:\n%s", view)
		}
		h.press("x")
		calls := api.listCalls()
		if last := calls[len(calls)-1]; len(calls) != 2 || last.CustomerID != "" || last.IsVerified != nil {
			t.Fatalf("requests after x = %+v, want the first page unfiltered", calls)
		}
		if view := ansi.Strip(h.view()); !strings.Contains(view, "all datasets") {
			t.Errorf("the header after x:\n%s", view)
		}
		h.press("x") // nothing left to clear: nothing to ask
		if n := len(api.listCalls()); n != 2 {
			t.Errorf("%d requests after a second x, want 2", n)
		}
	})
}

func TestNoMatchSaysWhatWouldWiden(t *testing.T) {
	run(t, func(t *testing.T) {
		api := searchingStub(corpus(10))
		h := newHarness(t, api, common.Options{DefaultFilters: common.Filters{CustomerID: "cus_nobody"}}, 120, 30)
		defer h.close()
		want := "no datasets match customer:cus_nobody · press x to clear filters"
		if view := ansi.Strip(h.view()); !strings.Contains(view, want) {
			t.Fatalf("the empty list lacks %q:\n%s", want, view)
		}
	})
}

func TestFiltersInSearchResults(t *testing.T) {
	run(t, func(t *testing.T) {
		api := searchingStub(corpus(300))
		h := newHarness(t, api, common.Options{}, 120, 30)
		defer h.close()
		h.press("/")
		h.typeText("document-01")
		h.press("enter")
		h.press("f", "down")
		h.pressKey("right") // invoice
		h.press("enter")
		calls := searchCalls(api)
		if last := calls[len(calls)-1]; len(calls) != 2 || last.Search != "document-01" || last.DatasetType != client.TypeInvoice {
			t.Fatalf("search requests = %+v, want the query again, with type:invoice", calls)
		}
		s := h.search()
		if view := ansi.Strip(h.view()); !strings.Contains(view, "type:invoice") || s.results.store.len() == 0 {
			t.Fatalf("the filtered results:\n%s", view)
		}
		// x goes back to the unfiltered results: cached, no request.
		h.press("x")
		if n := len(searchCalls(api)); n != 2 {
			t.Fatalf("%d search requests after x, want the cached results (2)", n)
		}
		if h.list().filters.Active() {
			t.Errorf("the list's filters changed: %+v", h.list().filters)
		}
	})
}

func TestFilterPanelOverlaysTheList(t *testing.T) {
	for _, size := range [][2]int{{120, 30}, {80, 24}, {60, 10}} {
		run(t, func(t *testing.T) {
			api := searchingStub(corpus(100))
			h := newHarness(t, api, common.Options{}, size[0], size[1])
			defer h.close()
			h.press("f")
			view := h.view()
			assertFits(t, view, size[0], size[1])
			plain := ansi.Strip(view)
			wants := []string{"filters", "customer", "verified", "enter apply"}
			if size[0] >= 80 {
				wants = append(wants, "ds_00") // the list shows on either side
			}
			for _, want := range wants {
				if !strings.Contains(plain, want) {
					t.Errorf("%dx%d: the panel screen lacks %q:\n%s", size[0], size[1], want, plain)
				}
			}
		})
	}
}
