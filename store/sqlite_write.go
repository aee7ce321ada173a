package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"github.com/dxdash/dxdash/client"
)

// write runs fn in one immediate transaction on the writer connection.
func (s *sqliteStore) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if err := s.check(); err != nil {
		return err
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return classify(err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return classify(err)
	}
	return classify(tx.Commit())
}

const upsertSummary = `INSERT INTO datasets (id, document_name, customer_id, dataset_type, status, is_verified,
		page_count, created_at, updated_at, overall_accuracy, field_count, min_confidence, seen_walk, seen_at, gone)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
	ON CONFLICT (id) DO UPDATE SET document_name = excluded.document_name, customer_id = excluded.customer_id,
		dataset_type = excluded.dataset_type, status = excluded.status, is_verified = excluded.is_verified,
		page_count = excluded.page_count, created_at = excluded.created_at, updated_at = excluded.updated_at,
		overall_accuracy = excluded.overall_accuracy, field_count = excluded.field_count,
		min_confidence = excluded.min_confidence, seen_walk = max(seen_walk, excluded.seen_walk),
		seen_at = max(seen_at, excluded.seen_at), gone = 0`

// upsertSummaries stores list items seen at at (in walk, or 0 outside a
// walk), and marks stale the details of those whose updated_at moved.
func upsertSummaries(ctx context.Context, tx *sql.Tx, items []client.Dataset, walk int64, at time.Time) (PageResult, error) {
	var res PageResult
	if len(items) == 0 {
		return res, nil
	}
	known := make(map[string]int64, len(items))
	args := make([]any, len(items))
	for i, d := range items {
		args[i] = d.ID
	}
	rows, err := tx.QueryContext(ctx, "SELECT id, updated_at FROM datasets WHERE id IN ("+placeholders(len(items))+")", args...)
	if err != nil {
		return res, err
	}
	for rows.Next() {
		var id string
		var updated int64
		if err := rows.Scan(&id, &updated); err != nil {
			rows.Close()
			return res, err
		}
		known[id] = updated
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return res, err
	}

	up, err := tx.PrepareContext(ctx, upsertSummary)
	if err != nil {
		return res, err
	}
	defer up.Close()
	stale, err := tx.PrepareContext(ctx, "UPDATE details SET stale = 1 WHERE id = ? AND updated_at <> ?")
	if err != nil {
		return res, err
	}
	defer stale.Close()
	seenAt := nanos(at)
	for _, d := range items {
		updated := nanos(d.UpdatedAt)
		var accuracy any
		if a, ok := d.OverallAccuracy(); ok {
			accuracy = a
		}
		var fieldCount, minConf any
		if d.FieldCount != nil {
			fieldCount = *d.FieldCount
		}
		if d.MinConfidence != nil {
			minConf = *d.MinConfidence
		}
		if _, err := up.ExecContext(ctx, d.ID, d.DocumentName, d.CustomerID, d.DatasetType, d.Status, d.IsVerified,
			d.PageCount, nanos(d.CreatedAt), updated, accuracy, fieldCount, minConf, walk, seenAt); err != nil {
			return res, err
		}
		before, ok := known[d.ID]
		switch {
		case !ok:
			res.New++
			res.ChangedIDs = append(res.ChangedIDs, d.ID)
		case before != updated:
			res.Changed++
			res.ChangedIDs = append(res.ChangedIDs, d.ID)
			if _, err := stale.ExecContext(ctx, d.ID, updated); err != nil {
				return res, err
			}
		default:
			res.Unchanged++
		}
	}
	return res, nil
}

func (s *sqliteStore) PutPage(ctx context.Context, p Page) (PageResult, error) {
	var res PageResult
	err := s.write(ctx, func(tx *sql.Tx) error {
		w, err := readWalk(ctx, tx)
		if err != nil {
			return err
		}
		// A page of a walk that is no longer the one under way (another
		// process finished it, or began a later one) still brings news.
		current := p.Walk == w.NextWalk()
		if current && !w.InProgress {
			w = WalkState{Walk: p.Walk, InProgress: true, StartedAt: p.At,
				LastComplete: w.LastComplete, LastFinishedAt: w.LastFinishedAt}
		}
		walk := int64(0)
		if current {
			walk = p.Walk
		}
		if res, err = upsertSummaries(ctx, tx, p.Items, walk, p.At); err != nil {
			return err
		}
		if !current {
			return nil
		}
		w.Pages++
		w.Cursor, w.CursorAt = p.Next, p.At
		if p.Next == "" {
			r, err := tx.ExecContext(ctx, "UPDATE datasets SET gone = 1 WHERE gone = 0 AND seen_walk < ? AND seen_at < ?",
				w.Walk, nanos(w.StartedAt))
			if err != nil {
				return err
			}
			n, _ := r.RowsAffected()
			res.Gone = int(n)
			w.InProgress = false
			w.LastComplete, w.LastFinishedAt = w.StartedAt, p.At
		}
		return writeWalk(ctx, tx, w)
	})
	if err != nil {
		return PageResult{}, err
	}
	return res, nil
}

func (s *sqliteStore) RestartWalk(ctx context.Context, walk int64, at time.Time) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		w, err := readWalk(ctx, tx)
		if err != nil || !w.InProgress || w.Walk != walk {
			return err
		}
		w.Cursor, w.CursorAt = "", at
		return writeWalk(ctx, tx, w)
	})
}

