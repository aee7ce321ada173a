package ui

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/termtext"
	"github.com/dxdash/dxdash/ui/internal/common"
)

// errorModel shows the error line's error in full: what failed, wrapped to
// the screen, with the request id support asks for, when it happened and
// what to do. E opens it while the error line is shown; esc or E closes it.
type errorModel struct {
	c      *common.Context
	e      common.ErrorMsg
	at     time.Time
	keys   errorKeys
	width  int
	height int
	closed bool
}

type errorKeys struct{ Close key.Binding }

func (k errorKeys) ShortHelp() []key.Binding  { return []key.Binding{k.Close} }
func (k errorKeys) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Close}} }

func newErrorModel(c *common.Context, e common.ErrorMsg, at time.Time) *errorModel {
	return &errorModel{c: c, e: e, at: at, keys: errorKeys{
		Close: key.NewBinding(key.WithKeys("esc", "E"), key.WithHelp("esc", "close")),
	}}
}

func (m *errorModel) Name() string              { return "error" }
func (m *errorModel) Keys() help.KeyMap         { return m.keys }
func (m *errorModel) Init() tea.Cmd             { return nil }
func (m *errorModel) Focus() tea.Cmd            { return nil }
func (m *errorModel) Blur()                     {}
func (m *errorModel) Busy() bool                { return false }
func (m *errorModel) Closing() bool             { return m.closed }
func (m *errorModel) SetSize(width, height int) { m.width, m.height = width, height }

func (m *errorModel) Update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, m.keys.Close) {
		m.closed = true
	}
	return nil
}

func (m *errorModel) View() string {
	st := m.c.Styles
	lines := []string{" " + st.ErrorLine.Render(common.GlyphMismatch+" what failed"), ""}
	add := func(label, text string) {
		wrapped := ansi.Wrap(text, max(m.width-14, 10), "")
		for i, l := range strings.Split(wrapped, "\n") {
			if i > 0 {
				label = ""
			}
			lines = append(lines, fmt.Sprintf(" %-12s %s", label, l))
		}
	}
	add("error", common.DescribeError(m.e.Err))
	var apiErr *client.APIError
	if errors.As(m.e.Err, &apiErr) && apiErr.Detail != "" {
		add("server said", termtext.Sanitize(apiErr.Detail))
	}
	if id := requestID(m.e.Err); id != "" {
		add("request id", id+"  (support asks for it)")
	}
	add("when", fmt.Sprintf("%s, %s ago", m.at.Format("15:04:05"), common.Countdown(m.c.Now().Sub(m.at))))
	what := m.e.Hint
	if what == "" {
		what = "it clears by itself when the same request succeeds"
	}
	add("what to do", what)
	return common.FitLines(lines, m.width, m.height)
}

// requestID is the server's id for the request that failed, sanitized, or
// "" when the error carries none.
func requestID(err error) string {
	var apiErr *client.APIError
	var decodeErr *client.DecodeError
	switch {
	case errors.As(err, &apiErr):
		return termtext.Sanitize(apiErr.RequestID)
	case errors.As(err, &decodeErr):
		return termtext.Sanitize(decodeErr.RequestID)
	}
	return ""
}
