package statsview

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/dxdash/dxdash/review"
	"github.com/dxdash/dxdash/stats"
	"github.com/dxdash/dxdash/termtext"
	"github.com/dxdash/dxdash/ui/internal/common"
)

// One builder per stats mode: each turns the report into the table on
// screen (and in the export).

// rebuild makes the table for the mode now, and keeps the cursor on it.
func (s *statsModel) rebuild() {
	switch {
	case s.drill != nil:
		s.table = s.failuresTable()
	case s.mode == modeFields:
		s.table = s.fieldsTable()
	case s.mode == modeGroups:
		s.table = s.groupsTable()
	case s.mode == modeCalibration && s.perField:
		s.table = s.fieldCalibrationTable()
	case s.mode == modeCalibration:
		s.table = s.calibrationTable()
	case s.mode == modeWhatIf:
		s.table = s.whatIfTable()
	case s.mode == modeChecks:
		s.table = s.checksTable()
	default:
		s.table = s.confidentlyWrongTable()
	}
	if len(s.report.Observations) == 0 {
		s.table.rows = nil
		s.table.empty = "no verified, complete dataset to analyse yet"
		if s.load.inFlight != "" || len(s.load.queue) > 0 {
			s.table.empty = "fetching the datasets…"
		}
	}
	s.clamp()
}

func count(n int) string      { return strconv.Itoa(n) }
func fixed(v float64) string  { return strconv.FormatFloat(v, 'f', 2, 64) }
func fixed3(v float64) string { return strconv.FormatFloat(v, 'f', 3, 64) }

// decimal is a number as the export has it: a plain decimal, as short as
// reads back exactly (stats.FormatFigure), and empty for NaN (no value).
func decimal(v float64) string { return stats.FormatFigure(v) }

// noneUnless empties a cell's export when its figure is a stand-in: stats
// gives 0 for a mean over nothing, which the screen shows as is.
func noneUnless(has bool, c statsCell) statsCell {
	if !has {
		c.raw = ""
	}
	return c
}

// fractionCell shows a fraction as a percentage and exports it as 0–1.
func fractionCell(v float64) statsCell { return valueCell(common.Percent(v), decimal(v)) }

// fixedCell shows a 0–1 figure to the hundredth and exports all of it.
func fixedCell(v float64) statsCell { return valueCell(fixed(v), decimal(v)) }

// counted is a count with its noun: "1 field", "2 fields".
func counted(n int, one, many string) string { return count(n) + " " + common.Plural(n, one, many) }

// confWrongCell shows a confidently wrong count, marked so it reads
// without colour.
func confWrongCell(n int) statsCell {
	if n == 0 {
		return textCell("0")
	}
	return statsCell{text: count(n) + " " + common.GlyphMismatch, raw: count(n), low: true}
}

func figureCells(f stats.Figures) []statsCell {
	// No field with a value: no mean confidence, — rather than 0.00.
	conf := valueCell(common.GlyphNone, "")
	if f.Extracted > 0 {
		conf = fixedCell(f.MeanConf)
	}
	return []statsCell{
		textCell(count(f.N)), leveledCell(common.Percent(f.MeanScore), decimal(f.MeanScore), f.MeanScore), fractionCell(f.ExactRate),
		textCell(count(f.Wrong)), textCell(count(f.Missing)), textCell(count(f.Spurious)),
		conf, confWrongCell(f.ConfWrong),
	}
}

func figureColumns() []statsColumn {
	return []statsColumn{
		{title: "FIELDS", key: "field_count", width: 6, right: true},
		{title: "ACCURACY", key: "accuracy_fraction", width: 8, right: true},
		{title: "EXACT", key: "exact_match_fraction", width: 6, right: true, optional: true},
		{title: "WRONG", key: "wrong_count", width: 5, right: true},
		{title: "MISSING", key: "missing_count", width: 7, right: true},
		{title: "SPURIOUS", key: "spurious_count", width: 8, right: true, optional: true},
		{title: "CONF", key: "mean_confidence_fraction", width: 4, right: true},
		{title: "CONF ✗", key: "confidently_wrong_count", width: 6, right: true},
	}
}

