package common

import (
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/dxdash/dxdash/termtext"
	"github.com/dxdash/dxdash/ui/internal/styles"
)

// newTextInput is a one-line input styled for the theme: a steady cursor
// (a blinking one would keep the program awake and make screens differ
// from one moment to the next) drawn in reverse video, so it shows without
// colour.
func newTextInput(st *styles.Styles, prompt, placeholder string) textinput.Model {
	in := textinput.New()
	in.Prompt = prompt
	in.Placeholder = placeholder
	in.SetStyles(inputStyles(st))
	return in
}

func inputStyles(st *styles.Styles) textinput.Styles {
	state := textinput.StyleState{
		Text:        lipgloss.NewStyle(),
		Placeholder: st.Dim,
		Suggestion:  st.Dim,
		Prompt:      st.Title,
	}
	blurred := state
	blurred.Prompt = st.Dim
	return textinput.Styles{
		Focused: state,
		Blurred: blurred,
		Cursor:  textinput.CursorStyle{Shape: tea.CursorBlock, Blink: false},
	}
}

// StyledInput is a text input that follows theme changes: the terminal
// reports its colours after the program starts, and an input made before
// then must not keep the old styles.
type StyledInput struct {
	textinput.Model
	styleGen uint32
}

func NewStyledInput(c *Context, prompt, placeholder string) StyledInput {
	return StyledInput{Model: newTextInput(c.Styles, prompt, placeholder), styleGen: c.StyleGen}
}

// Render draws the input in the current styles.
func (in *StyledInput) Render(c *Context) string {
	if in.styleGen != c.StyleGen {
		in.SetStyles(inputStyles(c.Styles))
		in.styleGen = c.StyleGen
	}
	return in.View()
}

// update hands a message to the input and reports whether its value
// changed.
func (in *StyledInput) HandleInput(msg tea.Msg) (tea.Cmd, bool) {
	before := in.Value()
	var cmd tea.Cmd
	in.Model, cmd = in.Model.Update(msg)
	// textinput drops control characters but keeps bidi overrides and the
	// debris of escape sequences: what is drawn must be as clean as what
	// is sent.
	if v := in.Value(); termtext.Sanitize(v) != v {
		in.SetValue(termtext.Sanitize(v))
	}
	return cmd, in.Value() != before
}

// InputValue is what was typed, made safe to draw and to send: pasted text
// may hold control characters or line breaks, which a query has no use for.
func InputValue(in textinput.Model) string {
	return strings.TrimSpace(termtext.Sanitize(in.Value()))
}
