package ui

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/uitest"
)

// The list, its search and its quick filter in the whole program: what
// the root draws around them (the error line, the status bar, help), the
// keys it takes before them (q, ?), and the detail they open and come back
// from. These read only the screen and the requests recorded; the views'
// own behaviour is tested in ui/internal/list.

// lastScreenLine is a screen's last line: the status bar.
func lastScreenLine(screen string) string {
	lines := strings.Split(screen, "\n")
	return lines[len(lines)-1]
}

// pageCursors are the cursors of the list requests so far, in order.
func pageCursors(api *uitest.API) []string {
	var out []string
	for _, p := range api.ListCalls() {
		out = append(out, p.Cursor)
	}
	return out
}

// The list's side (rows kept, the retry asked for, the error reported and
// resolved) is list.TestPageErrorKeepsRowsAndRetries.
func TestPageErrorShowsOnTheErrorLineUntilRetried(t *testing.T) {
	run(t, func(t *testing.T) {
		api := uitest.NewAPI(uitest.Corpus(500))
		fail := true
		api.List = func(ctx context.Context, p client.ListParams) (client.Page, error) {
			if p.Cursor == "50" && fail {
				return client.Page{}, &client.APIError{StatusCode: 500, Detail: "boom", RequestID: "req_abc123", Method: "GET", Path: "/api/v1/datasets"}
			}
			return api.Page(p)
		}
		h := newHarness(t, api, common.Options{}, 120, 30)
		defer h.close()
		h.press("G")

		view := ansi.Strip(h.view())
		for _, want := range []string{"ds_0049", "loading more failed · r to retry (50 loaded)", "server error 500 · request req_abc123 · r to retry"} {
			if !strings.Contains(view, want) {
				t.Errorf("screen lacks %q:\n%s", want, view)
			}
		}
		fail = false
		h.press("r")
		if got := pageCursors(api); !slices.Equal(got, []string{"", "50", "50"}) {
			t.Fatalf("requests = %q, want the failed page asked for again", got)
		}
		view = ansi.Strip(h.view())
		if !strings.Contains(view, "100 loaded") || strings.Contains(view, "server error") {
			t.Fatalf("retry did not recover, or the error line stayed:\n%s", view)
		}
	})
}

func TestErrorLineDismissedWithEsc(t *testing.T) {
	run(t, func(t *testing.T) {
		api := uitest.NewAPI(uitest.Corpus(500))
		api.List = func(ctx context.Context, p client.ListParams) (client.Page, error) {
			if p.Cursor != "" {
				return client.Page{}, &client.APIError{StatusCode: 503, RequestID: "req_x"}
			}
			return api.Page(p)
		}
		h := newHarness(t, api, common.Options{}, 120, 30)
		defer h.close()
		h.press("G")
		if !strings.Contains(h.view(), "server error 503") {
			t.Fatal("no error line")
		}
		h.press("esc")
		view := ansi.Strip(h.view())
		if strings.Contains(view, "server error 503") {
			t.Fatalf("esc did not dismiss the error line:\n%s", view)
		}
		if !strings.Contains(view, "r to retry") {
			t.Error("the inline failure went with the error line")
		}
	})
}

func TestQuickFilterOpensTheDetailAndComesBack(t *testing.T) {
	run(t, func(t *testing.T) {
		api := uitest.NewAPI(uitest.Corpus(100))
		h := newHarness(t, api, common.Options{}, 120, 30)
		defer h.close()
		h.press("ctrl+f")
		h.typeText("q?") // text, not quit and help
		if h.quit {
			t.Fatal("q quit in the quick filter")
		}
		if view := ansi.Strip(h.view()); !strings.Contains(view, "filter q?") {
			t.Fatalf("q? is not the pattern:\n%s", view)
		}
		h.press("backspace")
		h.press("backspace")
		h.typeText("ds_0042")
		h.press("enter") // to the matches
		view := ansi.Strip(h.view())
		if bar := lastScreenLine(view); !strings.Contains(bar, "enter open") || strings.Contains(bar, "browse matches") {
			t.Fatalf("enter left the keys with the input: %q", bar)
		}
		// The best match first (the row under the input and the column
		// header), and selected.
		first := strings.Split(view, "\n")[2]
		if !strings.Contains(first, "ds_0042") || first != uitest.SelectedLine(t, h.view()) {
			t.Fatalf("the first match %q is not ds_0042, selected:\n%s", first, view)
		}
		h.press("enter")
		if got := api.GetCalls(); !slices.Equal(got, []string{"ds_0042"}) {
			t.Fatalf("datasets fetched = %q, want the first match's", got)
		}
		if view := ansi.Strip(h.view()); !strings.Contains(view, "document-0042.pdf  ds_0042") {
			t.Fatalf("enter did not open the detail of the first match:\n%s", view)
		}
		h.press("esc")
		view = ansi.Strip(h.view())
		if !strings.Contains(view, "filter ds_0042") || !strings.Contains(view, "of 50 loaded rows") || !strings.Contains(uitest.SelectedLine(t, h.view()), "ds_0042") {
			t.Fatalf("esc from the detail did not go back to the quick filter:\n%s", view)
		}
	})
}

