package ui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/common"
)

// refreshBudgetCmd takes a fresh snapshot: Budget does no I/O, but it is
// the client's to compute, so it runs off the UI goroutine like the rest.
func refreshBudgetCmd(api common.API) tea.Cmd {
	return func() tea.Msg { return budgetMsg{budget: api.Budget()} }
}

func tickCmd(ctx context.Context, after time.Duration) tea.Cmd {
	return common.TimerCmd(ctx, after, func(time.Time) tea.Msg { return tickMsg{} })
}

// budgetMsg is a snapshot taken on demand (when a countdown ran out).
type budgetMsg struct{ budget client.Budget }

// tickMsg redraws the spinners and the status bar's countdowns.
type tickMsg struct{}
