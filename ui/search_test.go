package ui

import (
	"context"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/styles"
)

// typingInterval is a fast typist: a key every 120 ms.
const typingInterval = 120 * time.Millisecond

func TestSearchAsYouTypeSendsAtMostTwoRequests(t *testing.T) {
	run(t, func(t *testing.T) {
		api := searchingStub(corpus(500))
		h := newHarness(t, api, common.Options{}, 120, 30)
		defer h.close()

		h.press("/")
		h.typeSlowly("document-012", typingInterval) // 12 characters
		if n := len(searchCalls(api)); n > 0 {
			t.Fatalf("%d search requests while typing at speed, want none before the pause", n)
		}
		h.waitDebounce()
		calls := searchCalls(api)
		if len(calls) > 2 || len(calls) == 0 {
			t.Fatalf("%d search requests for a 12-character query, want 1 or 2", len(calls))
		}
		if last := calls[len(calls)-1].Search; last != "document-012" {
			t.Fatalf("searched %q, want the whole query", last)
		}
		view := ansi.Strip(h.view())
		for _, want := range []string{"/ document-012", "search:document-012", "document-0120.pdf", "document-0129.pdf", "all 10"} {
			if !strings.Contains(view, want) {
				t.Errorf("results lack %q:\n%s", want, view)
			}
		}
		if strings.Contains(view, "document-0130.pdf") {
			t.Errorf("a row that does not match is shown:\n%s", view)
		}
	})
}

func TestSearchEnterSearchesAtOnce(t *testing.T) {
	run(t, func(t *testing.T) {
		api := searchingStub(corpus(100))
		h := newHarness(t, api, common.Options{}, 120, 30)
		defer h.close()

		h.press("/")
		h.typeText("cus_03")
		h.press("enter")
		if got := searchCalls(api); len(got) != 1 || got[0].Search != "cus_03" {
			t.Fatalf("search requests after enter = %+v, want one for cus_03 with no pause", got)
		}
		if s := h.search(); s.typing {
			t.Fatal("enter left the keys with the input, want the results")
		}
		// The pause that typing started runs out later: it must not ask again.
		h.waitDebounce()
		if n := len(searchCalls(api)); n != 1 {
			t.Fatalf("%d search requests after the pause, want still 1", n)
		}
		// The results have the keys: j moves, it is not typed.
		h.press("j")
		if got := selectedLine(t, h.view()); !strings.Contains(got, "ds_0010") {
			t.Errorf("after j the selection is %q, want the second result (ds_0010)", got)
		}
	})
}

func TestSearchNeverAsksForResultsOnScreen(t *testing.T) {
	run(t, func(t *testing.T) {
		api := searchingStub(corpus(100))
		h := newHarness(t, api, common.Options{}, 120, 30)
		defer h.close()

		h.press("/")
		h.typeText("cus_03")
		h.waitDebounce()
		if n := len(searchCalls(api)); n != 1 {
			t.Fatalf("%d search requests, want 1", n)
		}
		// A trailing space is the same query; enter on it too.
		h.pressKey("space")
		h.waitDebounce()
		h.press("enter")
		h.press("/")
		h.pressKey("backspace") // the space
		h.pressKey("backspace")
		h.typeText("3") // cus_03 again, typed
		h.waitDebounce()
		if n := len(searchCalls(api)); n != 1 {
			t.Fatalf("%d search requests for results already on screen, want 1", n)
		}
	})
}

func TestSearchReturningToACachedQuerySendsNone(t *testing.T) {
	run(t, func(t *testing.T) {
		api := searchingStub(corpus(200))
		h := newHarness(t, api, common.Options{}, 120, 30)
		defer h.close()

		h.press("/")
		h.typeText("cus_03")
		h.press("enter")
		h.press("j", "j") // a cursor the cache must keep
		before := ansi.Strip(h.view())

		h.press("/")
		h.pressKey("backspace")
		h.typeText("4")
		h.press("enter")
		if got := searchCalls(api); len(got) != 2 || got[1].Search != "cus_04" {
			t.Fatalf("search requests = %+v, want cus_03 then cus_04", got)
		}

		// Back to cus_03 in the same search...
		h.press("/")
		h.pressKey("backspace")
		h.typeText("3")
		h.waitDebounce()
		h.search().focusResults()
		if n := len(searchCalls(api)); n != 2 {
			t.Fatalf("%d search requests after returning to a cached query, want 2", n)
		}
		if got := ansi.Strip(h.view()); got != before {
			t.Errorf("the cached results differ from when they were left:\nbefore:\n%s\nnow:\n%s", before, got)
		}

		// ...and in a search opened afresh.
		h.press("esc")
		h.press("/")
		h.typeText("cus_04")
		h.press("enter")
		if n := len(searchCalls(api)); n != 2 {
			t.Fatalf("%d search requests for a query cached in an earlier search, want 2", n)
		}
		if !strings.Contains(ansi.Strip(h.view()), "search:cus_04") {
			t.Errorf("the cached results are not shown:\n%s", ansi.Strip(h.view()))
		}
	})
}

