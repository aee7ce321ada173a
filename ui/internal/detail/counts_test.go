package detail

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/uitest"
)

// visitStops presses n until it wraps, and returns the distinct rows it
// stopped at: every stop, whatever row it started from.
func visitStops(t *testing.T, h *uitest.Host) int {
	t.Helper()
	d := detailOf(h)
	seen := map[string]bool{}
	for range 200 {
		h.Press("n")
		if d.flash == "nothing here needs review" {
			return 0
		}
		seen[fmt.Sprintf("%d/%d", d.tab, d.Active().cursor)] = true
		if strings.HasPrefix(d.flash, "wrapped") && len(seen) > 0 {
			return len(seen)
		}
	}
	t.Fatal("n never wrapped")
	return 0
}

// "N need review" is the number of stops n makes: fields and line items
// (a line item is one stop, however many of its cells need a look), as the
// tables show them, with m's filter too. Opened alone, n walks the table
// shown, and the count is that table's.
func TestNeedReviewCountsTheStopsNMakes(t *testing.T) {
	for _, m := range []bool{false, true} {
		uitest.Run(t, func(t *testing.T) {
			h, _ := openDetail(t, uitest.ReviewedInvoice(), common.Options{}, 120, 40)
			defer h.Close()
			if m {
				h.Press("m")
			}
			want := detailOf(h).needReview()
			if want == 0 {
				t.Fatal("no stops: the fixture tests nothing")
			}
			if got := visitStops(t, h); got != want {
				t.Errorf("m %v: n stops at %d rows, the count says %d", m, got, want)
			}
			footer := lineWith(ansi.Strip(h.View()), "need review")
			if !strings.Contains(footer, fmt.Sprintf("%d need review", want)) {
				t.Errorf("m %v: footer %q, want %d need review", m, footer, want)
			}
		})
	}
}

// The footer names a line item by the # the table shows, and a table
// filtered down to nothing leaves no separator at the start of the line.
func TestFooterNumbersLineItemsAsTheTableDoes(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		ds := uitest.ReviewedInvoice()
		h, _ := openDetail(t, ds, common.Options{}, 120, 40)
		defer h.Close()
		d := detailOf(h)
		h.Press("tab")
		if d.tab != tabLines {
			t.Fatal("tab did not show the line items")
		}
		i, _ := d.lineRows.selected()
		index := d.rv.lines.rows[i].index
		lines := strings.Split(ansi.Strip(h.View()), "\n")
		footer := lines[len(lines)-1]
		if !strings.Contains(footer, fmt.Sprintf("line item #%d · 1 of %d", index, len(d.rv.lines.rows))) {
			t.Errorf("footer %q does not name line item #%d", footer, index)
		}
		// Only the item matching throughout: m shows no line item.
		for j := range d.rv.lines.rows {
			d.rv.lines.rows[j].bad = false
		}
		h.Press("m")
		lines = strings.Split(ansi.Strip(h.View()), "\n")
		footer = strings.TrimSpace(lines[len(lines)-1])
		if strings.HasPrefix(footer, "·") {
			t.Errorf("filtered footer starts with a bare separator: %q", footer)
		}
	})
}
