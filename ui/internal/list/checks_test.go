package list

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/uitest"
)

// A row's checks are known once its detail is at hand; c keeps the rows
// with failed checks, and says why when none has them yet.
func TestListChecksColumnAndFilter(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		data := uitest.CheckedDatasets()
		h, l := newListHost(t, uitest.NewAPI(data), common.Options{}, 120, 30)
		defer h.Close()
		if r := l.store.at(0); r.Has(common.HasChecks) {
			t.Fatalf("checks known before any detail: %+v", r)
		}
		h.Press("c")
		if !strings.Contains(ansi.Strip(h.View()), "no loaded row with failed checks") {
			t.Errorf("the filter does not say why it is empty:\n%s", ansi.Strip(h.View()))
		}
		h.Press("esc")
		for _, ds := range data {
			h.Send(common.DatasetMsg{ID: ds.ID, Dataset: ds})
		}
		want := map[string]int{"ds_8f3k2j9q": 3, "ds_su5p3ct1": 2, "ds_c1ean0k1": 0}
		for pos := range l.store.len() {
			r := l.store.at(pos)
			if !r.Has(common.HasChecks) || int(r.Checks) != want[r.ID] {
				t.Errorf("%s: checks %d known %v, want %d", r.ID, r.Checks, r.Has(common.HasChecks), want[r.ID])
			}
		}
		h.Press("c")
		view := ansi.Strip(h.View())
		if !strings.Contains(view, "ds_8f3k2j9q") || !strings.Contains(view, "ds_su5p3ct1") || strings.Contains(view, "ds_c1ean0k1") {
			t.Errorf("c shows:\n%s", view)
		}
	})
}
