package statsview

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/detail"
	"github.com/dxdash/dxdash/ui/internal/styles"
	"github.com/dxdash/dxdash/ui/internal/uitest"
)

// openDetail opens the dataset an OpenDatasetMsg names, as the root does.
func openDetail(c *common.Context, msg common.OpenDatasetMsg) common.View {
	d := detail.NewDetailModel(c, msg.ID, msg.Summary, msg.Highlight)
	d.Entry = msg.Entry
	return d
}

func TestStatsFetchesEveryVerifiedCompleteDatasetOnce(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		h := newStatsHost(t, uitest.StatsDatasets(), common.Options{Theme: styles.ThemeMono}, 120, 40)
		defer h.Close()
		s := openStats(t, h)
		gets := h.API.GetCalls()
		slices.Sort(gets)
		if !slices.Equal(gets, []string{"ds_s0", "ds_s1", "ds_s2"}) {
			t.Errorf("fetched %v, want the three verified, complete datasets once each", gets)
		}
		view := plainView(h)
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
		h.Press("esc", "tab")
		if again, ok := h.Top().(*statsModel); !ok || again == s {
			t.Fatalf("tab after esc left %T on top, want a new stats view", h.Top())
		}
		if n := len(h.API.GetCalls()); n != 3 {
			t.Errorf("reopening made %d requests in all, want the 3 of the first time", n)
		}
		if view := plainView(h); !strings.Contains(view, "details 3 of 3") {
			t.Errorf("the reopened view lacks the cached details:\n%s", view)
		}
	})
}

// TestStatsDrillsIntoAFieldAndOpensTheDatasetAtIt: enter on a field lists
// the datasets where it failed; enter on one asks for that dataset opened
// at the field, and the detail opened for it (as the root opens it) lands
// there; esc, esc come back to the per-field table at the field.
func TestStatsDrillsIntoAFieldAndOpensTheDatasetAtIt(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		h := newStatsHost(t, uitest.StatsDatasets(), common.Options{Theme: styles.ThemeMono}, 120, 40)
		defer h.Close()
		h.OpenDataset = openDetail
		s := openStats(t, h)
		h.Press("down", "down", "enter") // total: failed in ds_s2 (0.97) and ds_s0 (0.92)
		view := plainView(h)
		if !strings.Contains(view, "total failed in 2 fields") {
			t.Fatalf("no drill-down on total:\n%s", view)
		}
		if strings.Index(view, "ds_s2") > strings.Index(view, "ds_s0") {
			t.Errorf("failures not worst first (equal scores: higher confidence first):\n%s", view)
		}
		h.Press("down", "enter")
		if len(h.Opened) != 1 {
			t.Fatalf("enter asked to open %d datasets, want 1", len(h.Opened))
		}
		if o := h.Opened[0]; o.ID != "ds_s0" || o.Summary.ID != "ds_s0" || o.Entry.Field != "total" {
			t.Fatalf("enter asked for %s (summary %s) at %q, want ds_s0 at total", o.ID, o.Summary.ID, o.Entry.Field)
		}
		if h.Top() == common.View(s) {
			t.Fatalf("no detail opened over the stats view")
		}
		view = plainView(h)
		if line := uitest.SelectedLine(t, h.View()); !strings.Contains(view, "ds_s0") || !strings.Contains(line, "total") {
			t.Errorf("the detail did not open ds_s0 at total (selected %q):\n%s", line, view)
		}
		h.Press("esc", "esc") // back to the stats view, then out of the drill-down
		if h.Top() != common.View(s) {
			t.Fatalf("esc, esc left %T on top, want the stats view", h.Top())
		}
		if s.drill != nil || s.cursor != 2 {
			t.Errorf("esc left drill %v, cursor %d; want the per-field table at total", s.drill, s.cursor)
		}
	})
}

func TestStatsConfidentlyWrongOpensAtTheField(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		h := newStatsHost(t, uitest.StatsDatasets(), common.Options{Theme: styles.ThemeMono}, 120, 40)
		defer h.Close()
		h.OpenDataset = openDetail
		openStats(t, h)
		h.Press("5", "enter")
		if len(h.Opened) != 1 || h.Opened[0].ID != "ds_s2" {
			t.Fatalf("enter asked to open %v, want ds_s2 (confidence 0.97, the highest)", h.Opened)
		}
		if f := h.Opened[0].Entry.Field; f != "total" {
			t.Errorf("asked to select %q, want total", f)
		}
		if line := uitest.SelectedLine(t, h.View()); !strings.Contains(line, "total") {
			t.Errorf("the detail selected %q, want total", line)
		}
	})
}

