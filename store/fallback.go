package store

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sync"
	"time"

	"github.com/dxdash/dxdash/client"
)

// resilient is a file store that goes on in memory when the file stops
// taking writes (a full disk, a folder made read-only, an I/O error): it
// copies what the file holds into a memory store, says so once, and
// carries on there. Reads still work on such a file, so nothing is lost.
type resilient struct {
	mu     sync.RWMutex
	cur    Store
	moved  bool
	notify func(string)
}

func (r *resilient) store() Store {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.cur
}

// write runs fn on the current store and, when the file cannot take the
// write, moves to memory and runs it there.
func (r *resilient) write(ctx context.Context, fn func(Store) error) error {
	st := r.store()
	err := fn(st)
	if err == nil || !errors.Is(err, ErrUnwritable) {
		return err
	}
	if mem, moved := r.toMemory(ctx, st, err); moved {
		return fn(mem)
	}
	return err
}

func (r *resilient) toMemory(ctx context.Context, from Store, cause error) (Store, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cur != from { // another write moved already
		return r.cur, true
	}
	file, ok := from.(*sqliteStore)
	if !ok {
		return nil, false
	}
	mem, err := OpenMemory(ctx)
	if err != nil {
		return nil, false
	}
	if err := mem.(*sqliteStore).copyFrom(ctx, file.info.Path); err != nil {
		mem.Close()
		return nil, false
	}
	what := "cannot write"
	if isDiskFull(cause) {
		what = "the disk is full for"
	}
	if r.notify != nil {
		r.notify(fmt.Sprintf("%s the store %s (%s): going on with the store in memory", what, file.info.Path, reason(cause)))
	}
	_ = file.Close()
	r.cur, r.moved = mem, true
	return mem, true
}

// copyTables are the tables copied into memory, parents first.
var copyTables = []string{"datasets", "details", "searches", "search_results", "events", "ui_state"}

// copyFrom fills an empty memory store with the file's contents.
func (s *sqliteStore) copyFrom(ctx context.Context, path string) error {
	conn, err := s.w.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	uri := "file:" + (&url.URL{Path: path}).EscapedPath() + "?mode=ro"
	if _, err := conn.ExecContext(ctx, "ATTACH DATABASE ? AS disk", uri); err != nil {
		return err
	}
	defer conn.ExecContext(context.Background(), "DETACH DATABASE disk") //nolint:errcheck // best effort
	for _, t := range copyTables {
		if _, err := conn.ExecContext(ctx, "INSERT INTO main."+t+" SELECT * FROM disk."+t); err != nil {
			return fmt.Errorf("copying %s: %w", t, err)
		}
	}
	_, err = conn.ExecContext(ctx, "UPDATE main.walk SET (walk, in_progress, started_at, pages, cursor, cursor_at, last_complete, last_finished) = "+
		"(SELECT walk, in_progress, started_at, pages, cursor, cursor_at, last_complete, last_finished FROM disk.walk WHERE one = 1)")
	return err
}

func (r *resilient) Rows(ctx context.Context, q Query) ([]Row, error) { return r.store().Rows(ctx, q) }
func (r *resilient) Count(ctx context.Context, f Filter) (Counts, error) {
	return r.store().Count(ctx, f)
}
func (r *resilient) Row(ctx context.Context, id string) (Row, bool, error) {
	return r.store().Row(ctx, id)
}
func (r *resilient) Details(ctx context.Context, ids []string) (map[string]Detail, error) {
	return r.store().Details(ctx, ids)
}
func (r *resilient) NeedDetails(ctx context.Context, ids []string) ([]string, error) {
	return r.store().NeedDetails(ctx, ids)
}
func (r *resilient) DetailsWanted(ctx context.Context, p DetailPolicy, limit int) ([]string, error) {
	return r.store().DetailsWanted(ctx, p, limit)
}
func (r *resilient) Search(ctx context.Context, key SearchKey) (SearchAnswer, bool, error) {
	return r.store().Search(ctx, key)
}
func (r *resilient) Walk(ctx context.Context) (WalkState, error) { return r.store().Walk(ctx) }
func (r *resilient) State(ctx context.Context, key string) (string, bool, error) {
	return r.store().State(ctx, key)
}

func (r *resilient) PutPage(ctx context.Context, p Page) (res PageResult, err error) {
	err = r.write(ctx, func(s Store) error { res, err = s.PutPage(ctx, p); return err })
	return res, err
}
func (r *resilient) RestartWalk(ctx context.Context, w int64, at time.Time) error {
	return r.write(ctx, func(s Store) error { return s.RestartWalk(ctx, w, at) })
}
func (r *resilient) PutDetail(ctx context.Context, d client.Dataset, at time.Time) error {
	return r.write(ctx, func(s Store) error { return s.PutDetail(ctx, d, at) })
}
func (r *resilient) MarkStale(ctx context.Context, ids []string) error {
	return r.write(ctx, func(s Store) error { return s.MarkStale(ctx, ids) })
}
func (r *resilient) PutSearch(ctx context.Context, p SearchPage) error {
	return r.write(ctx, func(s Store) error { return s.PutSearch(ctx, p) })
}
func (r *resilient) RecordEvent(ctx context.Context, e Event) (fresh bool, err error) {
	err = r.write(ctx, func(s Store) error { fresh, err = s.RecordEvent(ctx, e); return err })
	return fresh, err
}
func (r *resilient) PruneEvents(ctx context.Context, before time.Time) (n int, err error) {
	err = r.write(ctx, func(s Store) error { n, err = s.PruneEvents(ctx, before); return err })
	return n, err
}
func (r *resilient) SetState(ctx context.Context, key, value string) error {
	return r.write(ctx, func(s Store) error { return s.SetState(ctx, key, value) })
}

// Info says where the store is now: in memory after a move.
func (r *resilient) Info() Info { return r.store().Info() }

func (r *resilient) Close() error { return r.store().Close() }
