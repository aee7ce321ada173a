package ui

import (
	"fmt"
	"testing"
	"time"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/styles"
)

// navDatasets are three reviewed datasets whose problems sit in different
// tables. In list order (newest first):
//
//	ds_nav1  total ✗                                   no line items
//	ds_nav2  every field ✓                             line item #1's amount ✗ (#0 fine)
//	ds_nav3  total ✗                                   line item #0's amount ✗, #1 fine
func navDatasets() []client.Dataset {
	item := func(index int, amount string) client.LineItem {
		return client.LineItem{Index: index, Fields: []client.Field{field("amount", "amount", amount, 0.95, nil)}}
	}
	dataset := func(id string, age time.Duration, items []client.LineItem, truth ...scored) client.Dataset {
		ds := client.Dataset{
			ID: id, DocumentName: id + ".pdf", CustomerID: "cus_nav", DatasetType: client.TypeInvoice,
			Status: client.StatusComplete, PageCount: 1,
			CreatedAt: fixtureCreated.Add(-age), UpdatedAt: fixtureCreated.Add(-age),
			Fields: []client.Field{
				field("invoice_number", "string", "INV-1", 0.97, nil),
				field("total", "amount", "100.00", 0.95, nil),
			},
			LineItems: items,
		}
		return withReview(ds, truth...)
	}
	return []client.Dataset{
		dataset("ds_nav1", time.Hour, nil,
			scored{"invoice_number", "INV-1", 1}, scored{"total", "90.00", 0}),
		dataset("ds_nav2", 2*time.Hour, []client.LineItem{item(0, "40.00"), item(1, "60.00")},
			scored{"invoice_number", "INV-1", 1}, scored{"total", "100.00", 1},
			scored{"line_items[0].amount", "40.00", 1}, scored{"line_items[1].amount", "65.00", 0}),
		dataset("ds_nav3", 3*time.Hour, []client.LineItem{item(0, "40.00"), item(1, "60.00")},
			scored{"invoice_number", "INV-1", 1}, scored{"total", "90.00", 0},
			scored{"line_items[0].amount", "30.00", 0}, scored{"line_items[1].amount", "60.00", 1}),
	}
}

// at says where a detail's selection is: the dataset, the table, and the
// field name or line item index.
func at(d *detail.detailModel) string {
	if d.tab == detail.tabLines {
		i, _ := d.lineRows.selected()
		return fmt.Sprintf("%s line item #%d", d.datasetID, d.rv.lines.rows[i].index)
	}
	return d.datasetID + " " + selectedName(d)
}

func TestReviewWalksLineItemsAcrossDatasets(t *testing.T) {
	run(t, func(t *testing.T) {
		h := newHarness(t, newStub(navDatasets()), common.Options{Theme: styles.ThemeMono}, 120, 40)
		defer h.close()
		h.press("enter")
		if got := at(h.detail()); got != "ds_nav1 total" {
			t.Fatalf("opened at %q, want ds_nav1's total", got)
		}

		// ds_nav2's only problem is a line item: n lands on it, on the
		// line items tab, instead of passing ds_nav2 over.
		h.press("n")
		d := h.detail()
		if got := at(d); got != "ds_nav2 line item #1" || d.flash != "next dataset" {
			t.Fatalf("n from ds_nav1 went to %q (flash %q), want ds_nav2 line item #1 with nothing passed", got, d.flash)
		}

		// Within ds_nav3: the header's problem, then the line item's,
		// then (the end of the list) round to the header's again.
		var walk []string
		for range 3 {
			h.press("n")
			walk = append(walk, at(h.detail()))
		}
		want := []string{"ds_nav3 total", "ds_nav3 line item #0", "ds_nav3 total"}
		for i := range want {
			if walk[i] != want[i] {
				t.Fatalf("n walks %q, want %q", walk, want)
			}
		}
		if d := h.detail(); d.flash != "wrapped to the top" || d.tab != detail.tabFields {
			t.Errorf("n past ds_nav3's last stop: flash %q, tab %d; want it wrapped to the fields", d.flash, d.tab)
		}

		// N from ds_nav3's first stop lands on ds_nav2's last, a line item.
		h.press("N")
		d = h.detail()
		if got := at(d); got != "ds_nav2 line item #1" || d.flash != "previous dataset" {
			t.Fatalf("N from ds_nav3's first stop went to %q (flash %q), want ds_nav2 line item #1", got, d.flash)
		}
		if len(h.app.stack) != 2 {
			t.Errorf("crossing stacked views: %d on the stack, want the list and one detail", len(h.app.stack))
		}
	})
}

// Within a dataset N goes back from the line items to the header, and
// leaves for the previous dataset only from the first stop.
func TestReviewGoesBackFromTheLineItemsToTheHeader(t *testing.T) {
	run(t, func(t *testing.T) {
		h := newHarness(t, newStub(navDatasets()), common.Options{Theme: styles.ThemeMono}, 120, 40)
		defer h.close()
		h.press("enter", "n", "n", "n") // ds_nav1 → ds_nav2 #1 → ds_nav3 total → ds_nav3 #0
		if got := at(h.detail()); got != "ds_nav3 line item #0" {
			t.Fatalf("walked to %q, want ds_nav3 line item #0", got)
		}
		h.press("N")
		if got := at(h.detail()); got != "ds_nav3 total" {
			t.Errorf("N from the first line item went to %q, want ds_nav3 total", got)
		}
		h.press("N", "N") // ds_nav2's last stop, then ds_nav1's
		if got := at(h.detail()); got != "ds_nav1 total" {
			t.Errorf("N twice more went to %q, want ds_nav1 total", got)
		}
	})
}
