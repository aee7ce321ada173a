package syncer

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/store"
)

// Phase is what a sync is doing.
type Phase uint8

const (
	Idle     Phase = iota
	Listing        // walking the list
	Fetching       // fetching details
	Done
)

func (p Phase) String() string {
	return [...]string{"idle", "listing", "fetching details", "done"}[p]
}

// Progress is how far a sync has got: what a progress bar or a status bar
// shows.
type Progress struct {
	Phase     Phase
	StartedAt time.Time
	Resumed   bool // the walk went on from where an earlier sync left it

	Pages         int // list pages stored by this sync
	PagesExpected int // the walk's pages, as far as the store can tell (0: unknown)
	New, Changed  int
	Gone          int

	Details         int // details fetched and stored
	DetailsExpected int

	ListRequests, DetailRequests int // requests this syncer made
}

// Requests is every request counted.
func (p Progress) Requests() int { return p.ListRequests + p.DetailRequests }

// Remaining is how many requests the sync still expects to make.
func (p Progress) Remaining() int {
	left := max(0, p.DetailsExpected-p.Details)
	if p.Phase <= Listing {
		left += max(1, p.PagesExpected-p.Pages)
	}
	return left
}

// Progress returns a snapshot of the sync under way, or of the last one.
func (s *Syncer) Progress() Progress {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.progress
}

func (s *Syncer) update(fn func(*Progress)) {
	s.mu.Lock()
	fn(&s.progress)
	p := s.progress
	s.mu.Unlock()
	if s.on != nil {
		s.on(p)
	}
}

func (s *Syncer) count(lists, details int) {
	s.mu.Lock()
	s.progress.ListRequests += lists
	s.progress.DetailRequests += details
	s.mu.Unlock()
}

// Sync brings the store up to date in the background priority: it walks
// the whole list, newest first, 100 at a time, each page in its own
// transaction (new and changed datasets stored, stale details marked; the
// last page marks what the walk did not see gone), then fetches the details
// the policy wants that are missing or stale, each in its own transaction.
//
// A walk that an earlier sync left unfinished goes on from its stored
// cursor, or, when that cursor is too old for the server, from the first
// page again (what it stored is kept: the walk only re-reads the list).
// Details already stored and current are never fetched again.
func (s *Syncer) Sync(ctx context.Context, policy store.DetailPolicy) (Progress, error) {
	s.syncing.Lock()
	defer s.syncing.Unlock()
	s.mu.Lock()
	s.progress = Progress{Phase: Listing, StartedAt: s.clock.Now()}
	s.mu.Unlock()

	if err := s.walk(ctx); err != nil {
		return s.Progress(), err
	}
	if err := s.details(ctx, policy); err != nil {
		return s.Progress(), err
	}
	s.update(func(p *Progress) { p.Phase = Done })
	return s.Progress(), nil
}

func (s *Syncer) walk(ctx context.Context) error {
	w, err := s.st.Walk(ctx)
	if err != nil {
		return err
	}
	counts, err := s.st.Count(ctx, store.Filter{})
	if err != nil {
		return err
	}
	walk, cursor := w.NextWalk(), ""
	expected := (counts.Rows + PageSize - 1) / PageSize
	if w.InProgress {
		if s.clock.Now().Sub(w.CursorAt) < s.life-cursorMargin {
			cursor = w.Cursor
		} else if err := s.st.RestartWalk(ctx, walk, s.clock.Now()); err != nil {
			return err
		}
		if cursor != "" {
			expected = max(1, expected-w.Pages)
		}
	}
	s.update(func(p *Progress) { p.Resumed, p.PagesExpected = w.InProgress && cursor != "", expected })

	restarts := 0
	for {
		var page client.Page
		err := s.request(ctx, Background, func() (err error) {
			page, err = s.api.ListDatasets(ctx, client.ListParams{Limit: PageSize, Cursor: cursor})
			return err
		})
		s.count(1, 0)
		if errors.Is(err, client.ErrCursorExpired) && cursor != "" && restarts < 3 {
			restarts++
			cursor = ""
			if err := s.st.RestartWalk(ctx, walk, s.clock.Now()); err != nil {
				return err
			}
			continue
		}
		if err != nil {
			return fmt.Errorf("listing datasets: %w", err)
		}
		if page.NextCursor != "" && page.NextCursor == cursor {
			return errors.New("listing datasets: the server returned the same cursor again")
		}
		res, err := s.st.PutPage(ctx, store.Page{Walk: walk, Items: page.Data, Next: page.NextCursor, At: s.clock.Now()})
		if err != nil {
			return fmt.Errorf("storing a page: %w", err)
		}
		s.update(func(p *Progress) {
			p.Pages++
			p.PagesExpected = max(p.PagesExpected, p.Pages+1)
			p.New += res.New
			p.Changed += res.Changed
			p.Gone += res.Gone
			if page.NextCursor == "" {
				p.PagesExpected = p.Pages
			}
		})
		if page.NextCursor == "" {
			return nil
		}
		cursor = page.NextCursor
	}
}

func (s *Syncer) details(ctx context.Context, policy store.DetailPolicy) error {
	if policy == store.DetailsNone {
		return nil
	}
	ids, err := s.st.DetailsWanted(ctx, policy, 1<<31-1)
	if err != nil {
		return err
	}
	s.update(func(p *Progress) { p.Phase, p.DetailsExpected = Fetching, len(ids) })
	for _, id := range ids {
		if _, err := s.fetchDetail(ctx, id, Background); err != nil {
			return err
		}
		s.update(func(p *Progress) { p.Details++ })
	}
	return nil
}
