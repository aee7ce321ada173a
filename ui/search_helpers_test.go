package ui

import (
	"context"
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/dxdash/dxdash/client"
)

// searchingStub answers list requests the way the server does: it narrows
// the corpus by the filters and by search, here a case-insensitive
// substring of name, id or customer (a stand-in for the extracted values
// the real search looks in), and pages the result by offset cursors.
func searchingStub(data []client.Dataset) *stubAPI {
	s := newStub(data)
	s.list = func(_ context.Context, p client.ListParams) (client.Page, error) {
		narrowed := newStub(matching(data, p))
		return narrowed.page(p)
	}
	return s
}

func matching(data []client.Dataset, p client.ListParams) []client.Dataset {
	var out []client.Dataset
	q := strings.ToLower(p.Search)
	for _, d := range data {
		switch {
		case p.CustomerID != "" && d.CustomerID != p.CustomerID,
			p.DatasetType != "" && d.DatasetType != p.DatasetType,
			p.IsVerified != nil && d.IsVerified != *p.IsVerified,
			q != "" && !strings.Contains(strings.ToLower(d.DocumentName+" "+d.ID+" "+d.CustomerID), q):
			continue
		}
		out = append(out, d)
	}
	return out
}

// searchCalls are the list requests that searched.
func searchCalls(api *stubAPI) []client.ListParams {
	var out []client.ListParams
	for _, p := range api.listCalls() {
		if p.Search != "" {
			out = append(out, p)
		}
	}
	return out
}

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
	time.Sleep(searchDebounce)
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

func (h *harness) top() view { return h.app.top() }

func (h *harness) search() *searchModel {
	h.t.Helper()
	s, ok := h.app.top().(*searchModel)
	if !ok {
		h.t.Fatalf("the view on top is %T, not the search", h.app.top())
	}
	return s
}

// heldLists holds list answers for the requests that match until
// released, and records whether their context was cancelled meanwhile.
// A held answer is sent even after cancellation, as a server that
// answered just too late would: the dashboard must drop it.
type heldLists struct {
	mu        sync.Mutex
	hold      func(client.ListParams) bool
	release   chan struct{}
	once      sync.Once
	cancelled []client.ListParams
}

func holdLists(api *stubAPI, hold func(client.ListParams) bool) *heldLists {
	h := &heldLists{hold: hold, release: make(chan struct{})}
	answer := api.list
	api.list = func(ctx context.Context, p client.ListParams) (client.Page, error) {
		if h.hold(p) {
			select {
			case <-h.release:
			case <-ctx.Done():
				h.mu.Lock()
				h.cancelled = append(h.cancelled, p)
				h.mu.Unlock()
				<-h.release
			}
		}
		if answer != nil {
			return answer(context.Background(), p)
		}
		return api.page(p)
	}
	return h
}

func (h *heldLists) cancelledCalls() []client.ListParams {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]client.ListParams(nil), h.cancelled...)
}

// releaseAll lets every held answer go; later calls do nothing.
func (h *heldLists) releaseAll() { h.once.Do(func() { close(h.release) }) }
