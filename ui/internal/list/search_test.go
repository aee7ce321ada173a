package list

import (
	"context"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/styles"
	"github.com/dxdash/dxdash/ui/internal/uitest"
)

func TestSearchAsYouTypeSendsAtMostTwoRequests(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		api := uitest.SearchingAPI(uitest.Corpus(500))
		h, _ := newListHost(t, api, common.Options{}, 120, 30)
		defer h.Close()

		h.Press("/")
		typeSlowly(h, "document-012", typingInterval) // 12 characters
		if n := len(uitest.SearchCalls(api)); n > 0 {
			t.Fatalf("%d search requests while typing at speed, want none before the pause", n)
		}
		waitDebounce(h)
		calls := uitest.SearchCalls(api)
		if len(calls) > 2 || len(calls) == 0 {
			t.Fatalf("%d search requests for a 12-character query, want 1 or 2", len(calls))
		}
		if last := calls[len(calls)-1].Search; last != "document-012" {
			t.Fatalf("searched %q, want the whole query", last)
		}
		view := ansi.Strip(h.View())
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
	uitest.Run(t, func(t *testing.T) {
		api := uitest.SearchingAPI(uitest.Corpus(100))
		h, _ := newListHost(t, api, common.Options{}, 120, 30)
		defer h.Close()

		h.Press("/")
		typeText(h, "cus_03")
		h.Press("enter")
		if got := uitest.SearchCalls(api); len(got) != 1 || got[0].Search != "cus_03" {
			t.Fatalf("search requests after enter = %+v, want one for cus_03 with no pause", got)
		}
		if s := searchOnTop(h); s.typing {
			t.Fatal("enter left the keys with the input, want the results")
		}
		// The pause that typing started runs out later: it must not ask again.
		waitDebounce(h)
		if n := len(uitest.SearchCalls(api)); n != 1 {
			t.Fatalf("%d search requests after the pause, want still 1", n)
		}
		// The results have the keys: j moves, it is not typed.
		h.Press("j")
		if got := uitest.SelectedLine(t, h.View()); !strings.Contains(got, "ds_0010") {
			t.Errorf("after j the selection is %q, want the second result (ds_0010)", got)
		}
	})
}

func TestSearchNeverAsksForResultsOnScreen(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		api := uitest.SearchingAPI(uitest.Corpus(100))
		h, _ := newListHost(t, api, common.Options{}, 120, 30)
		defer h.Close()

		h.Press("/")
		typeText(h, "cus_03")
		waitDebounce(h)
		if n := len(uitest.SearchCalls(api)); n != 1 {
			t.Fatalf("%d search requests, want 1", n)
		}
		// A trailing space is the same query; enter on it too.
		h.Press("space")
		waitDebounce(h)
		h.Press("enter")
		h.Press("/")
		h.Press("backspace") // the space
		h.Press("backspace")
		typeText(h, "3") // cus_03 again, typed
		waitDebounce(h)
		if n := len(uitest.SearchCalls(api)); n != 1 {
			t.Fatalf("%d search requests for results already on screen, want 1", n)
		}
	})
}

func TestSearchReturningToACachedQuerySendsNone(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		api := uitest.SearchingAPI(uitest.Corpus(200))
		h, _ := newListHost(t, api, common.Options{}, 120, 30)
		defer h.Close()

		h.Press("/")
		typeText(h, "cus_03")
		h.Press("enter")
		h.Press("j", "j") // a cursor the cache must keep
		before := ansi.Strip(h.View())

		h.Press("/")
		h.Press("backspace")
		typeText(h, "4")
		h.Press("enter")
		if got := uitest.SearchCalls(api); len(got) != 2 || got[1].Search != "cus_04" {
			t.Fatalf("search requests = %+v, want cus_03 then cus_04", got)
		}

		// Back to cus_03 in the same search...
		h.Press("/")
		h.Press("backspace")
		typeText(h, "3")
		waitDebounce(h)
		searchOnTop(h).focusResults()
		if n := len(uitest.SearchCalls(api)); n != 2 {
			t.Fatalf("%d search requests after returning to a cached query, want 2", n)
		}
		if got := ansi.Strip(h.View()); got != before {
			t.Errorf("the cached results differ from when they were left:\nbefore:\n%s\nnow:\n%s", before, got)
		}

		// ...and in a search opened afresh.
		h.Press("esc")
		h.Press("/")
		typeText(h, "cus_04")
		h.Press("enter")
		if n := len(uitest.SearchCalls(api)); n != 2 {
			t.Fatalf("%d search requests for a query cached in an earlier search, want 2", n)
		}
		if !strings.Contains(ansi.Strip(h.View()), "search:cus_04") {
			t.Errorf("the cached results are not shown:\n%s", ansi.Strip(h.View()))
		}
	})
}

