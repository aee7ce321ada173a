package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/termtext"
)

// detailModel shows one dataset: a header and every field against its
// ground truth. It fetches the dataset when opened; esc returns to the
// list, which was left exactly as it was.
type detailModel struct {
	c         *common
	id        int
	datasetID string
	summary   row // from the list, shown until the dataset arrives
	keys      detailKeys

	width, height int
	loading       bool
	err           error
	ds            *client.Dataset
	fields        []fieldRow
	offset        int // first field row on screen
}

// fieldRow is one field prepared for display: server text sanitized once.
type fieldRow struct {
	name       string
	extracted  string // glyphNull when nothing was extracted
	truth      string // glyphNone when there is no ground truth for it
	score      float64
	hasScore   bool
	null       bool
	confidence float64
}

func newDetailModel(c *common, id string, summary row) *detailModel {
	return &detailModel{c: c, id: c.newViewID(), datasetID: id, summary: summary, keys: newDetailKeys()}
}

func (d *detailModel) Name() string      { return "dataset" }
func (d *detailModel) Keys() help.KeyMap { return d.keys }
func (d *detailModel) Init() tea.Cmd     { return d.fetch() }
func (d *detailModel) Focus() tea.Cmd    { return nil }
func (d *detailModel) Blur()             {}

func (d *detailModel) Busy() bool {
	return d.loading || (d.ds != nil && d.ds.Status == client.StatusProcessing)
}

func (d *detailModel) SetSize(width, height int) {
	d.width, d.height = width, height
	d.clampScroll()
}

func (d *detailModel) fetch() tea.Cmd {
	d.loading = true
	return fetchDatasetCmd(d.c.ctx, d.c.api, d.id, d.datasetID)
}

func (d *detailModel) source() string { return fmt.Sprintf("detail%d", d.id) }

func (d *detailModel) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return d.handleKey(msg)
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			d.scrollBy(-3)
		case tea.MouseWheelDown:
			d.scrollBy(3)
		}
	case datasetMsg:
		if msg.owner == d.id {
			return d.onDataset(msg)
		}
	}
	return nil
}

func (d *detailModel) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	k, page := d.keys, d.rowsOnScreen()
	switch {
	case key.Matches(msg, k.Back):
		return emit(closeViewMsg{})
	case key.Matches(msg, k.Reload):
		if !d.loading {
			return d.fetch()
		}
	case key.Matches(msg, k.Up):
		d.scrollBy(-1)
	case key.Matches(msg, k.Down):
		d.scrollBy(1)
	case key.Matches(msg, k.HalfDown):
		d.scrollBy(page / 2)
	case key.Matches(msg, k.HalfUp):
		d.scrollBy(-page / 2)
	case key.Matches(msg, k.PageDown):
		d.scrollBy(page)
	case key.Matches(msg, k.PageUp):
		d.scrollBy(-page)
	case key.Matches(msg, k.Top):
		d.offset = 0
	case key.Matches(msg, k.Bottom):
		d.offset = len(d.fields)
		d.clampScroll()
	}
	return nil
}

func (d *detailModel) onDataset(msg datasetMsg) tea.Cmd {
	d.loading = false
	if msg.err != nil {
		if errors.Is(msg.err, context.Canceled) {
			return nil
		}
		d.err = msg.err
		return reportError(d.source(), msg.err, "r to retry")
	}
	ds := msg.ds
	d.ds, d.err = &ds, nil
	d.fields = fieldRows(ds)
	d.summary = newRow(ds)
	d.clampScroll()
	return resolveError(d.source())
}

// rowsOnScreen: two header lines, the column titles and the footer.
func (d *detailModel) rowsOnScreen() int { return max(d.height-4, 1) }

func (d *detailModel) scrollBy(n int) {
	d.offset += n
	d.clampScroll()
}

func (d *detailModel) clampScroll() {
	d.offset = min(max(d.offset, 0), max(len(d.fields)-d.rowsOnScreen(), 0))
}

// fieldRows lists the fields, then the line items' fields, each with its
// ground truth and score.
func fieldRows(ds client.Dataset) []fieldRow {
	truth := make(map[string]client.Value, len(ds.GroundTruth))
	for _, g := range ds.GroundTruth {
		truth[g.Name] = g.Value
	}
	var scores map[string]float64
	if ds.Accuracy != nil {
		scores = ds.Accuracy.FieldScores
	}
	rows := make([]fieldRow, 0, len(ds.Fields))
	add := func(name string, f client.Field) {
		r := fieldRow{
			name:       termtext.Sanitize(name),
			extracted:  displayValue(f.Value),
			truth:      glyphNone,
			null:       f.Value.IsNull(),
			confidence: f.Confidence,
		}
		if v, ok := truth[name]; ok {
			r.truth = displayValue(v)
		}
		r.score, r.hasScore = scores[name]
		rows = append(rows, r)
	}
	for _, f := range ds.Fields {
		add(f.Name, f)
	}
	for _, item := range ds.LineItems {
		for _, f := range item.Fields {
			add(client.LineItemFieldName(item.Index, f.Name), f)
		}
	}
	return rows
}

func displayValue(v client.Value) string {
	if v.IsNull() {
		return glyphNull
	}
	return termtext.Sanitize(v.String())
}

