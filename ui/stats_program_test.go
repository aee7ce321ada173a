package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/styles"
	"github.com/dxdash/dxdash/ui/internal/uitest"
)

// The stats view in the whole program: opened from the list and from
// search results through the root, the datasets it opens, the help and
// the status bar. The view's own behaviour is tested in statsview; these
// read only the screen and the requests the API recorded.

const statsTitle = "dxdash · accuracy stats"

// openStatsScreen presses key (S or tab) and checks that the stats view is
// on screen.
func openStatsScreen(t *testing.T, h *harness, key string) string {
	t.Helper()
	h.press(key)
	view := ansi.Strip(h.view())
	if !strings.Contains(view, statsTitle) {
		t.Fatalf("%s did not open the stats view:\n%s", key, view)
	}
	return view
}

// statsStatusBar is the screen's last line: the status bar.
func statsStatusBar(view string) string {
	lines := strings.Split(ansi.Strip(view), "\n")
	return lines[len(lines)-1]
}

// typeKeys types text a key at a time.
func typeKeys(h *harness, text string) {
	for _, r := range text {
		h.press(string(r))
	}
}

func newStatsHarness(t *testing.T, opts common.Options, width, height int) *harness {
	t.Helper()
	return newHarness(t, uitest.NewAPI(uitest.StatsDatasets()), opts, width, height)
}

// TestStatsOverTheListFetchesOnce: S over the list fetches each verified,
// complete dataset once; opened again with tab, everything comes from the
// cache the root keeps.
func TestStatsOverTheListFetchesOnce(t *testing.T) {
	run(t, func(t *testing.T) {
		h := newStatsHarness(t, common.Options{Theme: styles.ThemeMono}, 120, 40)
		defer h.close()
		view := openStatsScreen(t, h, "S")
		gets := h.api.GetCalls()
		slices.Sort(gets)
		if !slices.Equal(gets, []string{"ds_s0", "ds_s1", "ds_s2"}) {
			t.Errorf("fetched %v, want the three verified, complete datasets once each", gets)
		}
		for _, want := range []string{"details 3 of 3", "3 verified datasets · 8 fields", "[1 per field]"} {
			if !strings.Contains(view, want) {
				t.Errorf("screen lacks %q:\n%s", want, view)
			}
		}
		h.press("esc")
		if view := ansi.Strip(h.view()); strings.Contains(view, statsTitle) || !strings.Contains(view, "all 4") {
			t.Fatalf("esc did not go back to the list:\n%s", view)
		}
		view = openStatsScreen(t, h, "tab")
		if n := len(h.api.GetCalls()); n != 3 || !strings.Contains(view, "details 3 of 3") {
			t.Errorf("reopening made %d requests in all, want the 3 of the first time:\n%s", n, view)
		}
	})
}

