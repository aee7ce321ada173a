package ui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/dxdash/dxdash/ui/internal/common"
)

// helpModel lists every key of the view it covers. ? or esc closes it; on
// a short terminal ↑/↓ scroll it.
type helpModel struct {
	c      *common.Context
	of     string      // the covered view's name
	keys   help.KeyMap // the covered view's keys, global keys included
	own    helpKeys
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

func (h *helpModel) SetSize(width, height int) {
	h.width, h.height = width, height
	h.scrollBy(0)
}

func (h *helpModel) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(k, h.own.Close):
		h.closed = true
	case key.Matches(k, h.own.Up):
		h.scrollBy(-1)
	case key.Matches(k, h.own.Down):
		h.scrollBy(1)
	}
	return nil
}

func (h *helpModel) scrollBy(n int) {
	lines := strings.Count(h.body(), "\n") + 1
	h.offset = min(max(h.offset+n, 0), max(lines-(h.height-2), 0))
}

func (h *helpModel) View() string {
	st := h.c.Styles
	lines := []string{" " + st.Title.Render("keys · "+h.of), ""}
	body := strings.Split(h.body(), "\n")
	for _, l := range body[min(h.offset, len(body)):] {
		lines = append(lines, " "+l)
	}
	return common.FitLines(lines, h.width, h.height)
}

// body lays the key groups out side by side, wrapping to a new band of
// groups where the width runs out, so every key is shown.
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
	for _, g := range h.keys.FullHelp() {
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
	return strings.Join(bands, "\n\n")
}
