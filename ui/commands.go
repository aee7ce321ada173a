package ui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/dxdash/dxdash/client"
)

// Every request runs in a command built here. Each builder receives by
// value everything the request needs and the closure touches nothing else,
// so a command never reads or writes model state from its goroutine.

// pageRequest is one page of one list generation.
type pageRequest struct {
	gen    uint64 // the list generation that asked
	number int    // 0 for the first page
	params client.ListParams
}

func fetchPageCmd(ctx context.Context, api API, listID int, req pageRequest) tea.Cmd {
	return func() tea.Msg {
		page, err := api.ListDatasets(ctx, req.params)
		return pageMsg{list: listID, req: req, page: page, err: err, budget: api.Budget()}
	}
}

func fetchDatasetCmd(ctx context.Context, api API, owner int, id string) tea.Cmd {
	return func() tea.Msg {
		ds, err := api.GetDataset(ctx, id)
		return datasetMsg{owner: owner, id: id, ds: ds, err: err, budget: api.Budget()}
	}
}

// refreshBudgetCmd takes a fresh snapshot: Budget does no I/O, but it is
// the client's to compute, so it runs off the UI goroutine like the rest.
func refreshBudgetCmd(api API) tea.Cmd {
	return func() tea.Msg { return budgetMsg{budget: api.Budget()} }
}

func tickCmd(ctx context.Context, after time.Duration) tea.Cmd {
	return timerCmd(ctx, after, func(time.Time) tea.Msg { return tickMsg{} })
}

func pollTickCmd(ctx context.Context, after time.Duration, listID int) tea.Cmd {
	return timerCmd(ctx, after, func(time.Time) tea.Msg { return pollTickMsg{list: listID} })
}

// timerCmd is tea.Tick that gives up when ctx ends: a timer pending when
// the user quits does not outlive the program.
func timerCmd(ctx context.Context, after time.Duration, msg func(time.Time) tea.Msg) tea.Cmd {
	return func() tea.Msg {
		t := time.NewTimer(after)
		defer t.Stop()
		select {
		case at := <-t.C:
			return msg(at)
		case <-ctx.Done():
			return nil
		}
	}
}

// emit delivers msg through the program's loop: how a view talks to the
// root without holding a reference to it.
func emit(msg tea.Msg) tea.Cmd {
	return func() tea.Msg { return msg }
}

func reportError(source string, err error, hint string) tea.Cmd {
	return emit(errorMsg{source: source, err: err, hint: hint})
}

func resolveError(source string) tea.Cmd {
	return emit(errorResolvedMsg{source: source})
}

// listParams builds the request parameters from filters, by value: the
// IsVerified pointer is copied so no command shares it with the model.
func listParams(f Filters, search string, limit int, cursor string) client.ListParams {
	p := client.ListParams{
		CustomerID:  f.CustomerID,
		DatasetType: f.DatasetType,
		Search:      search,
		Limit:       limit,
		Cursor:      cursor,
	}
	if f.IsVerified != nil {
		v := *f.IsVerified
		p.IsVerified = &v
	}
	return p
}
