package detail

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/review"
	"github.com/dxdash/dxdash/termtext"
	"github.com/dxdash/dxdash/ui/internal/common"
)

// Drawing the detail view: its layout for a size, the header lines over
// the table and the footer under everything.
//
//	title      document name · id · type · customer · status · verified · created
//	summary    accuracy and counts, or loading / processing / failed
//	tabs       [fields 13]  line items 2    sort · filter · highlight
//	table      column titles, then rows
//	bottom     the selected value in full, or the page map (b)
//	footer     position and feedback

// detailChromeLines are the title, summary, tabs and footer lines.
const detailChromeLines = 4

type detailLayout struct {
	tableRows int // rows under the table's column titles
	bottom    int // lines of the value pane or page map; 0 when too short
}

// layout shares the body between the table and what is under it. The
// table keeps a few rows; when it has fewer rows than the room it gets,
// the value pane takes the rest (the map keeps its size). Nothing is under
// a table with no rows.
func (d *detailModel) layout() detailLayout {
	body := d.height - detailChromeLines - d.checksHeight()
	shown := len(d.Active().order)
	if shown == 0 {
		return detailLayout{tableRows: max(body-1, 1)}
	}
	want := min(max(body/4+1, 4), 9)
	if d.showMap {
		want = min(max(body/2, 6), 14)
	}
	bottom := min(want, body-1-3)
	if bottom < 3 {
		return detailLayout{tableRows: max(body-1, 1)}
	}
	rows := body - 1 - bottom
	if !d.showMap && shown < rows {
		bottom += rows - shown
		rows = shown
	}
	return detailLayout{tableRows: rows, bottom: bottom}
}

func (d *detailModel) View() string {
	if d.width <= 0 || d.height <= 0 {
		return ""
	}
	lines := make([]string, 0, d.height)
	lines = append(lines, d.titleLine(), d.summaryLine())
	body := d.height - detailChromeLines
	if d.rv == nil {
		lines = append(lines, "")
		lines = append(lines, make([]string, max(body, 0))...)
	} else {
		lines = append(lines, d.tabsLine())
		k := d.checksHeight()
		lines = append(lines, exactly(d.bodyLines(body-k), body-k)...)
		if k > 0 {
			lines = append(lines, d.checkLines(k)...)
		}
	}
	lines = append(lines, d.footerLine())
	return common.FitLines(lines, d.width, d.height)
}

// exactly pads or cuts lines to n.
func exactly(lines []string, n int) []string {
	n = max(n, 0)
	if len(lines) > n {
		return lines[:n]
	}
	for len(lines) < n {
		lines = append(lines, "")
	}
	return lines
}

func (d *detailModel) bodyLines(body int) []string {
	if d.zoomed {
		return d.zoomLines()
	}
	l := d.layout()
	var lines []string
	if d.tab == tabLines {
		lines = d.lineTableLines(l.tableRows)
	} else {
		lines = d.fieldTableLines(l.tableRows)
	}
	if l.bottom == 0 {
		return lines
	}
	if d.showMap {
		// Right under the table, however short it is.
		return append(lines, renderPageMap(d.c.Styles, d.mapInput(), d.width, l.bottom)...)
	}
	return append(exactly(lines, body-l.bottom), d.paneLines(l.bottom)...)
}

// mapInput is the page map's selection: the selected field, or the
// selected line item's cells.
func (d *detailModel) mapInput() pageMapInput {
	in := pageMapInput{r: d.rv, label: "nothing"}
	if d.tab == tabLines {
		if i, ok := d.lineRows.selected(); ok {
			row := &d.rv.lines.rows[i]
			in.label = fmt.Sprintf("line item #%d", row.index)
			for j := range row.cells {
				in.selected = append(in.selected, &row.cells[j])
			}
		}
		return in
	}
	if i, ok := d.fieldRows.selected(); ok {
		f := &d.rv.fields[i]
		in.label, in.selected = f.name, []*reviewField{f}
	}
	return in
}

// emptyTable is the body of a table with no rows, saying why.
func (d *detailModel) emptyTable(total int, noun string) []string {
	st := d.c.Styles
	var why string
	switch {
	case total > 0 && d.mismatchesOnly:
		why = "no mismatches · m shows all " + noun
	case d.ds.Status == client.StatusProcessing:
		why = "no " + noun + " yet: they appear when the extraction completes"
	case d.ds.Status == client.StatusFailed:
		why = "the extraction failed: there are no " + noun + " to review"
	default:
		why = "no " + noun + " extracted"
	}
	return []string{"", " " + st.Dim.Render(why)}
}