func TestSearchCancelsASupersededRequest(t *testing.T) {
	run(t, func(t *testing.T) {
		api := searchingStub(corpus(100))
		held := holdLists(api, func(p client.ListParams) bool { return p.Search == "cus_0" })
		defer held.releaseAll()
		h := newHarness(t, api, common.Options{}, 120, 30)
		defer h.close()

		h.press("/")
		h.typeText("cus_0")
		h.waitDebounce() // cus_0 is asked for and held
		h.typeText("5")
		h.waitDebounce()
		if got := held.cancelledCalls(); len(got) != 1 || got[0].Search != "cus_0" {
			t.Fatalf("cancelled requests = %+v, want the one for cus_0", got)
		}
		held.releaseAll() // its answer comes anyway
		h.settle()
		view := ansi.Strip(h.view())
		if !strings.Contains(view, "search:cus_05") || strings.Contains(view, "cus_01 ") {
			t.Fatalf("the superseded answer shows:\n%s", view)
		}
		// Its list was never a result: going back to cus_0 asks again.
		h.pressKey("backspace")
		h.waitDebounce()
		if got := searchCalls(api); len(got) != 3 || got[2].Search != "cus_0" {
			t.Fatalf("search requests = %+v, want cus_0 asked again", got)
		}
	})
}

func TestSearchEscReturnsToTheListExactly(t *testing.T) {
	run(t, func(t *testing.T) {
		api := searchingStub(corpus(500))
		h := newHarness(t, api, common.Options{}, 120, 30)
		defer h.close()
		for range 30 {
			h.press("j") // scrolled: the cursor is past the first screen
		}
		before, lists := h.view(), len(api.listCalls())

		h.press("/")
		h.typeText("document-00")
		h.press("enter")
		h.press("j", "enter") // a detail from the results
		if d, ok := h.top().(*detail.detailModel); !ok || d.highlight != "document-00" {
			t.Fatalf("top is %T, want a detail highlighting the query", h.top())
		}
		h.press("esc")
		if !strings.Contains(ansi.Strip(h.view()), "search:document-00") {
			t.Fatalf("esc from the detail is not back on the results:\n%s", ansi.Strip(h.view()))
		}
		h.press("esc")
		if got := h.view(); got != before {
			t.Errorf("the list changed across the search:\nbefore:\n%s\nafter:\n%s", ansi.Strip(before), ansi.Strip(got))
		}
		if n := len(api.listCalls()); n != lists+1 {
			t.Errorf("%d list requests, want %d: one search and nothing for going back", n, lists+1)
		}
	})
}

func TestSearchEmptyQueryIsTheList(t *testing.T) {
	run(t, func(t *testing.T) {
		api := searchingStub(corpus(100))
		h := newHarness(t, api, common.Options{}, 120, 30)
		defer h.close()
		h.press("j", "j")
		before := h.view()

		h.press("/")
		// Under the input, the list itself, title line aside.
		view := strings.Split(ansi.Strip(h.view()), "\n")
		want := strings.Split(ansi.Strip(before), "\n")
		if !strings.HasPrefix(view[0], " / ") || !slices.Equal(view[1:len(view)-1], want[1:len(want)-1]) {
			t.Fatalf("the empty search does not show the list:\n%s", strings.Join(view, "\n"))
		}
		h.typeText("x")
		h.pressKey("backspace")
		h.waitDebounce()
		h.press("enter")
		if len(searchCalls(api)) != 0 || h.view() != before {
			t.Fatalf("the empty query sent %d searches or changed the list:\n%s", len(searchCalls(api)), ansi.Strip(h.view()))
		}
	})
}

