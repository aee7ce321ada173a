package list

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/styles"
	"github.com/dxdash/dxdash/ui/internal/uitest"
)

func TestFuzzyScoreRanks(t *testing.T) {
	score := func(hay, pattern string) int {
		t.Helper()
		s, ok := fuzzyScore([]byte(hay), newQuickPattern(pattern))
		if !ok {
			t.Fatalf("%q does not match %q", pattern, hay)
		}
		return s
	}
	for _, tc := range []struct {
		name        string
		hayA, patA  string
		hayB, patB  string
		aRanksAbove bool
	}{
		{"contiguous over scattered", "northwind-invoice.pdf", "invoice", "i-n-v-o-i-c-e.pdf", "invoice", true},
		{"long contiguous over long scattered", "xinvoice-2026-0412x", "invoice-2026-0412", "i_n_v_o_i_c_e_-_2_0_2_6_-_0_4_1_2", "invoice-2026-0412", true},
		{"field start over word start", "acme-po.pdf\tds_1\tcus_x", "acme", "po-acme.pdf\tds_1\tcus_x", "acme", true},
		{"word start over inside a word", "po-acme.pdf", "acme", "poacme.pdf", "acme", true},
		{"customer field start counts", "a.pdf\tds_1\tcus_acme", "cus_a", "a.pdf\tds_1\txcus_acme", "cus_a", true},
		{"adjacent scattered over spread", "xabyd", "abd", "xaybyd", "abd", true},
	} {
		a, b := score(tc.hayA, tc.patA), score(tc.hayB, tc.patB)
		if (a > b) != tc.aRanksAbove {
			t.Errorf("%s: %q in %q scores %d, %q in %q scores %d", tc.name, tc.patA, tc.hayA, a, tc.patB, tc.hayB, b)
		}
	}
	for _, tc := range []struct {
		hay, pattern string
		match        bool
	}{
		{"northwind", "NWD", true}, // case-insensitive: the haystack is lower-cased, the pattern is too
		{"northwind", "dn", false}, // order matters
		{"café-été", "éé", true},
		{"cafe\u0301", "é", false}, // é is one rune; e and a combining accent are two
		{"abc", "", true},
		{"", "a", false},
	} {
		if _, ok := fuzzyScore([]byte(tc.hay), newQuickPattern(tc.pattern)); ok != tc.match {
			t.Errorf("fuzzyScore(%q, %q) matched = %v, want %v", tc.hay, tc.pattern, ok, tc.match)
		}
	}
}

// filteredStore is a store of n corpus rows.
func filteredStore(n int) *rowStore {
	s := newRowStore()
	s.upsert(uitest.Corpus(n))
	return &s
}

func TestQuickFilterNarrowingEqualsAFreshFilter(t *testing.T) {
	store := filteredStore(1000)
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := "document-0123456789_cus.pdf"
	for range 100 {
		var incremental quickMatcher
		pattern := ""
		for range 1 + rng.IntN(8) {
			pattern += string(alphabet[rng.IntN(len(alphabet))])
			got := slices.Clone(incremental.filter(store, pattern))
			var fresh quickMatcher
			want := fresh.filter(store, pattern)
			if !slices.Equal(got, want) {
				t.Fatalf("narrowing to %q gave %d matches, a fresh filter %d", pattern, len(got), len(want))
			}
		}
	}
}

func TestQuickFilterRanksBestFirstThenInOrder(t *testing.T) {
	store := filteredStore(300)
	var m quickMatcher
	got := m.filter(store, "cus_03")
	// cus_03 whole, at the start of the customer field, ranks first; the
	// scattered matches (c, u in "document", s in "ds_", …) come after.
	var want []int32
	for pos := range store.len() {
		if store.at(pos).Customer == "cus_03" {
			want = append(want, int32(pos))
		}
	}
	if len(got) <= len(want) || !slices.Equal(got[:len(want)], want) {
		t.Fatalf("the first matches are not the cus_03 rows in display order: %v…", got[:min(len(got), len(want))])
	}
	prev := int32(-1)
	for _, pos := range got[len(want):] {
		if r := store.at(int(pos)); r.Customer == "cus_03" {
			t.Fatalf("%s of cus_03 ranks among the scattered matches", r.ID)
		}
		if pos < prev {
			t.Fatalf("scattered matches out of display order: %d after %d", pos, prev)
		}
		prev = pos
	}
}

