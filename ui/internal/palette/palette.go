package palette

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/dxdash/dxdash/termtext"
	"github.com/dxdash/dxdash/ui/internal/common"
)

// Model is the palette: an input on the top line, the completions under
// it, drawn over the view it was opened on.
type Model struct {
	c      *common.Context
	under  common.View
	values Values
	keys   keyMap
	input  common.StyledInput

	matches []string // completions of what is typed
	choice  int      // the completion tab takes next
	problem string   // why enter refused what was typed

	width, height int
	closed        bool
}

type keyMap struct {
	Run, Complete, Cancel key.Binding
}

func (k keyMap) ShortHelp() []key.Binding  { return []key.Binding{k.Run, k.Complete, k.Cancel} }
func (k keyMap) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Run, k.Complete, k.Cancel}} }

// New opens the palette over under, completing from values.
func New(c *common.Context, under common.View, values Values) *Model {
	m := &Model{
		c: c, under: under, values: values,
		keys: keyMap{
			Run:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "run")),
			Complete: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "complete")),
			Cancel:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		},
		input: common.NewStyledInput(c, ":", "an id, or open sort customer type verified clear stats export help quit"),
	}
	m.input.Focus()
	m.refresh()
	return m
}

func (m *Model) Name() string       { return "command palette" }
func (m *Model) Keys() help.KeyMap  { return m.keys }
func (m *Model) Init() tea.Cmd      { return nil }
func (m *Model) Focus() tea.Cmd     { return nil }
func (m *Model) Blur()              {}
func (m *Model) Busy() bool         { return m.under.Busy() }
func (m *Model) Closing() bool      { return m.closed }
func (m *Model) CapturesText() bool { return true }
func (m *Model) SetSize(width, height int) {
	m.width, m.height = width, height
	m.input.SetWidth(max(width-4, 1))
}

func (m *Model) Update(msg tea.Msg) tea.Cmd {
	k, isKey := msg.(tea.KeyPressMsg)
	switch {
	case isKey && key.Matches(k, m.keys.Cancel):
		m.closed = true
		return nil
	case isKey && key.Matches(k, m.keys.Complete):
		// tab takes the highlighted completion; the next tab completes
		// what follows it (a command's values).
		if len(m.matches) > 0 {
			m.input.SetValue(m.matches[m.choice%len(m.matches)] + " ")
			m.input.CursorEnd()
			m.choice = 0
			m.refresh()
		}
		return nil
	case isKey && (k.Code == tea.KeyDown || k.Code == tea.KeyUp):
		if n := len(m.matches); n > 0 {
			step := 1
			if k.Code == tea.KeyUp {
				step = n - 1
			}
			m.choice = (m.choice + step) % n
		}
		return nil
	case isKey && key.Matches(k, m.keys.Run):
		cmd, err := m.run(strings.TrimSpace(common.InputValue(m.input.Model)))
		if err != "" {
			m.problem = err
			return nil
		}
		m.closed = true
		return cmd
	case isKey, isPaste(msg):
		cmd, changed := m.input.HandleInput(msg)
		if changed {
			m.choice, m.problem = 0, ""
			m.refresh()
		}
		return cmd
	}
	return nil
}

func isPaste(msg tea.Msg) bool { _, ok := msg.(tea.PasteMsg); return ok }

// refresh completes what is typed, trailing space included: "type " asks
// for the types.
func (m *Model) refresh() {
	m.matches = completions(strings.TrimLeft(termtext.Sanitize(m.input.Value()), " "), m.values)
}

// run turns a command line into the message that carries it out, or says
// why it cannot.
func (m *Model) run(line string) (tea.Cmd, string) {
	name, arg, _ := strings.Cut(line, " ")
	arg = strings.TrimSpace(arg)
	if _, ok := find(name); !ok && name != "" && arg == "" {
		// A bare word that is no command is a dataset id, k9s style.
		name, arg = "open", name
	}
	send := func(c common.Command) (tea.Cmd, string) {
		return common.Emit(common.CommandMsg{Command: c}), ""
	}
	switch name {
	case "":
		return nil, "type a command, or tab for the list"
	case "open":
		if arg == "" {
			return nil, "open what? type a dataset id"
		}
		return common.Emit(common.OpenDatasetMsg{ID: arg, Summary: common.Row{ID: arg, IDText: arg}}), ""
	case "sort":
		return send(common.Command{Name: "sort", Arg: arg})
	case "customer", "type":
		return send(common.Command{Name: name, Arg: arg})
	case "verified":
		if arg != "true" && arg != "false" && arg != "any" && arg != "" {
			return nil, fmt.Sprintf("verified takes true, false or any, not %q", arg)
		}
		return send(common.Command{Name: name, Arg: arg})
	case "clear", "stats", "export", "help":
		return send(common.Command{Name: name})
	case "quit":
		return tea.Quit, ""
	}
	return nil, fmt.Sprintf("no command %q: tab lists them", name)
}

// View draws the input and its completions over the view beneath.
func (m *Model) View() string {
	st := m.c.Styles
	lines := []string{" " + m.input.Render(m.c)}
	if m.problem != "" {
		lines = append(lines, " "+st.Low.Render(common.GlyphMismatch+" "+m.problem))
	}
	shown := min(len(m.matches), max(m.height/3, 3))
	for i, c := range m.matches[:shown] {
		mark := "  "
		if len(m.matches) > 0 && i == m.choice%len(m.matches) {
			mark = st.Marker.Render(common.GlyphSelected) + " "
		}
		desc := ""
		if cmd, ok := find(c); ok {
			desc = "  " + st.Dim.Render(cmd.help)
		}
		lines = append(lines, mark+c+desc)
	}
	if more := len(m.matches) - shown; more > 0 {
		lines = append(lines, st.Dim.Render(fmt.Sprintf("   +%d more", more)))
	}
	under := strings.Split(m.under.View(), "\n")
	for i, l := range lines {
		if i < len(under) {
			under[i] = l
		}
	}
	return common.FitLines(under, m.width, m.height)
}
