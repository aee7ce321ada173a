package list

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/lipgloss/v2"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/termtext"
	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/styles"
)

// Drawing the list: the column layout for a width, one row's cells, and the
// cache that keeps a cursor move from re-rendering the page.

const (
	// accuracyTextWidth is "100.0%"; the rest of the cell is the bar.
	accuracyTextWidth = 6
	accuracyBarCells  = 4
)

// renderedRow is a row drawn for one width, one style generation and, for
// a processing row, one spinner frame. plain is the same text without
// styles: the selected row is drawn from it in the selection style.
type renderedRow struct {
	version  uint32
	styleGen uint32
	layout   uint32 // the listModel's layoutGen
	frame    int    // -1 when the row shows no spinner
	styled   string
	plain    string
	exact    bool // exactly width cells: the view need not measure it
}

// rowCacheGeneration bounds the cache: after this many rows are drawn, the
// older half is forgotten. A screen holds far fewer rows, so scrolling
// within a few screens never re-renders.
const rowCacheGeneration = 512

// rowCache remembers rendered rows by id, in two generations: cur fills
// up, then becomes prev, and a hit in prev moves back to cur.
type rowCache struct {
	cur, prev map[string]renderedRow
}

func (c *rowCache) Get(id string) (renderedRow, bool) {
	if r, ok := c.cur[id]; ok {
		return r, true
	}
	if r, ok := c.prev[id]; ok {
		c.Put(id, r)
		return r, true
	}
	return renderedRow{}, false
}

func (c *rowCache) Put(id string, r renderedRow) {
	if c.cur == nil || len(c.cur) >= rowCacheGeneration {
		c.prev, c.cur = c.cur, make(map[string]renderedRow, rowCacheGeneration)
	}
	c.cur[id] = r
}

// rowPainter draws rows for one layout.
type rowPainter struct {
	layout listLayout
	st     *styles.Styles
	th     common.Thresholds
	frame  int
	// highlight is a search query: where it appears in the id or the
	// document name, it is marked (searchhighlight.go).
	highlight string
	// fuzzy is the quick filter's pattern: the characters it matched are
	// marked in the cells it searches.
	fuzzy string
}

// paint draws r's cells, with and without styles.
func (p rowPainter) paint(r *common.Row) (styled, plain string) {
	var s, t strings.Builder
	s.Grow(p.layout.width * 2)
	t.Grow(p.layout.width)
	gutter := strings.Repeat(" ", common.GutterWidth)
	if r.Has(common.Changed) {
		gutter = p.st.Busy.Render(common.GlyphChanged)
	}
	s.WriteString(gutter)
	t.WriteString(strings.Repeat(" ", common.GutterWidth))
	var marks map[column][]int
	if p.fuzzy != "" {
		marks = fuzzyMarks(r, p.fuzzy)
	}
	for i, c := range p.layout.cols {
		if i > 0 {
			s.WriteString(common.ColumnGap)
			t.WriteString(common.ColumnGap)
		}
		text, style := p.cell(r, c, p.layout.widths[c])
		t.WriteString(text)
		switch {
		case len(marks[c]) > 0:
			s.WriteString(common.MarkRunes(p.st, text, marks[c], style))
		case p.highlight != "" && (c == colID || c == colDocument):
			s.WriteString(common.HighlightMatches(p.st, text, p.highlight, style))
		case style == nil:
			s.WriteString(text)
		default:
			s.WriteString(style.Render(text))
		}
	}
	return s.String(), t.String()
}

// cell returns a cell's text, exactly width cells, and its style (nil for
// none). Server text in r is already sanitized.
func (p rowPainter) cell(r *common.Row, c column, width int) (string, *lipgloss.Style) {
	st := p.st
	switch c {
	case colID:
		return termtext.Fit(r.IDText, width), &st.Dim
	case colDocument:
		return termtext.Fit(r.Name, width), nil
	case colType:
		return termtext.Fit(shortType(r.DocType), width), nil
	case colCustomer:
		return termtext.Fit(r.Customer, width), nil
	case colStatus:
		switch r.Status {
		case client.StatusComplete:
			return termtext.Fit(r.Status, width), &st.Good
		case client.StatusProcessing:
			return termtext.Fit(common.SpinnerFrames[p.frame]+" "+r.Status, width), &st.Busy
		case client.StatusFailed:
			return termtext.Fit(common.GlyphMismatch+" "+r.Status, width), &st.Low
		}
		return termtext.Fit(r.Status, width), &st.Dim
	case colVerified:
		if r.Has(common.IsVerified) {
			return termtext.Fit(common.GlyphMatch, width), &st.Good
		}
		return termtext.Fit(common.GlyphNo, width), &st.Dim
	case colAccuracy:
		if !r.Has(common.HasAccuracy) {
			return termtext.Fit(termtext.FitRight(common.GlyphNone, accuracyTextWidth), width), &st.Dim
		}
		if r.Has(common.BadAccuracy) {
			return termtext.FitRight(common.InvalidText, width), &st.Low
		}
		text := termtext.FitRight(common.Percent(r.Accuracy), accuracyTextWidth) + " " + common.Gauge(r.Accuracy, accuracyBarCells)
		style := common.LevelStyle(st, r.Accuracy, p.th)
		return termtext.Fit(text, width), &style
	case colMinConf:
		switch {
		case r.Has(common.NoValue):
			// Complete, but nothing was extracted: no minimum, not 0.00.
			return termtext.Fit(termtext.FitRight(common.GlyphNull, 4), width), &st.Low
		case !r.Has(common.HasMinConf):
			return termtext.Fit(termtext.FitRight(common.GlyphNone, 4), width), &st.Dim
		case r.Has(common.BadMinConf):
			return termtext.Fit(common.InvalidText, width), &st.Low
		}
		// The detail's marks: ▼ below low, ▽ below medium.
		text := fmt.Sprintf("%.2f", r.MinConf)
		switch {
		case r.MinConf < p.th.Low:
			text += " " + common.GlyphLow
		case r.MinConf < p.th.Medium:
			text += " " + common.GlyphMedium
		}
		style := common.LevelStyle(st, r.MinConf, p.th)
		return termtext.Fit(text, width), &style
	case colChecks:
		switch {
		case !r.Has(common.HasChecks):
			return termtext.Fit(common.GlyphNone, width), &st.Dim
		case r.Checks == 0:
			return termtext.Fit(common.GlyphMatch, width), &st.Good
		}
		return termtext.Fit(fmt.Sprintf("%s %d", common.GlyphMismatch, r.Checks), width), &st.Low
	case colCreated:
		return termtext.Fit(time.Unix(0, r.Created).UTC().Format(createdLayout), width), &st.Dim
	case colFields:
		if !r.Has(common.HasFieldCount) {
			return termtext.FitRight(common.GlyphNone, width), &st.Dim
		}
		return termtext.FitRight(strconv.Itoa(int(r.Fields)), width), nil
	case colPages:
		if r.Pages <= 0 {
			return termtext.FitRight(common.GlyphNone, width), &st.Dim
		}
		return termtext.FitRight(strconv.Itoa(int(r.Pages)), width), nil
	}
	return strings.Repeat(" ", width), nil
}

// shortType fits the types the API names into the type column.
func shortType(t string) string {
	if t == client.TypePurchaseOrder {
		return "purch.ord"
	}
	return t
}
