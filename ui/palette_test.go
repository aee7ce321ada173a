package ui

import (
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/uitest"
)

func (h *harness) typeKeys(text string) {
	for _, r := range text {
		h.press(string(r))
	}
}

// :<id> opens that dataset with one GET; opened again, when the detail is
// on hand, with none.
func TestPaletteOpensADatasetByID(t *testing.T) {
	run(t, func(t *testing.T) {
		api := uitest.NewAPI(uitest.Corpus(80))
		h := newHarness(t, api, common.Options{PageSize: 50}, 120, 30)
		defer h.close()
		// ds_0070 is not loaded (page 2): the palette opens it all the same.
		h.press(":")
		h.typeKeys("ds_0070")
		h.press("enter")
		if !uitest.ContainsPlain(h.view(), "document-0070.pdf") {
			t.Fatalf(":ds_0070 did not open it:\n%s", ansi.Strip(h.view()))
		}
		if got := api.GetCalls(); !slices.Equal(got, []string{"ds_0070"}) {
			t.Fatalf("GETs %q, want ds_0070 once", got)
		}
		h.press("esc", ":")
		h.typeKeys("open ds_0070")
		h.press("enter")
		if !uitest.ContainsPlain(h.view(), "document-0070.pdf") || len(api.GetCalls()) != 1 {
			t.Fatalf("reopening a dataset on hand sent %d GETs in all, want 1:\n%s", len(api.GetCalls()), ansi.Strip(h.view()))
		}
	})
}

// Tab completes a command, then its values; :customer filters the list on
// the server; a command the palette does not know is refused in place.
func TestPaletteCompletesAndFilters(t *testing.T) {
	run(t, func(t *testing.T) {
		api := uitest.SearchingAPI(uitest.Corpus(40))
		h := newHarness(t, api, common.Options{}, 120, 30)
		defer h.close()
		h.press(":")
		h.typeKeys("cu")
		h.press("tab")
		if view := ansi.Strip(h.view()); !strings.Contains(view, ":customer") || !strings.Contains(view, "customer cus_00") {
			t.Fatalf("tab did not complete the command and offer its values:\n%s", view)
		}
		h.typeKeys("cus_03")
		h.press("enter")
		calls := api.ListCalls()
		if last := calls[len(calls)-1]; last.CustomerID != "cus_03" {
			t.Fatalf("the list asked for %+v, want customer cus_03", last)
		}
		if view := ansi.Strip(h.view()); !strings.Contains(view, "customer:cus_03") || strings.Contains(view, "cus_04") {
			t.Fatalf("the list is not filtered to cus_03:\n%s", view)
		}
		h.press(":")
		h.typeKeys("frobnicate now")
		h.press("enter")
		if view := ansi.Strip(h.view()); !strings.Contains(view, `no command "frobnicate"`) {
			t.Fatalf("an unknown command was not refused:\n%s", view)
		}
		h.press("esc")
		h.press(":")
		h.typeKeys("quit")
		h.press("enter")
		if !h.quit {
			t.Fatal(":quit did not quit")
		}
	})
}

// A click selects a row; a click on the selected row opens it; y copies the
// selected id (OSC 52).
func TestClickSelectsThenOpensAndYCopies(t *testing.T) {
	run(t, func(t *testing.T) {
		api := uitest.NewAPI(uitest.Corpus(20))
		h := newHarness(t, api, common.Options{}, 120, 30)
		defer h.close()
		click := tea.MouseClickMsg{X: 10, Y: 4, Button: tea.MouseLeft} // the third row
		h.send(click)
		h.settle()
		if line := uitest.SelectedLine(t, h.view()); !strings.Contains(line, "ds_0002") {
			t.Fatalf("a click on the third row selected %q", line)
		}
		if len(api.GetCalls()) != 0 {
			t.Fatal("a click on another row opened it")
		}
		h.send(click)
		h.settle()
		if !uitest.ContainsPlain(h.view(), "document-0002.pdf  ds_0002") {
			t.Fatalf("a click on the selected row did not open it:\n%s", ansi.Strip(h.view()))
		}
		h.press("esc", "y")
		if !uitest.ContainsPlain(h.view(), "copied ds_0002") {
			t.Fatalf("y did not say it copied the id:\n%s", ansi.Strip(h.view()))
		}
	})
}