func (d *detailModel) View() string {
	if d.width <= 0 || d.height <= 0 {
		return ""
	}
	lines := []string{d.titleLine(), d.summaryLine()}
	cols := d.columns()
	lines = append(lines, cols.header(d.c.styles))
	end := min(d.offset+d.rowsOnScreen(), len(d.fields))
	for _, f := range d.fields[d.offset:end] {
		lines = append(lines, cols.row(d.c.styles, d.c.opts.Thresholds, f))
	}
	for len(lines) < d.height-1 {
		lines = append(lines, "")
	}
	lines = append(lines[:d.height-1], d.footerLine())
	return fitLines(lines, d.width, d.height)
}

func (d *detailModel) titleLine() string {
	st, r := d.c.styles, d.summary
	verified := "not verified"
	if r.has(isVerified) {
		verified = "verified"
	}
	facts := strings.Join([]string{r.idText, r.docType, r.customer, r.status, verified}, " · ")
	return " " + st.title.Render(r.name) + "  " + st.dim.Render(facts)
}

func (d *detailModel) summaryLine() string {
	st := d.c.styles
	switch {
	case d.loading && d.ds == nil:
		return " " + st.busy.Render(d.c.spinner()) + " loading…"
	case d.err != nil && d.ds == nil:
		return " " + st.low.Render(glyphMismatch+" could not load: "+describeError(d.err)+" · r to retry")
	}
	switch d.ds.Status {
	case client.StatusProcessing:
		return " " + st.busy.Render(d.c.spinner()+" processing…")
	case client.StatusFailed:
		return " " + st.low.Render(glyphMismatch+" extraction failed")
	}
	acc, ok := d.ds.OverallAccuracy()
	if !ok {
		return " " + st.dim.Render("not reviewed")
	}
	matched, scored := 0, 0
	for _, f := range d.fields {
		if f.hasScore {
			scored++
			if f.score >= 1 {
				matched++
			}
		}
	}
	style := st.level(acc, d.c.opts.Thresholds)
	return fmt.Sprintf(" overall accuracy %s   %s",
		style.Render(percent(acc)+" "+gauge(acc, 10)),
		st.dim.Render(fmt.Sprintf("%d of %d fields match", matched, scored)))
}

func (d *detailModel) footerLine() string {
	st := d.c.styles
	if len(d.fields) == 0 {
		if d.ds != nil {
			return " " + st.dim.Render("no fields")
		}
		return ""
	}
	end := min(d.offset+d.rowsOnScreen(), len(d.fields))
	return " " + st.dim.Render(fmt.Sprintf("fields %d–%d of %d", d.offset+1, end, len(d.fields)))
}

// fieldColumns is the field table's layout for one width.
type fieldColumns struct {
	name, value, truth, conf int
	reviewed                 bool // ground truth and match columns shown
	bar                      bool // confidence has a bar
}

const (
	fieldNameWidth = 24
	matchWidth     = 6 // "✓ 1.00"
	confBarCells   = 10
)

func (d *detailModel) columns() fieldColumns {
	c := fieldColumns{reviewed: d.ds != nil && d.ds.Accuracy != nil, bar: d.width >= 100}
	c.conf = 6 // "0.41 ▼"
	if c.bar {
		c.conf += 1 + confBarCells
	}
	c.name = min(fieldNameWidth, max(d.width/5, 8))
	flex := d.width - 1 - c.name - c.conf - 2*2
	if c.reviewed {
		flex -= matchWidth + 2*2
		c.value = max(flex/2, 1)
		c.truth = max(flex-c.value, 1)
	} else {
		c.value = max(flex, 1)
	}
	return c
}

func (c fieldColumns) header(st *styles) string {
	cells := []string{termtext.Fit("FIELD", c.name), termtext.Fit("EXTRACTED", c.value)}
	if c.reviewed {
		cells = append(cells, termtext.Fit("GROUND TRUTH", c.truth), termtext.Fit("MATCH", matchWidth))
	}
	confTitle := "CONFIDENCE"
	if !c.bar {
		confTitle = "CONF"
	}
	cells = append(cells, termtext.Fit(confTitle, c.conf))
	return st.header.Render(" " + strings.Join(cells, columnGap))
}

func (c fieldColumns) row(st *styles, th Thresholds, f fieldRow) string {
	value := termtext.Fit(f.extracted, c.value)
	if f.null {
		value = st.dim.Render(value)
	}
	cells := []string{termtext.Fit(f.name, c.name), value}
	if c.reviewed {
		cells = append(cells, termtext.Fit(f.truth, c.truth), matchCell(st, f))
	}
	conf := fmt.Sprintf("%.2f", f.confidence)
	if c.bar {
		conf += " " + gauge(f.confidence, confBarCells)
	}
	if f.confidence < th.Low {
		conf += " " + glyphLow
	}
	cells = append(cells, st.level(f.confidence, th).Render(termtext.Fit(conf, c.conf)))
	return " " + strings.Join(cells, columnGap)
}

// matchCell is the glyph and score: ✓ 1.00 match, ~ partial, ✗ 0.00 wrong,
// ∅ nothing extracted, — no score.
func matchCell(st *styles, f fieldRow) string {
	if !f.hasScore {
		return st.dim.Render(termtext.Fit(glyphNone, matchWidth))
	}
	score := fmt.Sprintf("%.2f", f.score)
	switch {
	case f.null:
		return st.low.Render(glyphNull + " " + score)
	case f.score >= 1:
		return st.good.Render(glyphMatch + " " + score)
	case f.score <= 0:
		return st.low.Render(glyphMismatch + " " + score)
	}
	return st.medium.Render(glyphPartial + " " + score)
}