func (d *detailModel) titleLine() string {
	st, r := d.c.Styles, d.summary
	verified := "not verified"
	if r.Has(common.IsVerified) {
		verified = common.GlyphMatch + " verified"
	}
	status := r.Status
	switch status {
	case client.StatusProcessing:
		status = st.Busy.Render(d.c.Spinner() + " " + status)
	case client.StatusFailed:
		status = st.Low.Render(common.GlyphMismatch + " " + status)
	}
	facts := []string{r.IDText, r.DocType, r.Customer, status, verified}
	if r.Created != 0 {
		facts = append(facts, time.Unix(0, r.Created).UTC().Format("2006-01-02 15:04"))
	}
	return " " + st.Title.Render(r.Name) + "  " + st.Dim.Render(strings.Join(facts, st.Dim.Render(" · ")))
}

func (d *detailModel) summaryLine() string {
	st := d.c.Styles
	switch {
	case d.ds == nil && d.err != nil:
		return " " + st.Low.Render(common.GlyphMismatch+" could not load: "+common.DescribeError(d.err)+" · r to retry")
	case d.ds == nil:
		return " " + st.Busy.Render(d.c.Spinner()) + " loading…"
	}
	switch d.ds.Status {
	case client.StatusProcessing:
		line := " " + st.Busy.Render(d.c.Spinner()+" processing…") +
			st.Dim.Render(" · checking every "+d.c.Opts.PollInterval.String())
		if d.poll.paused {
			line += st.Medium.Render(" · paused: saving the rate budget")
		}
		return line
	case client.StatusFailed:
		return " " + st.Low.Render(common.GlyphMismatch+" extraction failed") +
			st.Dim.Render(" · the service could not extract this document")
	}
	c := d.rv.counts
	sep := st.Dim.Render(" · ")
	checks, failed := d.checksNote()
	if !d.rv.reviewed {
		facts := []string{"no ground truth yet"}
		if n := d.needReview(); n > 0 {
			facts = append(facts, fmt.Sprintf("%d need review", n))
		}
		facts = append(facts, d.confidenceFacts()...)
		if failed {
			// Nobody has reviewed it, but it does not check out by itself:
			// said first, so a narrow screen keeps it.
			return " " + st.Dim.Render("not reviewed · ") + st.Low.Render(checks) + st.Dim.Render(" · "+strings.Join(facts, " · "))
		}
		return " " + st.Dim.Render(strings.Join(append([]string{"not reviewed"}, facts...), " · "))
	}
	var tally []string
	if c.mismatched > 0 {
		tally = append(tally, st.Low.Render(fmt.Sprintf("%d mismatched", c.mismatched)))
	}
	if c.missing > 0 {
		tally = append(tally, st.Low.Render(fmt.Sprintf("%d missing", c.missing)))
	}
	if c.confidentlyWrong > 0 {
		tally = append(tally, st.ErrorLine.Render(fmt.Sprintf("%d confidently wrong", c.confidentlyWrong)))
	}
	if c.invalid > 0 {
		tally = append(tally, st.Low.Render(fmt.Sprintf("%s %d invalid", common.GlyphInvalid, c.invalid)))
	}
	// The minimum confidence is said where it fits: the list's MIN CONF,
	// by the same rule.
	withMin := tally
	if lowest, ok := d.rv.floor.Min(); ok {
		withMin = append(slices.Clip(tally), st.Dim.Render(fmt.Sprintf("min conf %.2f", lowest)))
	}
	// The checks section below says it too: the note goes before the bar.
	withNote := append(slices.Clip(tally), st.Medium.Render(checks))
	// The most detailed form that fits: the counts matter more than the bar.
	acc, hasAcc := d.ds.OverallAccuracy()
	for _, v := range []struct {
		label string
		bar   int
		match string
	}{
		{"overall accuracy ", 10, fmt.Sprintf("   %d of %d fields match", c.matched, c.scored)},
		{"accuracy ", 5, fmt.Sprintf("  %d/%d match", c.matched, c.scored)},
		{"accuracy ", 0, fmt.Sprintf("  %d/%d match", c.matched, c.scored)},
	} {
		accuracy := st.Dim.Render(v.label + common.GlyphNone)
		switch {
		case hasAcc && !review.InUnit(acc):
			accuracy = v.label + st.Low.Render(common.InvalidText)
		case hasAcc:
			text := common.Percent(acc)
			if v.bar > 0 {
				text += " " + common.Gauge(unitOrZero(acc), v.bar)
			}
			accuracy = v.label + common.LevelStyle(st, acc, d.c.Opts.Thresholds).Render(text)
		}
		lines := [][]string{withMin, tally}
		if failed {
			lines = [][]string{append(slices.Clip(withMin), st.Medium.Render(checks)), withNote, withMin, tally}
		}
		var line string
		for _, facts := range lines {
			line = " " + accuracy + strings.Join(append([]string{v.match}, facts...), sep)
			if ansi.StringWidth(line) <= d.width {
				return line
			}
		}
		if ansi.StringWidth(line) <= d.width || v.bar == 0 {
			return line
		}
	}
	return ""
}