func TestStatsModesGroupingAndThreshold(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		h := newStatsHost(t, uitest.StatsDatasets(), common.Options{Theme: styles.ThemeMono}, 120, 40)
		defer h.Close()
		s := openStats(t, h)
		h.Press("right")
		if s.mode != modeGroups || !strings.Contains(plainView(h), "CUSTOMER") {
			t.Fatalf("→ did not show the grouped table:\n%s", plainView(h))
		}
		h.Press("g")
		if !strings.Contains(plainView(h), "TYPE") {
			t.Errorf("g did not group by type")
		}
		h.Press("4")
		// ≥ 0.90: 0.95 ✓, 0.92 ✗, 0.99 ✓, 0.97 ✗ of the 7 fields with a
		// value (due_date's null is counted beside, not as a 0.00).
		if s.threshold != 0.9 || s.report.WhatIf.Accepted != 4 || s.report.WhatIf.Errors != 2 {
			t.Fatalf("what-if at %v: %+v, want 4 accepted, 2 of them wrong", s.threshold, s.report.WhatIf)
		}
		h.Press("-", "-", "-")
		// ≥ 0.75 adds total of ds_s1 (0.75 ✓).
		if s.threshold != 0.75 || s.report.WhatIf.Accepted != 5 || !strings.Contains(plainView(h), "accepted 71.4% (5 of 7) · residual error 40.0% (2) · to review 2") ||
			!strings.Contains(plainView(h), "∅ 1 field not extracted") || s.report.WhatIf.Missing != 1 {
			t.Errorf("at %v: %+v\n%s", s.threshold, s.report.WhatIf, plainView(h))
		}
		for range 30 {
			h.Press("+")
		}
		if s.threshold != 1 {
			t.Errorf("threshold ran past 1: %v", s.threshold)
		}
	})
}

func TestStatsLoadsTheNextListPage(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		data := append(uitest.StatsDatasets(), uitest.Corpus(150)...)
		h := newStatsHost(t, data, common.Options{Theme: styles.ThemeMono, PageSize: 50}, 120, 40)
		defer h.Close()
		s := openStats(t, h)
		view := plainView(h)
		// The corpus rows are verified and complete too (list items only,
		// without scores): fetched, but not in the figures.
		if !strings.Contains(view, "details 49 of 49") || !strings.Contains(view, "list: 50 loaded, more on the server · L loads the next page") {
			t.Fatalf("progress line:\n%s", view)
		}
		before := len(h.API.ListCalls())
		h.Press("L")
		if n := len(h.API.ListCalls()) - before; n != 1 {
			t.Fatalf("L made %d list requests, want 1", n)
		}
		view = plainView(h)
		if !strings.Contains(view, "details 99 of 99") || !strings.Contains(view, "list: 100 loaded") || s.report.Datasets != 3 {
			t.Errorf("after L (report of %d datasets):\n%s", s.report.Datasets, view)
		}
	})
}

func TestStatsThresholdIsTyped(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		h := newStatsHost(t, uitest.StatsDatasets(), common.Options{Theme: styles.ThemeMono}, 120, 40)
		defer h.Close()
		s := openStats(t, h)
		h.Press("t")
		if s.thresholdIn != nil || !strings.Contains(s.flash, "t types the what-if threshold") {
			t.Fatalf("t outside the what-if opened the input (flash %q)", s.flash)
		}
		h.Press("4")
		if got := hints(s.Keys()); !strings.Contains(got, "t type threshold") {
			t.Errorf("the what-if's status hints lack t: %q", got)
		}
		h.Press("t")
		view := plainView(h)
		if s.thresholdIn == nil || !strings.Contains(view, "threshold 0.90") || !strings.Contains(hints(s.Keys()), "enter apply") {
			t.Fatalf("t did not open the input with the threshold now and its keys (hints %q):\n%s", hints(s.Keys()), view)
		}
		typeText(h, "0.73")
		h.Press("enter")
		// ≥ 0.73: 0.95 ✓, 0.92 ✗, 0.75 ✓, 0.99 ✓, 0.97 ✗.
		if s.thresholdIn != nil || s.threshold != 0.73 || s.report.WhatIf.Accepted != 5 || s.report.WhatIf.Errors != 2 {
			t.Fatalf("after 0.73 enter: input open %v, threshold %v, %+v", s.thresholdIn != nil, s.threshold, s.report.WhatIf)
		}
		view = plainView(h)
		if !strings.Contains(view, "auto-accept at confidence ≥ 0.73") || !strings.Contains(view, "threshold set to 0.73") {
			t.Errorf("screen after typing 0.73:\n%s", view)
		}

		// Letters are text while the input is open: the view says so (the
		// root then passes q on rather than quitting), 5 and g change no
		// table, and the value is refused.
		h.Press("t")
		if !s.CapturesText() {
			t.Fatalf("the open input does not capture text: q would quit")
		}
		typeText(h, "abc")
		h.Press("q", "5", "g", "enter")
		view = plainView(h)
		if h.Quit || s.mode != modeWhatIf || s.thresholdIn == nil || s.threshold != 0.73 {
			t.Fatalf("abcq5g: quit %v, mode %v, input open %v, threshold %v", h.Quit, s.mode, s.thresholdIn != nil, s.threshold)
		}
		if !strings.Contains(view, "threshold abcq5g") || !strings.Contains(view, "not a threshold: type 0.73, 73 or 73%") {
			t.Errorf("the refusal is not on screen:\n%s", view)
		}
		h.Press("esc")
		if s.thresholdIn != nil || s.threshold != 0.73 || s.report.WhatIf.Accepted != 5 {
			t.Errorf("esc: input open %v, threshold %v, %+v; want closed and 0.73 kept", s.thresholdIn != nil, s.threshold, s.report.WhatIf)
		}
		if h.Top() != common.View(s) || s.Closing() {
			t.Fatalf("esc in the input closed the stats view")
		}

		// 73% and 73 are the same threshold; + then goes along the grid.
		h.Press("t")
		typeText(h, "80%")
		h.Press("enter", "+")
		if s.threshold != 0.85 {
			t.Errorf("80%% then + = %v, want 0.85", s.threshold)
		}
	})
}

