package common

import (
	"context"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/dxdash/dxdash/client"
)

// BudgetFeed carries the client's budget snapshots to the running program,
// so the status bar redraws when the budget changes rather than on a timer.
//
// The client calls Observe from its own goroutines; the program waits for
// the next snapshot with a tea.Cmd. Only the newest unread snapshot is kept:
// a burst of requests yields one redraw, and Observe never blocks the client.
type BudgetFeed struct {
	mu     sync.Mutex
	asOf   time.Time          // AsOf of the newest snapshot observed
	latest chan client.Budget // holds at most one snapshot: the newest unread
}

// NewBudgetFeed returns an empty feed; pass its Observe to the client
// (client.WithBudgetObserver) and the feed to Options.Budget.
func NewBudgetFeed() *BudgetFeed {
	return &BudgetFeed{latest: make(chan client.Budget, 1)}
}

// Observe records b as the newest snapshot, replacing one not yet read. It
// never blocks. A snapshot older than one already observed (two requests
// finishing at once) is dropped.
func (f *BudgetFeed) Observe(b client.Budget) {
	if f == nil {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if !b.AsOf.IsZero() && b.AsOf.Before(f.asOf) {
		return
	}
	f.asOf = b.AsOf
	select {
	case <-f.latest: // superseded before anyone read it
	default:
	}
	// Cannot block: the channel was just emptied and we are the only writer.
	f.latest <- b
}

// Wait returns a command that delivers the next snapshot as a
// budgetFeedMsg. The model issues it again after each one: the "listen on a
// channel" pattern. ctx ends the wait when the program quits, so no
// goroutine is left behind.
func (f *BudgetFeed) Wait(ctx context.Context) tea.Cmd {
	return func() tea.Msg {
		select {
		case b := <-f.latest:
			return BudgetFeedMsg{Budget: b}
		case <-ctx.Done():
			return nil
		}
	}
}

// BudgetFeedMsg is a snapshot from the BudgetFeed; the root listens for the
// next one after each.
type BudgetFeedMsg struct{ Budget client.Budget }
