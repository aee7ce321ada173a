package main

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/ui"
)

// uiSession drives the dashboard (ui.New, through its exported API only)
// as tea.Program does: commands run on goroutines of their own and their
// messages come back through a channel. It runs inside a testing/synctest
// bubble, with the API served in memory, so the client's waits are on the
// bubble's fake clock and nothing here sleeps for real.
type uiSession struct {
	t      testing.TB
	model  tea.Model
	msgs   chan tea.Msg
	frames []string // every screen drawn, without styling
}

func newUISession(t *testing.T, api ui.API, opts ui.Options, width, height int) *uiSession {
	t.Helper()
	return newModelSession(t, ui.New(api, opts), width, height)
}

// newModelSession drives model (ui.New or ui.NewLocal) the same way.
func newModelSession(t testing.TB, model tea.Model, width, height int) *uiSession {
	t.Helper()
	s := &uiSession{t: t, model: model, msgs: make(chan tea.Msg, 1<<12)}
	s.exec(s.model.Init())
	s.send(tea.WindowSizeMsg{Width: width, Height: height})
	return s
}

func (s *uiSession) send(msg tea.Msg) {
	var cmd tea.Cmd
	s.model, cmd = s.model.Update(msg)
	s.exec(cmd)
	s.frames = append(s.frames, ansi.Strip(s.model.View().Content))
}

// exec runs cmd on a goroutine of its own and sends what it returns to
// s.msgs; each command of a batch runs the same way.
func (s *uiSession) exec(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	go func() {
		switch msg := cmd().(type) {
		case nil:
		case tea.BatchMsg:
			for _, c := range msg {
				s.exec(c)
			}
		default:
			s.msgs <- msg
		}
	}()
}

// runFor delivers messages as they arrive for d of fake time.
func (s *uiSession) runFor(d time.Duration) {
	deadline := time.NewTimer(d)
	defer deadline.Stop()
	for {
		select {
		case msg := <-s.msgs:
			if _, quit := msg.(tea.QuitMsg); quit {
				return
			}
			s.send(msg)
		case <-deadline.C:
			return
		}
	}
}

// press types a key and lets a few seconds of fake time pass.
func (s *uiSession) press(k tea.KeyPressMsg) string {
	s.send(k)
	s.runFor(5 * time.Second)
	return s.screen()
}

// screen is the last frame drawn, without styling.
func (s *uiSession) screen() string { return s.frames[len(s.frames)-1] }

// quit presses ctrl+c, which ends every request and timer of the program,
// and lets what is still running wind down inside the bubble.
func (s *uiSession) quit() {
	s.send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	s.runFor(time.Minute)
}

func key(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Text: string(r)} }

var enterKey = tea.KeyPressMsg{Code: tea.KeyEnter}