func TestStatsCountsReadInTheSingular(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		data := uitest.StatsDatasets()[2:3] // ds_s2 alone: one confidently wrong field
		h := newStatsHost(t, data, common.Options{Theme: styles.ThemeMono}, 120, 40)
		defer h.Close()
		openStats(t, h)
		h.Press("enter") // total, failed once
		view := plainView(h)
		for _, want := range []string{"1 verified dataset · 2 fields", "total failed in 1 field "} {
			if !strings.Contains(view, want) {
				t.Errorf("screen lacks %q:\n%s", want, view)
			}
		}
		h.Press("esc", "5")
		if view := plainView(h); !strings.Contains(view, "1 field scored below 1") {
			t.Errorf("confidently wrong reads:\n%s", view)
		}
		if got := counted(1, "row", "rows") + "," + counted(0, "row", "rows"); got != "1 row,0 rows" {
			t.Errorf("counted = %q", got)
		}
	})
}

// weeklyDatasets are n copies of ds_s0 (cus_a), one a week from Monday
// 2026-01-05, so the by-customer sparkline has n weeks to draw.
func weeklyDatasets(n int) []client.Dataset {
	base := uitest.StatsDatasets()[0]
	out := make([]client.Dataset, n)
	for i := range out {
		d := base
		d.ID = fmt.Sprintf("ds_w%02d", i)
		d.CreatedAt = time.Date(2026, 1, 5+7*i, 10, 0, 0, 0, time.UTC)
		d.UpdatedAt = d.CreatedAt
		out[i] = d
	}
	return out
}

// TestStatsWeekSpanNamesTheWeeksDrawn: 20 weeks, at a width whose
// sparkline has 14 cells, the line over the table names the last 14 weeks
// and says so; with room for all 20 it names the whole span.
func TestStatsWeekSpanNamesTheWeeksDrawn(t *testing.T) {
	for _, c := range []struct {
		width int
		span  string
		cells int
	}{
		{110, "weeks of 2026-02-16 to 2026-05-18 (last 14 of 20) ·", 14},
		{120, "weeks of 2026-01-05 to 2026-05-18 ·", 20},
	} {
		t.Run(strconv.Itoa(c.width), func(t *testing.T) {
			uitest.Run(t, func(t *testing.T) {
				h := newStatsHost(t, weeklyDatasets(20), common.Options{Theme: styles.ThemeMono}, c.width, 40)
				defer h.Close()
				s := openStats(t, h)
				h.Press("2")
				if n := len(s.report.ByCustomer.Weeks); n != 20 {
					t.Fatalf("%d weeks, want 20", n)
				}
				view := plainView(h)
				if !strings.Contains(view, c.span) {
					t.Errorf("screen lacks %q:\n%s", c.span, view)
				}
				row := s.table.rows[0].cells
				if got := utf8.RuneCountInString(row[len(figureColumns())+2].text); got != c.cells {
					t.Errorf("the sparkline draws %d weeks, want %d", got, c.cells)
				}
			})
		})
	}
}

func TestWeekSpan(t *testing.T) {
	week := func(d int) time.Time { return time.Date(2026, 1, d, 0, 0, 0, 0, time.UTC) }
	weeks := []time.Time{week(5), week(12), week(19)}
	for _, c := range []struct {
		weeks []time.Time
		width int
		want  string
	}{
		{nil, 10, "no weeks"},
		{weeks, 3, "weeks of 2026-01-05 to 2026-01-19"},
		{weeks, 15, "weeks of 2026-01-05 to 2026-01-19"},
		{weeks, 2, "weeks of 2026-01-12 to 2026-01-19 (last 2 of 3)"},
		{weeks, 1, "weeks of 2026-01-19 to 2026-01-19 (last 1 of 3)"},
	} {
		if got := weekSpan(c.weeks, c.width); got != c.want {
			t.Errorf("weekSpan(%d weeks, %d) = %q, want %q", len(c.weeks), c.width, got, c.want)
		}
	}
}