// TestStatsOpensTheDatasetAtTheField: enter in the drill-down and in the
// confidently wrong table opens the dataset's detail at the field; esc
// comes back to the stats view as it was left.
func TestStatsOpensTheDatasetAtTheField(t *testing.T) {
	run(t, func(t *testing.T) {
		h := newStatsHarness(t, common.Options{Theme: styles.ThemeMono}, 120, 40)
		defer h.close()
		openStatsScreen(t, h, "S")
		h.press("down", "down", "enter") // total: failed in ds_s2 (0.97) and ds_s0 (0.92)
		if view := ansi.Strip(h.view()); !strings.Contains(view, "total failed in 2 fields") {
			t.Fatalf("no drill-down on total:\n%s", view)
		}
		h.press("down", "enter")
		view := ansi.Strip(h.view())
		if strings.Contains(view, statsTitle) || !strings.Contains(view, "ds_s0-scan.pdf  ds_s0") {
			t.Fatalf("enter did not open the detail of ds_s0:\n%s", view)
		}
		if line := uitest.SelectedLine(t, h.view()); !strings.Contains(line, "total") {
			t.Errorf("detail opened at %q, want total", line)
		}
		h.press("esc")
		if view := ansi.Strip(h.view()); !strings.Contains(view, "total failed in 2 fields") || !strings.Contains(uitest.SelectedLine(t, h.view()), "ds_s0") {
			t.Errorf("esc did not come back to the drill-down at ds_s0:\n%s", view)
		}
		h.press("esc") // out of the drill-down, at total
		view = ansi.Strip(h.view())
		if strings.Contains(view, "failed in") || !strings.Contains(view, "[1 per field]") || !strings.HasPrefix(uitest.SelectedLine(t, h.view()), common.GlyphSelected+"total ") {
			t.Errorf("esc did not go back to the per-field table at total:\n%s", view)
		}

		h.press("5", "enter")
		view = ansi.Strip(h.view())
		if strings.Contains(view, statsTitle) || !strings.Contains(view, "ds_s2-scan.pdf  ds_s2") {
			t.Fatalf("enter did not open ds_s2 (confidence 0.97, the highest):\n%s", view)
		}
		if line := uitest.SelectedLine(t, h.view()); !strings.Contains(line, "total") {
			t.Errorf("selected %q, want total", line)
		}
		if gets := h.api.GetCalls(); len(gets) != 3 {
			t.Errorf("requests %v: the details opened should have come from the cache", gets)
		}
	})
}

// TestStatsLoadsTheListsNextPage: L in the stats view asks the list
// beneath for its next page, and the stats take in its rows.
func TestStatsLoadsTheListsNextPage(t *testing.T) {
	run(t, func(t *testing.T) {
		data := append(uitest.StatsDatasets(), uitest.Corpus(150)...)
		h := newHarness(t, uitest.NewAPI(data), common.Options{Theme: styles.ThemeMono, PageSize: 50}, 120, 40)
		defer h.close()
		view := openStatsScreen(t, h, "S")
		// The corpus rows are verified and complete too (list items only,
		// without scores): fetched, but not in the figures.
		if !strings.Contains(view, "details 49 of 49") || !strings.Contains(view, "list: 50 loaded, more on the server · L loads the next page") {
			t.Fatalf("progress line:\n%s", view)
		}
		before := len(h.api.ListCalls())
		h.press("L")
		if n := len(h.api.ListCalls()) - before; n != 1 {
			t.Fatalf("L made %d list requests, want 1", n)
		}
		view = ansi.Strip(h.view())
		if !strings.Contains(view, "details 99 of 99") || !strings.Contains(view, "list: 100 loaded") || !strings.Contains(view, "3 verified datasets · 8 fields") {
			t.Errorf("after L:\n%s", view)
		}
	})
}

// TestReviewCrossesToTheNextDataset walks the list newest first: ds_s1
// (note ✗, invoice_number ✗), ds_s3 (unverified, nothing to review), ds_s2
// (total ✗), ds_s0. Crossing replaces the detail rather than stacking
// another: after two crossings one esc is back at the list.
func TestReviewCrossesToTheNextDataset(t *testing.T) {
	run(t, func(t *testing.T) {
		h := newStatsHarness(t, common.Options{Theme: styles.ThemeMono}, 120, 40)
		defer h.close()
		h.press("enter")
		view := ansi.Strip(h.view())
		if !strings.Contains(view, "ds_s1-scan.pdf  ds_s1") || !strings.Contains(view, "field 1 of 3") {
			t.Fatalf("enter did not open ds_s1 at its first row:\n%s", view)
		}
		first := uitest.SelectedLine(t, h.view())
		h.press("n") // note → invoice_number, within ds_s1
		view = ansi.Strip(h.view())
		if second := uitest.SelectedLine(t, h.view()); !strings.Contains(view, "ds_s1-scan.pdf  ds_s1") || !strings.Contains(view, "field 2 of 3") || second == first {
			t.Fatalf("first n left ds_s1 or did not move (from %q to %q):\n%s", first, second, view)
		}
		h.press("n") // past the last problem: ds_s3 has none, so ds_s2
		view = ansi.Strip(h.view())
		if !strings.Contains(view, "ds_s2-scan.pdf  ds_s2") {
			t.Fatalf("after n past the last problem the screen is not the detail of ds_s2:\n%s", view)
		}
		if line := uitest.SelectedLine(t, h.view()); !strings.Contains(line, "total") {
			t.Errorf("landed on %q, want total, the first field to review", line)
		}
		if !strings.Contains(view, "next dataset · passed 1 with nothing to review") {
			t.Errorf("screen after crossing:\n%s", view)
		}
		h.press("N") // back past ds_s3 to ds_s1's last field to review
		view = ansi.Strip(h.view())
		if !strings.Contains(view, "ds_s1-scan.pdf  ds_s1") {
			t.Fatalf("N did not go to ds_s1:\n%s", view)
		}
		if line := uitest.SelectedLine(t, h.view()); !strings.Contains(line, "invoice_number") {
			t.Errorf("N landed on %q, want invoice_number, the last field to review", line)
		}
		h.press("esc")
		if view := ansi.Strip(h.view()); !strings.Contains(view, "dxdash · dataextractor") || !strings.Contains(view, "all 4") {
			t.Errorf("esc after crossing did not go to the list (crossing stacked views?):\n%s", view)
		}
	})
}