// confidenceFacts are the minimum confidence by the one rule (the list's
// MIN CONF) and how many fields have no value, counted apart from it.
func (d *detailModel) confidenceFacts() []string {
	f := d.rv.floor
	var facts []string
	if lowest, ok := f.Min(); ok {
		facts = append(facts, fmt.Sprintf("min conf %.2f", lowest))
	}
	if f.Missing > 0 {
		facts = append(facts, fmt.Sprintf("%s %d not extracted", common.GlyphNull, f.Missing))
	}
	if d.rv.counts.invalid > 0 {
		facts = append(facts, fmt.Sprintf("%s %d invalid", common.GlyphInvalid, d.rv.counts.invalid))
	}
	return facts
}

// unitOrZero clamps v to [0, 1], NaN to 0, for gauges.
func unitOrZero(v float64) float64 {
	if !(v >= 0) {
		return 0
	}
	return min(v, 1)
}

func (d *detailModel) tabsLine() string {
	st := d.c.Styles
	tab := func(name string, n int, active bool) string {
		text := fmt.Sprintf("%s %d", name, n)
		if active {
			return st.Header.Render("[" + text + "]")
		}
		return st.Dim.Render(" " + text + " ")
	}
	line := " " + tab("fields", len(d.rv.fields), d.tab == tabFields) + " " +
		tab("line items", len(d.rv.lines.rows), d.tab == tabLines)
	var state []string
	if d.tab == tabFields {
		state = append(state, "sort: "+d.sort.String())
	}
	if d.mismatchesOnly {
		state = append(state, "mismatches only")
	}
	if hl := termtext.Sanitize(d.highlight); strings.TrimSpace(hl) != "" {
		state = append(state, fmt.Sprintf("%s “%s” %d %s", glyphHit, termtext.Truncate(hl, 24),
			d.rv.counts.hits, common.Plural(d.rv.counts.hits, "hit", "hits")))
	}
	return line + "   " + st.Dim.Render(strings.Join(state, " · "))
}

func (d *detailModel) footerLine() string {
	st := d.c.Styles
	var left string
	if d.rv != nil {
		t, noun, total := &d.fieldRows, "field", len(d.rv.fields)
		if d.tab == tabLines {
			t, noun, total = &d.lineRows, "line item", len(d.rv.lines.rows)
		}
		// Pieces joined, so a filtered table with no rows shown does not
		// start the line with a bare separator.
		var pieces []string
		if len(t.order) > 0 {
			pos := fmt.Sprintf("%s %d of %d", noun, t.cursor+1, len(t.order))
			if i, ok := d.lineRows.selected(); ok && d.tab == tabLines {
				// The table's # column is the item's index: the footer
				// names the item by it too.
				pos = fmt.Sprintf("line item #%d · %d of %d", d.rv.lines.rows[i].index, t.cursor+1, len(t.order))
			}
			if len(t.order) < total {
				pos += fmt.Sprintf(" (%d hidden)", total-len(t.order))
			}
			pieces = append(pieces, pos)
		}
		if n := d.needReview(); n > 0 {
			pieces = append(pieces, st.Dim.Render(fmt.Sprintf("%d need review", n)))
		}
		left = strings.Join(pieces, st.Dim.Render(" · "))
		if d.refreshing {
			left += " " + st.Busy.Render(d.c.Spinner()+" stored copy · refreshing…")
		} else if d.fetching {
			left += " " + st.Busy.Render(d.c.Spinner()+" refetching…")
		}
	}
	if d.flash == "" {
		return " " + left
	}
	return common.JoinRight(" "+left, st.Title.Render(d.flash)+" ", d.width)
}
