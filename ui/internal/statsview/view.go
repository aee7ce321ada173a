package statsview

import (
	"fmt"
	"strings"

	"github.com/dxdash/dxdash/termtext"
	"github.com/dxdash/dxdash/ui/internal/common"
)

// The stats view on screen: a title, the tabs, the progress line, then the
// mode's summary, table and notes, and a last line for feedback.

// statsChrome is the lines around the table besides the mode's own: title,
// tabs, progress, column header and the feedback line.
const statsChrome = 5

func (s *statsModel) tableRows() int {
	return max(s.height-statsChrome-len(s.table.above)-len(s.table.below), 1)
}

func (s *statsModel) View() string {
	if s.width <= 0 || s.height <= 0 {
		return ""
	}
	st := s.c.Styles
	lines := make([]string, 0, s.height)
	lines = append(lines, s.titleLine(), s.tabsLine(), s.progressLine())
	lines = append(lines, s.table.above...)
	lines = append(lines, s.table.header(st, s.width))
	rows := s.tableRows()
	if len(s.table.rows) == 0 {
		lines = append(lines, " "+st.Dim.Render(s.table.empty))
		rows--
	}
	end := min(s.offset+rows, len(s.table.rows))
	for i := s.offset; i < end; i++ {
		lines = append(lines, s.table.line(st, s.c.Opts.Thresholds, i, s.width, i == s.cursor))
	}
	for n := end - s.offset; n < rows; n++ {
		lines = append(lines, "")
	}
	lines = append(lines, s.table.below...)
	lines = append(lines, s.feedbackLine())
	return common.FitLines(lines, s.width, s.height)
}

func (s *statsModel) titleLine() string {
	st := s.c.Styles
	parts := []string{st.Title.Render("dxdash · accuracy stats")}
	filters, search := s.src.Query()
	if search != "" {
		parts = append(parts, "search:"+termtext.Sanitize(search))
	}
	parts = append(parts, st.Dim.Render(common.DescribeFilters(filters)))
	parts = append(parts, counted(s.report.Datasets, "verified dataset", "verified datasets")+" · "+counted(len(s.report.Observations), "field", "fields"))
	return " " + strings.Join(parts, "   ")
}

// tabsLine names every mode; the one shown is bracketed as well as
// highlighted, so it reads without colour.
func (s *statsModel) tabsLine() string {
	st := s.c.Styles
	parts := make([]string, statsModeCount)
	for m := range statsModeCount {
		label := fmt.Sprintf("%d %s", m+1, m)
		if m == s.mode {
			parts[m] = st.Selected.Render("[" + label + "]")
		} else {
			parts[m] = st.Dim.Render(" " + label + " ")
		}
	}
	return " " + strings.Join(parts, " ")
}

// progressLine says how many of the datasets are in hand and what the
// list could still load.
func (s *statsModel) progressLine() string {
	st, l := s.c.Styles, &s.load
	total, have := len(l.ids), 0
	for _, id := range l.ids {
		if _, ok := l.have[id]; ok {
			have++
		}
	}
	var b strings.Builder
	b.WriteString(" ")
	switch {
	case l.inFlight != "" || (len(l.queue) > 0 && s.focused):
		b.WriteString(st.Busy.Render(s.c.Spinner()) + fmt.Sprintf(" details %d of %d · loading…", have, total) + s.timeLeft())
	case have < total:
		// ✓ only when every detail is in hand: with some failed, the
		// count says so right after.
		fmt.Fprintf(&b, "details %d of %d", have, total)
		if len(l.queue) > 0 {
			fmt.Fprintf(&b, " · %d waiting (paused)", len(l.queue))
		}
	default:
		fmt.Fprintf(&b, "%s details %d of %d", common.GlyphMatch, have, total)
		if len(l.queue) > 0 {
			fmt.Fprintf(&b, " · %d waiting (paused)", len(l.queue))
		}
	}
	b.WriteString(s.offlineNote())
	if n := len(l.failed); n > 0 {
		b.WriteString(st.Low.Render(fmt.Sprintf(" · %s %d failed (r retries)", common.GlyphMismatch, n)))
	}
	p, loaded := s.src.Progress(), s.src.Len()
	switch {
	case p.Loading:
		b.WriteString(st.Dim.Render(fmt.Sprintf(" · list: %d loaded, a page on its way", loaded)))
	case p.Complete:
		b.WriteString(st.Dim.Render(fmt.Sprintf(" · list: all %d loaded", loaded)))
	default:
		budget := ""
		if r := s.c.Budget.Read; r.Limit > 0 {
			budget = fmt.Sprintf(" (budget %d/%d)", r.Remaining, r.Limit)
		}
		b.WriteString(st.Dim.Render(fmt.Sprintf(" · list: %d loaded, more on the server · ", loaded)) + "L loads the next page" + st.Dim.Render(budget))
	}
	return b.String()
}

func (s *statsModel) feedbackLine() string {
	if s.thresholdIn != nil {
		return s.thresholdLine()
	}
	if s.flash != "" {
		return " " + s.c.Styles.Title.Render(s.flash)
	}
	if n := len(s.table.rows); n > 0 {
		return " " + s.c.Styles.Dim.Render(fmt.Sprintf("%d of %d · %s", s.cursor+1, n, s.mode))
	}
	return ""
}
