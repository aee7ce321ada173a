package uitest

import (
	"strings"
	"testing"
	"testing/synctest"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// RunCmd runs cmd as tea.Program does, on a goroutine of its own, and sends
// what it returns to out; each command of a batch runs the same way.
func RunCmd(cmd tea.Cmd, out chan<- tea.Msg) {
	if cmd == nil {
		return
	}
	go func() {
		switch msg := cmd().(type) {
		case nil:
		case tea.BatchMsg:
			for _, c := range msg {
				RunCmd(c, out)
			}
		default:
			out <- msg
		}
	}()
}

// Run runs f in a synctest bubble.
func Run(t *testing.T, f func(t *testing.T)) {
	synctest.Test(t, f)
}

// ContainsPlain says whether styled holds want once styles are stripped.
func ContainsPlain(styled, want string) bool {
	return strings.Contains(ansi.Strip(styled), want)
}

// SelectedLine is the screen line of the selected row (it starts with ▌).
func SelectedLine(t *testing.T, view string) string {
	t.Helper()
	for _, l := range strings.Split(ansi.Strip(view), "\n") {
		if strings.HasPrefix(l, "▌") {
			return l
		}
	}
	t.Fatalf("no selected row on screen:\n%s", ansi.Strip(view))
	return ""
}
