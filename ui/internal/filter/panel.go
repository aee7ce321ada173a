package filter

import (
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/termtext"
	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/styles"
)

// Drawing the filter panel: a box of three fields, laid over the view
// behind it, which shows faintly and without its colours so the panel
// stands out on any terminal.

const (
	panelMaxWidth   = 72
	panelLabelWidth = 11 // "▸ verified " and the like
	panelTop        = 2  // under the title and column header, which stay readable
	// panelRoomyHeight is the screen height from which the panel has
	// blank lines between its parts.
	panelRoomyHeight = 16
	maxSuggestions   = 6
)

// panelWidth is the box's outer width for a screen width.
func panelWidth(screen int) int { return min(panelMaxWidth, max(screen-4, 20)) }

func (f *filterModel) View() string {
	if f.width <= 0 || f.height <= 0 {
		return ""
	}
	panel := f.panel()
	// On a short screen the panel moves up over the header rather than
	// lose its last lines.
	top := min(panelTop, max(f.height-strings.Count(panel, "\n")-1, 0))
	return overlay(f.c.Styles, f.under.View(), panel, f.width, f.height, top)
}

// panel draws the box; on a short screen, without its blank lines.
func (f *filterModel) panel() string {
	st := f.c.Styles
	inner := panelWidth(f.width) - 4 // border and padding
	spacer := []string{""}
	if f.height < panelRoomyHeight {
		spacer = nil
	}
	var lines []string
	lines = append(lines, st.Title.Render("filters")+st.Dim.Render(" · the list reloads from the first page"))
	lines = append(lines, spacer...)
	lines = append(lines,
		f.label(fieldCustomer, "customer")+f.customer.Render(f.c),
		strings.Repeat(" ", panelLabelWidth)+f.suggestionLine(inner-panelLabelWidth),
		f.label(fieldType, "type")+choices(st, typeLabels(f.types), f.typeAt),
		f.label(fieldVerified, "verified")+choices(st, []string{"any", "yes", "no"}, verifiedIndex(f.verified)),
	)
	lines = append(lines, spacer...)
	lines = append(lines, st.Dim.Render("enter apply · esc cancel"))
	for i, l := range lines {
		lines[i] = common.FitLine(l, inner)
	}
	box := lipgloss.NewStyle().
		Border(lipgloss.RoundedBorder()).
		BorderForeground(st.Title.GetForeground()).
		Padding(0, 1)
	return box.Render(strings.Join(lines, "\n"))
}

// label is a field's name; the focused one is marked with ▸, which reads
// the same without colour.
func (f *filterModel) label(field filterField, name string) string {
	st := f.c.Styles
	if f.focus == field {
		return st.Title.Render(termtext.Fit("▸ "+name, panelLabelWidth))
	}
	return termtext.Fit("  "+name, panelLabelWidth)
}

// suggestionLine lists the customers tab would take, the next one marked.
func (f *filterModel) suggestionLine(width int) string {
	st := f.c.Styles
	if f.focus != fieldCustomer {
		return ""
	}
	if len(f.suggestions) == 0 {
		if len(f.customers) == 0 {
			return st.Dim.Render("no customers seen yet")
		}
		return st.Dim.Render("no customer seen matches")
	}
	parts := []string{st.Dim.Render("tab:")}
	for i, s := range f.suggestions[:min(len(f.suggestions), maxSuggestions)] {
		if i == f.next {
			s = st.Selected.Render(s)
		}
		parts = append(parts, s)
	}
	if more := len(f.suggestions) - maxSuggestions; more > 0 {
		parts = append(parts, st.Dim.Render("+"+strconv.Itoa(more)))
	}
	return common.FitLine(strings.Join(parts, " "), width)
}

// choices draws radio buttons: ● for the chosen one, ○ for the others.
func choices(st *styles.Styles, labels []string, chosen int) string {
	parts := make([]string, len(labels))
	for i, l := range labels {
		if i == chosen {
			parts[i] = st.Title.Render("● " + l)
		} else {
			parts[i] = st.Dim.Render("○ " + l)
		}
	}
	return strings.Join(parts, "  ")
}

func typeLabels(types []string) []string {
	labels := make([]string, len(types))
	for i, t := range types {
		labels[i] = t
		if t == "" {
			labels[i] = "any"
		}
	}
	return labels
}

func verifiedIndex(v int8) int {
	switch v {
	case 1:
		return 1
	case -1:
		return 2
	}
	return 0
}

// overlay lays panel over background, centred, top lines down. The
// background loses its styles and is drawn faint.
func overlay(st *styles.Styles, background, panel string, width, height, top int) string {
	bg := strings.Split(background, "\n")
	box := strings.Split(panel, "\n")
	boxWidth := 0
	for _, l := range box {
		boxWidth = max(boxWidth, ansi.StringWidth(l))
	}
	left := max((width-boxWidth)/2, 0)
	faint := func(s string) string {
		if s == "" {
			return ""
		}
		return st.Dim.Render(s)
	}
	lines := make([]string, height)
	for y := range height {
		plain := ""
		if y < len(bg) {
			plain = ansi.Strip(bg[y])
		}
		i := y - top
		if i < 0 || i >= len(box) {
			lines[y] = faint(plain)
			continue
		}
		lines[y] = faint(common.FitLine(ansi.Cut(plain, 0, left), left)) + box[i] + faint(ansi.Cut(plain, left+boxWidth, width))
	}
	return common.FitLines(lines, width, height)
}
