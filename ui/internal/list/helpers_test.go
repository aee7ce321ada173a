package list

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/uitest"
)

// What the list's own tests share: a host with the dashboard's list at the
// bottom, as the root builds it, and ways to type into it.

// newListHost starts the list the root starts (the default filters, no
// search) in a host of width x height; the list gets a line less, as
// under the root's status bar.
func newListHost(t *testing.T, api *uitest.API, opts common.Options, width, height int) (*uitest.Host, *listModel) {
	t.Helper()
	var l *listModel
	h := uitest.NewHost(t, api, opts, width, height, func(c *common.Context) common.View {
		l = NewListModel(c, c.Opts.DefaultFilters, "")
		return l
	})
	return h, l
}

// At 120x30 the list shows 26 rows (30 less title, column header, footer
// and status bar).
const rowsAt30 = 26

// gate holds list answers for the pages named in its map until released.
type gate struct {
	open map[string]chan struct{} // cursor → closed when released
}

func newGate(cursors ...string) *gate {
	g := &gate{open: make(map[string]chan struct{})}
	for _, c := range cursors {
		g.open[c] = make(chan struct{})
	}
	return g
}

func (g *gate) wrap(api *uitest.API) func(context.Context, client.ListParams) (client.Page, error) {
	return func(ctx context.Context, p client.ListParams) (client.Page, error) {
		if ch, ok := g.open[p.Cursor]; ok {
			select {
			case <-ch:
			case <-ctx.Done():
				return client.Page{}, ctx.Err()
			}
		}
		return api.Page(p)
	}
}

func (g *gate) release(cursor string) { close(g.open[cursor]) }

func cursorsOf(calls []client.ListParams) []string {
	out := make([]string, len(calls))
	for i, c := range calls {
		out[i] = c.Cursor
	}
	return out
}

func lineWith(view, s string) string {
	for _, l := range strings.Split(view, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	return ""
}

// assertFits checks that a screen is exactly width x height cells.
func assertFits(t *testing.T, view string, width, height int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) != height {
		t.Fatalf("%d lines at %dx%d, want %d:\n%s", len(lines), width, height, height, ansi.Strip(view))
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w != width {
			t.Fatalf("line %d is %d cells at %dx%d, want %d: %q", i, w, width, height, width, ansi.Strip(l))
		}
	}
}

// typingInterval is a fast typist: a key every 120 ms.
const typingInterval = 120 * time.Millisecond

// typeSlowly types text one key every interval of (fake) time, delivering
// whatever the pauses let through, as a person typing at speed.
func typeSlowly(h *uitest.Host, text string, interval time.Duration) {
	for _, r := range text {
		h.Press(string(r))
		time.Sleep(interval)
		h.Settle()
	}
}

// typeText types text at once, with no time passing.
func typeText(h *uitest.Host, text string) {
	for _, r := range text {
		h.Press(string(r))
	}
}

// waitDebounce lets the search's pause in typing run out.
func waitDebounce(h *uitest.Host) {
	time.Sleep(searchDebounce)
	h.Settle()
}

// searchOnTop is the search, which must be the view on top.
func searchOnTop(h *uitest.Host) *searchModel {
	h.T.Helper()
	s, ok := h.Top().(*searchModel)
	if !ok {
		h.T.Fatalf("the view on top is %T, not the search", h.Top())
	}
	return s
}

// budgetNow brings a budget snapshot, as the root's budgetMsg does when
// it asks the client for one.
type budgetNow struct{ budget client.Budget }

func (m budgetNow) BudgetSnapshot() client.Budget { return m.budget }