func (s *statsModel) fieldsTable() statsTable {
	st, o := s.c.Styles, s.report.Overall
	t := statsTable{
		name: "per-field",
		above: []string{" " + fmt.Sprintf("all fields: accuracy %s · exact %s · %d wrong · %d missing · %d spurious · %d confidently wrong",
			common.Percent(o.MeanScore), common.Percent(o.ExactRate), o.Wrong, o.Missing, o.Spurious, o.ConfWrong) +
			s.invalidScores() +
			st.Dim.Render("   worst first · enter: where it failed")},
		columns: append([]statsColumn{{title: "FIELD", key: "field", width: 16, flex: true, most: 32, least: 10}}, figureColumns()...),
	}
	for _, f := range s.report.Fields {
		t.rows = append(t.rows, statsRow{cells: append([]statsCell{textCell(termtext.Sanitize(f.Field))}, figureCells(f.Figures)...)})
	}
	return t
}

func (s *statsModel) failuresTable() statsTable {
	d := s.drill
	t := statsTable{
		name: "failures",
		above: []string{" " + s.c.Styles.Header.Render(termtext.Sanitize(d.field)) +
			" failed in " + counted(len(d.obs), "field", "fields") + s.c.Styles.Dim.Render("   enter: open the dataset at the field · esc: back")},
		columns: []statsColumn{
			{title: "DATASET", key: "dataset_id", width: 12},
			{title: "DOCUMENT", key: "document_name", width: 14, flex: true, least: 8},
			{title: "OUTCOME", key: "outcome", width: 10},
			{title: "EXTRACTED", key: "extracted", width: 18, least: 10},
			{title: "GROUND TRUTH", key: "ground_truth", width: 18, least: 12},
			{title: "SCORE", key: "score_fraction", width: 5, right: true},
			{title: "CONF", key: "confidence_fraction", width: 4, right: true},
		},
	}
	for i := range d.obs {
		o := &d.obs[i]
		ds := &s.data[o.Dataset]
		t.rows = append(t.rows, statsRow{cells: []statsCell{
			textCell(termtext.Sanitize(ds.ID)), textCell(termtext.Sanitize(ds.DocumentName)), outcomeCell(o),
			valueTextCell(o.Extracted, o.HasValue), valueTextCell(o.Truth, o.HasTruth),
			leveledCell(fixed(o.Score), decimal(o.Score), o.Score), noneUnless(o.InExtraction, fixedCell(o.Confidence)),
		}})
	}
	return t
}

// verdictGlyph is the glyph the detail view draws for the same field
// (detail's stateOf): ∅ nothing extracted, ~ a near miss (or a spurious
// value with partial credit), ✗ the rest.
func verdictGlyph(o *stats.Observation) string {
	switch {
	case !o.HasValue:
		return common.GlyphNull
	case o.Outcome == review.NearMiss, o.Outcome == review.Spurious && o.Score > 0:
		return common.GlyphPartial
	}
	return common.GlyphMismatch
}

// outcomeCell marks the outcome with a glyph on screen; the export has
// the word alone.
func outcomeCell(o *stats.Observation) statsCell {
	glyph, word := common.GlyphMismatch, "wrong"
	switch {
	case o.Outcome == stats.Missing:
		glyph, word = common.GlyphNull, "missing"
	case o.Outcome == stats.Spurious:
		word = "spurious"
	case o.Score > 0:
		glyph, word = common.GlyphPartial, "partial"
	}
	return statsCell{text: glyph + " " + word, raw: word, low: true}
}

// valueTextCell is an extracted or true value: ∅ on screen when there is
// none, empty in the export.
func valueTextCell(v string, has bool) statsCell {
	if !has {
		return valueCell(common.GlyphNull, "")
	}
	return textCell(termtext.Sanitize(v))
}

