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

// The detail cache's own tests are in common; here the root keeps in it
// every dataset fetched, also one whose view closed before it came.

func TestDetailClosedBeforeItLoadedIsStillCached(t *testing.T) {
	run(t, func(t *testing.T) {
		data := uitest.Corpus(3)
		api := uitest.NewAPI(data)
		release := make(chan struct{})
		api.Get = func(ctx context.Context, id string) (client.Dataset, error) {
			select {
			case <-release:
			case <-ctx.Done():
				return client.Dataset{}, ctx.Err()
			}
			return data[0], nil
		}
		h := newHarness(t, api, common.Options{}, 120, 40)
		defer h.close()
		h.press("enter", "esc") // the detail closes while its fetch waits
		close(release)
		h.settle()
		h.press("enter")
		if got := api.GetCalls(); len(got) != 1 {
			t.Fatalf("GetDataset calls %q: the answer that came after esc should have been cached", got)
		}
		if view := ansi.Strip(h.view()); !strings.Contains(view, data[0].DocumentName) || strings.Contains(view, "loading") {
			t.Fatalf("the cached dataset is not shown:\n%s", view)
		}
	})
}
