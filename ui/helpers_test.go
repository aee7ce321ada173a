package ui

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/common"
)

// stubAPI is an API over an in-memory corpus, paginated by offset cursors.
// Tests replace list or get to misbehave, and read the calls it recorded.
type stubAPI struct {
	mu     sync.Mutex
	data   []client.Dataset
	lists  []client.ListParams
	gets   []string
	budget client.Budget

	// list and get answer the calls; nil means "from data".
	list func(ctx context.Context, p client.ListParams) (client.Page, error)
	get  func(ctx context.Context, id string) (client.Dataset, error)
}

func newStub(data []client.Dataset) *stubAPI {
	return &stubAPI{data: data}
}

func (s *stubAPI) ListDatasets(ctx context.Context, p client.ListParams) (client.Page, error) {
	s.mu.Lock()
	s.lists = append(s.lists, p)
	list := s.list
	s.mu.Unlock()
	if list != nil {
		return list(ctx, p)
	}
	return s.page(p)
}

// page serves data from the offset in the cursor.
func (s *stubAPI) page(p client.ListParams) (client.Page, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	start := 0
	if p.Cursor != "" {
		start, _ = strconv.Atoi(p.Cursor)
	}
	limit := p.Limit
	if limit == 0 {
		limit = 20
	}
	end := min(start+limit, len(s.data))
	page := client.Page{Data: append([]client.Dataset(nil), s.data[start:end]...)}
	if end < len(s.data) {
		page.NextCursor = strconv.Itoa(end)
	}
	return page, nil
}

func (s *stubAPI) GetDataset(ctx context.Context, id string) (client.Dataset, error) {
	s.mu.Lock()
	s.gets = append(s.gets, id)
	get := s.get
	s.mu.Unlock()
	if get != nil {
		return get(ctx, id)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range s.data {
		if d.ID == id {
			return d, nil
		}
	}
	return client.Dataset{}, &client.APIError{StatusCode: 404, Detail: "no such dataset"}
}

func (s *stubAPI) Budget() client.Budget {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.budget
}

func (s *stubAPI) setBudget(b client.Budget) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.budget = b
}

func (s *stubAPI) listCalls() []client.ListParams {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]client.ListParams(nil), s.lists...)
}

func (s *stubAPI) getCalls() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.gets...)
}

// corpus makes n plain datasets, newest first: ds_0000 is the newest.
func corpus(n int) []client.Dataset {
	base := time.Date(2026, 4, 12, 9, 0, 0, 0, time.UTC)
	types := []string{client.TypeInvoice, client.TypePurchaseOrder, client.TypeReceipt}
	out := make([]client.Dataset, n)
	for i := range out {
		acc := float64((i*37)%100) / 100
		conf := float64((i*53)%100) / 100
		fields := 5
		out[i] = client.Dataset{
			ID:            fmt.Sprintf("ds_%04d", i),
			DocumentName:  fmt.Sprintf("document-%04d.pdf", i),
			CustomerID:    fmt.Sprintf("cus_%02d", i%7),
			DatasetType:   types[i%len(types)],
			Status:        client.StatusComplete,
			IsVerified:    true,
			CreatedAt:     base.Add(-time.Duration(i) * time.Minute),
			Accuracy:      &client.Accuracy{OverallAccuracy: &acc},
			FieldCount:    &fields,
			MinConfidence: &conf,
		}
	}
	return out
}

// harness drives the root model the way a tea.Program does, inside a synctest
// bubble: commands run on goroutines and their messages are delivered by
// settle, so tests see exactly the requests the model makes.
type harness struct {
	t    *testing.T
	app  *rootModel
	api  *stubAPI
	msgs chan tea.Msg
	quit bool
}

func newHarness(t *testing.T, api *stubAPI, opts common.Options, width, height int) *harness {
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

func (h *harness) exec(cmd tea.Cmd) { runCmd(cmd, h.msgs) }

// runCmd runs cmd as tea.Program does, on a goroutine of its own, and sends
// what it returns to out; each command of a batch runs the same way.
func runCmd(cmd tea.Cmd, out chan<- tea.Msg) {
	if cmd == nil {
		return
	}
	go func() {
		switch msg := cmd().(type) {
		case nil:
		case tea.BatchMsg:
			for _, c := range msg {
				runCmd(c, out)
			}
		default:
			out <- msg
		}
	}()
}

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

// press types keys: "j", "enter", "ctrl+d", "pgdown", ...
func (h *harness) press(keys ...string) {
	for _, k := range keys {
		h.send(keyPress(k))
		h.settle()
	}
}

func keyPress(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	case "home":
		return tea.KeyPressMsg{Code: tea.KeyHome}
	case "end":
		return tea.KeyPressMsg{Code: tea.KeyEnd}
	case "ctrl+c", "ctrl+d", "ctrl+u":
		return tea.KeyPressMsg{Code: rune(k[len(k)-1]), Mod: tea.ModCtrl}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

func (h *harness) view() string { return h.app.View().Content }

// close ends the program's requests and lets pending timers fire, so the
// bubble ends with no goroutine left.
func (h *harness) close() {
	h.app.cancel()
	time.Sleep(time.Minute)
	synctest.Wait()
}

func (h *harness) list() *list.listModel { return h.app.stack[0].(*list.listModel) }

// selectedLine is the screen line of the selected row.
func selectedLine(t *testing.T, view string) string {
	t.Helper()
	for _, l := range strings.Split(ansi.Strip(view), "\n") {
		if strings.HasPrefix(l, common.GlyphSelected) {
			return l
		}
	}
	t.Fatalf("no selected row on screen:\n%s", ansi.Strip(view))
	return ""
}

// run runs f in a synctest bubble.
func run(t *testing.T, f func(t *testing.T)) {
	synctest.Test(t, f)
}

func containsPlain(styled, want string) bool {
	return strings.Contains(ansi.Strip(styled), want)
}

func colorProfileMsg(p colorprofile.Profile) tea.ColorProfileMsg {
	return tea.ColorProfileMsg{Profile: p}
}