// matchedIDs are the ids of the matches, best first.
func matchedIDs(store *rowStore, matches []int32) []string {
	ids := make([]string, len(matches))
	for i, pos := range matches {
		ids[i] = store.at(int(pos)).ID
	}
	return ids
}

func TestQuickFilterFollowsRowChanges(t *testing.T) {
	store := filteredStore(100)
	var m quickMatcher
	if ids := matchedIDs(store, m.filter(store, "document-015")); slices.Contains(ids, "ds_0150") {
		t.Fatal("ds_0150 matched before it was loaded")
	}
	store.upsert(uitest.Corpus(200)[100:])
	ids := matchedIDs(store, m.filter(store, "document-015"))
	if len(ids) < 10 || !slices.Equal(ids[:2], []string{"ds_0150", "ds_0151"}) {
		t.Fatalf("after more rows the best matches are %q, want ds_0150, ds_0151, …", ids[:min(len(ids), 2)])
	}
	renamed := uitest.Corpus(1)[0]
	renamed.DocumentName = "renamed.pdf"
	store.update(renamed)
	if ids := matchedIDs(store, m.filter(store, "renamed")); !slices.Equal(ids, []string{"ds_0000"}) {
		t.Fatalf("matches for a renamed row: %q", ids)
	}
	store.reset()
	store.upsert(uitest.Corpus(5))
	if n := len(m.filter(store, "")); n != 5 {
		t.Fatalf("%d rows after a reload, want 5", n)
	}
}

func TestQuickFilterSendsNoRequestAndEscRestores(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		api := uitest.NewAPI(uitest.Corpus(500))
		h, _ := newListHost(t, api, common.Options{}, 120, 30)
		defer h.Close()
		h.Press("j", "j", "j")
		before, lists := h.View(), len(api.ListCalls())

		h.Press("ctrl+f")
		typeText(h, "doc09")
		view := ansi.Strip(h.View())
		for _, want := range []string{"filter doc09", "of 50 loaded rows", "document-0009.pdf", "document-0049.pdf"} {
			if !strings.Contains(view, want) {
				t.Errorf("the quick filter lacks %q:\n%s", want, view)
			}
		}
		if strings.Contains(view, "document-0001.pdf") {
			t.Errorf("a row without 0 then 9 is shown:\n%s", view)
		}
		// The contiguous match ranks first: document-0009 has "09" together.
		if got := uitest.SelectedLine(t, h.View()); !strings.Contains(got, "document-0009.pdf") {
			t.Errorf("the best match is not first and selected: %q", got)
		}
		// esc clears the filter and keeps the row selected in it: the list
		// comes back with document-0009 selected, its rows as they were.
		h.Press("esc")
		if got := uitest.SelectedLine(t, h.View()); !strings.Contains(got, "document-0009.pdf") {
			t.Errorf("esc did not keep the selected row: %q", got)
		}
		h.Press("k", "k", "k", "k", "k", "k") // back to the fourth row, where the list was
		if got := h.View(); got != before {
			t.Errorf("the list's rows changed under the quick filter:\n%s", ansi.Strip(got))
		}
		if n := len(api.ListCalls()); n != lists {
			t.Errorf("%d list requests, want %d: the quick filter asks nothing", n, lists)
		}
	})
}

