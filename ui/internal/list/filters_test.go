package list

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/uitest"
)

func TestFilterPanelAppliesAndReloads(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		api := uitest.SearchingAPI(uitest.Corpus(300))
		h, l := newListHost(t, api, common.Options{}, 120, 30)
		defer h.Close()
		h.Press("j", "j")

		h.Press("f")
		h.Press("down")  // type
		h.Press("right") // invoice
		h.Press("down")  // verified
		h.Press("space") // yes
		if n := len(api.ListCalls()); n != 1 {
			t.Fatalf("%d requests while choosing, want none beyond the first page", n)
		}
		h.Press("enter")
		if h.Top() != common.View(l) {
			t.Fatalf("enter left the panel open: %s on top", h.Top().Name())
		}
		calls := api.ListCalls()
		last := calls[len(calls)-1]
		if len(calls) != 2 || last.DatasetType != client.TypeInvoice || last.IsVerified == nil || !*last.IsVerified || last.Cursor != "" {
			t.Fatalf("requests = %+v, want the first page of verified invoices", calls)
		}
		view := ansi.Strip(h.View())
		if !strings.Contains(view, "type:invoice · verified:yes") {
			t.Errorf("the header does not show the filters:\n%s", view)
		}
		for i := range l.store.len() {
			if r := l.store.at(i); r.DocType != client.TypeInvoice {
				t.Fatalf("row %s of type %s under type:invoice", r.ID, r.DocType)
			}
		}
		if l.cursor != 0 || l.offset != 0 {
			t.Errorf("cursor %d offset %d after new filters, want the top", l.cursor, l.offset)
		}
	})
}

func TestFilterPanelEscChangesNothing(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		api := uitest.SearchingAPI(uitest.Corpus(100))
		h, _ := newListHost(t, api, common.Options{}, 120, 30)
		defer h.Close()
		before := h.View()
		h.Press("f", "down")
		h.Press("right")
		h.Press("esc")
		if got := h.View(); got != before {
			t.Errorf("esc from the panel changed the list:\n%s", ansi.Strip(got))
		}
		if n := len(api.ListCalls()); n != 1 {
			t.Errorf("%d requests, want 1", n)
		}
	})
}

// The panel's suggestions and completion are the filter package's
// (filter.TestFilterCustomerSuggestionsComplete); here, the list offers
// the customers of its rows and applies the one completed.
func TestFilterCustomerSuggestionsComplete(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		api := uitest.SearchingAPI(uitest.Corpus(100))
		h, _ := newListHost(t, api, common.Options{}, 120, 30)
		defer h.Close()
		h.Press("f")
		// Nothing typed: every customer of the loaded rows, in order, six
		// named and the seventh counted.
		if view := ansi.Strip(h.View()); !strings.Contains(view, "tab: cus_00 cus_01 cus_02 cus_03 cus_04 cus_05 +1") {
			t.Fatalf("the panel does not offer the list's seven customers:\n%s", view)
		}
		typeText(h, "5") // letters are text here: q, f and ? too
		if view := ansi.Strip(h.View()); !strings.Contains(view, "tab: cus_05 ") {
			t.Errorf("the suggestion is not shown:\n%s", view)
		}
		h.Press("tab")
		h.Press("enter")
		calls := api.ListCalls()
		if last := calls[len(calls)-1]; len(calls) != 2 || last.CustomerID != "cus_05" {
			t.Fatalf("requests after apply = %+v, want the first page of customer cus_05", calls)
		}
		if view := ansi.Strip(h.View()); !strings.Contains(view, "customer:cus_05") {
			t.Errorf("the header does not show the customer:\n%s", view)
		}
	})
}

