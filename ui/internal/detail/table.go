package detail

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/dxdash/dxdash/termtext"
	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/styles"
)

// The field table: a row per field, its extracted value against the ground
// truth, the server's score and the extractor's confidence.
//
//	▌!◆ FIELD          EXTRACTED     GROUND TRUTH   MATCH    CONFIDENCE
//	    total_amount   1320.00       1230.00        ✗ 0.00   0.41 ▮▮▮▮▯▯▯▯▯▯ ▼ low
//
// The two flag cells before the name mark a confidently wrong value (!)
// and a value containing the search query (◆) or read by a consistency
// check that failed (⚑); the match cell ends in ≈
// when the texts differ and count as equal only after normalisation.

const (
	glyphConfidentlyWrong = "!"
	glyphHit              = "◆"
	glyphNormalised       = "≈"

	flagCells     = 2
	matchWidth    = 7 // "✓ 1.00≈"
	confNarrow    = 6 // "0.41 ▼"
	confWide      = 21
	confBarCells  = 10
	fieldNameMax  = 28
	fieldNameMin  = 8
	wideTableFrom = 100 // columns from which confidence has a bar
)

// fieldColumns is the field table's layout for one width.
type fieldColumns struct {
	name, value, truth, conf int
	reviewed                 bool // ground truth and match shown
	bar                      bool // confidence has a bar and a word
}

func newFieldColumns(width int, rv *prepared) fieldColumns {
	c := fieldColumns{reviewed: rv.reviewed, bar: width >= wideTableFrom, conf: confNarrow}
	if c.bar {
		c.conf = confWide
	}
	c.name = min(max(rv.nameWidth, fieldNameMin), fieldNameMax, max(width/4, fieldNameMin))
	fixed := common.GutterWidth + flagCells + 1 + c.name + len(common.ColumnGap) + len(common.ColumnGap) + c.conf
	if c.reviewed {
		fixed += len(common.ColumnGap) + len(common.ColumnGap) + matchWidth
	}
	flex := max(width-fixed, 2)
	if c.reviewed {
		c.value = max(flex/2, 1)
		c.truth = max(flex-c.value, 1)
	} else {
		c.value = flex
	}
	return c
}

// widestName measures the field names, up to the most the name column
// would ever show.
func widestName(fields []reviewField) int {
	w := 0
	for i := range fields {
		w = max(w, termtext.Width(termtext.Truncate(fields[i].name, fieldNameMax+1)))
	}
	return w
}

func (c fieldColumns) header(st *styles.Styles) string {
	cells := []string{termtext.Fit("FIELD", c.name), termtext.Fit("EXTRACTED", c.value)}
	if c.reviewed {
		cells = append(cells, termtext.Fit("GROUND TRUTH", c.truth), termtext.Fit("MATCH", matchWidth))
	}
	title := "CONFIDENCE"
	if !c.bar {
		title = "CONF"
	}
	cells = append(cells, termtext.Fit(title, c.conf))
	return st.Header.Render(strings.Repeat(" ", common.GutterWidth+flagCells+1) + strings.Join(cells, common.ColumnGap))
}

// cell is a table cell's text, exactly its column's width, and its style
// (nil for none).
type cell struct {
	text  string
	style *lipgloss.Style
}

// row draws one field.
func (c fieldColumns) row(st *styles.Styles, th common.Thresholds, f *reviewField, selected bool) string {
	return drawCells(st, c.cells(st, th, f), selected)
}

// drawCells joins a row's cells: the two flag cells, then the rest with
// a column gap between each. A selected row is drawn in the selection
// style with the ▌ marker, from the same text without the cells' styles.
func drawCells(st *styles.Styles, cells []cell, selected bool) string {
	const gapsFrom = 3 // no gap between the flags and the first column
	var b strings.Builder
	if selected {
		var plain strings.Builder
		for i, cl := range cells {
			if i >= gapsFrom {
				plain.WriteString(common.ColumnGap)
			}
			plain.WriteString(cl.text)
		}
		b.WriteString(st.Marker.Render(common.GlyphSelected))
		b.WriteString(st.Selected.Render(plain.String()))
		return b.String()
	}
	b.WriteString(strings.Repeat(" ", common.GutterWidth))
	for i, cl := range cells {
		if i >= gapsFrom {
			b.WriteString(common.ColumnGap)
		}
		if cl.style == nil {
			b.WriteString(cl.text)
		} else {
			b.WriteString(cl.style.Render(cl.text))
		}
	}
	return b.String()
}

func (c fieldColumns) total() int {
	t := common.GutterWidth + flagCells + 1 + c.name + len(common.ColumnGap) + c.value + len(common.ColumnGap) + c.conf
	if c.reviewed {
		t += 2*len(common.ColumnGap) + c.truth + matchWidth
	}
	return t
}

