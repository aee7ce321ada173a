package ui

import (
	"strings"
	"testing"

	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/uitest"
)

// Every view closes at once on esc: a key typed right behind it, before any
// command has run, reaches the view beneath. Here j after esc must move
// the list's cursor from the first row to the second, from every view that
// esc closes.
func TestEscThenJMovesTheListFromEveryView(t *testing.T) {
	views := []struct {
		name string
		open []string // keys that open the view over the list
		// shows is text that only the open view draws.
		shows string
	}{
		{"search", []string{"/"}, "an invoice number"},
		{"filters", []string{"f"}, "any customer"},
		{"quick filter", []string{"ctrl+f"}, "fuzzy"},
		{"detail", []string{"enter"}, "document-0000.pdf  ds_0000"},
		{"stats", []string{"S"}, "details"},
		{"help", []string{"?"}, "keys · list"},
	}
	for _, v := range views {
		t.Run(v.name, func(t *testing.T) {
			run(t, func(t *testing.T) {
				h := newHarness(t, uitest.NewAPI(uitest.Corpus(30)), common.Options{}, 120, 30)
				defer h.close()
				if line := uitest.SelectedLine(t, h.view()); !strings.Contains(line, "ds_0000") {
					t.Fatalf("before: selected %q, want ds_0000", line)
				}
				h.press(v.open...)
				if !uitest.ContainsPlain(h.view(), v.shows) {
					t.Fatalf("%s did not open: no %q on screen:\n%s", v.name, v.shows, h.view())
				}
				// esc and j back to back: nothing the first returns runs
				// before the second is handled.
				h.send(uitest.KeyPress("esc"))
				h.send(uitest.KeyPress("j"))
				h.settle()
				if line := uitest.SelectedLine(t, h.view()); !strings.Contains(line, "ds_0001") {
					t.Fatalf("after esc j from the %s: selected %q, want ds_0001\n%s", v.name, line, h.view())
				}
			})
		})
	}
}
