package ui

import (
	"context"
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/common"
)

// typeSlowly types text one key every interval of (fake) time, delivering
// whatever the pauses let through, as a person typing at speed.
func (h *harness) typeSlowly(text string, interval time.Duration) {
	for _, r := range text {
		h.press(string(r))
		time.Sleep(interval)
		h.settle()
	}
}

// typeText types text at once, with no time passing.
func (h *harness) typeText(text string) {
	for _, r := range text {
		h.press(string(r))
	}
}

// waitDebounce lets the search's pause in typing run out.
func (h *harness) waitDebounce() {
	time.Sleep(list.searchDebounce)
	h.settle()
}

// pressKey is press for the keys keyPress does not know.
func (h *harness) pressKey(k string) {
	var msg tea.KeyPressMsg
	switch k {
	case "tab":
		msg = tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		msg = tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "backspace":
		msg = tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "space":
		msg = tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "left":
		msg = tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		msg = tea.KeyPressMsg{Code: tea.KeyRight}
	case "ctrl+f":
		msg = tea.KeyPressMsg{Code: 'f', Mod: tea.ModCtrl}
	default:
		msg = keyPress(k)
	}
	h.send(msg)
	h.settle()
}

func (h *harness) top() common.View { return h.app.top() }

func (h *harness) search() *list.searchModel {
	h.t.Helper()
	s, ok := h.app.top().(*list.searchModel)
	if !ok {
		h.t.Fatalf("the view on top is %T, not the search", h.app.top())
	}
	return s
}