// cells are the row's cells: the two flags (the second with the space
// after it), then one per column, each exactly its column's width.
func (c fieldColumns) cells(st *styles.Styles, th common.Thresholds, f *reviewField) []cell {
	out := make([]cell, 0, 7)
	wrong, hit := cell{text: " "}, cell{text: "  "}
	if f.Has(fieldConfidentlyWrong) {
		wrong = cell{text: glyphConfidentlyWrong, style: &st.ErrorLine}
	}
	switch {
	case f.Has(fieldHit) && f.Has(fieldCheckFailed):
		hit = cell{text: glyphHit + common.GlyphCheck, style: &st.Title}
	case f.Has(fieldHit):
		hit = cell{text: glyphHit + " ", style: &st.Title}
	case f.Has(fieldCheckFailed):
		hit = cell{text: common.GlyphCheck + " ", style: &st.Medium}
	}
	out = append(out, wrong, hit, cell{text: termtext.Fit(f.name, c.name)})

	switch {
	case f.Has(fieldNull):
		out = append(out, cell{text: termtext.Fit(common.GlyphNull, c.value), style: &st.Dim})
	case f.Has(fieldHit):
		hl := st.Title.Underline(true)
		out = append(out, cell{text: termtext.Fit(f.extracted, c.value), style: &hl})
	default:
		out = append(out, cell{text: termtext.Fit(f.extracted, c.value)})
	}
	if c.reviewed {
		switch {
		case !f.Has(fieldHasTruth):
			out = append(out, cell{text: termtext.Fit(common.GlyphNone, c.truth), style: &st.Dim})
		case f.Has(fieldTruthNull):
			out = append(out, cell{text: termtext.Fit(common.GlyphNull, c.truth), style: &st.Dim})
		default:
			out = append(out, cell{text: termtext.Fit(f.truth, c.truth)})
		}
		text, style := matchText(st, f)
		out = append(out, cell{text: termtext.Fit(text, matchWidth), style: style})
	}
	text, style := confidenceText(st, th, f, c.bar)
	return append(out, cell{text: termtext.Fit(text, c.conf), style: style})
}

// matchText is the verdict: glyph and score, ✓ 1.00 match, ~ partial,
// ✗ 0.00 wrong, ∅ nothing extracted; ≈ after a match by normalisation.
func matchText(st *styles.Styles, f *reviewField) (string, *lipgloss.Style) {
	score := common.GlyphNone
	switch {
	case f.Has(fieldInvalidScore):
		return invalidNumber(f.score), &st.Low
	case f.Has(fieldHasScore):
		score = fmt.Sprintf("%.2f", f.score)
	}
	switch f.state {
	case stateMatch:
		if f.note != "" {
			return common.GlyphMatch + " " + score + glyphNormalised, &st.Good
		}
		return common.GlyphMatch + " " + score, &st.Good
	case statePartial:
		return common.GlyphPartial + " " + score, &st.Medium
	case stateWrong:
		return common.GlyphMismatch + " " + score, &st.Low
	case stateMissing:
		return common.GlyphNull + " " + score, &st.Low
	}
	return "  " + score, &st.Dim
}

// confidenceText is the confidence as a number, with a bar and a word on
// a wide table; ▼ marks a low one whatever the width.
func confidenceText(st *styles.Styles, th common.Thresholds, f *reviewField, bar bool) (string, *lipgloss.Style) {
	if !f.Has(fieldExtracted) {
		return common.GlyphNone, &st.Dim
	}
	if f.Has(fieldNull) {
		// Nothing extracted: its confidence is no prediction (review.Floor),
		// so it is not drawn as one.
		return common.GlyphNull, &st.Dim
	}
	if f.Has(fieldInvalidConfidence) {
		text := invalidNumber(f.confidence)
		if bar {
			text += " invalid" // no bar: it would look like a reading
		}
		return text, &st.Low
	}
	text := fmt.Sprintf("%.2f", f.confidence)
	if bar {
		text += " " + common.Gauge(unitOrZero(f.confidence), confBarCells)
	}
	switch word := confidenceWord(th, f.confidence); {
	case word == "low":
		text += " " + common.GlyphLow
		if bar {
			text += " low"
		}
	case word != "" && bar:
		text += "   " + word
	}
	style := common.LevelStyle(st, f.confidence, th)
	return text, &style
}

// invalidNumber is a server's number outside 0–1 as it was sent, short,
// behind ⚠: "⚠ 7", "⚠ -3.5", "⚠ 1e+300". It is no figure, so it gets no
// fixed decimals, no bar and no percentage that would pass for one.
func invalidNumber(x float64) string {
	return common.GlyphInvalid + " " + strconv.FormatFloat(x, 'g', 3, 64)
}

// confidenceWord names a confidence's level: "low" below the low
// threshold (and for nonsense such as NaN), "med" below the medium one.
func confidenceWord(th common.Thresholds, c float64) string {
	switch {
	case !(c >= th.Low):
		return "low"
	case c < th.Medium:
		return "med"
	}
	return ""
}

// fieldTableLines are the column titles and the rows on screen.
func (d *detailModel) fieldTableLines(rows int) []string {
	if len(d.fieldRows.order) == 0 {
		return d.emptyTable(len(d.rv.fields), "fields")
	}
	st, th := d.c.Styles, d.c.Opts.Thresholds
	cols := newFieldColumns(d.width, d.rv)
	lines := make([]string, 0, rows+1)
	lines = append(lines, cols.header(st))
	t := &d.fieldRows
	end := min(t.offset+rows, len(t.order))
	for pos := t.offset; pos < end; pos++ {
		i := t.order[pos]
		if pos == t.cursor {
			lines = append(lines, cols.row(st, th, &d.rv.fields[i], true))
			continue
		}
		lines = append(lines, d.fieldCache.Get(d, i, func() string { return cols.row(st, th, &d.rv.fields[i], false) }))
	}
	return lines
}

// drawnRows remembers a table's rows as drawn (unselected) for one width,
// dataset and set of styles, so a frame that only moves the cursor or the
// spinner draws one row afresh instead of the screen.
type drawnRows struct {
	width, dataGen int
	styleGen       uint32
	lines          map[int]string // by index into the review's fields or line rows
}

func (c *drawnRows) Get(d *detailModel, i int, draw func() string) string {
	if c.lines == nil || c.width != d.width || c.dataGen != d.dataGen || c.styleGen != d.c.StyleGen {
		*c = drawnRows{width: d.width, dataGen: d.dataGen, styleGen: d.c.StyleGen, lines: make(map[int]string)}
	}
	if line, ok := c.lines[i]; ok {
		return line
	}
	line := draw()
	c.lines[i] = line
	return line
}
