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

// resilient is a file store that copes with the file going bad under it.
// When the file stops taking writes (a full disk, a folder made read-only,
// an I/O error), it copies what the file holds into a memory store, says
// so once, and carries on there: reads still work on such a file, so
// nothing is lost. When the file turns out damaged, it moves the file
// aside, says so, and starts a new one (the syncer fills it again).
type resilient struct {
	mu     sync.RWMutex
	cur    Store
	notify func(string)
	path   string
	opts   SQLiteOptions
	now    func() time.Time
}

func (r *resilient) store() Store {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.cur
}

// do runs fn on the current store and, when the file cannot take it, runs
// it again on the store that replaces the file.
func (r *resilient) do(ctx context.Context, fn func(Store) error) error {
	st := r.store()
	err := fn(st)
	if err == nil || !(errors.Is(err, ErrUnwritable) || errors.Is(err, ErrCorrupt)) || ctx.Err() != nil {
		return err
	}
	if next, ok := r.replace(ctx, st, err); ok {
		return fn(next)
	}
	return err
}

func (r *resilient) replace(ctx context.Context, from Store, cause error) (Store, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cur != from { // another call replaced it already
		return r.cur, true
	}
	file, ok := from.(*sqliteStore)
	if !ok {
		return nil, false
	}
	var next Store
	var msg string
	if errors.Is(cause, ErrCorrupt) {
		_ = file.Close()
		aside, err := moveAside(r.path, "corrupt", r.now())
		if err == nil {
			next, err = openFile(ctx, r.path, r.opts)
		}
		if err == nil {
			msg = fmt.Sprintf("the store %s is damaged (%s): moved it to %s and started a new one", r.path, reason(cause), aside)
		} else if next, err = OpenMemory(ctx); err == nil {
			msg = fmt.Sprintf("the store %s is damaged (%s): going on with a new store in memory", r.path, reason(cause))
		} else {
			return nil, false
		}
	} else {
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
		msg = fmt.Sprintf("%s the store %s (%s): going on with the store in memory", what, file.info.Path, reason(cause))
		_ = file.Close()
		next = mem
	}
	if r.notify != nil {
		r.notify(msg)
	}
	r.cur = next
	return next, true
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

func (r *resilient) Rows(ctx context.Context, q Query) (rows []Row, err error) {
	err = r.do(ctx, func(s Store) error { rows, err = s.Rows(ctx, q); return err })
	return rows, err
}
func (r *resilient) Count(ctx context.Context, f Filter) (c Counts, err error) {
	err = r.do(ctx, func(s Store) error { c, err = s.Count(ctx, f); return err })
	return c, err
}
func (r *resilient) Row(ctx context.Context, id string) (row Row, ok bool, err error) {
	err = r.do(ctx, func(s Store) error { row, ok, err = s.Row(ctx, id); return err })
	return row, ok, err
}
func (r *resilient) Details(ctx context.Context, ids []string) (m map[string]Detail, err error) {
	err = r.do(ctx, func(s Store) error { m, err = s.Details(ctx, ids); return err })
	return m, err
}
func (r *resilient) NeedDetails(ctx context.Context, ids []string) (need []string, err error) {
	err = r.do(ctx, func(s Store) error { need, err = s.NeedDetails(ctx, ids); return err })
	return need, err
}
func (r *resilient) DetailsWanted(ctx context.Context, p DetailPolicy, limit int) (ids []string, err error) {
	err = r.do(ctx, func(s Store) error { ids, err = s.DetailsWanted(ctx, p, limit); return err })
	return ids, err
}
func (r *resilient) Search(ctx context.Context, key SearchKey) (a SearchAnswer, ok bool, err error) {
	err = r.do(ctx, func(s Store) error { a, ok, err = s.Search(ctx, key); return err })
	return a, ok, err
}
func (r *resilient) Walk(ctx context.Context) (w WalkState, err error) {
	err = r.do(ctx, func(s Store) error { w, err = s.Walk(ctx); return err })
	return w, err
}
func (r *resilient) State(ctx context.Context, key string) (v string, ok bool, err error) {
	err = r.do(ctx, func(s Store) error { v, ok, err = s.State(ctx, key); return err })
	return v, ok, err
}

func (r *resilient) PutPage(ctx context.Context, p Page) (res PageResult, err error) {
	err = r.do(ctx, func(s Store) error { res, err = s.PutPage(ctx, p); return err })
	return res, err
}
func (r *resilient) RestartWalk(ctx context.Context, w int64, at time.Time) error {
	return r.do(ctx, func(s Store) error { return s.RestartWalk(ctx, w, at) })
}
func (r *resilient) PutDetail(ctx context.Context, d client.Dataset, at time.Time) error {
	return r.do(ctx, func(s Store) error { return s.PutDetail(ctx, d, at) })
}
func (r *resilient) MarkStale(ctx context.Context, ids []string) error {
	return r.do(ctx, func(s Store) error { return s.MarkStale(ctx, ids) })
}
func (r *resilient) PutSearch(ctx context.Context, p SearchPage) error {
	return r.do(ctx, func(s Store) error { return s.PutSearch(ctx, p) })
}
func (r *resilient) RecordEvent(ctx context.Context, e Event) (fresh bool, err error) {
	err = r.do(ctx, func(s Store) error { fresh, err = s.RecordEvent(ctx, e); return err })
	return fresh, err
}
func (r *resilient) PruneEvents(ctx context.Context, before time.Time) (n int, err error) {
	err = r.do(ctx, func(s Store) error { n, err = s.PruneEvents(ctx, before); return err })
	return n, err
}
func (r *resilient) SetState(ctx context.Context, key, value string) error {
	return r.do(ctx, func(s Store) error { return s.SetState(ctx, key, value) })
}

// Info says where the store is now: in memory after a move.
func (r *resilient) Info() Info { return r.store().Info() }

func (r *resilient) Close() error { return r.store().Close() }