// TestStatsThresholdInputHasTheKeys: the status bar hints the what-if's
// threshold keys, and while the threshold is typed the root passes every
// key on: q does not quit, 5 and g change no table.
func TestStatsThresholdInputHasTheKeys(t *testing.T) {
	run(t, func(t *testing.T) {
		h := newStatsHarness(t, common.Options{Theme: styles.ThemeMono}, 120, 40)
		defer h.close()
		openStatsScreen(t, h, "S")
		h.press("4")
		if bar := statsStatusBar(h.view()); !strings.Contains(bar, "t type threshold") {
			t.Errorf("the what-if's status hints lack t: %q", bar)
		}
		h.press("t")
		view := ansi.Strip(h.view())
		if bar := statsStatusBar(h.view()); !strings.Contains(view, "threshold 0.90") || !strings.Contains(bar, "enter apply") || !strings.Contains(bar, "esc cancel") {
			t.Fatalf("t did not open the input with the threshold now and its keys:\n%s", view)
		}
		typeKeys(h, "abc")
		h.press("q", "5", "g", "enter")
		view = ansi.Strip(h.view())
		if h.quit {
			t.Fatalf("q in the threshold input quit")
		}
		if !strings.Contains(view, "[4 what-if]") || !strings.Contains(view, "threshold abcq5g") || !strings.Contains(view, "not a threshold: type 0.73, 73 or 73%") {
			t.Errorf("the keys did not reach the input as text, or the refusal is not on screen:\n%s", view)
		}
		h.press("esc")
		view = ansi.Strip(h.view())
		if !strings.Contains(view, statsTitle) || !strings.Contains(view, "threshold kept at 0.90") {
			t.Errorf("esc in the input did not just close it:\n%s", view)
		}
	})
}

func TestStatsHelpListsTheThresholdKeys(t *testing.T) {
	run(t, func(t *testing.T) {
		h := newStatsHarness(t, common.Options{Theme: styles.ThemeMono}, 120, 40)
		defer h.close()
		openStatsScreen(t, h, "S")
		h.press("?")
		view := ansi.Strip(h.view())
		for _, want := range []string{"type threshold", "threshold +0.05", "threshold −0.05"} {
			if !strings.Contains(view, want) {
				t.Errorf("? help lacks %q:\n%s", want, view)
			}
		}
	})
}

