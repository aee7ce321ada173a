package ui

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/dxdash/dxdash/stats"
	"github.com/dxdash/dxdash/ui/termtext"
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

// counted is a count with its noun: "1 field", "2 fields".
func counted(n int, one, many string) string { return count(n) + " " + plural(n, one, many) }

// confWrongCell shows a confidently wrong count, marked so it reads
// without colour.
func confWrongCell(n int) statsCell {
	if n == 0 {
		return textCell("0")
	}
	return statsCell{text: count(n) + " " + glyphMismatch, low: true}
}

func figureCells(f stats.Figures) []statsCell {
	return []statsCell{
		textCell(count(f.N)), leveledCell(percent(f.MeanScore), f.MeanScore), textCell(percent(f.ExactRate)),
		textCell(count(f.Wrong)), textCell(count(f.Missing)), textCell(count(f.Spurious)),
		textCell(fixed(f.MeanConf)), confWrongCell(f.ConfWrong),
	}
}

func figureColumns() []statsColumn {
	return []statsColumn{
		{title: "FIELDS", width: 6, right: true}, {title: "ACCURACY", width: 8, right: true},
		{title: "EXACT", width: 6, right: true, optional: true}, {title: "WRONG", width: 5, right: true},
		{title: "MISSING", width: 7, right: true}, {title: "SPURIOUS", width: 8, right: true, optional: true},
		{title: "CONF", width: 4, right: true}, {title: "CONF ✗", width: 6, right: true},
	}
}

func (s *statsModel) fieldsTable() statsTable {
	st, o := s.c.styles, s.report.Overall
	t := statsTable{
		above: []string{" " + fmt.Sprintf("all fields: accuracy %s · exact %s · %d wrong · %d missing · %d spurious · %d confidently wrong",
			percent(o.MeanScore), percent(o.ExactRate), o.Wrong, o.Missing, o.Spurious, o.ConfWrong) +
			st.dim.Render("   worst first · enter: where it failed")},
		columns: append([]statsColumn{{title: "FIELD", width: 16, flex: true, most: 32, least: 10}}, figureColumns()...),
	}
	for _, f := range s.report.Fields {
		t.rows = append(t.rows, statsRow{cells: append([]statsCell{textCell(termtext.Sanitize(f.Field))}, figureCells(f.Figures)...)})
	}
	return t
}

func (s *statsModel) failuresTable() statsTable {
	d := s.drill
	t := statsTable{
		above: []string{" " + s.c.styles.header.Render(termtext.Sanitize(d.field)) +
			" failed in " + counted(len(d.obs), "field", "fields") + s.c.styles.dim.Render("   enter: open the dataset at the field · esc: back")},
		columns: []statsColumn{
			{title: "DATASET", width: 12}, {title: "DOCUMENT", width: 14, flex: true, least: 8}, {title: "OUTCOME", width: 10},
			{title: "EXTRACTED", width: 18, least: 10}, {title: "GROUND TRUTH", width: 18, least: 12},
			{title: "SCORE", width: 5, right: true}, {title: "CONF", width: 4, right: true},
		},
	}
	for i := range d.obs {
		o := &d.obs[i]
		ds := &s.data[o.Dataset]
		t.rows = append(t.rows, statsRow{cells: []statsCell{
			textCell(termtext.Sanitize(ds.ID)), textCell(termtext.Sanitize(ds.DocumentName)), outcomeCell(o),
			textCell(valueText(o.Extracted, o.HasValue)), textCell(valueText(o.Truth, o.HasTruth)),
			leveledCell(fixed(o.Score), o.Score), textCell(fixed(o.Confidence)),
		}})
	}
	return t
}

func outcomeCell(o *stats.Observation) statsCell {
	text := glyphMismatch + " wrong"
	switch {
	case o.Outcome == stats.Missing:
		text = glyphNull + " missing"
	case o.Outcome == stats.Spurious:
		text = glyphMismatch + " spurious"
	case o.Score > 0:
		text = glyphPartial + " partial"
	}
	return statsCell{text: text, low: true}
}

func valueText(v string, has bool) string {
	if !has {
		return glyphNull
	}
	return termtext.Sanitize(v)
}

