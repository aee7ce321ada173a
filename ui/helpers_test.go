package ui

import (
	"testing"
	"testing/synctest"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/uitest"
)

// harness drives the root model the way a tea.Program does, inside a synctest
// bubble: commands run on goroutines and their messages are delivered by
// settle, so tests see exactly the requests the model makes. It sees the
// views only as the root does, through common.View: a test checks what is
// on screen and the requests recorded by the API.
type harness struct {
	t    *testing.T
	app  *rootModel
	api  *uitest.API
	msgs chan tea.Msg
	quit bool
}

func newHarness(t *testing.T, api *uitest.API, opts common.Options, width, height int) *harness {
	t.Helper()
	h := &harness{t: t, app: newApp(api, opts), api: api, msgs: make(chan tea.Msg, 4096)}
	h.exec(h.app.Init())
	h.send(tea.WindowSizeMsg{Width: width, Height: height})
	h.settle()
	return h
}

// send delivers msg to the model and runs the commands it returns.
func (h *harness) send(msg tea.Msg) {
	if _, ok := msg.(tea.QuitMsg); ok {
		h.quit = true
		return
	}
	_, cmd := h.app.Update(msg)
	h.exec(cmd)
}

func (h *harness) exec(cmd tea.Cmd) { uitest.RunCmd(cmd, h.msgs) }

// settle delivers every message that is ready, and the ones those cause,
// until nothing more is ready. Timers (ticks, polls) are not waited for:
// sleep in the bubble to let them fire.
func (h *harness) settle() {
	for {
		synctest.Wait()
		select {
		case msg := <-h.msgs:
			h.send(msg)
		default:
			return
		}
	}
}

// press types keys by name (uitest.KeyPress: "j", "enter", "ctrl+d",
// "pgdown", ...), settling after each.
func (h *harness) press(keys ...string) {
	for _, k := range keys {
		h.send(uitest.KeyPress(k))
		h.settle()
	}
}

// view is the whole screen: the view on top, the error line, the status bar.
func (h *harness) view() string { return h.app.View().Content }

// close ends the program's requests and lets pending timers fire, so the
// bubble ends with no goroutine left.
func (h *harness) close() {
	h.app.cancel()
	time.Sleep(time.Minute)
	synctest.Wait()
}

// run runs f in a synctest bubble.
func run(t *testing.T, f func(t *testing.T)) { uitest.Run(t, f) }

func colorProfileMsg(p colorprofile.Profile) tea.ColorProfileMsg {
	return tea.ColorProfileMsg{Profile: p}
}
