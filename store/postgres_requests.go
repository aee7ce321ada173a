package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

const requestColumns = `id, kind, dataset_id, query, customer_id, dataset_type, is_verified, page_cursor,
	requested_by, requested_at, taken_at, done_at, error`

func scanRequest(row pgx.CollectableRow) (Request, error) {
	var r Request
	var kind string
	var at, taken, done int64
	err := row.Scan(&r.ID, &kind, &r.DatasetID, &r.Search.Query, &r.Search.CustomerID, &r.Search.DatasetType,
		&r.Search.IsVerified, &r.Cursor, &r.By, &at, &taken, &done, &r.Error)
	r.Kind = RequestKind(kind)
	r.At, r.TakenAt, r.DoneAt = fromNanos(at), fromNanos(taken), fromNanos(done)
	return r, err
}

func (s *pgStore) Ask(ctx context.Context, r Request) (int64, error) {
	key := []byte{} // not nil: nil is NULL
	switch r.Kind {
	case RequestDataset:
		if r.DatasetID == "" {
			return 0, errors.New("store: a dataset request without a dataset")
		}
		r.Search, r.Cursor = SearchKey{}, ""
	case RequestSearch:
		key, r.DatasetID = []byte(searchKey(r.Search)), ""
	default:
		return 0, fmt.Errorf("store: unknown request kind %q", r.Kind)
	}
	var id int64
	// The notification carries the request's id, known once it is filed.
	err := s.writeKind(ctx, func(tx pgx.Tx) (string, error) {
		err := tx.QueryRow(ctx, s.q(`INSERT INTO {s}.requests (kind, dataset_id, search_key, query, customer_id,
				dataset_type, is_verified, page_cursor, requested_by, requested_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
			ON CONFLICT (kind, dataset_id, search_key, page_cursor) WHERE done_at = 0
				DO UPDATE SET requested_at = {s}.requests.requested_at
			RETURNING id`), string(r.Kind), pgText(r.DatasetID), key, pgText(r.Search.Query), pgText(r.Search.CustomerID),
			pgText(r.Search.DatasetType), r.Search.IsVerified, pgText(r.Cursor), pgText(r.By), nanos(r.At)).Scan(&id)
		return "request " + strconv.FormatInt(id, 10), err
	})
	return id, err
}

func (s *pgStore) Take(ctx context.Context, now, retryBefore time.Time, limit int) ([]Request, error) {
	if err := s.check(); err != nil {
		return nil, err
	}
	// SKIP LOCKED: two listeners by mistake never take the same request.
	rows, err := s.pool.Query(ctx, s.q(`UPDATE {s}.requests SET taken_at = $1 WHERE id IN (
			SELECT id FROM {s}.requests WHERE done_at = 0 AND (taken_at = 0 OR taken_at < $2)
			ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED)
		RETURNING `+requestColumns), nanos(now), nanos(retryBefore), limit)
	if err != nil {
		return nil, s.wrap("writing", err)
	}
	out, err := pgx.CollectRows(rows, scanRequest)
	if err != nil {
		return nil, s.wrap("writing", err)
	}
	// RETURNING keeps no order.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].ID < out[j-1].ID; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out, nil
}

func (s *pgStore) Finish(ctx context.Context, id int64, errText string, at time.Time) error {
	return s.write(ctx, "done "+strconv.FormatInt(id, 10), func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, s.q("UPDATE {s}.requests SET done_at = $2, error = $3 WHERE id = $1"), id, nanos(at), pgText(errText))
		return err
	})
}

func (s *pgStore) Request(ctx context.Context, id int64) (Request, bool, error) {
	if err := s.check(); err != nil {
		return Request{}, false, err
	}
	rows, err := s.pool.Query(ctx, s.q("SELECT "+requestColumns+" FROM {s}.requests WHERE id = $1"), id)
	if err != nil {
		return Request{}, false, s.wrap("reading", err)
	}
	out, err := pgx.CollectRows(rows, scanRequest)
	if err != nil || len(out) == 0 {
		return Request{}, false, s.wrap("reading", err)
	}
	return out[0], true, nil
}

func (s *pgStore) Beat(ctx context.Context, l ListenerState) error {
	if err := s.check(); err != nil {
		return err
	}
	_, err := s.pool.Exec(ctx, s.q(`INSERT INTO {s}.listener VALUES (1, $1, $2, $3, $4, $5, $6)
		ON CONFLICT (one) DO UPDATE SET who = excluded.who, seen_at = excluded.seen_at, last_sync = excluded.last_sync,
			budget_remaining = excluded.budget_remaining, budget_limit = excluded.budget_limit,
			budget_reset = excluded.budget_reset`),
		pgText(l.Who), nanos(l.SeenAt), nanos(l.LastSync), l.Remaining, l.Limit, nanos(l.ResetAt))
	return s.wrap("writing", err)
}

func (s *pgStore) Listener(ctx context.Context) (ListenerState, bool, error) {
	if err := s.check(); err != nil {
		return ListenerState{}, false, err
	}
	var l ListenerState
	var seen, sync, reset int64
	err := s.pool.QueryRow(ctx, s.q(`SELECT who, seen_at, last_sync, budget_remaining, budget_limit, budget_reset
		FROM {s}.listener WHERE one = 1`)).Scan(&l.Who, &seen, &sync, &l.Remaining, &l.Limit, &reset)
	if errors.Is(err, pgx.ErrNoRows) {
		return ListenerState{}, false, nil
	}
	if err != nil {
		return ListenerState{}, false, s.wrap("reading", err)
	}
	l.SeenAt, l.LastSync, l.ResetAt = fromNanos(seen), fromNanos(sync), fromNanos(reset)
	return l, true, nil
}

// StandIn holds a session advisory lock on a connection of its own: the
// server frees it when that session ends, however the process ends.
func (s *pgStore) StandIn(ctx context.Context) (func(), bool, error) {
	if err := s.check(); err != nil {
		return nil, false, err
	}
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return nil, false, s.wrap("reading", err)
	}
	var ok bool
	if err := conn.QueryRow(ctx, "SELECT pg_try_advisory_lock($1)", s.lockKey).Scan(&ok); err != nil || !ok {
		conn.Release()
		return nil, false, s.wrap("reading", err)
	}
	var once sync.Once
	release := func() {
		once.Do(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			if _, err := conn.Exec(ctx, "SELECT pg_advisory_unlock($1)", s.lockKey); err != nil {
				// The session ends, and the lock with it.
				_ = conn.Conn().Close(ctx)
			}
			conn.Release()
		})
	}
	return release, true, nil
}

var _ Requests = (*pgStore)(nil)