func TestSearchCancelsASupersededRequest(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		api := uitest.SearchingAPI(uitest.Corpus(100))
		held := uitest.HoldLists(api, func(p client.ListParams) bool { return p.Search == "cus_0" })
		defer held.ReleaseAll()
		h, _ := newListHost(t, api, common.Options{}, 120, 30)
		defer h.Close()

		h.Press("/")
		typeText(h, "cus_0")
		waitDebounce(h) // cus_0 is asked for and held
		typeText(h, "5")
		waitDebounce(h)
		if got := held.CancelledCalls(); len(got) != 1 || got[0].Search != "cus_0" {
			t.Fatalf("cancelled requests = %+v, want the one for cus_0", got)
		}
		held.ReleaseAll() // its answer comes anyway
		h.Settle()
		view := ansi.Strip(h.View())
		if !strings.Contains(view, "search:cus_05") || strings.Contains(view, "cus_01 ") {
			t.Fatalf("the superseded answer shows:\n%s", view)
		}
		// Its list was never a result: going back to cus_0 asks again.
		h.Press("backspace")
		waitDebounce(h)
		if got := uitest.SearchCalls(api); len(got) != 3 || got[2].Search != "cus_0" {
			t.Fatalf("search requests = %+v, want cus_0 asked again", got)
		}
	})
}

func TestSearchEmptyQueryIsTheList(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		api := uitest.SearchingAPI(uitest.Corpus(100))
		h, _ := newListHost(t, api, common.Options{}, 120, 30)
		defer h.Close()
		h.Press("j", "j")
		before := h.View()

		h.Press("/")
		// Under the input, the list itself, title line aside (its footer
		// too: the host draws no status bar under it).
		view := strings.Split(ansi.Strip(h.View()), "\n")
		want := strings.Split(ansi.Strip(before), "\n")
		if !strings.HasPrefix(view[0], " / ") || !slices.Equal(view[1:], want[1:]) {
			t.Fatalf("the empty search does not show the list:\n%s", strings.Join(view, "\n"))
		}
		typeText(h, "x")
		h.Press("backspace")
		waitDebounce(h)
		h.Press("enter")
		if len(uitest.SearchCalls(api)) != 0 || h.View() != before {
			t.Fatalf("the empty query sent %d searches or changed the list:\n%s", len(uitest.SearchCalls(api)), ansi.Strip(h.View()))
		}
	})
}

func TestSearchTakesAPaste(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		api := uitest.SearchingAPI(uitest.Corpus(100))
		h, _ := newListHost(t, api, common.Options{}, 120, 30)
		defer h.Close()
		h.Press("/")
		h.Send(tea.PasteMsg{Content: "cus_0\x1b[31m4\n"})
		h.Settle()
		waitDebounce(h)
		if got := uitest.SearchCalls(api); len(got) != 1 || !strings.HasPrefix(got[0].Search, "cus_0") {
			t.Fatalf("search requests after a paste = %+v, want one for the pasted text", got)
		}
		if strings.ContainsRune(uitest.SearchCalls(api)[0].Search, 0x1b) {
			t.Errorf("the pasted escape reached the request: %q", uitest.SearchCalls(api)[0].Search)
		}
	})
}

func TestSearchEmptyResultsSuggestClearingFilters(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		api := uitest.SearchingAPI(uitest.Corpus(60))
		h, l := newListHost(t, api, common.Options{DefaultFilters: common.Filters{DatasetType: client.TypeInvoice}}, 120, 30)
		defer h.Close()
		h.Press("/")
		typeText(h, "ds_0001")
		h.Press("enter") // ds_0001 is a purchase order
		want := `no datasets match "ds_0001" with type:invoice · press x to clear filters`
		if view := ansi.Strip(h.View()); !strings.Contains(view, want) {
			t.Fatalf("empty results lack %q:\n%s", want, view)
		}
		h.Press("x")
		calls := uitest.SearchCalls(api)
		if last := calls[len(calls)-1]; last.DatasetType != "" || last.Search != "ds_0001" {
			t.Fatalf("after x the search asked %+v, want the query without filters", last)
		}
		if view := ansi.Strip(h.View()); !strings.Contains(view, "document-0001.pdf") || !strings.Contains(view, "all datasets") {
			t.Fatalf("after x the results lack the dataset:\n%s", view)
		}
		// The list the search started from keeps its filters.
		h.Press("esc")
		if l.filters.DatasetType != client.TypeInvoice {
			t.Errorf("the list's filters changed to %+v", l.filters)
		}
	})
}