func TestFilterChangeCancelsTheRequestInFlight(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		api := uitest.SearchingAPI(uitest.Corpus(300))
		held := uitest.HoldLists(api, func(p client.ListParams) bool { return p.DatasetType == client.TypeInvoice })
		defer held.ReleaseAll()
		h, l := newListHost(t, api, common.Options{}, 120, 30)
		defer h.Close()

		h.Press("f", "down")
		h.Press("right") // invoice
		h.Press("enter") // asked for, held
		h.Press("f", "down")
		h.Press("right") // purchase_order
		h.Press("enter")
		if got := held.CancelledCalls(); len(got) != 1 || got[0].DatasetType != client.TypeInvoice {
			t.Fatalf("cancelled requests = %+v, want the invoices'", got)
		}
		held.ReleaseAll() // the invoices come anyway, too late
		h.Settle()
		for i := range l.store.len() {
			if r := l.store.at(i); r.DocType != client.TypePurchaseOrder {
				t.Fatalf("row %s of type %s shows under type:purchase_order", r.ID, r.DocType)
			}
		}
		view := ansi.Strip(h.View())
		if !strings.Contains(view, "type:purchase_order") || !strings.Contains(view, "purch.ord") || strings.Contains(view, "invoice ") {
			t.Fatalf("the list after the second filter:\n%s", view)
		}
	})
}

func TestClearFiltersWithX(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		verified := true
		api := uitest.SearchingAPI(uitest.Corpus(100))
		h, _ := newListHost(t, api, common.Options{DefaultFilters: common.Filters{CustomerID: "cus_02", IsVerified: &verified}}, 120, 30)
		defer h.Close()
		first := api.ListCalls()[0]
		if first.CustomerID != "cus_02" || first.IsVerified == nil || !*first.IsVerified {
			t.Fatalf("first request %+v lacks the default filters", first)
		}
		if view := ansi.Strip(h.View()); !strings.Contains(view, "customer:cus_02 · verified:yes") {
			t.Fatalf("the header lacks the default filters:\n%s", view)
		}
		h.Press("x")
		calls := api.ListCalls()
		if last := calls[len(calls)-1]; len(calls) != 2 || last.CustomerID != "" || last.IsVerified != nil {
			t.Fatalf("requests after x = %+v, want the first page unfiltered", calls)
		}
		if view := ansi.Strip(h.View()); !strings.Contains(view, "all datasets") {
			t.Errorf("the header after x:\n%s", view)
		}
		h.Press("x") // nothing left to clear: nothing to ask
		if n := len(api.ListCalls()); n != 2 {
			t.Errorf("%d requests after a second x, want 2", n)
		}
	})
}

func TestNoMatchSaysWhatWouldWiden(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		api := uitest.SearchingAPI(uitest.Corpus(10))
		h, _ := newListHost(t, api, common.Options{DefaultFilters: common.Filters{CustomerID: "cus_nobody"}}, 120, 30)
		defer h.Close()
		want := "no datasets match customer:cus_nobody · press x to clear filters"
		if view := ansi.Strip(h.View()); !strings.Contains(view, want) {
			t.Fatalf("the empty list lacks %q:\n%s", want, view)
		}
	})
}

func TestFiltersInSearchResults(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		api := uitest.SearchingAPI(uitest.Corpus(300))
		h, l := newListHost(t, api, common.Options{}, 120, 30)
		defer h.Close()
		h.Press("/")
		typeText(h, "document-01")
		h.Press("enter")
		h.Press("f", "down")
		h.Press("right") // invoice
		h.Press("enter")
		calls := uitest.SearchCalls(api)
		if last := calls[len(calls)-1]; len(calls) != 2 || last.Search != "document-01" || last.DatasetType != client.TypeInvoice {
			t.Fatalf("search requests = %+v, want the query again, with type:invoice", calls)
		}
		s := searchOnTop(h)
		if view := ansi.Strip(h.View()); !strings.Contains(view, "type:invoice") || s.results.store.len() == 0 {
			t.Fatalf("the filtered results:\n%s", view)
		}
		// x goes back to the unfiltered results: cached, no request.
		h.Press("x")
		if n := len(uitest.SearchCalls(api)); n != 2 {
			t.Fatalf("%d search requests after x, want the cached results (2)", n)
		}
		if l.filters.Active() {
			t.Errorf("the list's filters changed: %+v", l.filters)
		}
	})
}

func TestFilterPanelOverlaysTheList(t *testing.T) {
	for _, size := range [][2]int{{120, 30}, {80, 24}, {60, 10}} {
		uitest.Run(t, func(t *testing.T) {
			api := uitest.SearchingAPI(uitest.Corpus(100))
			h, _ := newListHost(t, api, common.Options{}, size[0], size[1])
			defer h.Close()
			h.Press("f")
			view := h.View()
			assertFits(t, view, size[0], size[1]-1) // the last line is the root's status bar
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
