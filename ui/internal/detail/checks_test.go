package detail

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/uitest"
)

// An unverified dataset that fails its checks: the header says so, the
// section shows each working, the fields read carry ⚑, and n stops at
// them though no ground truth says they are wrong.
func TestDetailUnverifiedFailedChecks(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		h, _ := openDetail(t, uitest.SuspectInvoice(), common.Options{}, 120, 40)
		defer h.Close()
		d := detailOf(h)
		view := ansi.Strip(h.View())
		for _, want := range []string{
			"not reviewed · ⚑ 2 checks failed",
			"── ⚑ 2 checks failed",
			"✗ subtotal + tax ≠ total: 1 120.00 + 112.00 = 1 232.00, total reads 1 320.00",
			"✗ due_date before invoice_date: “2026-03-09” is before “2026-04-09”",
			"⚑ total_amount",
		} {
			if !strings.Contains(view, want) {
				t.Errorf("lacks %q:\n%s", want, view)
			}
		}
		if strings.Contains(lineWith(view, "invoice_number"), common.GlyphCheck) {
			t.Errorf("invoice_number marked: %q", lineWith(view, "invoice_number"))
		}
		h.Press("s", "g") // by name
		var got []string
		for range 5 {
			h.Press("n")
			got = append(got, selectedName(d))
		}
		// due_date, invoice_date, subtotal, tax_amount, total_amount: the
		// checks' fields; nothing else is low or wrong.
		if want := []string{"due_date", "invoice_date", "subtotal", "tax_amount", "total_amount"}; !slices.Equal(got, want) {
			t.Errorf("n visits %q, want %q", got, want)
		}
	})
}

// A dataset that checks out has no section and no mark.
func TestDetailCleanChecks(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		h, _ := openDetail(t, uitest.CleanInvoice(), common.Options{}, 120, 40)
		defer h.Close()
		if view := ansi.Strip(h.View()); strings.Contains(view, common.GlyphCheck) || strings.Contains(view, "checks failed") {
			t.Errorf("a clean invoice shows checks:\n%s", view)
		}
	})
}

// With more failures than the section has room for, the failures that
// read the selected field come first, marked ▸: n, stopping at each ⚑
// field, brings every failure's working on screen.
func TestDetailChecksFollowTheSelection(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		ds := uitest.CheckedDatasets()[0]
		h, _ := openDetail(t, ds, common.Options{}, 120, 18)
		defer h.Close()
		view := ansi.Strip(h.View())
		if !strings.Contains(view, "── ⚑ 3 checks failed") || !strings.Contains(view, "… 2 more") {
			t.Fatalf("want a section of one failure and two more:\n%s", view)
		}
		seen := map[string]bool{}
		look := func() {
			for line := range strings.SplitSeq(ansi.Strip(h.View()), "\n") {
				if w, ok := strings.CutPrefix(strings.TrimSpace(line), "▸✗ "); ok {
					seen[w] = true
				}
			}
		}
		for _, keys := range [][]string{{"n"}, {"n"}, {"n"}, {"n"}, {"n"}, {"n"}, {"n"}, {"n"}, {"tab", "g"}, {"n"}, {"n"}, {"n"}, {"n"}} {
			h.Press(keys...) // the fields that need review, then the line items
			look()
		}
		if len(seen) != 3 {
			t.Errorf("n brought %d of the 3 failures' workings on screen: %v", len(seen), seen)
		}
	})
}