func TestSearchRejectedShowsTheServersDetail(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		api := uitest.SearchingAPI(uitest.Corpus(20))
		inner := api.List
		api.List = func(ctx context.Context, p client.ListParams) (client.Page, error) {
			if p.Search != "" {
				return client.Page{}, &client.APIError{StatusCode: 400, Detail: "search: \x1b[31mquery too short\x1b[0m"}
			}
			return inner(ctx, p)
		}
		h, _ := newListHost(t, api, common.Options{}, 120, 30)
		defer h.Close()
		h.Press("/")
		typeText(h, "a")
		h.Press("enter")
		view := h.View()
		if strings.Contains(view, "\x1b[31mquery") {
			t.Fatalf("the server's detail reached the terminal unsanitized: %q", view)
		}
		// Nor does it reach the error line, which the root draws from the
		// errors reported.
		for _, e := range h.Errors {
			if line := common.DescribeError(e.Err) + " · " + e.Hint; strings.Contains(line, "\x1b") {
				t.Fatalf("the error line would draw the server's detail unsanitized: %q", line)
			}
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
			uitest.Run(t, func(t *testing.T) {
				api := uitest.SearchingAPI(uitest.Corpus(40))
				h, _ := newListHost(t, api, common.Options{Theme: theme}, 120, 30)
				defer h.Close()
				h.Press("/")
				typeText(h, "MENT-001")
				h.Press("enter") // the first result is selected; look at another
				var line string
				for _, l := range strings.Split(h.View(), "\n") {
					if strings.Contains(ansi.Strip(l), "document-0012.pdf") {
						line = l
					}
				}
				// The mark as the list draws it: the whole text matched.
				mark := common.HighlightMatches(h.C.Styles, "ment-001", "ment-001", nil)
				if mark == "ment-001" {
					t.Fatalf("the mark is not styled at all")
				}
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
		// matchSpans is common's; what the list sees of it is the marks
		// HighlightMatches draws where it says.
		st := styles.New(styles.ThemeDark, true, colorprofile.TrueColor)
		if got, want := common.HighlightMatches(st, tc.text, tc.query, nil), drawnWith(t, st, tc.text, tc.want); got != want {
			t.Errorf("%q in %q is marked as %q, want the marks at %v: %q", tc.query, tc.text, got, tc.want, want)
		}
	}
}

// drawnWith is text as HighlightMatches must draw it when query matches
// at spans: each span marked as a match alone is, the rest plain.
func drawnWith(t *testing.T, st *styles.Styles, text string, spans [][2]int) string {
	t.Helper()
	var b strings.Builder
	at := 0
	for _, sp := range spans {
		b.WriteString(text[at:sp[0]])
		match := text[sp[0]:sp[1]]
		mark := common.HighlightMatches(st, match, match, nil)
		if mark == match {
			t.Fatalf("%q is not marked as a match of itself", match)
		}
		b.WriteString(mark)
		at = sp[1]
	}
	b.WriteString(text[at:])
	return b.String()
}

func TestSearchCacheEvictsTheOldest(t *testing.T) {
	c := newSearchCache()
	key := func(i int) searchKey { return searchKey{query: strings.Repeat("q", i+1)} }
	for i := range searchCacheSize + 2 {
		c.Put(key(i), &listModel{})
	}
	if _, ok := c.Get(key(0)); ok {
		t.Error("the oldest search is still cached past the bound")
	}
	if _, ok := c.Get(key(2)); !ok {
		t.Fatal("a recent search was evicted")
	}
	c.Put(key(searchCacheSize+2), &listModel{}) // evicts key(3): key(2) was just used
	if _, ok := c.Get(key(2)); !ok {
		t.Error("a search used just now was evicted")
	}
	if len(c.lists) != searchCacheSize || len(c.order) != searchCacheSize {
		t.Errorf("%d lists, %d in order, want %d", len(c.lists), len(c.order), searchCacheSize)
	}
}

func TestSearchResultsPageLazily(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		api := uitest.SearchingAPI(uitest.Corpus(400))
		h, _ := newListHost(t, api, common.Options{PageSize: 50}, 120, 30)
		defer h.Close()

		h.Press("/")
		typeText(h, "document")
		h.Press("enter")
		if got := uitest.SearchCalls(api); len(got) != 1 || got[0].Cursor != "" {
			t.Fatalf("search requests after enter = %+v, want the first page only", got)
		}
		h.Press("G") // the end of the first page: the next one loads
		got := uitest.SearchCalls(api)
		if len(got) != 2 {
			t.Fatalf("%d search requests after G, want 2 (the second page)", len(got))
		}
		if next := got[1]; next.Search != "document" || next.Cursor != "50" || next.Limit != 50 {
			t.Fatalf("second page request %+v, want the query, cursor 50 and limit 50", next)
		}
		if view := ansi.Strip(h.View()); !strings.Contains(view, "100 loaded") {
			t.Errorf("the results do not say 100 loaded:\n%s", view)
		}
	})
}
