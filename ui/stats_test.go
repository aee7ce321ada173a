package ui

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/styles"
)

func openStats(t *testing.T, h *harness) *statsview.statsModel {
	t.Helper()
	h.press("S")
	s, ok := h.app.top().(*statsview.statsModel)
	if !ok {
		t.Fatalf("S opened %T, want the stats view", h.app.top())
	}
	return s
}

func TestStatsFetchesEveryVerifiedCompleteDatasetOnce(t *testing.T) {
	run(t, func(t *testing.T) {
		h := newHarness(t, newStub(statsDatasets()), common.Options{Theme: styles.ThemeMono}, 120, 40)
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
		h := newHarness(t, newStub(statsDatasets()), common.Options{Theme: styles.ThemeMono}, 120, 40)
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
		d, ok := h.app.top().(*detail.detailModel)
		if !ok || d.datasetID != "ds_s0" {
			t.Fatalf("enter opened %T, want the detail of ds_s0", h.app.top())
		}
		i, _ := d.fieldRows.selected()
		if key := d.rv.fields[i].key; key != "total" {
			t.Errorf("detail opened at %q, want total", key)
		}
		h.press("esc", "esc") // back to the stats view, then out of the drill-down
		if s := h.app.top().(*statsview.statsModel); s.drill != nil || s.cursor != 2 {
			t.Errorf("esc left drill %v, cursor %d; want the per-field table at total", s.drill, s.cursor)
		}
	})
}