func (s *statsModel) groupsTable() statsTable {
	st := s.c.styles
	g := s.report.ByCustomer
	title, other := "CUSTOMER", "type"
	if s.grouping == stats.ByType {
		g, title, other = s.report.ByType, "TYPE", "customer"
	}
	t := statsTable{columns: append(append([]statsColumn{{title: title, width: 20, least: 10}, {title: "DATASETS", width: 8, right: true}},
		figureColumns()...), statsColumn{title: "WEEKLY ACCURACY", width: 15, flex: true, least: 6})}
	span := "no weeks"
	if n := len(g.Weeks); n > 0 {
		span = fmt.Sprintf("weeks of %s to %s", g.Weeks[0].Format("2006-01-02"), g.Weeks[n-1].Format("2006-01-02"))
	}
	t.above = []string{" by " + g.By.String() + st.dim.Render(" (g: by "+other+")") + " · " + span +
		st.dim.Render(" · a cell per week, ▁ 0% … █ 100%, · no data")}
	ws := t.widths(s.width)
	spark := ws[len(ws)-1]
	for _, grp := range g.Groups {
		cells := append([]statsCell{textCell(termtext.Sanitize(grp.Key)), textCell(count(grp.Datasets))}, figureCells(grp.Figures)...)
		t.rows = append(t.rows, statsRow{cells: append(cells, textCell(sparkline(grp.Weekly, spark)))})
	}
	return t
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
			b.WriteString(glyphNo)
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
	st, c := s.c.styles, s.report.Calibration
	t := statsTable{
		above: []string{" all fields" + st.dim.Render(" (g: per field)") + fmt.Sprintf(" · %s with a confidence · ECE %s · MCE %s · Brier %s",
			counted(c.N, "field", "fields"), fixed3(c.ECE), fixed3(c.MCE), fixed3(c.Brier)) + st.dim.Render("   correct = score 1")},
		columns: []statsColumn{
			{title: "CONFIDENCE", width: 10}, {title: "FIELDS", width: 7, right: true},
			{title: "MEAN CONF", width: 9, right: true}, {title: "ACCURACY", width: 8, right: true},
			{title: "ACCURACY BAR", width: 20, flex: true, least: 10}, {title: "GAP", width: 22},
		},
		below: []string{" " + st.dim.Render("* fewer than 5 fields in the bin: dimmed, too few to read much into")},
	}
	ws := t.widths(s.width)
	bar := min(ws[4], 40)
	for _, b := range c.Bins {
		n := count(b.Count)
		dim := b.Count < minBinFields
		if dim {
			n += "*"
		}
		row := statsRow{dim: dim, cells: []statsCell{textCell(fixed(b.Lo) + "–" + fixed(b.Hi)), textCell(n)}}
		if b.Count == 0 {
			row.cells = append(row.cells, textCell(glyphNone), textCell(glyphNone), textCell(""), textCell(""))
		} else {
			row.cells = append(row.cells, textCell(fixed(b.MeanConf)), leveledCell(percent(b.Accuracy), b.Accuracy),
				textCell(gauge(b.Accuracy, bar)), textCell(gapText(b.Gap)))
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
	st, c := s.c.styles, s.report.Calibration
	t := statsTable{
		above: []string{" per field" + st.dim.Render(" (g: all fields)") + fmt.Sprintf(" · all: ECE %s · MCE %s · Brier %s",
			fixed3(c.ECE), fixed3(c.MCE), fixed3(c.Brier)) + st.dim.Render("   worst ECE first")},
		columns: []statsColumn{
			{title: "FIELD", width: 16, flex: true, most: 32, least: 10}, {title: "FIELDS", width: 7, right: true},
			{title: "ECE", width: 6, right: true}, {title: "MCE", width: 6, right: true}, {title: "BRIER", width: 6, right: true},
		},
	}
	for _, f := range s.report.FieldCalibration {
		row := statsRow{dim: f.N < minBinFields, cells: []statsCell{textCell(termtext.Sanitize(f.Field)), textCell(count(f.N)),
			textCell(fixed3(f.ECE)), textCell(fixed3(f.MCE)), textCell(fixed3(f.Brier))}}
		if row.dim {
			row.cells[1].text += "*"
		}
		t.rows = append(t.rows, row)
	}
	if len(t.rows) > 0 {
		t.below = []string{" " + st.dim.Render("* fewer than 5 fields: dimmed")}
	}
	return t
}

func (s *statsModel) whatIfTable() statsTable {
	st, w := s.c.styles, s.report.WhatIf
	t := statsTable{
		above: []string{" " + st.header.Render("auto-accept at confidence ≥ "+fixed(s.threshold)) +
			fmt.Sprintf(" · accepted %s (%d of %d) · residual error %s (%d) · to review %d",
				percent(w.Share), w.Accepted, w.N, percent(w.ResidualError), w.Errors, w.ToReview) +
			st.dim.Render("   +/− or t")},
		columns: []statsColumn{
			{title: "FIELD", width: 16, flex: true, most: 32, least: 10}, {title: "FIELDS", width: 7, right: true},
			{title: "ACCEPTED", width: 8, right: true}, {title: "SHARE", width: 6, right: true},
			{title: "RESIDUAL ERROR", width: 14, right: true}, {title: "TO REVIEW", width: 9, right: true},
		},
	}
	add := func(name string, w stats.WhatIf) {
		t.rows = append(t.rows, statsRow{cells: []statsCell{
			textCell(name), textCell(count(w.N)), textCell(count(w.Accepted)), textCell(percent(w.Share)),
			leveledCell(fmt.Sprintf("%s (%d)", percent(w.ResidualError), w.Errors), 1-w.ResidualError), textCell(count(w.ToReview)),
		}})
	}
	add("all fields", w)
	for _, f := range s.report.FieldWhatIf {
		add(termtext.Sanitize(f.Field), f.WhatIf)
	}
	return t
}

func (s *statsModel) confidentlyWrongTable() statsTable {
	st, list := s.c.styles, s.report.ConfidentlyWrong
	t := statsTable{
		above: []string{" " + fmt.Sprintf("%s scored below 1 with confidence ≥ %s", counted(len(list), "field", "fields"), fixed(s.c.opts.Thresholds.High)) +
			st.dim.Render("   highest confidence first · enter: open the dataset at the field")},
		columns: []statsColumn{
			{title: "CONF", width: 4, right: true}, {title: "DATASET", width: 12}, {title: "DOCUMENT", width: 14, flex: true, least: 6},
			{title: "FIELD", width: 20, least: 12}, {title: "EXTRACTED", width: 18, least: 10}, {title: "GROUND TRUTH", width: 18, least: 12},
			{title: "SCORE", width: 6, right: true},
		},
		empty: "no confidently wrong field",
	}
	for i := range list {
		o := &list[i]
		ds := &s.data[o.Dataset]
		t.rows = append(t.rows, statsRow{cells: []statsCell{
			textCell(fixed(o.Confidence)), textCell(termtext.Sanitize(ds.ID)), textCell(termtext.Sanitize(ds.DocumentName)),
			textCell(termtext.Sanitize(o.Key)), textCell(valueText(o.Extracted, o.HasValue)), textCell(valueText(o.Truth, o.HasTruth)),
			statsCell{text: glyphMismatch + " " + fixed(o.Score), low: true},
		}})
	}
	return t
}