func (s *statsModel) groupsTable() statsTable {
	st := s.c.Styles
	g := s.report.ByCustomer
	name, title, key, other := "by-customer", "CUSTOMER", "customer_id", "type"
	if s.grouping == stats.ByType {
		g, name, title, key, other = s.report.ByType, "by-type", "TYPE", "dataset_type", "customer"
	}
	t := statsTable{name: name, columns: append(append([]statsColumn{
		{title: title, key: key, width: 20, least: 10}, {title: "DATASETS", key: "dataset_count", width: 8, right: true}},
		figureColumns()...), statsColumn{title: "WEEKLY ACCURACY", width: 15, flex: true, least: 6, screenOnly: true})}
	// The sparkline's weeks are in the export a column each, every week
	// of the span, whatever the screen has room for.
	sparkColumn := len(t.columns) - 1
	for _, w := range g.Weeks {
		t.columns = append(t.columns, statsColumn{key: "accuracy_fraction_week_of_" + w.Format("2006-01-02"), exportOnly: true})
	}
	spark := t.widths(s.width)[sparkColumn]
	t.above = []string{" by " + g.By.String() + st.Dim.Render(" (g: by "+other+")") + " · " + weekSpan(g.Weeks, spark) +
		st.Dim.Render(" · a cell per week, ▁ 0% … █ 100%, · no data")}
	for _, grp := range g.Groups {
		cells := append([]statsCell{textCell(termtext.Sanitize(grp.Key)), textCell(count(grp.Datasets))}, figureCells(grp.Figures)...)
		cells = append(cells, textCell(sparkline(grp.Weekly, spark)))
		for _, v := range grp.Weekly {
			cells = append(cells, exportCell(decimal(v)))
		}
		t.rows = append(t.rows, statsRow{cells: cells})
	}
	return t
}

// weekSpan names the weeks a sparkline width cells wide draws: the last
// width of them, saying so when that is not all.
func weekSpan(weeks []time.Time, width int) string {
	n := len(weeks)
	if n == 0 {
		return "no weeks"
	}
	shown := min(n, max(width, 1))
	span := fmt.Sprintf("weeks of %s to %s", weeks[n-shown].Format("2006-01-02"), weeks[n-1].Format("2006-01-02"))
	if shown < n {
		span += fmt.Sprintf(" (last %d of %d)", shown, n)
	}
	return span
}

var sparkGlyphs = []rune("▁▂▃▄▅▆▇█")

// sparkline draws the last width values (0–1; NaN for none) a cell each.
func sparkline(values []float64, width int) string {
	if len(values) > width {
		values = values[len(values)-width:]
	}
	var b strings.Builder
	for _, v := range values {
		if math.IsNaN(v) {
			b.WriteString(common.GlyphNo)
			continue
		}
		i := int(math.Round(min(max(v, 0), 1) * float64(len(sparkGlyphs)-1)))
		b.WriteRune(sparkGlyphs[i])
	}
	return b.String()
}

// minBinFields is the count under which a calibration bin is dimmed.
const minBinFields = 5

func (s *statsModel) calibrationTable() statsTable {
	st, c := s.c.Styles, s.report.Calibration
	t := statsTable{
		name: "calibration",
		above: []string{" all fields" + st.Dim.Render(" (g: per field)") + fmt.Sprintf(" · %s with a value · ECE %s · MCE %s · Brier %s",
			counted(c.N, "field", "fields"), fixed3(c.ECE), fixed3(c.MCE), fixed3(c.Brier)) +
			st.Dim.Render("   correct = score 1")},
		columns: []statsColumn{
			// The bin's bounds, drawn "0.90–1.00", are two numbers in the export.
			{key: "confidence_from_fraction", exportOnly: true}, {key: "confidence_to_fraction", exportOnly: true},
			{title: "CONFIDENCE", width: 10, screenOnly: true},
			{title: "FIELDS", key: "field_count", width: 7, right: true},
			{title: "MEAN CONF", key: "mean_confidence_fraction", width: 9, right: true},
			{title: "ACCURACY", key: "accuracy_fraction", width: 8, right: true},
			{title: "ACCURACY BAR", width: 20, flex: true, least: 10, screenOnly: true},
			{title: "GAP", key: "accuracy_minus_confidence_fraction", width: 22},
		},
		below: append([]string{" " + st.Dim.Render("* fewer than 5 fields in the bin: dimmed, too few to read much into")},
			s.leftOut(c.Missing, c.Invalid)...),
	}
	const barColumn = 6 // ACCURACY BAR, after the two bounds the screen does not draw
	bar := min(t.widths(s.width)[barColumn], 40)
	for _, b := range c.Bins {
		n := textCell(count(b.Count))
		dim := b.Count < minBinFields
		if dim {
			n.text += "*"
		}
		row := statsRow{dim: dim, cells: []statsCell{exportCell(decimal(b.Lo)), exportCell(decimal(b.Hi)),
			textCell(fixed(b.Lo) + "–" + fixed(b.Hi)), n}}
		if b.Count == 0 {
			row.cells = append(row.cells, valueCell(common.GlyphNone, ""), valueCell(common.GlyphNone, ""), textCell(""), textCell(""))
		} else {
			row.cells = append(row.cells, fixedCell(b.MeanConf), leveledCell(common.Percent(b.Accuracy), decimal(b.Accuracy), b.Accuracy),
				textCell(common.Gauge(b.Accuracy, bar)), valueCell(gapText(b.Gap), decimal(b.Gap)))
		}
		t.rows = append(t.rows, row)
	}
	return t
}