func TestStatsConfidentlyWrongOpensAtTheField(t *testing.T) {
	run(t, func(t *testing.T) {
		h := newHarness(t, newStub(statsDatasets()), common.Options{Theme: styles.ThemeMono}, 120, 40)
		defer h.close()
		openStats(t, h)
		h.press("5", "enter")
		d, ok := h.app.top().(*detail.detailModel)
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
		h := newHarness(t, newStub(statsDatasets()), common.Options{Theme: styles.ThemeMono}, 120, 40)
		defer h.close()
		s := openStats(t, h)
		h.press("right")
		if s.mode != statsview.modeGroups || !strings.Contains(ansi.Strip(h.view()), "CUSTOMER") {
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

// exported is a CSV file the stats view wrote: its name, header and rows
// (each row by column key).
type exported struct {
	name   string
	header []string
	rows   []map[string]string
	text   string
}

// exportStats opens the stats view, presses keys, then e, and reads back
// the one file it wrote.
func exportStats(t *testing.T, keys ...string) (*statsview.statsModel, exported) {
	t.Helper()
	dir := t.TempDir()
	var s *statsview.statsModel
	run(t, func(t *testing.T) {
		h := newHarness(t, newStub(statsDatasets()), common.Options{Theme: styles.ThemeMono}, 120, 40)
		defer h.close()
		s = openStats(t, h)
		s.exportDir = dir
		h.press(keys...)
		h.press("e")
		want := "wrote " + statsview.counted(len(s.table.rows), "row", "rows") + " to " + dir
		if !strings.Contains(s.flash, want) {
			t.Fatalf("flash = %q, want %q", s.flash, want)
		}
	})
	files, _ := os.ReadDir(dir)
	if len(files) != 1 {
		t.Fatalf("files = %v, want one", files)
	}
	data, err := os.ReadFile(filepath.Join(dir, files[0].Name()))
	if err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(strings.NewReader(string(data))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := exported{name: files[0].Name(), header: records[0], text: string(data)}
	for _, rec := range records[1:] {
		row := map[string]string{}
		for i, k := range out.header {
			row[k] = rec[i]
		}
		out.rows = append(out.rows, row)
	}
	return s, out
}

// csvKey is a column key: snake_case (a week's date may follow).
var csvKey = regexp.MustCompile(`^[a-z]+(_[a-z]+)*(_\d{4}-\d{2}-\d{2})?$`)

// TestStatsExportWritesTheTableOnScreen exports every table and reads it
// back: the file is named for the table, the header is machine names, and
// every cell is a raw value: numbers parse and equal the report's figures,
// none is empty, and no glyph, percent sign or dimming mark is left.
func TestStatsExportWritesTheTableOnScreen(t *testing.T) {
	number := func(t *testing.T, row map[string]string, key string) float64 {
		t.Helper()
		v, err := strconv.ParseFloat(row[key], 64)
		if err != nil {
			t.Fatalf("%s = %q, not a number: %v", key, row[key], err)
		}
		return v
	}
	for _, c := range []struct {
		name  string
		keys  []string
		file  string
		check func(t *testing.T, s *statsview.statsModel, e exported)
	}{
		{"per field", nil, "per-field", func(t *testing.T, s *statsview.statsModel, e exported) {
			// due_date, note, total, invoice_number: worst first, as on screen.
			if len(e.rows) != 4 || e.rows[0]["field"] != "due_date" || e.rows[2]["field"] != "total" {
				t.Fatalf("rows = %v", e.rows)
			}
			total, f := e.rows[2], s.report.Fields[2].Figures
			if got := number(t, total, "accuracy_fraction"); got != f.MeanScore || got != 1.0/3 {
				t.Errorf("total accuracy_fraction = %v, want %v (1/3)", got, f.MeanScore)
			}
			if got := number(t, total, "exact_match_fraction"); got != f.ExactRate {
				t.Errorf("total exact_match_fraction = %v, want %v", got, f.ExactRate)
			}
			if got := number(t, total, "mean_confidence_fraction"); got != f.MeanConf {
				t.Errorf("total mean_confidence_fraction = %v, want %v", got, f.MeanConf)
			}
			if total["field_count"] != "3" || total["wrong_count"] != "2" || total["confidently_wrong_count"] != "2" {
				t.Errorf("total counts = %v", total)
			}
			// due_date is in the extraction, null with confidence 0.
			if v := e.rows[0]["mean_confidence_fraction"]; v != "0" {
				t.Errorf("due_date mean_confidence_fraction = %q, want 0", v)
			}
		}},
		{"failures", []string{"down", "down", "enter"}, "failures", func(t *testing.T, s *statsview.statsModel, e exported) {
			if len(e.rows) != 2 || e.rows[0]["outcome"] != "wrong" || e.rows[0]["dataset_id"] != "ds_s2" {
				t.Fatalf("rows = %v", e.rows)
			}
			if r := e.rows[0]; r["extracted"] != "12" || r["ground_truth"] != "13" || r["score_fraction"] != "0" || r["confidence_fraction"] != "0.97" {
				t.Errorf("ds_s2's total = %v", r)
			}
		}},
		{"by customer", []string{"2"}, "by-customer", func(t *testing.T, s *statsview.statsModel, e exported) {
			g := s.report.ByCustomer
			if len(e.rows) != len(g.Groups) {
				t.Fatalf("%d rows, want %d", len(e.rows), len(g.Groups))
			}
			for i, grp := range g.Groups {
				r := e.rows[i]
				if r["customer_id"] != grp.Key || r["dataset_count"] != strconv.Itoa(grp.Datasets) || number(t, r, "accuracy_fraction") != grp.MeanScore {
					t.Errorf("row %d = %v, want %s's figures", i, r, grp.Key)
				}
				// The sparkline is a column a week; a week without data is empty.
				for w, week := range g.Weeks {
					key := "accuracy_fraction_week_of_" + week.Format("2006-01-02")
					got, ok := r[key]
					switch {
					case !ok:
						t.Errorf("no column %s in %v", key, e.header)
					case math.IsNaN(grp.Weekly[w]) && got != "":
						t.Errorf("%s %s = %q, want empty (no data)", grp.Key, key, got)
					case !math.IsNaN(grp.Weekly[w]) && number(t, r, key) != grp.Weekly[w]:
						t.Errorf("%s %s = %q, want %v", grp.Key, key, got, grp.Weekly[w])
					}
				}
			}
			if len(g.Weeks) != 2 || !slices.Contains(e.header, "accuracy_fraction_week_of_2026-04-13") {
				t.Errorf("weeks %v, header %v", g.Weeks, e.header)
			}
		}},
		{"by type", []string{"2", "g"}, "by-type", func(t *testing.T, s *statsview.statsModel, e exported) {
			if e.header[0] != "dataset_type" || len(e.rows) != 2 {
				t.Errorf("header %v, rows %v", e.header, e.rows)
			}
		}},
		{"calibration", []string{"3"}, "calibration", func(t *testing.T, s *statsview.statsModel, e exported) {
			bins := s.report.Calibration.Bins
			if len(e.rows) != len(bins) {
				t.Fatalf("%d rows, want %d bins", len(e.rows), len(bins))
			}
			if r := e.rows[0]; r["confidence_from_fraction"] != "0" || r["confidence_to_fraction"] != "0.1" {
				t.Errorf("first bin's bounds = %v", r)
			}
			filled := 0
			for i, b := range bins {
				r := e.rows[i]
				if r["field_count"] != strconv.Itoa(b.Count) {
					t.Errorf("bin %d field_count = %q, want %d (no dimming mark)", i, r["field_count"], b.Count)
				}
				if b.Count == 0 {
					if r["mean_confidence_fraction"] != "" || r["accuracy_fraction"] != "" || r["accuracy_minus_confidence_fraction"] != "" {
						t.Errorf("empty bin %d = %v, want its figures empty", i, r)
					}
					continue
				}
				filled++
				if number(t, r, "accuracy_fraction") != b.Accuracy || number(t, r, "mean_confidence_fraction") != b.MeanConf ||
					number(t, r, "accuracy_minus_confidence_fraction") != b.Gap {
					t.Errorf("bin %d = %v, want %+v", i, r, b)
				}
			}
			if filled == 0 {
				t.Errorf("no bin has fields: the check above checked nothing")
			}
		}},
		{"calibration per field", []string{"3", "g"}, "calibration-by-field", func(t *testing.T, s *statsview.statsModel, e exported) {
			fc := s.report.FieldCalibration
			if len(e.rows) != len(fc) || len(fc) == 0 {
				t.Fatalf("%d rows, want %d", len(e.rows), len(fc))
			}
			for i, f := range fc {
				r := e.rows[i]
				if r["field"] != f.Field || r["field_count"] != strconv.Itoa(f.N) || number(t, r, "ece_fraction") != f.ECE ||
					number(t, r, "mce_fraction") != f.MCE || number(t, r, "brier_score") != f.Brier {
					t.Errorf("row %d = %v, want %+v", i, r, f)
				}
			}
		}},
		{"what-if", []string{"4"}, "what-if", func(t *testing.T, s *statsview.statsModel, e exported) {
			// ≥ 0.90: 4 of 8 accepted, 2 of them wrong (as on screen: 50.0%, 50.0% (2)).
			all := e.rows[0]
			if all["threshold_fraction"] != "0.9" || all["field"] != "all fields" || all["field_count"] != "8" || all["accepted_count"] != "4" ||
				number(t, all, "accepted_fraction") != 0.5 || number(t, all, "residual_error_fraction") != 0.5 ||
				all["residual_error_count"] != "2" || all["to_review_count"] != "4" {
				t.Errorf("all fields = %v", all)
			}
		}},
		{"confidently wrong", []string{"5"}, "confidently-wrong", func(t *testing.T, s *statsview.statsModel, e exported) {
			if len(e.rows) != 2 {
				t.Fatalf("rows = %v", e.rows)
			}
			if r := e.rows[0]; r["confidence_fraction"] != "0.97" || r["dataset_id"] != "ds_s2" || r["field"] != "total" || r["score_fraction"] != "0" {
				t.Errorf("first = %v", r)
			}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, e := exportStats(t, c.keys...)
			if !strings.HasPrefix(e.name, "dxdash-stats-"+c.file+"-2") || !strings.HasSuffix(e.name, ".csv") {
				t.Errorf("file %q, want dxdash-stats-%s-<time>.csv", e.name, c.file)
			}
			for _, k := range e.header {
				if !csvKey.MatchString(k) {
					t.Errorf("header %q is no machine name: %v", k, e.header)
				}
			}
			// The fixture's texts are ASCII: anything else is a glyph.
			for i, r := range e.text {
				if r > unicode.MaxASCII || r == '%' || r == '*' {
					t.Fatalf("%q at byte %d of the file:\n%s", r, i, e.text)
				}
			}
			c.check(t, s, e)
		})
	}
}

func TestStatsLoadsTheNextListPage(t *testing.T) {
	run(t, func(t *testing.T) {
		data := append(statsDatasets(), corpus(150)...)
		h := newHarness(t, newStub(data), common.Options{Theme: styles.ThemeMono, PageSize: 50}, 120, 40)
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
		h := newHarness(t, newStub(statsDatasets()), common.Options{Theme: styles.ThemeMono}, 120, 40)
		defer h.close()
		h.press("enter")
		first := h.app.top().(*detail.detailModel)
		if first.datasetID != "ds_s1" || first.fieldRows.cursor != 0 {
			t.Fatalf("opened %s at %d, want ds_s1 at its first row", first.datasetID, first.fieldRows.cursor)
		}
		h.press("n") // note → invoice_number, within ds_s1
		if top := h.app.top().(*detail.detailModel); top != first || first.fieldRows.cursor != 1 {
			t.Fatalf("first n left ds_s1 or did not move (cursor %d)", first.fieldRows.cursor)
		}
		h.press("n") // past the last problem: ds_s3 has none, so ds_s2
		next, ok := h.app.top().(*detail.detailModel)
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
		back := h.app.top().(*detail.detailModel)
		if back.datasetID != "ds_s1" {
			t.Fatalf("N went to %s, want ds_s1", back.datasetID)
		}
		j, _ := back.fieldRows.selected()
		if back.rv.fields[j].key != "invoice_number" {
			t.Errorf("N landed on %q, want invoice_number, the last field to review", back.rv.fields[j].key)
		}
		h.press("esc")
		if _, ok := h.app.top().(*list.listModel); !ok {
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
		{"101", 0, statsview.errOverOne},
		{"1.5%", 0.02, nil},
		{"abc", 0, statsview.errNotAThreshold},
		{"", 0, statsview.errNotAThreshold},
		{"-0.5", 0, statsview.errNotAThreshold},
		{"NaN", 0, statsview.errNotAThreshold},
		{"Inf", 0, statsview.errNotAThreshold},
		{"1e-1", 0, statsview.errNotAThreshold},
		{"0x1p-1", 0, statsview.errNotAThreshold},
		{"0.7.3", 0, statsview.errNotAThreshold},
	} {
		got, err := statsview.parseThreshold(c.in)
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
		if got := statsview.stepThreshold(c.from, 1); got != c.up {
			t.Errorf("+ from %v = %v, want %v", c.from, got, c.up)
		}
		if got := statsview.stepThreshold(c.from, -1); got != c.down {
			t.Errorf("− from %v = %v, want %v", c.from, got, c.down)
		}
	}
}

func TestStatsThresholdIsTyped(t *testing.T) {
	run(t, func(t *testing.T) {
		h := newHarness(t, newStub(statsDatasets()), common.Options{Theme: styles.ThemeMono}, 120, 40)
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
		if h.quit || s.mode != statsview.modeWhatIf || s.thresholdIn == nil || s.threshold != 0.73 {
			t.Fatalf("abcq5g: quit %v, mode %v, input open %v, threshold %v", h.quit, s.mode, s.thresholdIn != nil, s.threshold)
		}
		if !strings.Contains(view, "threshold abcq5g") || !strings.Contains(view, "not a threshold: type 0.73, 73 or 73%") {
			t.Errorf("the refusal is not on screen:\n%s", view)
		}
		h.press("esc")
		if s.thresholdIn != nil || s.threshold != 0.73 || s.report.WhatIf.Accepted != 5 {
			t.Errorf("esc: input open %v, threshold %v, %+v; want closed and 0.73 kept", s.thresholdIn != nil, s.threshold, s.report.WhatIf)
		}
		if _, ok := h.app.top().(*statsview.statsModel); !ok {
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
		h := newHarness(t, newStub(statsDatasets()), common.Options{Theme: styles.ThemeMono}, 120, 40)
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
				h := newHarness(t, api, common.Options{Theme: styles.ThemeMono}, 120, 40)
				defer h.close()
				h.press("/")
				h.typeText("cus_a")
				h.press("enter")
				search := h.search()
				h.pressKey(k)
				s, ok := h.app.top().(*statsview.statsModel)
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
		h := newHarness(t, newStub(data), common.Options{Theme: styles.ThemeMono}, 120, 40)
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
		if got := statsview.counted(1, "row", "rows") + "," + statsview.counted(0, "row", "rows"); got != "1 row,0 rows" {
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
					h := newHarness(t, newStub(statsDatasets()), common.Options{Theme: styles.ThemeDark}, size[0], size[1])
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

// weeklyDatasets are n copies of ds_s0 (cus_a), one a week from Monday
// 2026-01-05, so the by-customer sparkline has n weeks to draw.
func weeklyDatasets(n int) []client.Dataset {
	base := statsDatasets()[0]
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
			run(t, func(t *testing.T) {
				h := newHarness(t, newStub(weeklyDatasets(20)), common.Options{Theme: styles.ThemeMono}, c.width, 40)
				defer h.close()
				s := openStats(t, h)
				h.press("2")
				if n := len(s.report.ByCustomer.Weeks); n != 20 {
					t.Fatalf("%d weeks, want 20", n)
				}
				view := ansi.Strip(h.view())
				if !strings.Contains(view, c.span) {
					t.Errorf("screen lacks %q:\n%s", c.span, view)
				}
				row := s.table.rows[0].cells
				if got := utf8.RuneCountInString(row[len(statsview.figureColumns())+2].text); got != c.cells {
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
		if got := statsview.weekSpan(c.weeks, c.width); got != c.want {
			t.Errorf("weekSpan(%d weeks, %d) = %q, want %q", len(c.weeks), c.width, got, c.want)
		}
	}
}
