package detail

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/termtext"
	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/styles"
)

// The selection in full: every word of a field's value and its ground
// truth, wrapped to the width, with its verdict, confidence and place on
// the page. The pane under the table shows its first lines; enter opens all
// of it over the table, where the move keys scroll. So no value is ever cut
// without a way to read the rest.

const (
	docLabelWidth = 11 // "extracted  "
	docMinText    = 8  // the least width a wrapped value gets
)

// valueDoc caches the selection's document: wrapping a long value on
// every frame would cost more than the rest of the screen.
type valueDoc struct {
	tab      detailTab
	row      int
	width    int
	dataGen  int
	styleGen uint32
	title    string
	lines    []string
}

// document returns the selection's lines for the current width.
func (d *detailModel) document() []string {
	t := d.Active()
	row, ok := t.selected()
	if d.rv == nil || !ok {
		return nil
	}
	c := &d.doc
	if c.lines != nil && c.tab == d.tab && c.row == row && c.width == d.width &&
		c.dataGen == d.dataGen && c.styleGen == d.c.StyleGen {
		return c.lines
	}
	*c = valueDoc{tab: d.tab, row: row, width: d.width, dataGen: d.dataGen, styleGen: d.c.StyleGen}
	if d.tab == tabLines {
		r := &d.rv.lines.rows[row]
		c.title = fmt.Sprintf("line item #%d", r.index)
		c.lines = d.lineDocument(r)
	} else {
		f := &d.rv.fields[row]
		c.title = f.name
		c.lines = d.fieldDocument(f)
	}
	if c.lines == nil {
		c.lines = []string{}
	}
	return c.lines
}

func (d *detailModel) documentTitle() string {
	d.document()
	return d.doc.title
}

// fieldDocument describes one field, most telling first: what was
// extracted, what is true, the verdict, then the details.
func (d *detailModel) fieldDocument(f *reviewField) []string {
	st, w := d.c.Styles, d.width
	var lines []string
	add := func(label, text string) { lines = append(lines, labelled(st, label, text, w)...) }

	if f.Has(fieldNull) {
		add("extracted", st.Dim.Render(common.GlyphNull+" nothing extracted"))
	} else {
		add("extracted", f.extracted)
	}
	if d.rv.reviewed {
		switch {
		case !f.Has(fieldHasTruth):
			add("truth", st.Dim.Render(common.GlyphNone+" no ground truth for this field"))
		case f.Has(fieldTruthNull):
			add("truth", st.Dim.Render(common.GlyphNull+" nothing (null)"))
		default:
			add("truth", f.truth)
		}
	}
	add("verdict", d.verdict(f))
	if f.note != "" {
		add("", st.Good.Render(f.note))
	}
	add("where", whereText(st, f, d.rv.pageCount))
	add("field", f.name+st.Dim.Render(" · "+f.typ))
	return lines
}

// verdict is the match and the confidence in words.
func (d *detailModel) verdict(f *reviewField) string {
	st, th := d.c.Styles, d.c.Opts.Thresholds
	var parts []string
	if d.rv.reviewed {
		text, style := matchText(st, f)
		words := map[matchState]string{
			stateMatch: "match", statePartial: "partly right", stateWrong: "wrong",
			stateMissing: "nothing extracted", stateUnscored: "not scored",
		}[f.state]
		parts = append(parts, style.Render(strings.TrimSpace(text)+" "+words))
	}
	if f.Has(fieldInvalidScore) {
		parts = append(parts, st.Low.Render(fmt.Sprintf("%s score %g is outside 0–1: invalid, not counted", common.GlyphInvalid, f.score)))
	}
	switch {
	case f.Has(fieldExtracted) && f.Has(fieldNull) && d.rv.reviewed:
		parts = append(parts, st.Dim.Render("no confidence")) // the verdict says nothing was extracted
	case f.Has(fieldExtracted) && f.Has(fieldNull):
		parts = append(parts, st.Dim.Render("nothing extracted · no confidence"))
	case f.Has(fieldInvalidConfidence):
		parts = append(parts, st.Low.Render(fmt.Sprintf("%s confidence %g is outside 0–1: invalid, not counted", common.GlyphInvalid, f.confidence)))
	case f.Has(fieldExtracted):
		conf := fmt.Sprintf("confidence %.2f", f.confidence)
		if word := confidenceWord(th, f.confidence); word == "low" {
			conf += " " + common.GlyphLow + " low"
		} else if word == "med" {
			conf += " medium"
		}
		parts = append(parts, common.LevelStyle(st, f.confidence, th).Render(conf))
	default:
		parts = append(parts, st.Dim.Render("not in the extraction"))
	}
	if f.Has(fieldConfidentlyWrong) {
		parts = append(parts, st.ErrorLine.Render(fmt.Sprintf("%s confidently wrong (confidence ≥ %.2f, score < 1)",
			glyphConfidentlyWrong, th.High)))
	}
	return strings.Join(parts, st.Dim.Render(" · "))
}