func readWalk(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (WalkState, error) {
	var w WalkState
	var started, cursorAt, lastComplete, lastFinished int64
	err := q.QueryRowContext(ctx, `SELECT walk, in_progress, started_at, pages, cursor, cursor_at, last_complete, last_finished
		FROM walk WHERE one = 1`).Scan(&w.Walk, &w.InProgress, &started, &w.Pages, &w.Cursor, &cursorAt, &lastComplete, &lastFinished)
	if err != nil {
		return WalkState{}, err
	}
	w.StartedAt, w.CursorAt = fromNanos(started), fromNanos(cursorAt)
	w.LastComplete, w.LastFinishedAt = fromNanos(lastComplete), fromNanos(lastFinished)
	return w, nil
}

func writeWalk(ctx context.Context, tx *sql.Tx, w WalkState) error {
	_, err := tx.ExecContext(ctx, `UPDATE walk SET walk = ?, in_progress = ?, started_at = ?, pages = ?, cursor = ?,
		cursor_at = ?, last_complete = ?, last_finished = ? WHERE one = 1`,
		w.Walk, w.InProgress, nanos(w.StartedAt), w.Pages, w.Cursor, nanos(w.CursorAt), nanos(w.LastComplete), nanos(w.LastFinishedAt))
	return err
}

func (s *sqliteStore) PutDetail(ctx context.Context, d client.Dataset, at time.Time) error {
	if d.ID == "" {
		return fmt.Errorf("store: a dataset without an id")
	}
	body, err := encodeDetail(d)
	if err != nil {
		return err
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		updated := nanos(d.UpdatedAt)
		var stored int64
		err := tx.QueryRowContext(ctx, "SELECT updated_at FROM datasets WHERE id = ?", d.ID).Scan(&stored)
		exists := err == nil
		if err != nil && err != sql.ErrNoRows {
			return err
		}
		// The detail is as new as the row, or newer: the row takes its
		// figures, the list's own where they agree in time.
		if !exists || updated > stored {
			summary := d
			count, minConf := ownFigures(d)
			if d.Status != client.StatusComplete {
				count, minConf = 0, nil
			}
			summary.FieldCount, summary.MinConfidence = &count, minConf
			if _, err := upsertSummaries(ctx, tx, []client.Dataset{summary}, 0, at); err != nil {
				return err
			}
		}
		stale := exists && updated < stored
		_, err = tx.ExecContext(ctx, `INSERT INTO details (id, updated_at, fetched_at, stale, body) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at, fetched_at = excluded.fetched_at,
				stale = excluded.stale, body = excluded.body`, d.ID, updated, nanos(at), stale, body)
		return err
	})
}

func (s *sqliteStore) MarkStale(ctx context.Context, ids []string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		for start := 0; start < len(ids); start += batch {
			part := ids[start:min(start+batch, len(ids))]
			if _, err := tx.ExecContext(ctx, "UPDATE details SET stale = 1 WHERE id IN ("+placeholders(len(part))+")", anys(part)...); err != nil {
				return err
			}
		}
		return nil
	})
}

// batch is how many ids go in one IN (...) list.
const batch = 500

func anys(ids []string) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

// searchKey is a SearchKey as the schema keys it.
func searchKey(k SearchKey) string {
	verified := "any"
	if k.IsVerified != nil {
		verified = strconv.FormatBool(*k.IsVerified)
	}
	return k.Query + "\x00" + k.CustomerID + "\x00" + k.DatasetType + "\x00" + verified
}

func (s *sqliteStore) PutSearch(ctx context.Context, p SearchPage) error {
	key := searchKey(p.Key)
	return s.write(ctx, func(tx *sql.Tx) error {
		if _, err := upsertSummaries(ctx, tx, p.Items, 0, p.At); err != nil {
			return err
		}
		if p.First {
			if _, err := tx.ExecContext(ctx, "DELETE FROM searches WHERE key = ?", key); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO searches (key, fetched_at, complete, next_cursor) VALUES (?, ?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET fetched_at = excluded.fetched_at, complete = excluded.complete,
				next_cursor = excluded.next_cursor`, key, nanos(p.At), p.Next == "", p.Next); err != nil {
			return err
		}
		var next int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM search_results WHERE key = ?", key).Scan(&next); err != nil {
			return err
		}
		ins, err := tx.PrepareContext(ctx, "INSERT OR IGNORE INTO search_results (key, pos, id) VALUES (?, ?, ?)")
		if err != nil {
			return err
		}
		defer ins.Close()
		for i, d := range p.Items {
			if _, err := ins.ExecContext(ctx, key, next+i, d.ID); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *sqliteStore) RecordEvent(ctx context.Context, e Event) (bool, error) {
	fresh := false
	err := s.write(ctx, func(tx *sql.Tx) error {
		r, err := tx.ExecContext(ctx, `INSERT INTO events (event_id, type, dataset_id, received_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (event_id) DO NOTHING`, e.ID, e.Type, e.DatasetID, nanos(e.ReceivedAt))
		if err != nil {
			return err
		}
		n, err := r.RowsAffected()
		fresh = n == 1
		return err
	})
	return fresh, err
}

func (s *sqliteStore) PruneEvents(ctx context.Context, before time.Time) (int, error) {
	var n int64
	err := s.write(ctx, func(tx *sql.Tx) error {
		r, err := tx.ExecContext(ctx, "DELETE FROM events WHERE received_at < ?", nanos(before))
		if err != nil {
			return err
		}
		n, err = r.RowsAffected()
		return err
	})
	return int(n), err
}

func (s *sqliteStore) SetState(ctx context.Context, key, value string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO ui_state (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
		return err
	})
}