func TestSearchTakesAPaste(t *testing.T) {
	run(t, func(t *testing.T) {
		api := searchingStub(corpus(100))
		h := newHarness(t, api, common.Options{}, 120, 30)
		defer h.close()
		h.press("/")
		h.send(tea.PasteMsg{Content: "cus_0\x1b[31m4\n"})
		h.settle()
		h.waitDebounce()
		if got := searchCalls(api); len(got) != 1 || !strings.HasPrefix(got[0].Search, "cus_0") {
			t.Fatalf("search requests after a paste = %+v, want one for the pasted text", got)
		}
		if strings.ContainsRune(searchCalls(api)[0].Search, 0x1b) {
			t.Errorf("the pasted escape reached the request: %q", searchCalls(api)[0].Search)
		}
	})
}

func TestSearchInputTakesQAndQuestionMarkAsText(t *testing.T) {
	run(t, func(t *testing.T) {
		api := searchingStub(corpus(20))
		h := newHarness(t, api, common.Options{}, 120, 30)
		defer h.close()
		h.press("/")
		h.typeText("q?fx/")
		if h.quit {
			t.Fatal("q quit while typing a query")
		}
		s := h.search()
		if got := s.input.Value(); got != "q?fx/" {
			t.Fatalf("input = %q, want every key as text", got)
		}
		// With the results focused, ? is help and q quits.
		s.input.SetValue("ds_")
		h.press("enter")
		h.press("?")
		if _, ok := h.top().(*helpModel); !ok {
			t.Fatalf("? on the results opened %T, want help", h.top())
		}
		h.press("esc", "q")
		if !h.quit {
			t.Fatal("q on the results did not quit")
		}
	})
}

func TestSearchEmptyResultsSuggestClearingFilters(t *testing.T) {
	run(t, func(t *testing.T) {
		api := searchingStub(corpus(60))
		h := newHarness(t, api, common.Options{DefaultFilters: common.Filters{DatasetType: client.TypeInvoice}}, 120, 30)
		defer h.close()
		h.press("/")
		h.typeText("ds_0001")
		h.press("enter") // ds_0001 is a purchase order
		want := `no datasets match "ds_0001" with type:invoice · press x to clear filters`
		if view := ansi.Strip(h.view()); !strings.Contains(view, want) {
			t.Fatalf("empty results lack %q:\n%s", want, view)
		}
		h.press("x")
		calls := searchCalls(api)
		if last := calls[len(calls)-1]; last.DatasetType != "" || last.Search != "ds_0001" {
			t.Fatalf("after x the search asked %+v, want the query without filters", last)
		}
		if view := ansi.Strip(h.view()); !strings.Contains(view, "document-0001.pdf") || !strings.Contains(view, "all datasets") {
			t.Fatalf("after x the results lack the dataset:\n%s", view)
		}
		// The list the search started from keeps its filters.
		h.press("esc")
		if l := h.list(); l.filters.DatasetType != client.TypeInvoice {
			t.Errorf("the list's filters changed to %+v", l.filters)
		}
	})
}

func TestSearchRejectedShowsTheServersDetail(t *testing.T) {
	run(t, func(t *testing.T) {
		api := searchingStub(corpus(20))
		inner := api.list
		api.list = func(ctx context.Context, p client.ListParams) (client.Page, error) {
			if p.Search != "" {
				return client.Page{}, &client.APIError{StatusCode: 400, Detail: "search: \x1b[31mquery too short\x1b[0m"}
			}
			return inner(ctx, p)
		}
		h := newHarness(t, api, common.Options{}, 120, 30)
		defer h.close()
		h.press("/")
		h.typeText("a")
		h.press("enter")
		view := h.view()
		if strings.Contains(view, "\x1b[31mquery") {
			t.Fatalf("the server's detail reached the terminal unsanitized: %q", view)
		}
		plain := ansi.Strip(view)
		for _, want := range []string{"the server rejected this search", "query too short", "/ to edit the query"} {
			if !strings.Contains(plain, want) {
				t.Errorf("the rejected search lacks %q:\n%s", want, plain)
			}
		}
	})
}

func TestSearchResultsHighlightTheQuery(t *testing.T) {
	for _, theme := range []string{styles.ThemeDark, styles.ThemeMono} {
		t.Run(theme, func(t *testing.T) {
			run(t, func(t *testing.T) {
				api := searchingStub(corpus(40))
				h := newHarness(t, api, common.Options{Theme: theme}, 120, 30)
				defer h.close()
				h.press("/")
				h.typeText("MENT-001")
				h.press("enter") // the first result is selected; look at another
				var line string
				for _, l := range strings.Split(h.view(), "\n") {
					if strings.Contains(ansi.Strip(l), "document-0012.pdf") {
						line = l
					}
				}
				mark := common.highlightStyle(h.app.c.Styles).Render("ment-001")
				if !strings.Contains(line, mark) {
					t.Fatalf("the match is not marked in %q", line)
				}
				if !sgrSets(mark, 4) || !sgrSets(mark, 1) {
					t.Errorf("the mark %q is not underlined and bold", mark)
				}
			})
		})
	}
}