// gapText says which way a bin is off: accuracy below its confidence is
// over-confidence.
func gapText(gap float64) string {
	switch {
	case gap <= -0.005:
		return fmt.Sprintf("%+.2f over-confident", gap)
	case gap >= 0.005:
		return fmt.Sprintf("%+.2f under-confident", gap)
	}
	return " 0.00 calibrated"
}

func (s *statsModel) fieldCalibrationTable() statsTable {
	st, c := s.c.Styles, s.report.Calibration
	t := statsTable{
		name: "calibration-by-field",
		above: []string{" per field" + st.Dim.Render(" (g: all fields)") + fmt.Sprintf(" · all: ECE %s · MCE %s · Brier %s",
			fixed3(c.ECE), fixed3(c.MCE), fixed3(c.Brier)) + st.Dim.Render("   worst ECE first")},
		columns: []statsColumn{
			{title: "FIELD", key: "field", width: 16, flex: true, most: 32, least: 10},
			{title: "FIELDS", key: "field_count", width: 7, right: true},
			{title: "ECE", key: "ece_fraction", width: 6, right: true},
			{title: "MCE", key: "mce_fraction", width: 6, right: true},
			// The mean squared error of confidence against correct (1 or 0).
			{title: "BRIER", key: "brier_score", width: 6, right: true},
		},
	}
	for _, f := range s.report.FieldCalibration {
		row := statsRow{dim: f.N < minBinFields, cells: []statsCell{textCell(termtext.Sanitize(f.Field)), textCell(count(f.N)),
			valueCell(fixed3(f.ECE), decimal(f.ECE)), valueCell(fixed3(f.MCE), decimal(f.MCE)), valueCell(fixed3(f.Brier), decimal(f.Brier))}}
		if row.dim {
			row.cells[1].text += "*"
		}
		t.rows = append(t.rows, row)
	}
	if len(t.rows) > 0 {
		t.below = []string{" " + st.Dim.Render("* fewer than 5 fields: dimmed")}
	}
	return t
}

