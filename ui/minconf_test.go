package ui

import (
	"context"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/uitest"
)

// MIN CONF has one definition (review.Floor): the demo server's list items
// and the detail agree, so opening a dataset and coming back changes no row
// of the list. Every row of the first two screens is opened in turn.
func TestMinConfReadsTheSameBeforeAndAfterTheDetail(t *testing.T) {
	run(t, func(t *testing.T) {
		h := newHarness(t, uitest.NewDemoAPI(), common.Options{}, 160, 30)
		defer h.close()
		for i := range 40 {
			// Opening a dataset fills in its CHECKS: the rest of the row
			// must not move.
			before := beforeChecks(t, h.view(), uitest.SelectedLine(t, h.view()))
			h.press("enter")
			if !strings.Contains(ansi.Strip(h.view()), "esc back") {
				t.Fatal("enter did not open the detail")
			}
			h.press("esc")
			if after := beforeChecks(t, h.view(), uitest.SelectedLine(t, h.view())); after != before {
				t.Fatalf("row %d changed once opened:\nbefore %q\nafter  %q", i, before, after)
			}
			h.press("j")
		}
	})
}

// A server may define min_confidence otherwise (this one counts a field
// with no value, confidence 0): the list shows its figure until the detail
// is in hand, then the figure by the contract's rule, and a re-list (r)
// does not put the server's back.
func TestMinConfFromAnotherServerGivesWayToTheDetail(t *testing.T) {
	run(t, func(t *testing.T) {
		zero, fields := 0.0, 3
		summary := client.Dataset{
			ID: "ds_other", DocumentName: "other.pdf", CustomerID: "cus_x", DatasetType: client.TypeInvoice,
			Status: client.StatusComplete, CreatedAt: uitest.FixtureCreated, UpdatedAt: uitest.FixtureCreated,
			FieldCount: &fields, MinConfidence: &zero,
		}
		detail := summary
		detail.FieldCount, detail.MinConfidence = nil, nil
		detail.Fields = []client.Field{
			{Name: "total", Value: client.StringValue("10.00"), Type: "amount", Confidence: 0.91},
			{Name: "due_date", Value: client.Value{}, Type: "date", Confidence: 0},
		}
		detail.LineItems = []client.LineItem{{Index: 0, Fields: []client.Field{
			{Name: "amount", Value: client.StringValue("10.00"), Type: "amount", Confidence: 0.77},
		}}}
		api := uitest.NewAPI([]client.Dataset{summary})
		api.Get = func(context.Context, string) (client.Dataset, error) { return detail, nil }
		h := newHarness(t, api, common.Options{}, 160, 30)
		defer h.close()

		minConf := func() string {
			t.Helper()
			fields := strings.Fields(beforeChecks(t, h.view(), uitest.SelectedLine(t, h.view())))
			return strings.Join(fields[len(fields)-2:], " ")
		}
		if got := minConf(); got != "0.00 ▼" {
			t.Fatalf("before the detail MIN CONF reads %q, want the server's 0.00 ▼", got)
		}
		h.press("enter", "esc")
		// 0.77 is below medium: ▽, as the detail marks it.
		if got := minConf(); got != "0.77 ▽" {
			t.Fatalf("after the detail MIN CONF reads %q, want 0.77 ▽ (the line item's cell)", got)
		}
		h.press("r")
		if got := minConf(); got != "0.77 ▽" {
			t.Fatalf("after r MIN CONF reads %q: the re-list put the server's figure back", got)
		}
	})
}

// beforeChecks is line cut where the CHECKS column starts in view's
// header: what a row shows before its checks are known.
func beforeChecks(t *testing.T, view, line string) string {
	t.Helper()
	for _, l := range strings.Split(ansi.Strip(view), "\n") {
		if i := strings.Index(l, "CHECKS"); i > 0 && strings.Contains(l, "MIN CONF") {
			return strings.TrimRight(ansi.Truncate(line, ansi.StringWidth(l[:i]), ""), " ")
		}
	}
	t.Fatalf("no CHECKS column in the header:\n%s", ansi.Strip(view))
	return ""
}