var sgrPattern = regexp.MustCompile(`\x1b\[([0-9;:]*)m`)

// sgrSets reports whether an SGR sequence in s sets attribute (1 bold, 4
// underline, 7 reverse), not counting the numbers inside a colour.
func sgrSets(s string, attribute int) bool {
	for _, m := range sgrPattern.FindAllStringSubmatch(s, -1) {
		params := strings.Split(m[1], ";")
		for i := 0; i < len(params); i++ {
			n, _ := strconv.Atoi(params[i])
			switch {
			case (n == 38 || n == 48 || n == 58) && i+1 < len(params) && params[i+1] == "5":
				i += 2
			case n == 38 || n == 48 || n == 58:
				i += 4
			case n == attribute:
				return true
			}
		}
	}
	return false
}

func TestMatchSpans(t *testing.T) {
	for _, tc := range []struct {
		text, query string
		want        [][2]int
	}{
		{"northwind-invoice", "IN", [][2]int{{6, 8}, {10, 12}}},
		{"aaaa", "aa", [][2]int{{0, 2}, {2, 4}}},
		{"ÉTÉ-été", "été", [][2]int{{0, 5}, {6, 11}}},
		{"straße", "SS", nil},
		{"abc", "", nil},
		{"ab", "abc", nil},
	} {
		if got := common.matchSpans(tc.text, tc.query); !slices.Equal(got, tc.want) {
			t.Errorf("matchSpans(%q, %q) = %v, want %v", tc.text, tc.query, got, tc.want)
		}
	}
}

func TestSearchKeysInHelpAndStatusBar(t *testing.T) {
	run(t, func(t *testing.T) {
		api := searchingStub(corpus(40))
		h := newHarness(t, api, common.Options{}, 120, 30)
		defer h.close()
		status := func() string {
			lines := strings.Split(ansi.Strip(h.view()), "\n")
			return lines[len(lines)-1]
		}
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

func TestSearchCacheEvictsTheOldest(t *testing.T) {
	c := list.newSearchCache()
	key := func(i int) list.searchKey { return list.searchKey{query: strings.Repeat("q", i+1)} }
	for i := range list.searchCacheSize + 2 {
		c.Put(key(i), &list.listModel{})
	}
	if _, ok := c.Get(key(0)); ok {
		t.Error("the oldest search is still cached past the bound")
	}
	if _, ok := c.Get(key(2)); !ok {
		t.Fatal("a recent search was evicted")
	}
	c.Put(key(list.searchCacheSize+2), &list.listModel{}) // evicts key(3): key(2) was just used
	if _, ok := c.Get(key(2)); !ok {
		t.Error("a search used just now was evicted")
	}
	if len(c.lists) != list.searchCacheSize || len(c.order) != list.searchCacheSize {
		t.Errorf("%d lists, %d in order, want %d", len(c.lists), len(c.order), list.searchCacheSize)
	}
}

func TestSearchResultsPageLazily(t *testing.T) {
	run(t, func(t *testing.T) {
		api := searchingStub(corpus(400))
		h := newHarness(t, api, common.Options{PageSize: 50}, 120, 30)
		defer h.close()

		h.press("/")
		h.typeText("document")
		h.press("enter")
		if got := searchCalls(api); len(got) != 1 || got[0].Cursor != "" {
			t.Fatalf("search requests after enter = %+v, want the first page only", got)
		}
		h.press("G") // the end of the first page: the next one loads
		got := searchCalls(api)
		if len(got) != 2 {
			t.Fatalf("%d search requests after G, want 2 (the second page)", len(got))
		}
		if next := got[1]; next.Search != "document" || next.Cursor != "50" || next.Limit != 50 {
			t.Fatalf("second page request %+v, want the query, cursor 50 and limit 50", next)
		}
		if view := ansi.Strip(h.view()); !strings.Contains(view, "100 loaded") {
			t.Errorf("the results do not say 100 loaded:\n%s", view)
		}
	})
}
