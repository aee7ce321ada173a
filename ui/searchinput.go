package ui

import (
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/dxdash/dxdash/termtext"
)

// newTextInput is a one-line input styled for the theme: a steady cursor
// (a blinking one would keep the program awake and make screens differ
// from one moment to the next) drawn in reverse video, so it shows without
// colour.
func newTextInput(st *styles, prompt, placeholder string) textinput.Model {
	in := textinput.New()
	in.Prompt = prompt
	in.Placeholder = placeholder
	in.SetStyles(inputStyles(st))
	return in
}

func inputStyles(st *styles) textinput.Styles {
	state := textinput.StyleState{
		Text:        lipgloss.NewStyle(),
		Placeholder: st.dim,
		Suggestion:  st.dim,
		Prompt:      st.title,
	}
	blurred := state
	blurred.Prompt = st.dim
	return textinput.Styles{
		Focused: state,
		Blurred: blurred,
		Cursor:  textinput.CursorStyle{Shape: tea.CursorBlock, Blink: false},
	}
}

// styledInput is a text input that follows theme changes: the terminal
// reports its colours after the program starts, and an input made before
// then must not keep the old styles.
type styledInput struct {
	textinput.Model
	styleGen uint32
}

func newStyledInput(c *common, prompt, placeholder string) styledInput {
	return styledInput{Model: newTextInput(c.styles, prompt, placeholder), styleGen: c.styleGen}
}

// render draws the input in the current styles.
func (in *styledInput) render(c *common) string {
	if in.styleGen != c.styleGen {
		in.SetStyles(inputStyles(c.styles))
		in.styleGen = c.styleGen
	}
	return in.View()
}

// update hands a message to the input and reports whether its value
// changed.
func (in *styledInput) handleInput(msg tea.Msg) (tea.Cmd, bool) {
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

// inputValue is what was typed, made safe to draw and to send: pasted text
// may hold control characters or line breaks, which a query has no use for.
func inputValue(in textinput.Model) string {
	return strings.TrimSpace(termtext.Sanitize(in.Value()))
}
