package screentest

import (
	"bytes"
	"io"
	"regexp"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// Terminal is an environment a screen is taken in, and the colour profile
// the program must detect from it.
type Terminal struct {
	Name    string // the golden file's name: color.golden, no_color.golden
	Env     []string
	Profile colorprofile.Profile
}

// Terminals are the two every key screen is taken in: the glyphs alone must
// carry the meaning in the second.
var Terminals = []Terminal{
	{"color", []string{"TERM=xterm-256color", "COLORTERM=truecolor", "TTY_FORCE=1"}, colorprofile.TrueColor},
	{"no_color", []string{"TERM=xterm-256color", "COLORTERM=truecolor", "TTY_FORCE=1", "NO_COLOR=1"}, colorprofile.ASCII},
}

// colourSGR matches a colour in an SGR sequence: 38/48 (extended foreground
// and background) or a basic 30–37, 40–47, 90–97, 100–107.
var colourSGR = regexp.MustCompile(`\x1b\[[0-9;:]*\b(3[0-7]|4[0-7]|9[0-7]|10[0-7]|38|48)\b[0-9;:]*m`)

// Session is a model running in a terminal, with all it has written.
type Session struct {
	TM   *teatest.TestModel
	term Terminal
	out  bytes.Buffer
}

// Start runs m in term at width×height.
func Start(t *testing.T, m tea.Model, term Terminal, width, height int) *Session {
	t.Helper()
	if got := colorprofile.Detect(&bytes.Buffer{}, term.Env); got != term.Profile {
		t.Fatalf("environment %q gives profile %v, want %v", term.Env, got, term.Profile)
	}
	tm := teatest.NewTestModel(t, m,
		teatest.WithInitialTermSize(width, height),
		teatest.WithProgramOptions(tea.WithEnvironment(term.Env)))
	return &Session{TM: tm, term: term}
}

// WaitFor waits until the program has written text.
func (s *Session) WaitFor(t *testing.T, text string) {
	t.Helper()
	s.WaitUntil(t, func(out []byte) bool { return bytes.Contains(out, []byte(text)) })
}

// WaitUntil waits until ok holds for everything the program has written.
func (s *Session) WaitUntil(t *testing.T, ok func(out []byte) bool) {
	t.Helper()
	teatest.WaitFor(t, s.TM.Output(), func(b []byte) bool {
		s.out.Write(b)
		return ok(s.out.Bytes())
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

// Finish quits with q and checks the final screen: see FinishWith.
func (s *Session) Finish(t *testing.T) []byte {
	t.Helper()
	return s.FinishWith(t, tea.KeyPressMsg{Code: 'q', Text: "q"})
}

// FinishWith quits with the key quit (ctrl+c where q would be typed) and
// compares the final screen, converted to the terminal's colour profile,
// with the golden file (go test -update writes it), which it returns. It
// also checks that the NO_COLOR run wrote no colour and the colour run some.
func (s *Session) FinishWith(t *testing.T, quit tea.KeyPressMsg) []byte {
	t.Helper()
	s.TM.Send(quit)
	final := s.TM.FinalModel(t, teatest.WithFinalTimeout(5*time.Second))

	var converted bytes.Buffer
	w := &colorprofile.Writer{Forward: &converted, Profile: s.term.Profile}
	if _, err := w.Write([]byte(final.View().Content)); err != nil {
		t.Fatal(err)
	}
	golden.RequireEqual(t, converted.Bytes())

	rest, _ := io.ReadAll(s.TM.FinalOutput(t))
	s.out.Write(rest)
	switch {
	case s.term.Profile == colorprofile.ASCII && colourSGR.Match(s.out.Bytes()):
		t.Errorf("NO_COLOR run wrote a colour: %q", colourSGR.Find(s.out.Bytes()))
	case s.term.Profile == colorprofile.TrueColor && !colourSGR.Match(s.out.Bytes()):
		t.Error("colour run wrote no colour")
	}
	return converted.Bytes()
}
