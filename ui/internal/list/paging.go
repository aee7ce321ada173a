package list

import (
	"context"
	"errors"
	"fmt"
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

// pagingState follows the listing on the server. A generation is one walk
// through the pages from the first; reloading starts a new one, and an
// answer for an older generation is dropped.
type pagingState struct {
	gen uint64
	// replaceOnFirst: the generation's first page replaces the loaded rows
	// (a reload). Otherwise its pages merge into them (a restart after an
	// expired cursor, which must not lose what is on screen).
	replaceOnFirst bool
	pages          int    // pages of this generation received
	nextCursor     string // where the next page starts
	complete       bool   // the last page was received
	restarts       int    // expired-cursor restarts since a page past the first succeeded

	loading *pageRequest // in flight; one at a time
	cancel  context.CancelFunc
	failed  *pageFailure // the request that failed, kept for r to retry
}

type pageFailure struct {
	req pageRequest
	err error
}

// startGeneration walks the listing again from the first page.
func (l *listModel) startGeneration(replace bool) tea.Cmd {
	p := &l.paging
	if p.cancel != nil {
		p.cancel() // the answer would be dropped anyway: stop waiting for it
	}
	p.gen++
	p.replaceOnFirst = replace
	p.pages, p.nextCursor, p.complete, p.failed = 0, "", false, nil
	return l.request(pageRequest{gen: p.gen, number: 0, params: l.params("")})
}

func (l *listModel) params(cursor string) client.ListParams {
	return listParams(l.filters, l.search, l.c.Opts.PageSize, cursor)
}

func (l *listModel) request(req pageRequest) tea.Cmd {
	ctx, cancel := context.WithCancel(l.c.Ctx)
	l.paging.loading, l.paging.cancel = &req, cancel
	return fetchPageCmd(ctx, l.c.API, l.id, req)
}

// prefetch asks for the next page when the cursor is within a screen of
// the end of what is loaded, unless a page is already on its way, the
// last one failed (r retries it) or there is nothing more.
func (l *listModel) prefetch() tea.Cmd {
	if l.store.len()-1-l.cursor >= l.rowsOnScreen() {
		return nil
	}
	return l.LoadMore()
}

// reload is r: retry the page that failed, or else start again from the
// first page, keeping the rows on screen until it arrives.
func (l *listModel) reload() tea.Cmd {
	p := &l.paging
	if f := p.failed; f != nil && f.req.gen == p.gen {
		p.failed = nil
		return l.request(f.req)
	}
	p.restarts = 0
	if cat := l.c.Opts.Catalog; cat != nil && !cat.Offline() && l.search == "" {
		// The rows come from the store: r also syncs it now.
		return tea.Batch(l.startGeneration(true), common.SyncNowCmd(cat))
	}
	return l.startGeneration(true)
}

func (l *listModel) pageSource() string { return fmt.Sprintf("list%d:page", l.id) }

func (l *listModel) onPage(msg pageMsg) tea.Cmd {
	p := &l.paging
	if p.loading == nil || msg.req.gen != p.gen || msg.req.number != p.loading.number {
		return nil // superseded: a reload started since
	}
	p.loading = nil
	p.cancel()
	p.cancel = nil

	if err := msg.err; err != nil {
		if errors.Is(err, context.Canceled) {
			return nil // the program is quitting
		}
		if errors.Is(err, client.ErrCursorExpired) && msg.req.number > 0 && p.restarts < maxRestarts {
			p.restarts++
			return l.startGeneration(false)
		}
		p.failed = &pageFailure{req: msg.req, err: err}
		return common.ReportError(l.id, l.pageSource(), err, "r to retry")
	}

	l.keepSelection(func() {
		if msg.req.number == 0 && (p.replaceOnFirst || !l.storedAt.IsZero()) {
			l.store.reset()
			l.storedAt = time.Time{}
		}
		l.store.upsert(msg.page.Data)
	})
	p.pages++
	p.nextCursor = msg.page.NextCursor
	p.complete = msg.page.NextCursor == ""
	if msg.req.number > 0 {
		p.restarts = 0
	}
	if cat := l.c.Opts.Catalog; cat != nil && cat.FreePage(p.nextCursor) {
		// Stored pages cost no request: all of them are loaded, so sort
		// and the quick filter cover every stored row.
		return tea.Batch(common.ResolveError(l.pageSource()), l.LoadMore(), l.ensurePoll())
	}
	return tea.Batch(common.ResolveError(l.pageSource()), l.afterMove())
}