func TestQuickFilterTakesRowsArrivingMeanwhile(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		api := uitest.NewAPI(uitest.Corpus(200))
		g := newGate("50")
		api.List = g.wrap(api)
		h, _ := newListHost(t, api, common.Options{}, 120, 30)
		defer h.Close()
		h.Press("G") // page 2 is asked for, and held
		h.Press("ctrl+f")
		typeText(h, "document-006")
		q := h.Top().(*quickFilterModel)
		if ids := matchedIDs(q.src.rows(), q.matches); slices.Contains(ids, "ds_0060") {
			t.Fatal("ds_0060 matched before page 2")
		}
		g.release("50")
		h.Settle()
		if ids := matchedIDs(q.src.rows(), q.matches); len(ids) < 10 || ids[0] != "ds_0060" || ids[9] != "ds_0069" {
			t.Fatalf("after page 2 the best matches are %q, want ds_0060…ds_0069", ids[:min(len(ids), 10)])
		}
	})
}

func TestQuickFilterOverSearchResults(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		api := uitest.SearchingAPI(uitest.Corpus(300))
		h, _ := newListHost(t, api, common.Options{}, 120, 30)
		defer h.Close()
		h.Press("/")
		typeText(h, "cus_02")
		h.Press("enter")
		h.Press("ctrl+f")
		typeText(h, "0044")
		view := ansi.Strip(h.View())
		if !strings.Contains(view, "document-0044.pdf") || !strings.Contains(view, "1 of") {
			t.Fatalf("the quick filter over the results:\n%s", view)
		}
		h.Press("esc")
		if _, ok := h.Top().(*searchModel); !ok {
			t.Fatalf("esc went to %T, want the search results", h.Top())
		}
	})
}

func TestQuickFilterFitsEverySize(t *testing.T) {
	for _, size := range [][2]int{{120, 30}, {80, 24}, {60, 10}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			uitest.Run(t, func(t *testing.T) {
				api := uitest.NewAPI(uitest.Corpus(100))
				h, _ := newListHost(t, api, common.Options{}, size[0], size[1])
				defer h.Close()
				// The quick filter has the screen but the status bar's line.
				h.Press("ctrl+f")
				assertFits(t, h.View(), size[0], size[1]-1)
				typeText(h, "zzz")
				assertFits(t, h.View(), size[0], size[1]-1)
				if !strings.Contains(ansi.Strip(h.View()), `no loaded row matches "zzz"`) {
					t.Errorf("no word on an empty result:\n%s", ansi.Strip(h.View()))
				}
			})
		})
	}
}

// The quick filter matches the type and status words the list shows, and
// marks the characters it matched.
func TestQuickFilterMatchesTypeAndStatusAndMarksTheMatch(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		data := uitest.Corpus(30)
		data[4].Status = client.StatusProcessing
		api := uitest.NewAPI(data)
		h, _ := newListHost(t, api, common.Options{}, 120, 30)
		defer h.Close()
		h.Press("ctrl+f")
		typeText(h, "receipt")
		view := ansi.Strip(h.View())
		if !strings.Contains(view, "10 of 30 loaded rows") || strings.Contains(view, "invoice ") {
			t.Fatalf("receipt should match the 10 receipts only:\n%s", view)
		}
		for range len("receipt") {
			h.Press("backspace")
		}
		typeText(h, "processing")
		if view := ansi.Strip(h.View()); !strings.Contains(view, "1 of 30 loaded rows") || !strings.Contains(view, "ds_0004") {
			t.Fatalf("processing should match ds_0004 alone:\n%s", view)
		}
	})
}

func TestFuzzyMarksFollowThePattern(t *testing.T) {
	r := common.Row{Name: "acme-po-77.pdf", IDText: "ds_0001", Customer: "cus_acme", DocType: "receipt", Status: "complete"}
	marks := fuzzyMarks(&r, "a77 ds1")
	// Greedy, left to right: the d is the one in ".pdf", so only s and 1
	// remain for the id.
	want := map[column][]int{colDocument: {0, 8, 9, 12}, colID: {1, 6}}
	if !reflect.DeepEqual(marks, want) {
		t.Fatalf("marks %v, want %v", marks, want)
	}
	st := styles.New(styles.ThemeDark, true, colorprofile.TrueColor)
	styled := common.MarkRunes(st, "acme", []int{0, 2}, nil)
	if ansi.Strip(styled) != "acme" || styled == "acme" {
		t.Fatalf("MarkRunes %q: the text must read the same, marked", styled)
	}
}