func (s *statsModel) whatIfTable() statsTable {
	st, w := s.c.Styles, s.report.WhatIf
	t := statsTable{
		name: "what-if",
		above: []string{" " + st.Header.Render("auto-accept at confidence ≥ "+fixed(s.threshold)) +
			fmt.Sprintf(" · accepted %s (%d of %d) · residual error %s (%d) · to review %d",
				common.Percent(w.Share), w.Accepted, w.N, common.Percent(w.ResidualError), w.Errors, w.ToReview) +
			st.Dim.Render("   +/− or t")},
		columns: []statsColumn{
			// The threshold is on the summary line on screen; each row of
			// the export carries it, so the file reads on its own.
			{key: "threshold_fraction", exportOnly: true},
			{title: "FIELD", key: "field", width: 16, flex: true, most: 32, least: 10},
			{title: "FIELDS", key: "field_count", width: 7, right: true},
			{title: "ACCEPTED", key: "accepted_count", width: 8, right: true},
			{title: "SHARE", key: "accepted_fraction", width: 6, right: true},
			// "40.0% (2)": the rate, and the count in another column.
			{title: "RESIDUAL ERROR", key: "residual_error_fraction", width: 14, right: true},
			{key: "residual_error_count", exportOnly: true},
			{title: "TO REVIEW", key: "to_review_count", width: 9, right: true},
		},
	}
	t.below = s.leftOut(w.Missing, w.Invalid)
	add := func(name string, w stats.WhatIf) {
		t.rows = append(t.rows, statsRow{cells: []statsCell{
			exportCell(decimal(s.threshold)), textCell(name), textCell(count(w.N)), textCell(count(w.Accepted)), noneUnless(w.N > 0, fractionCell(w.Share)),
			noneUnless(w.Accepted > 0, leveledCell(fmt.Sprintf("%s (%d)", common.Percent(w.ResidualError), w.Errors), decimal(w.ResidualError), 1-w.ResidualError)),
			exportCell(count(w.Errors)), textCell(count(w.ToReview)),
		}})
	}
	add("all fields", w)
	for _, f := range s.report.FieldWhatIf {
		add(termtext.Sanitize(f.Field), f.WhatIf)
	}
	return t
}

func (s *statsModel) confidentlyWrongTable() statsTable {
	st, list := s.c.Styles, s.report.ConfidentlyWrong
	t := statsTable{
		name: "confidently-wrong",
		above: []string{" " + fmt.Sprintf("%s scored below 1 with confidence ≥ %s", counted(len(list), "field", "fields"), fixed(s.c.Opts.Thresholds.High)) +
			st.Dim.Render("   highest confidence first · enter: open the dataset at the field")},
		columns: []statsColumn{
			{title: "CONF", key: "confidence_fraction", width: 4, right: true},
			{title: "DATASET", key: "dataset_id", width: 12},
			{title: "DOCUMENT", key: "document_name", width: 14, flex: true, least: 6},
			{title: "FIELD", key: "field", width: 20, least: 12},
			{title: "EXTRACTED", key: "extracted", width: 18, least: 10},
			{title: "GROUND TRUTH", key: "ground_truth", width: 18, least: 12},
			{title: "SCORE", key: "score_fraction", width: 6, right: true},
		},
		empty: "no confidently wrong field",
	}
	for i := range list {
		o := &list[i]
		ds := &s.data[o.Dataset]
		t.rows = append(t.rows, statsRow{cells: []statsCell{
			fixedCell(o.Confidence), textCell(termtext.Sanitize(ds.ID)), textCell(termtext.Sanitize(ds.DocumentName)),
			textCell(termtext.Sanitize(o.Key)), valueTextCell(o.Extracted, o.HasValue), valueTextCell(o.Truth, o.HasTruth),
			statsCell{text: verdictGlyph(o) + " " + fixed(o.Score), raw: decimal(o.Score), low: true},
		}})
	}
	return t
}

// leftOut is the note under a calibration or a what-if on the fields it
// does not count: nothing extracted (no value, so no prediction: the
// misses of the per-field table) and confidences outside 0–1 (a server's
// mistake, dropped). Nothing when there are none.
func (s *statsModel) leftOut(missing, invalid int) []string {
	var parts []string
	if missing > 0 {
		parts = append(parts, fmt.Sprintf("%s %s not extracted: no value, no prediction, so not counted (the misses of the per-field table)",
			common.GlyphNull, counted(missing, "field", "fields")))
	}
	if invalid > 0 {
		parts = append(parts, fmt.Sprintf("%s %d with a confidence outside 0–1: invalid, dropped", common.GlyphInvalid, invalid))
	}
	if len(parts) == 0 {
		return nil
	}
	return []string{" " + s.c.Styles.Dim.Render(strings.Join(parts, " · "))}
}

// invalidScores says how many fields were left out of every figure for a
// score outside 0–1.
func (s *statsModel) invalidScores() string {
	n := s.report.InvalidScores
	if n == 0 {
		return ""
	}
	return s.c.Styles.Low.Render(fmt.Sprintf(" · %s %d score%s outside 0–1, dropped", common.GlyphInvalid, n, plural(n)))
}

func plural(n int) string { return common.Plural(n, "", "s") }
