package list

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/common"
)

// pageRequest is one page of one list generation.
type pageRequest struct {
	gen    uint64 // the list generation that asked
	number int    // 0 for the first page
	params client.ListParams
}

func fetchPageCmd(ctx context.Context, api common.API, listID int, req pageRequest) tea.Cmd {
	return func() tea.Msg {
		page, err := api.ListDatasets(ctx, req.params)
		return pageMsg{list: listID, req: req, page: page, err: err, budget: api.Budget()}
	}
}

func pollTickCmd(ctx context.Context, after time.Duration, listID int) tea.Cmd {
	return common.TimerCmd(ctx, after, func(time.Time) tea.Msg { return pollTickMsg{list: listID} })
}

// listParams builds the request parameters from filters, by value: the
// IsVerified pointer is copied so no command shares it with the model.
func listParams(f common.Filters, search string, limit int, cursor string) client.ListParams {
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

// pageMsg is the answer to one page request of a list.
type pageMsg struct {
	list   int // the list instance that asked
	req    pageRequest
	page   client.Page
	err    error
	budget client.Budget
}

func (m pageMsg) BudgetSnapshot() client.Budget { return m.budget }

// pollTickMsg tells a list to fetch its processing rows on screen again.
type pollTickMsg struct{ list int }
