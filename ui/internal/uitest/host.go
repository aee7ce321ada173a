package uitest

import (
	"context"
	"testing"
	"testing/synctest"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/dxdash/dxdash/ui/internal/common"
)

// Host drives a stack of views the way the root model does, for a view's
// own tests: keys reach the view on top (which may open a view over itself
// or close), every other message reaches every view, commands run on
// goroutines and their messages come back through Settle. It runs inside a
// synctest bubble (Run), so tests see exactly the requests the views make.
//
// What only the root draws (the status bar, the error line) is not here:
// the host records the errors and the datasets asked to be opened instead.
type Host struct {
	T     *testing.T
	C     *common.Context
	API   *API
	Stack []common.View
	msgs  chan tea.Msg

	// Errors are the ErrorMsgs that reached the host; Resolved the sources
	// that ErrorResolvedMsgs cleared since.
	Errors   []common.ErrorMsg
	Resolved []string
	// Opened are the OpenDatasetMsgs that reached the host; OpenDataset,
	// when set, builds the view each opens, which goes on the stack.
	Opened      []common.OpenDatasetMsg
	OpenDataset func(c *common.Context, msg common.OpenDatasetMsg) common.View
	// Quit says a command asked the program to end.
	Quit bool

	cancel        context.CancelFunc
	width, height int
}

// NewHost starts bottom, built over a fresh context, at width x height (the
// views get one line less: the root's status bar).
func NewHost(t *testing.T, api *API, opts common.Options, width, height int, bottom func(*common.Context) common.View) *Host {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	c := common.NewContext(ctx, api, opts.WithDefaults())
	h := &Host{T: t, C: c, API: api, msgs: make(chan tea.Msg, 4096), cancel: cancel, width: width, height: height}
	v := bottom(c)
	h.Stack = []common.View{v}
	h.layout()
	h.exec(tea.Batch(v.Init(), v.Focus()))
	h.Settle()
	return h
}

// Top is the view on top.
func (h *Host) Top() common.View { return h.Stack[len(h.Stack)-1] }

// Push opens v over the view on top, as the root does.
func (h *Host) Push(v common.View) {
	h.Top().Blur()
	h.Stack = append(h.Stack, v)
	h.layout()
	h.exec(tea.Batch(v.Init(), v.Focus()))
}

func (h *Host) pop() {
	if len(h.Stack) == 1 {
		return
	}
	h.Top().Blur()
	h.Stack = h.Stack[:len(h.Stack)-1]
	h.layout()
	h.exec(h.Top().Focus())
}

func (h *Host) layout() {
	for _, v := range h.Stack {
		v.SetSize(h.width, max(h.height-1, 1))
	}
}

// Resize gives the views a new size, as a WindowSizeMsg does.
func (h *Host) Resize(width, height int) {
	h.width, h.height = width, height
	h.layout()
	h.Send(tea.WindowSizeMsg{Width: width, Height: height})
}

// Send delivers msg as the root would and runs the commands it returns.
func (h *Host) Send(msg tea.Msg) {
	if carrier, ok := msg.(common.BudgetCarrier); ok {
		if b := carrier.BudgetSnapshot(); b.AsOf.IsZero() || !b.AsOf.Before(h.C.Budget.AsOf) {
			h.C.Budget = b
		}
	}
	switch msg := msg.(type) {
	case tea.QuitMsg:
		h.Quit = true
	case tea.KeyPressMsg:
		h.key(msg)
	case tea.MouseWheelMsg:
		h.exec(h.Top().Update(msg))
	case common.ErrorMsg:
		h.Errors = append(h.Errors, msg)
	case common.ErrorResolvedMsg:
		h.Resolved = append(h.Resolved, msg.Source)
	case common.DismissErrorMsg:
	case common.OpenDatasetMsg:
		h.Opened = append(h.Opened, msg)
		if h.OpenDataset != nil {
			if msg.Replaces != 0 {
				if v, ok := h.Top().(common.Identified); !ok || v.ID() != msg.Replaces {
					return
				}
				h.pop()
			}
			h.Push(h.OpenDataset(h.C, msg))
		}
	case common.DatasetMsg:
		if msg.Err == nil {
			h.C.Details.Put(msg.ID, msg.Dataset)
		}
		h.broadcast(msg)
	default:
		h.broadcast(msg)
	}
}

func (h *Host) key(msg tea.KeyPressMsg) {
	top := h.Top()
	if o, ok := top.(common.ViewOpener); ok {
		if v := o.Opens(msg); v != nil {
			h.Push(v)
			return
		}
	}
	h.exec(top.Update(msg))
	if top.Closing() {
		h.pop()
	}
}

func (h *Host) broadcast(msg tea.Msg) {
	for _, v := range h.Stack {
		h.exec(v.Update(msg))
	}
}

func (h *Host) exec(cmd tea.Cmd) { RunCmd(cmd, h.msgs) }

// Exec runs cmd as the program would; Settle delivers what it sends.
func (h *Host) Exec(cmd tea.Cmd) { h.exec(cmd) }

// Settle delivers every message that is ready, and the ones those cause,
// until nothing more is ready. Timers (ticks, polls) are not waited for:
// sleep in the bubble to let them fire.
func (h *Host) Settle() {
	for {
		synctest.Wait()
		select {
		case msg := <-h.msgs:
			h.Send(msg)
		default:
			return
		}
	}
}

// Press types keys by name (KeyPress), settling after each.
func (h *Host) Press(keys ...string) {
	for _, k := range keys {
		h.Send(KeyPress(k))
		h.Settle()
	}
}

// Burst delivers keys one after another with no command run in between,
// as a fast typist or a paste does, then settles.
func (h *Host) Burst(keys ...string) {
	for _, k := range keys {
		h.Send(KeyPress(k))
	}
	h.Settle()
}

// View is what the view on top draws.
func (h *Host) View() string { return h.Top().View() }

// Close ends the views' requests and lets pending timers fire, so the
// bubble ends with no goroutine left.
func (h *Host) Close() {
	h.cancel()
	time.Sleep(time.Minute)
	synctest.Wait()
}
