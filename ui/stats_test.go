package ui

import (
	"encoding/csv"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func openStats(t *testing.T, h *harness) *statsModel {
	t.Helper()
	h.press("S")
	s, ok := h.app.top().(*statsModel)
	if !ok {
		t.Fatalf("S opened %T, want the stats view", h.app.top())
	}
	return s
}

func TestStatsFetchesEveryVerifiedCompleteDatasetOnce(t *testing.T) {
	run(t, func(t *testing.T) {
		h := newHarness(t, newStub(statsDatasets()), Options{Theme: ThemeMono}, 120, 40)
		defer h.close()
		s := openStats(t, h)
		gets := h.api.getCalls()
		slices.Sort(gets)
		if !slices.Equal(gets, []string{"ds_s0", "ds_s1", "ds_s2"}) {
			t.Errorf("fetched %v, want the three verified, complete datasets once each", gets)
		}
		view := ansi.Strip(h.view())
		for _, want := range []string{"details 3 of 3", "3 verified datasets · 8 fields", "[1 per field]"} {
			if !strings.Contains(view, want) {
				t.Errorf("screen lacks %q:\n%s", want, view)
			}
		}
		// Worst first: due_date and note score 0, then total (1/3).
		if got := s.report.Fields[0].Field + "," + s.report.Fields[1].Field + "," + s.report.Fields[2].Field; got != "due_date,note,total" {
			t.Errorf("field order = %s", got)
		}

		// Opened again, everything comes from the cache.
		h.press("esc", "tab")
		if n := len(h.api.getCalls()); n != 3 {
			t.Errorf("reopening made %d requests in all, want the 3 of the first time", n)
		}
	})
}

func TestStatsDrillsIntoAFieldAndOpensTheDatasetAtIt(t *testing.T) {
	run(t, func(t *testing.T) {
		h := newHarness(t, newStub(statsDatasets()), Options{Theme: ThemeMono}, 120, 40)
		defer h.close()
		openStats(t, h)
		h.press("down", "down", "enter") // total: failed in ds_s2 (0.97) and ds_s0 (0.92)
		view := ansi.Strip(h.view())
		if !strings.Contains(view, "total failed in 2 fields") {
			t.Fatalf("no drill-down on total:\n%s", view)
		}
		if strings.Index(view, "ds_s2") > strings.Index(view, "ds_s0") {
			t.Errorf("failures not worst first (equal scores: higher confidence first):\n%s", view)
		}
		h.press("down", "enter")
		d, ok := h.app.top().(*detailModel)
		if !ok || d.datasetID != "ds_s0" {
			t.Fatalf("enter opened %T, want the detail of ds_s0", h.app.top())
		}
		i, _ := d.fieldRows.selected()
		if key := d.rv.fields[i].key; key != "total" {
			t.Errorf("detail opened at %q, want total", key)
		}
		h.press("esc", "esc") // back to the stats view, then out of the drill-down
		if s := h.app.top().(*statsModel); s.drill != nil || s.cursor != 2 {
			t.Errorf("esc left drill %v, cursor %d; want the per-field table at total", s.drill, s.cursor)
		}
	})
}

func TestStatsConfidentlyWrongOpensAtTheField(t *testing.T) {
	run(t, func(t *testing.T) {
		h := newHarness(t, newStub(statsDatasets()), Options{Theme: ThemeMono}, 120, 40)
		defer h.close()
		openStats(t, h)
		h.press("5", "enter")
		d, ok := h.app.top().(*detailModel)
		if !ok || d.datasetID != "ds_s2" {
			t.Fatalf("enter opened %T, want ds_s2 (confidence 0.97, the highest)", h.app.top())
		}
		i, _ := d.fieldRows.selected()
		if d.rv.fields[i].key != "total" {
			t.Errorf("selected %q, want total", d.rv.fields[i].key)
		}
	})
}

func TestStatsModesGroupingAndThreshold(t *testing.T) {
	run(t, func(t *testing.T) {
		h := newHarness(t, newStub(statsDatasets()), Options{Theme: ThemeMono}, 120, 40)
		defer h.close()
		s := openStats(t, h)
		h.press("right")
		if s.mode != modeGroups || !strings.Contains(ansi.Strip(h.view()), "CUSTOMER") {
			t.Fatalf("→ did not show the grouped table:\n%s", ansi.Strip(h.view()))
		}
		h.press("g")
		if !strings.Contains(ansi.Strip(h.view()), "TYPE") {
			t.Errorf("g did not group by type")
		}
		h.press("4")
		// ≥ 0.90: 0.95 ✓, 0.92 ✗, 0.99 ✓, 0.97 ✗ of the 8 fields with a confidence.
		if s.threshold != 0.9 || s.report.WhatIf.Accepted != 4 || s.report.WhatIf.Errors != 2 {
			t.Fatalf("what-if at %v: %+v, want 4 accepted, 2 of them wrong", s.threshold, s.report.WhatIf)
		}
		h.press("-", "-", "-")
		// ≥ 0.75 adds total of ds_s1 (0.75 ✓).
		if s.threshold != 0.75 || s.report.WhatIf.Accepted != 5 || !strings.Contains(ansi.Strip(h.view()), "accepted 62.5% (5 of 8) · residual error 40.0% (2) · to review 3") {
			t.Errorf("at %v: %+v\n%s", s.threshold, s.report.WhatIf, ansi.Strip(h.view()))
		}
		for range 30 {
			h.press("+")
		}
		if s.threshold != 1 {
			t.Errorf("threshold ran past 1: %v", s.threshold)
		}
	})
}

func TestStatsExportWritesTheTableOnScreen(t *testing.T) {
	dir := t.TempDir()
	run(t, func(t *testing.T) {
		h := newHarness(t, newStub(statsDatasets()), Options{Theme: ThemeMono}, 120, 40)
		defer h.close()
		s := openStats(t, h)
		s.exportDir = dir
		h.press("e")
		if !strings.Contains(s.flash, "wrote 4 rows to "+dir) {
			t.Fatalf("flash = %q", s.flash)
		}
	})
	files, _ := os.ReadDir(dir)
	if len(files) != 1 || !strings.HasPrefix(files[0].Name(), "dxdash-stats-per-field-") || !strings.HasSuffix(files[0].Name(), ".csv") {
		t.Fatalf("files = %v", files)
	}
	f, err := os.Open(dir + "/" + files[0].Name())
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(records) != 5 || records[0][0] != "FIELD" || records[1][0] != "due_date" || records[3][0] != "total" || records[3][2] != "33.3%" {
		t.Errorf("records = %q", records)
	}
}

func TestStatsLoadsTheNextListPage(t *testing.T) {
	run(t, func(t *testing.T) {
		data := append(statsDatasets(), corpus(150)...)
		h := newHarness(t, newStub(data), Options{Theme: ThemeMono, PageSize: 50}, 120, 40)
		defer h.close()
		s := openStats(t, h)
		view := ansi.Strip(h.view())
		// The corpus rows are verified and complete too (list items only,
		// without scores): fetched, but not in the figures.
		if !strings.Contains(view, "details 49 of 49") || !strings.Contains(view, "list: 50 loaded, more on the server · L loads the next page") {
			t.Fatalf("progress line:\n%s", view)
		}
		before := len(h.api.listCalls())
		h.press("L")
		if n := len(h.api.listCalls()) - before; n != 1 {
			t.Fatalf("L made %d list requests, want 1", n)
		}
		view = ansi.Strip(h.view())
		if !strings.Contains(view, "details 99 of 99") || !strings.Contains(view, "list: 100 loaded") || s.report.Datasets != 3 {
			t.Errorf("after L (report of %d datasets):\n%s", s.report.Datasets, view)
		}
	})
}

// TestReviewCrossesToTheNextDataset walks the list newest first: ds_s1
// (note ✗, invoice_number ✗), ds_s3 (unverified, nothing to review), ds_s2
// (total ✗), ds_s0.
func TestReviewCrossesToTheNextDataset(t *testing.T) {
	run(t, func(t *testing.T) {
		h := newHarness(t, newStub(statsDatasets()), Options{Theme: ThemeMono}, 120, 40)
		defer h.close()
		h.press("enter")
		first := h.app.top().(*detailModel)
		if first.datasetID != "ds_s1" || first.fieldRows.cursor != 0 {
			t.Fatalf("opened %s at %d, want ds_s1 at its first row", first.datasetID, first.fieldRows.cursor)
		}
		h.press("n") // note → invoice_number, within ds_s1
		if top := h.app.top().(*detailModel); top != first || first.fieldRows.cursor != 1 {
			t.Fatalf("first n left ds_s1 or did not move (cursor %d)", first.fieldRows.cursor)
		}
		h.press("n") // past the last problem: ds_s3 has none, so ds_s2
		next, ok := h.app.top().(*detailModel)
		if !ok || next.datasetID != "ds_s2" {
			t.Fatalf("after n past the last problem the top is %T, want the detail of ds_s2", h.app.top())
		}
		if len(h.app.stack) != 2 {
			t.Errorf("crossing stacked views: %d on the stack, want the list and one detail", len(h.app.stack))
		}
		i, _ := next.fieldRows.selected()
		if next.rv.fields[i].key != "total" {
			t.Errorf("landed on %q, want total, the first field to review", next.rv.fields[i].key)
		}
		view := ansi.Strip(h.view())
		if !strings.Contains(view, "ds_s2") || !strings.Contains(view, "next dataset · passed 1 with nothing to review") {
			t.Errorf("screen after crossing:\n%s", view)
		}
		h.press("N") // back past ds_s3 to ds_s1's last field to review
		back := h.app.top().(*detailModel)
		if back.datasetID != "ds_s1" {
			t.Fatalf("N went to %s, want ds_s1", back.datasetID)
		}
		j, _ := back.fieldRows.selected()
		if back.rv.fields[j].key != "invoice_number" {
			t.Errorf("N landed on %q, want invoice_number, the last field to review", back.rv.fields[j].key)
		}
		h.press("esc")
		if _, ok := h.app.top().(*listModel); !ok {
			t.Errorf("esc after crossing went to %T, want the list", h.app.top())
		}
	})
}

func TestParseThreshold(t *testing.T) {
	for _, c := range []struct {
		in   string
		want float64
		err  error
	}{
		{"0.73", 0.73, nil},
		{".73", 0.73, nil},
		{"73", 0.73, nil},
		{"73%", 0.73, nil},
		{"73 %", 0.73, nil},
		{"1", 1, nil},
		{"100", 1, nil},
		{"0", 0, nil},
		{"5%", 0.05, nil},
		{"0.735", 0.74, nil}, // to the hundredth on screen
		{"101", 0, errOverOne},
		{"1.5%", 0.02, nil},
		{"abc", 0, errNotAThreshold},
		{"", 0, errNotAThreshold},
		{"-0.5", 0, errNotAThreshold},
		{"NaN", 0, errNotAThreshold},
		{"Inf", 0, errNotAThreshold},
		{"1e-1", 0, errNotAThreshold},
		{"0x1p-1", 0, errNotAThreshold},
		{"0.7.3", 0, errNotAThreshold},
	} {
		got, err := parseThreshold(c.in)
		if err != c.err || got != c.want {
			t.Errorf("parseThreshold(%q) = %v, %v; want %v, %v", c.in, got, err, c.want, c.err)
		}
	}
}

func TestStepThresholdFollowsTheGrid(t *testing.T) {
	for _, c := range []struct {
		from     float64
		up, down float64
	}{
		{0.73, 0.75, 0.70}, // typed off the grid: to the next point either way
		{0.75, 0.80, 0.70},
		{0.9, 0.95, 0.85},
		{0, 0.05, 0},
		{1, 1, 0.95},
		{0.01, 0.05, 0},
	} {
		if got := stepThreshold(c.from, 1); got != c.up {
			t.Errorf("+ from %v = %v, want %v", c.from, got, c.up)
		}
		if got := stepThreshold(c.from, -1); got != c.down {
			t.Errorf("− from %v = %v, want %v", c.from, got, c.down)
		}
	}
}

func TestStatsThresholdIsTyped(t *testing.T) {
	run(t, func(t *testing.T) {
		h := newHarness(t, newStub(statsDatasets()), Options{Theme: ThemeMono}, 120, 40)
		defer h.close()
		s := openStats(t, h)
		h.press("t")
		if s.thresholdIn != nil || !strings.Contains(s.flash, "t types the what-if threshold") {
			t.Fatalf("t outside the what-if opened the input (flash %q)", s.flash)
		}
		h.press("4")
		if !strings.Contains(ansi.Strip(h.view()), "t type threshold") {
			t.Errorf("the what-if's status hints lack t:\n%s", ansi.Strip(h.view()))
		}
		h.press("t")
		view := ansi.Strip(h.view())
		if s.thresholdIn == nil || !strings.Contains(view, "threshold 0.90") || !strings.Contains(view, "enter apply") {
			t.Fatalf("t did not open the input with the threshold now and its keys:\n%s", view)
		}
		h.typeText("0.73")
		h.press("enter")
		// ≥ 0.73: 0.95 ✓, 0.92 ✗, 0.75 ✓, 0.99 ✓, 0.97 ✗.
		if s.thresholdIn != nil || s.threshold != 0.73 || s.report.WhatIf.Accepted != 5 || s.report.WhatIf.Errors != 2 {
			t.Fatalf("after 0.73 enter: input open %v, threshold %v, %+v", s.thresholdIn != nil, s.threshold, s.report.WhatIf)
		}
		view = ansi.Strip(h.view())
		if !strings.Contains(view, "auto-accept at confidence ≥ 0.73") || !strings.Contains(view, "threshold set to 0.73") {
			t.Errorf("screen after typing 0.73:\n%s", view)
		}

		// Letters are text while the input is open: q does not quit, 5 and
		// g change no table, and the value is refused.
		h.press("t")
		h.typeText("abc")
		h.press("q", "5", "g", "enter")
		view = ansi.Strip(h.view())
		if h.quit || s.mode != modeWhatIf || s.thresholdIn == nil || s.threshold != 0.73 {
			t.Fatalf("abcq5g: quit %v, mode %v, input open %v, threshold %v", h.quit, s.mode, s.thresholdIn != nil, s.threshold)
		}
		if !strings.Contains(view, "threshold abcq5g") || !strings.Contains(view, "not a threshold: type 0.73, 73 or 73%") {
			t.Errorf("the refusal is not on screen:\n%s", view)
		}
		h.press("esc")
		if s.thresholdIn != nil || s.threshold != 0.73 || s.report.WhatIf.Accepted != 5 {
			t.Errorf("esc: input open %v, threshold %v, %+v; want closed and 0.73 kept", s.thresholdIn != nil, s.threshold, s.report.WhatIf)
		}
		if _, ok := h.app.top().(*statsModel); !ok {
			t.Fatalf("esc in the input closed the stats view")
		}

		// 73% and 73 are the same threshold; + then goes along the grid.
		h.press("t")
		h.typeText("80%")
		h.press("enter", "+")
		if s.threshold != 0.85 {
			t.Errorf("80%% then + = %v, want 0.85", s.threshold)
		}
	})
}

func TestStatsHelpListsTheThresholdKeys(t *testing.T) {
	run(t, func(t *testing.T) {
		h := newHarness(t, newStub(statsDatasets()), Options{Theme: ThemeMono}, 120, 40)
		defer h.close()
		openStats(t, h)
		h.press("?")
		view := ansi.Strip(h.view())
		for _, want := range []string{"type threshold", "threshold +0.05", "threshold −0.05"} {
			if !strings.Contains(view, want) {
				t.Errorf("? help lacks %q:\n%s", want, view)
			}
		}
	})
}

func TestStatsOpensOverSearchResults(t *testing.T) {
	for _, k := range []string{"S", "tab"} {
		t.Run(k, func(t *testing.T) {
			run(t, func(t *testing.T) {
				api := searchingStub(statsDatasets())
				h := newHarness(t, api, Options{Theme: ThemeMono}, 120, 40)
				defer h.close()
				h.press("/")
				h.typeText("cus_a")
				h.press("enter")
				search := h.search()
				h.pressKey(k)
				s, ok := h.app.top().(*statsModel)
				if !ok {
					t.Fatalf("%s over the search results opened %T, want the stats view", k, h.app.top())
				}
				if s.src != search.results {
					t.Fatalf("the stats view reads another list than the search's results")
				}
				gets := h.api.getCalls()
				slices.Sort(gets)
				if !slices.Equal(gets, []string{"ds_s0", "ds_s1"}) {
					t.Errorf("fetched %v, want only cus_a's two verified datasets", gets)
				}
				view := ansi.Strip(h.view())
				for _, want := range []string{"search:cus_a", "2 verified datasets · 6 fields", "details 2 of 2"} {
					if !strings.Contains(view, want) {
						t.Errorf("screen lacks %q:\n%s", want, view)
					}
				}
				h.press("esc")
				if h.search() != search || search.typing {
					t.Errorf("esc did not go back to the search's results")
				}
			})
		})
	}
}

func TestStatsCountsReadInTheSingular(t *testing.T) {
	run(t, func(t *testing.T) {
		data := statsDatasets()[2:3] // ds_s2 alone: one confidently wrong field
		h := newHarness(t, newStub(data), Options{Theme: ThemeMono}, 120, 40)
		defer h.close()
		openStats(t, h)
		h.press("enter") // total, failed once
		view := ansi.Strip(h.view())
		for _, want := range []string{"1 verified dataset · 2 fields", "total failed in 1 field "} {
			if !strings.Contains(view, want) {
				t.Errorf("screen lacks %q:\n%s", want, view)
			}
		}
		h.press("esc", "5")
		if view := ansi.Strip(h.view()); !strings.Contains(view, "1 field scored below 1") {
			t.Errorf("confidently wrong reads:\n%s", view)
		}
		if got := counted(1, "row", "rows") + "," + counted(0, "row", "rows"); got != "1 row,0 rows" {
			t.Errorf("counted = %q", got)
		}
	})
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
		{"per field", nil, glyphSelected, "SPURIOUS  CONF  CONF ✗"},
		{"failures", []string{"down", "down", "enter"}, "failed in", "CONF"},
		// The optional EXACT and SPURIOUS columns make room for the rest.
		{"by customer", []string{"2"}, glyphSelected, "CONF ✗  WEEK"},
		{"by type", []string{"2", "g"}, glyphSelected, "CONF ✗  WEEK"},
		{"calibration", []string{"3"}, glyphSelected, "GAP"},
		{"calibration per field", []string{"3", "g"}, glyphSelected, "BRIER"},
		{"what-if", []string{"4"}, glyphSelected, "TO REVIEW"},
		{"threshold input", []string{"4", "t", "7"}, "threshold 7", ""},
		{"threshold refused", []string{"4", "t", "x", "enter"}, "not a threshold", ""},
		{"confidently wrong", []string{"5"}, glyphSelected, "SCORE"},
	}
	for _, size := range [][2]int{{80, 24}, {60, 10}} {
		for _, st := range states {
			t.Run(fmt.Sprintf("%dx%d/%s", size[0], size[1], st.name), func(t *testing.T) {
				run(t, func(t *testing.T) {
					h := newHarness(t, newStub(statsDatasets()), Options{Theme: ThemeDark}, size[0], size[1])
					defer h.close()
					openStats(t, h)
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
