package statsview

import (
	"errors"
	"math"
	"regexp"
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/dxdash/dxdash/stats"
	"github.com/dxdash/dxdash/ui/internal/common"
)

// The what-if threshold moves with + and − along the 0.05 grid, or is
// typed: t opens a small input on the feedback line that takes 0.73, 73 or
// 73%. While it is open its keys are text (capturesText), enter applies
// and esc cancels; input that is no threshold is refused with a message,
// the input stays open to be fixed, and nothing changes.

// thresholdForms says what the input takes.
const thresholdForms = "0.73, 73 or 73%"

// errNotAThreshold and errOverOne are short, to fit beside the input on a
// narrow screen; the input shows what was typed.
var (
	errNotAThreshold = errors.New("not a threshold: type " + thresholdForms)
	errOverOne       = errors.New("over 100%: a threshold is 0–1 or 0–100%")
)

// thresholdPattern is a plain decimal with an optional percent sign: no
// signs, exponents, hex, NaN or Inf, which strconv would also take.
var thresholdPattern = regexp.MustCompile(`^(\d+(?:\.\d*)?|\.\d+)\s*(%?)$`)

// parseThreshold reads a typed threshold: a fraction up to 1 (0.73, 1), a
// percentage over 1 (73), or anything with a percent sign (73%, 5%). The
// result is rounded to the hundredth the screen shows.
func parseThreshold(text string) (float64, error) {
	m := thresholdPattern.FindStringSubmatch(text)
	if m == nil {
		return 0, errNotAThreshold
	}
	v, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return 0, errNotAThreshold
	}
	if m[2] == "%" || v > 1 {
		v /= 100
	}
	if v > 1 {
		return 0, errOverOne
	}
	return math.Round(v*100) / 100, nil
}

// stepThreshold is + (dir 1) and − (dir -1): the next point of the 0.05
// grid that way, so a typed 0.73 goes to 0.75 or 0.70, kept within 0–1.
func stepThreshold(t float64, dir int) float64 {
	const nudge = 1e-9 // a value on the grid may sit a hair off it in binary
	steps := t * 20
	var next float64
	if dir > 0 {
		next = math.Floor(steps+nudge) + 1
	} else {
		next = math.Ceil(steps-nudge) - 1
	}
	return min(max(next, 0), 20) / 20
}

// roundThreshold puts a threshold (the high confidence threshold, where
// the view starts) on the 0.05 grid, 0–1.
func roundThreshold(t float64) float64 {
	steps := int(t*20 + 0.5)
	return float64(min(max(steps, 0), 20)) / 20
}

// setThreshold recomputes the what-if at t.
func (s *statsModel) setThreshold(t float64) {
	s.threshold = t
	s.report.WhatIf = stats.WhatIfAt(s.report.Observations, t)
	s.report.FieldWhatIf = stats.WhatIfByField(s.report.Observations, t)
	s.rebuild()
}

func (s *statsModel) moveThreshold(dir int) {
	if s.mode != modeWhatIf {
		s.flash = "+ and − move the what-if threshold (4)"
		return
	}
	s.setThreshold(stepThreshold(s.threshold, dir))
}

// openThresholdInput is t.
func (s *statsModel) openThresholdInput() tea.Cmd {
	if s.mode != modeWhatIf {
		s.flash = "t types the what-if threshold (4)"
		return nil
	}
	// The placeholder is the threshold now: typing replaces it.
	in := common.NewStyledInput(s.c, "threshold ", fixed(s.threshold))
	in.CharLimit = 16
	in.SetWidth(6)
	s.thresholdIn, s.thresholdErr = &in, ""
	return s.thresholdIn.Focus()
}

func (s *statsModel) CapturesText() bool { return s.thresholdIn != nil }

// handleThresholdKey is a key while the input is open.
func (s *statsModel) handleThresholdKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, s.keys.Apply):
		text := common.InputValue(s.thresholdIn.Model)
		t, err := parseThreshold(text)
		if err != nil {
			s.thresholdErr = err.Error()
			return nil
		}
		s.thresholdIn, s.thresholdErr = nil, ""
		s.setThreshold(t)
		s.flash = "threshold set to " + fixed(t)
		return nil
	case key.Matches(msg, s.keys.Cancel):
		s.thresholdIn, s.thresholdErr = nil, ""
		s.flash = "threshold kept at " + fixed(s.threshold)
		return nil
	}
	return s.editThreshold(msg)
}

// editThreshold hands a key or a paste to the input; a changed value
// clears the message about the last one.
func (s *statsModel) editThreshold(msg tea.Msg) tea.Cmd {
	cmd, changed := s.thresholdIn.HandleInput(msg)
	if changed {
		s.thresholdErr = ""
	}
	return cmd
}

// thresholdLine is the feedback line while the input is open: the input,
// then what went wrong with the last value or how to go on.
func (s *statsModel) thresholdLine() string {
	st := s.c.Styles
	line := " " + s.thresholdIn.Render(s.c) + "  "
	if s.thresholdErr != "" {
		return line + st.Low.Render(common.GlyphMismatch+" "+s.thresholdErr)
	}
	return line + st.Dim.Render(thresholdForms+" · enter applies · esc cancels")
}

// statsThresholdKeys is the help while the input is open: every other key
// is text.
type statsThresholdKeys struct{ k statsKeys }

func (m statsThresholdKeys) ShortHelp() []key.Binding {
	return []key.Binding{m.k.Apply, m.k.Cancel}
}

func (m statsThresholdKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.k.Apply, m.k.Cancel}}
}
