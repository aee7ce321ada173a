package detail

import (
	"fmt"
	"testing"
	"time"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/styles"
	"github.com/dxdash/dxdash/ui/internal/uitest"
)

// navDatasets are three reviewed datasets whose problems sit in different
// tables. In list order (newest first):
//
//	ds_nav1  total ✗                                   no line items
//	ds_nav2  every field ✓                             line item #1's amount ✗ (#0 fine)
//	ds_nav3  total ✗                                   line item #0's amount ✗, #1 fine
func navDatasets() []client.Dataset {
	item := func(index int, amount string) client.LineItem {
		return client.LineItem{Index: index, Fields: []client.Field{uitest.Field("amount", "amount", amount, 0.95, nil)}}
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

// The detail crosses in the order of the view it was opened from: here
// the lister, the navigator it hands over, which keeps navDatasets' order
// as the list does (newest first). That the real list's order is the one
// crossed is the root's TestReviewCrossesInTheListsOrder.

// at says where a detail's selection is: the dataset, the table, and the
// field name or line item index.
func at(d *detailModel) string {
	if d.tab == tabLines {
		i, _ := d.lineRows.selected()
		return fmt.Sprintf("%s line item #%d", d.datasetID, d.rv.lines.rows[i].index)
	}
	return d.datasetID + " " + selectedName(d)
}

func TestReviewWalksLineItemsAcrossDatasets(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		h := newDetailHost(t, uitest.NewAPI(navDatasets()), common.Options{Theme: styles.ThemeMono}, 120, 40)
		defer h.Close()
		h.Press("enter")
		if got := at(detailOf(h)); got != "ds_nav1 total" {
			t.Fatalf("opened at %q, want ds_nav1's total", got)
		}

		// ds_nav2's only problem is a line item: n lands on it, on the
		// line items tab, instead of passing ds_nav2 over.
		h.Press("n")
		d := detailOf(h)
		if got := at(d); got != "ds_nav2 line item #1" || d.flash != "next dataset" {
			t.Fatalf("n from ds_nav1 went to %q (flash %q), want ds_nav2 line item #1 with nothing passed", got, d.flash)
		}

		// Within ds_nav3: the header's problem, then the line item's,
		// then (the end of the list) round to the header's again.
		var walk []string
		for range 3 {
			h.Press("n")
			walk = append(walk, at(detailOf(h)))
		}
		want := []string{"ds_nav3 total", "ds_nav3 line item #0", "ds_nav3 total"}
		for i := range want {
			if walk[i] != want[i] {
				t.Fatalf("n walks %q, want %q", walk, want)
			}
		}
		if d := detailOf(h); d.flash != "wrapped to the top" || d.tab != tabFields {
			t.Errorf("n past ds_nav3's last stop: flash %q, tab %d; want it wrapped to the fields", d.flash, d.tab)
		}

		// N from ds_nav3's first stop lands on ds_nav2's last, a line item.
		h.Press("N")
		d = detailOf(h)
		if got := at(d); got != "ds_nav2 line item #1" || d.flash != "previous dataset" {
			t.Fatalf("N from ds_nav3's first stop went to %q (flash %q), want ds_nav2 line item #1", got, d.flash)
		}
		if len(h.Stack) != 2 {
			t.Errorf("crossing stacked views: %d on the stack, want the list and one detail", len(h.Stack))
		}
	})
}

// Within a dataset N goes back from the line items to the header, and
// leaves for the previous dataset only from the first stop.
func TestReviewGoesBackFromTheLineItemsToTheHeader(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		h := newDetailHost(t, uitest.NewAPI(navDatasets()), common.Options{Theme: styles.ThemeMono}, 120, 40)
		defer h.Close()
		h.Press("enter", "n", "n", "n") // ds_nav1 → ds_nav2 #1 → ds_nav3 total → ds_nav3 #0
		if got := at(detailOf(h)); got != "ds_nav3 line item #0" {
			t.Fatalf("walked to %q, want ds_nav3 line item #0", got)
		}
		h.Press("N")
		if got := at(detailOf(h)); got != "ds_nav3 total" {
			t.Errorf("N from the first line item went to %q, want ds_nav3 total", got)
		}
		h.Press("N", "N") // ds_nav2's last stop, then ds_nav1's
		if got := at(detailOf(h)); got != "ds_nav1 total" {
			t.Errorf("N twice more went to %q, want ds_nav1 total", got)
		}
	})
}
