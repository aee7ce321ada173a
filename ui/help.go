package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/dxdash/dxdash/termtext"
	"github.com/dxdash/dxdash/ui/internal/common"
)

// helpModel lists every key of the view it covers, then a legend of every
// mark. Typing filters both by key or description; esc clears the filter,
// then closes, as ? does; ↑/↓ and PgUp/PgDn scroll a long list.
type helpModel struct {
	c      *common.Context
	of     string      // the covered view's name
	keys   help.KeyMap // the covered view's keys, global keys included
	own    helpKeys
	filter string // typed, already cleaned: a terminal never sees raw input
	width  int
	height int
	offset int
	closed bool // the root closes the view after the key that set it
}

func newHelpModel(c *common.Context, of string, keys help.KeyMap) *helpModel {
	return &helpModel{c: c, of: of, keys: keys, own: newHelpKeys()}
}

func (h *helpModel) Name() string      { return "help" }
func (h *helpModel) Keys() help.KeyMap { return h.own }
func (h *helpModel) Init() tea.Cmd     { return nil }
func (h *helpModel) Focus() tea.Cmd    { return nil }
func (h *helpModel) Blur()             {}
func (h *helpModel) Busy() bool        { return false }
func (h *helpModel) Closing() bool     { return h.closed }

// CapturesText: letters filter the help, so q and j are text here; ctrl+c
// still quits.
func (h *helpModel) CapturesText() bool { return true }

func (h *helpModel) SetSize(width, height int) {
	h.width, h.height = width, height
	h.scrollBy(0)
}

func (h *helpModel) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.PasteMsg:
		h.setFilter(h.filter + termtext.Sanitize(msg.Content))
	case tea.KeyPressMsg:
		h.handleKey(msg)
	}
	return nil
}

func (h *helpModel) handleKey(k tea.KeyPressMsg) {
	switch {
	case key.Matches(k, h.own.Clear) && h.filter != "":
		h.setFilter("")
	case key.Matches(k, h.own.Close):
		h.closed = true
	case key.Matches(k, h.own.Up):
		h.scrollBy(-1)
	case key.Matches(k, h.own.Down):
		h.scrollBy(1)
	case key.Matches(k, h.own.PageUp):
		h.scrollBy(-max(h.height-3, 1))
	case key.Matches(k, h.own.PageDown):
		h.scrollBy(max(h.height-3, 1))
	case k.Code == tea.KeyBackspace:
		if r := []rune(h.filter); len(r) > 0 {
			h.setFilter(string(r[:len(r)-1]))
		}
	case k.Text != "":
		h.setFilter(h.filter + termtext.Sanitize(k.Text))
	}
}

func (h *helpModel) setFilter(f string) {
	h.filter = f
	h.offset = 0
}

func (h *helpModel) scrollBy(n int) {
	lines := strings.Count(h.body(), "\n") + 1
	h.offset = min(max(h.offset+n, 0), max(lines-(h.height-2), 0))
}

func (h *helpModel) View() string {
	st := h.c.Styles
	title := " " + st.Title.Render("keys · "+h.of)
	if h.filter == "" {
		title += "   " + st.Dim.Render("type to search")
	} else {
		title += "   / " + h.filter + st.Dim.Render("   esc clears")
	}
	lines := []string{title, ""}
	body := strings.Split(h.body(), "\n")
	for _, l := range body[min(h.offset, len(body)):] {
		lines = append(lines, " "+l)
	}
	return common.FitLines(lines, h.width, h.height)
}

// matches says whether a binding or a legend line answers the filter.
func (h *helpModel) matches(texts ...string) bool {
	q := strings.ToLower(strings.TrimSpace(h.filter))
	if q == "" {
		return true
	}
	for _, t := range texts {
		if strings.Contains(strings.ToLower(t), q) {
			return true
		}
	}
	return false
}

// groups are the key groups with the bindings that match the filter.
func (h *helpModel) groups() [][]key.Binding {
	var out [][]key.Binding
	for _, g := range h.keys.FullHelp() {
		var kept []key.Binding
		for _, b := range g {
			if b.Enabled() && h.matches(b.Help().Key, b.Help().Desc) {
				kept = append(kept, b)
			}
		}
		if len(kept) > 0 {
			out = append(out, kept)
		}
	}
	return out
}

// body lays the key groups out side by side, wrapping to a new band of
// groups where the width runs out, so every key is shown; the legend of
// marks follows.
func (h *helpModel) body() string {
	m := help.New()
	m.Styles = h.c.Styles.Help
	var bands []string
	var band []string
	flush := func() {
		if len(band) > 0 {
			bands = append(bands, lipgloss.JoinHorizontal(lipgloss.Top, band...))
			band = nil
		}
	}
	for _, g := range h.groups() {
		col := m.FullHelpView([][]key.Binding{g})
		if len(band) > 0 {
			col = "    " + strings.ReplaceAll(col, "\n", "\n    ")
		}
		if len(band) > 0 && lipgloss.Width(lipgloss.JoinHorizontal(lipgloss.Top, append(band, col)...)) > h.width-1 {
			flush()
			col = m.FullHelpView([][]key.Binding{g})
		}
		band = append(band, col)
	}
	flush()
	if marks := h.legendLines(); len(marks) > 0 {
		bands = append(bands, strings.Join(marks, "\n"))
	}
	if len(bands) == 0 {
		return h.c.Styles.Dim.Render("no key or mark matches “" + h.filter + "”")
	}
	return strings.Join(bands, "\n\n")
}

// legendLines are the marks that match the filter, under a heading.
func (h *helpModel) legendLines() []string {
	st := h.c.Styles
	var lines []string
	for _, l := range legend {
		if h.matches(l.mark, l.meaning) {
			lines = append(lines, st.Help.FullKey.Render(fmt.Sprintf("%-5s", l.mark))+" "+st.Help.FullDesc.Render(l.meaning))
		}
	}
	if len(lines) == 0 {
		return nil
	}
	return append([]string{st.Title.Render("marks")}, lines...)
}
