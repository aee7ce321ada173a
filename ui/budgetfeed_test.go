package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/uitest"
)

// The budget feed's own tests are in common; here the root listens to it
// and the status bar follows.

func TestBudgetFeedRedrawsTheStatusBar(t *testing.T) {
	// budgetLine is the screen line with the budget: the status bar.
	budgetLine := func(view string) string {
		for _, l := range strings.Split(view, "\n") {
			if strings.Contains(ansi.Strip(l), "list/get") {
				return l
			}
		}
		return ""
	}
	run(t, func(t *testing.T) {
		feed := common.NewBudgetFeed()
		api := uitest.NewAPI(uitest.Corpus(10))
		h := newHarness(t, api, common.Options{Budget: feed}, 120, 30)
		defer h.close()
		feed.Observe(client.Budget{AsOf: time.Now(), Read: client.Bucket{Limit: 60, Remaining: 12, FromServer: true}})
		h.settle()
		if got := budgetLine(h.view()); !uitest.ContainsPlain(got, "12/60 srv") {
			t.Fatalf("status bar did not follow the feed: %q", got)
		}
		feed.Observe(client.Budget{AsOf: time.Now(), Read: client.Bucket{Limit: 60, Remaining: 11}})
		h.settle()
		if got := budgetLine(h.view()); !uitest.ContainsPlain(got, "11/60 local") {
			t.Fatalf("status bar stopped following the feed: %q", got)
		}
	})
}
