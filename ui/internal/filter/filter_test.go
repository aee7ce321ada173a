package filter

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/uitest"
)

// How the list hands the panel its rows and applies what it returns is the
// list's (list.TestFilterCustomerSuggestionsComplete and the others in
// ui/internal/list/filters_test.go); here, the panel alone.

func TestFilterCustomerSuggestionsComplete(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		h := newPanelHost(t, common.Filters{}, uitest.Corpus(100))
		defer h.Close()
		f := h.f
		if want := []string{"cus_00", "cus_01", "cus_02", "cus_03", "cus_04", "cus_05", "cus_06"}; !slices.Equal(f.customers, want) {
			t.Fatalf("customers seen = %q, want %q", f.customers, want)
		}
		if !f.CapturesText() {
			t.Fatal("the customer field does not take letters as text: q, f and ? would be commands")
		}
		typeText(h.Host, "5")
		if !slices.Equal(f.suggestions, []string{"cus_05"}) {
			t.Fatalf("suggestions for 5 = %q, want cus_05", f.suggestions)
		}
		if view := ansi.Strip(h.View()); !strings.Contains(view, "tab: cus_05") {
			t.Errorf("the suggestion is not shown:\n%s", view)
		}
		h.Press("tab")
		if got := f.customer.Value(); got != "cus_05" {
			t.Fatalf("tab completed to %q, want cus_05", got)
		}
		h.Press("enter")
		if want := (common.Filters{CustomerID: "cus_05"}); len(h.applied) != 1 || common.FilterKeyOf(h.applied[0]) != common.FilterKeyOf(want) {
			t.Fatalf("applied %+v, want customer cus_05 alone", h.applied)
		}
		if !f.Closing() {
			t.Error("enter left the panel open")
		}
	})
}

func TestFilterTabCyclesSuggestionsThenMovesOn(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		h := newPanelHost(t, common.Filters{}, uitest.Corpus(100))
		defer h.Close()
		f := h.f
		typeText(h.Host, "cus_0")
		h.Press("tab")
		h.Press("tab")
		if got := f.customer.Value(); got != "cus_01" {
			t.Fatalf("two tabs gave %q, want the second suggestion cus_01", got)
		}
		typeText(h.Host, "x") // no customer matches: tab moves to the next field
		h.Press("tab")
		if f.focus != fieldType {
			t.Fatalf("focus is %v, want the type field", f.focus)
		}
		h.Press("shift+tab")
		if f.focus != fieldCustomer {
			t.Fatalf("focus is %v after shift+tab, want the customer field", f.focus)
		}
	})
}

func TestTypeChoicesIncludeTheAPIsAndTheSeen(t *testing.T) {
	got := typeChoices(map[string]bool{"receipt": true, "invoice": true, "credit_note": true})
	want := []string{"", "invoice", "purchase_order", "credit_note", "receipt"}
	if !slices.Equal(got, want) {
		t.Errorf("type choices = %q, want %q", got, want)
	}
}

// The list's side (its screen and requests unchanged) is
// list.TestFilterPanelEscChangesNothing.
func TestFilterPanelEscChangesNothing(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		h := newPanelHost(t, common.Filters{}, uitest.Corpus(100))
		defer h.Close()
		h.Press("down")
		h.Press("right")
		if got := h.f.chosen(); got.DatasetType != client.TypeInvoice {
			t.Fatalf("right on the type chose %+v, want invoice", got)
		}
		h.Press("esc")
		if len(h.applied) != 0 || !h.f.Closing() {
			t.Fatalf("esc applied %+v (closing %v), want nothing applied and the panel closed", h.applied, h.f.Closing())
		}
	})
}
