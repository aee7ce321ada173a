package statsview

import (
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/styles"
	"github.com/dxdash/dxdash/ui/internal/uitest"
)

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
func exportStats(t *testing.T, keys ...string) (*statsModel, exported) {
	t.Helper()
	dir := t.TempDir()
	var s *statsModel
	uitest.Run(t, func(t *testing.T) {
		h := newStatsHost(t, uitest.StatsDatasets(), common.Options{Theme: styles.ThemeMono}, 120, 40)
		defer h.Close()
		s = openStats(t, h)
		s.exportDir = dir
		h.Press(keys...)
		h.Press("e")
		want := "wrote " + counted(len(s.table.rows), "row", "rows") + " to " + dir
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
		check func(t *testing.T, s *statsModel, e exported)
	}{
		{"per field", nil, "per-field", func(t *testing.T, s *statsModel, e exported) {
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
			// due_date is in the extraction, null with confidence 0: no
			// value, so no confidence to average (empty, not 0).
			if v := e.rows[0]["mean_confidence_fraction"]; v != "" {
				t.Errorf("due_date mean_confidence_fraction = %q, want empty", v)
			}
		}},
		{"failures", []string{"down", "down", "enter"}, "failures", func(t *testing.T, s *statsModel, e exported) {
			if len(e.rows) != 2 || e.rows[0]["outcome"] != "wrong" || e.rows[0]["dataset_id"] != "ds_s2" {
				t.Fatalf("rows = %v", e.rows)
			}
			if r := e.rows[0]; r["extracted"] != "12" || r["ground_truth"] != "13" || r["score_fraction"] != "0" || r["confidence_fraction"] != "0.97" {
				t.Errorf("ds_s2's total = %v", r)
			}
		}},
		{"by customer", []string{"2"}, "by-customer", func(t *testing.T, s *statsModel, e exported) {
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
		{"by type", []string{"2", "g"}, "by-type", func(t *testing.T, s *statsModel, e exported) {
			if e.header[0] != "dataset_type" || len(e.rows) != 2 {
				t.Errorf("header %v, rows %v", e.header, e.rows)
			}
		}},
		{"calibration", []string{"3"}, "calibration", func(t *testing.T, s *statsModel, e exported) {
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
		{"calibration per field", []string{"3", "g"}, "calibration-by-field", func(t *testing.T, s *statsModel, e exported) {
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
		{"what-if", []string{"4"}, "what-if", func(t *testing.T, s *statsModel, e exported) {
			// ≥ 0.90: 4 of the 7 with a value accepted, 2 of them wrong (as
			// on screen: 57.1%, 50.0% (2)); due_date's null is not one.
			all := e.rows[0]
			if all["threshold_fraction"] != "0.9" || all["field"] != "all fields" || all["field_count"] != "7" || all["accepted_count"] != "4" ||
				number(t, all, "accepted_fraction") != 4.0/7 || number(t, all, "residual_error_fraction") != 0.5 ||
				all["residual_error_count"] != "2" || all["to_review_count"] != "3" {
				t.Errorf("all fields = %v", all)
			}
		}},
		{"confidently wrong", []string{"5"}, "confidently-wrong", func(t *testing.T, s *statsModel, e exported) {
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