// whereText is a field's place on the page, or why it has none.
func whereText(st *styles.Styles, f *reviewField, pageCount int) string {
	if f.box == nil {
		return st.Dim.Render("no bounding box")
	}
	text := describeBox(*f.box)
	for _, p := range boxProblems(*f.box, pageCount) {
		text += " " + st.Low.Render(p)
	}
	return text
}

// lineDocument describes every field of a line item, in column order.
func (d *detailModel) lineDocument(r *lineRow) []string {
	st, w := d.c.Styles, d.width
	label := 0
	for _, col := range r.cols {
		label = max(label, termtext.Width(termtext.Truncate(d.rv.lines.columns[col], fieldNameMax)))
	}
	var lines []string
	for j := range r.cells {
		f := &r.cells[j]
		text := lineCellText(f, d.rv.reviewed)
		if d.rv.reviewed && f.state != stateMatch {
			switch {
			case !f.Has(fieldHasTruth):
				text += st.Dim.Render(" · no ground truth")
			case f.Has(fieldTruthNull):
				text += st.Dim.Render(" · truth: " + common.GlyphNull)
			default:
				text += st.Dim.Render(" · truth: ") + f.truth
			}
		}
		text += st.Dim.Render(" · ") + d.verdict(f)
		if f.note != "" {
			text += " " + st.Good.Render(f.note)
		}
		text += st.Dim.Render(" · ") + whereText(st, f, d.rv.pageCount)
		lines = append(lines, labelledWidth(st, f.name, text, w, label+2)...)
	}
	return lines
}

// labelled wraps text beside a label, with a hanging indent:
//
//	extracted  a long value that goes on
//	           and on
func labelled(st *styles.Styles, label, text string, width int) []string {
	return labelledWidth(st, label, text, width, docLabelWidth)
}

func labelledWidth(st *styles.Styles, label, text string, width, labelWidth int) []string {
	labelWidth = min(labelWidth, max(width/3, 1))
	wrapped := strings.Split(ansi.Wrap(text, max(width-1-labelWidth, docMinText), ""), "\n")
	lines := make([]string, len(wrapped))
	indent := " " + strings.Repeat(" ", labelWidth)
	for i, w := range wrapped {
		if i == 0 {
			lines[i] = " " + st.Dim.Render(termtext.Fit(label, labelWidth)) + w
		} else {
			lines[i] = indent + w
		}
	}
	return lines
}

// paneLines is the pane under the table: a rule with the selection's
// name, then the head of its document, and a last line saying how to read
// the rest when it does not fit.
func (d *detailModel) paneLines(height int) []string {
	st := d.c.Styles
	doc := d.document()
	lines := make([]string, 0, height)
	lines = append(lines, d.rule(d.documentTitle()))
	room := height - 1
	if len(doc) <= room {
		return append(lines, doc...)
	}
	lines = append(lines, doc[:room-1]...)
	more := len(doc) - (room - 1)
	return append(lines, " "+st.Dim.Render(fmt.Sprintf("… %d more %s · enter: read all", more, common.Plural(more, "line", "lines"))))
}

// rule is a separator line with a title: "── total_amount ─────". The
// title is plain (sanitized) text.
func (d *detailModel) rule(title string) string {
	st := d.c.Styles
	head := "── " + termtext.Truncate(title, max(d.width-8, 1)) + " "
	return " " + st.Dim.Render(head+strings.Repeat("─", max(d.width-1-termtext.Width(head), 0)))
}

// zoomHeight is the number of document lines the full view shows.
func (d *detailModel) zoomHeight() int { return max(d.height-detailChromeLines-1, 1) }

// zoomLines is the full view: the rule, then the document from the
// scroll position.
func (d *detailModel) zoomLines() []string {
	doc := d.document()
	title := d.documentTitle()
	if len(doc) > d.zoomHeight() {
		last := min(d.zoomOffset+d.zoomHeight(), len(doc))
		title += fmt.Sprintf(" · lines %d–%d of %d", d.zoomOffset+1, last, len(doc))
	}
	lines := []string{d.rule(title)}
	end := min(d.zoomOffset+d.zoomHeight(), len(doc))
	return append(lines, doc[min(d.zoomOffset, end):end]...)
}
