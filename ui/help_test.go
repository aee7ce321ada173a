package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/uitest"
)

// Typing in help filters the bindings by key or description, and the
// legend of marks with them; esc clears the search, then closes.
func TestHelpFiltersByAWord(t *testing.T) {
	run(t, func(t *testing.T) {
		// Tall enough for the whole legend, the budget's marks at its end.
		h := newHarness(t, uitest.NewAPI(uitest.Corpus(10)), common.Options{}, 120, 46)
		defer h.close()
		h.press("?")
		all := ansi.Strip(h.view())
		for _, want := range []string{"search", "filter", "quit", "marks", "confidently wrong", "⟳"} {
			if !strings.Contains(all, want) {
				t.Fatalf("help without a search lacks %q:\n%s", want, all)
			}
		}
		for _, k := range []string{"s", "o", "r", "t"} {
			h.press(k)
		}
		view := helpBody(h)
		if !strings.Contains(view, "/ sort") || !strings.Contains(view, "sort") {
			t.Fatalf("help searched for sort:\n%s", view)
		}
		for _, gone := range []string{"quit", "filter", "confidently wrong", "⟳"} {
			if strings.Contains(view, gone) {
				t.Fatalf("help searched for sort still shows %q:\n%s", gone, view)
			}
		}
		// A mark is found by its meaning.
		h.press("esc")
		for _, k := range []string{"b", "u", "d", "g", "e", "t"} {
			h.press(k)
		}
		view = helpBody(h)
		if !strings.Contains(view, "⟳") || !strings.Contains(view, "⏸") || strings.Contains(view, "∅") {
			t.Fatalf("help searched for budget should show ⟳ and ⏸ and not ∅:\n%s", view)
		}
		h.press("esc") // clears
		if !uitest.ContainsPlain(h.view(), "type to search") {
			t.Fatalf("esc did not clear the search:\n%s", ansi.Strip(h.view()))
		}
		h.press("esc") // closes
		if uitest.ContainsPlain(h.view(), "keys · list") {
			t.Fatal("second esc did not close help")
		}
	})
}

// q typed in help is a search, not quit; ctrl+c still quits.
func TestHelpTakesQAsText(t *testing.T) {
	run(t, func(t *testing.T) {
		h := newHarness(t, uitest.NewAPI(uitest.Corpus(3)), common.Options{}, 100, 30)
		defer h.close()
		h.press("?", "q")
		if h.quit || !uitest.ContainsPlain(h.view(), "/ q") {
			t.Fatalf("q in help quit or was not searched:\n%s", ansi.Strip(h.view()))
		}
	})
}

// helpBody is the help screen without the status bar under it, whose hints
// and budget are there whatever the search.
func helpBody(h *harness) string {
	lines := strings.Split(ansi.Strip(h.view()), "\n")
	return strings.Join(lines[:len(lines)-1], "\n")
}