// TestStatsOpensOverSearchResults: S or tab over the search's results
// analyses those results (its title names the search, it fetches only
// theirs), and esc goes back to them as they were, not to the query.
func TestStatsOpensOverSearchResults(t *testing.T) {
	for _, k := range []string{"S", "tab"} {
		t.Run(k, func(t *testing.T) {
			run(t, func(t *testing.T) {
				api := uitest.SearchingAPI(uitest.StatsDatasets())
				h := newHarness(t, api, common.Options{Theme: styles.ThemeMono}, 120, 40)
				defer h.close()
				h.press("/")
				typeKeys(h, "cus_a")
				h.press("enter")
				results := ansi.Strip(h.view())
				lists := len(api.ListCalls())
				view := openStatsScreen(t, h, k)
				gets := api.GetCalls()
				slices.Sort(gets)
				if !slices.Equal(gets, []string{"ds_s0", "ds_s1"}) {
					t.Errorf("fetched %v, want only cus_a's two verified datasets", gets)
				}
				for _, want := range []string{"search:cus_a", "2 verified datasets · 6 fields", "details 2 of 2"} {
					if !strings.Contains(view, want) {
						t.Errorf("screen lacks %q:\n%s", want, view)
					}
				}
				h.press("esc")
				view = ansi.Strip(h.view())
				// The datasets the stats fetched have their checks known now.
				if uitest.MaskChecks(view) != uitest.MaskChecks(results) || !strings.Contains(statsStatusBar(view), "/ edit query") {
					t.Errorf("esc did not go back to the search's results:\n%s\nwant:\n%s", view, results)
				}
				if n := len(api.ListCalls()); n != lists {
					t.Errorf("esc made %d list requests: the results should be the ones shown before", n-lists)
				}
			})
		})
	}
}

// TestStatsFitsSmallScreens draws every table, the drill-down and the
// threshold input at 80x24 and at the smallest screen, 60x10: every line
// fits the width, the screen is exactly its height, and the line that
// matters (the selection, or the input) is on it. At 80 columns the text
// columns narrow so that the last column (last) is still on screen.
func TestStatsFitsSmallScreens(t *testing.T) {
	states := []struct {
		name       string
		keys       []string
		want, last string // on screen; last at 80 columns only
	}{
		{"per field", nil, common.GlyphSelected, "SPURIOUS  CONF  CONF ✗"},
		{"failures", []string{"down", "down", "enter"}, "failed in", "CONF"},
		// The optional EXACT and SPURIOUS columns make room for the rest.
		{"by customer", []string{"2"}, common.GlyphSelected, "CONF ✗  WEEK"},
		{"by type", []string{"2", "g"}, common.GlyphSelected, "CONF ✗  WEEK"},
		{"calibration", []string{"3"}, common.GlyphSelected, "GAP"},
		{"calibration per field", []string{"3", "g"}, common.GlyphSelected, "BRIER"},
		{"what-if", []string{"4"}, common.GlyphSelected, "TO REVIEW"},
		{"threshold input", []string{"4", "t", "7"}, "threshold 7", ""},
		{"threshold refused", []string{"4", "t", "x", "enter"}, "not a threshold", ""},
		{"confidently wrong", []string{"5"}, common.GlyphSelected, "SCORE"},
	}
	for _, size := range [][2]int{{80, 24}, {60, 10}} {
		for _, st := range states {
			t.Run(fmt.Sprintf("%dx%d/%s", size[0], size[1], st.name), func(t *testing.T) {
				run(t, func(t *testing.T) {
					h := newStatsHarness(t, common.Options{Theme: styles.ThemeDark}, size[0], size[1])
					defer h.close()
					openStatsScreen(t, h, "S")
					h.press(st.keys...)
					view := h.view()
					lines := strings.Split(view, "\n")
					if len(lines) != size[1] {
						t.Errorf("%d lines, want %d", len(lines), size[1])
					}
					for i, line := range lines {
						if w := ansi.StringWidth(line); w > size[0] {
							t.Errorf("line %d is %d wide, over %d: %q", i, w, size[0], ansi.Strip(line))
						}
					}
					plain := ansi.Strip(view)
					if !strings.Contains(plain, st.want) {
						t.Errorf("screen lacks %q:\n%s", st.want, plain)
					}
					if size[0] == 80 && !strings.Contains(plain, st.last) {
						t.Errorf("the last column %q is cut off at 80 columns:\n%s", st.last, plain)
					}
				})
			})
		}
	}
}