func TestSearchEscReturnsToTheListExactly(t *testing.T) {
	run(t, func(t *testing.T) {
		api := uitest.SearchingAPI(uitest.Corpus(500))
		h := newHarness(t, api, common.Options{}, 120, 30)
		defer h.close()
		for range 30 {
			h.press("j") // scrolled: the cursor is past the first screen
		}
		before, lists := h.view(), len(api.ListCalls())

		h.press("/")
		h.typeText("document-00")
		h.press("enter")
		h.press("j", "enter") // a detail from the results
		view := ansi.Strip(h.view())
		if !strings.Contains(view, "document-0001.pdf  ds_0001") || !strings.Contains(view, "“document-00”") {
			t.Fatalf("not a detail of the second result highlighting the query:\n%s", view)
		}
		h.press("esc")
		if !strings.Contains(ansi.Strip(h.view()), "search:document-00") {
			t.Fatalf("esc from the detail is not back on the results:\n%s", ansi.Strip(h.view()))
		}
		h.press("esc")
		if got := h.view(); got != before {
			t.Errorf("the list changed across the search:\nbefore:\n%s\nafter:\n%s", ansi.Strip(before), ansi.Strip(got))
		}
		if n := len(api.ListCalls()); n != lists+1 {
			t.Errorf("%d list requests, want %d: one search and nothing for going back", n, lists+1)
		}
	})
}

func TestSearchInputTakesQAndQuestionMarkAsText(t *testing.T) {
	run(t, func(t *testing.T) {
		api := uitest.SearchingAPI(uitest.Corpus(20))
		h := newHarness(t, api, common.Options{}, 120, 30)
		defer h.close()
		h.press("/")
		h.typeText("q?fx/")
		if h.quit {
			t.Fatal("q quit while typing a query")
		}
		if top := strings.Split(ansi.Strip(h.view()), "\n")[0]; !strings.HasPrefix(top, " / q?fx/ ") {
			t.Fatalf("input line = %q, want every key as text", top)
		}
		// With the results focused, ? is help and q quits.
		for range len("q?fx/") {
			h.press("backspace")
		}
		h.typeText("ds_")
		h.press("enter")
		if view := ansi.Strip(h.view()); !strings.Contains(view, "search:ds_") {
			t.Fatalf("no results for ds_:\n%s", view)
		}
		h.press("?")
		if view := ansi.Strip(h.view()); !strings.Contains(view, "keys · search") {
			t.Fatalf("? on the results did not open help:\n%s", view)
		}
		h.press("esc", "q")
		if !h.quit {
			t.Fatal("q on the results did not quit")
		}
	})
}

func TestSearchKeysInHelpAndStatusBar(t *testing.T) {
	run(t, func(t *testing.T) {
		api := uitest.SearchingAPI(uitest.Corpus(40))
		h := newHarness(t, api, common.Options{}, 120, 30)
		defer h.close()
		status := func() string { return lastScreenLine(ansi.Strip(h.view())) }
		for _, want := range []string{"/ search", "f filter"} {
			if !strings.Contains(status(), want) {
				t.Errorf("the list's status bar lacks %q: %q", want, status())
			}
		}
		h.press("?")
		for _, want := range []string{"/", "search", "clear filters", "ctrl+f", "filter loaded rows"} {
			if !strings.Contains(ansi.Strip(h.view()), want) {
				t.Errorf("the list's help lacks %q", want)
			}
		}
		h.press("esc", "/")
		if !strings.Contains(status(), "enter search now") {
			t.Errorf("the search input's status bar: %q", status())
		}
		h.typeText("ds_")
		h.press("enter")
		for _, want := range []string{"/ edit query", "f filter", "esc back"} {
			if !strings.Contains(status(), want) {
				t.Errorf("the results' status bar lacks %q: %q", want, status())
			}
		}
		h.press("?")
		for _, want := range []string{"edit query", "clear filters", "filter loaded rows", "back"} {
			if !strings.Contains(ansi.Strip(h.view()), want) {
				t.Errorf("the results' help lacks %q", want)
			}
		}
	})
}
