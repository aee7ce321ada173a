package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dxdash/dxdash/client"
)

// pgUpsertSummaries is upsertSummaries for PostgreSQL: one statement per
// page over arrays (unnest), since a round trip per row would cost a
// network latency each.
func (s *pgStore) upsertSummaries(ctx context.Context, tx pgx.Tx, items []client.Dataset, walk int64, at time.Time) (PageResult, error) {
	var res PageResult
	if len(items) == 0 {
		return res, nil
	}
	// One row per id, the last one given wins (a row cannot be updated
	// twice by one statement).
	last := make(map[string]int, len(items))
	for i, d := range items {
		last[pgText(d.ID)] = i
	}
	n := len(last)
	ids := make([]string, 0, n)
	names, customers, types, statuses := make([]string, 0, n), make([]string, 0, n), make([]string, 0, n), make([]string, 0, n)
	verified, pages := make([]bool, 0, n), make([]int32, 0, n)
	created, updated := make([]int64, 0, n), make([]int64, 0, n)
	accuracy, minConf := make([]*float64, 0, n), make([]*float64, 0, n)
	fieldCount := make([]*int32, 0, n)
	for i, d := range items {
		id := pgText(d.ID)
		if last[id] != i {
			continue
		}
		ids = append(ids, id)
		names, customers = append(names, pgText(d.DocumentName)), append(customers, pgText(d.CustomerID))
		types, statuses = append(types, pgText(d.DatasetType)), append(statuses, pgText(d.Status))
		verified, pages = append(verified, d.IsVerified), append(pages, int32(d.PageCount))
		created, updated = append(created, nanos(d.CreatedAt)), append(updated, nanos(d.UpdatedAt))
		var a *float64
		if v, ok := d.OverallAccuracy(); ok {
			a = &v
		}
		accuracy, minConf = append(accuracy, a), append(minConf, d.MinConfidence)
		var fc *int32
		if d.FieldCount != nil {
			v := int32(*d.FieldCount)
			fc = &v
		}
		fieldCount = append(fieldCount, fc)
	}

	rows, err := tx.Query(ctx, s.q("SELECT id, updated_at FROM {s}.datasets WHERE id = ANY($1)"), ids)
	if err != nil {
		return res, err
	}
	known := make(map[string]int64, n)
	var id string
	var up int64
	if _, err := pgx.ForEachRow(rows, []any{&id, &up}, func() error { known[id] = up; return nil }); err != nil {
		return res, err
	}

	if _, err := tx.Exec(ctx, s.q(`INSERT INTO {s}.datasets (id, document_name, customer_id, dataset_type, status, is_verified,
			page_count, created_at, updated_at, overall_accuracy, field_count, min_confidence, seen_walk, seen_at, gone)
		SELECT u.*, $13::bigint, $14::bigint, false FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],
			$6::boolean[], $7::integer[], $8::bigint[], $9::bigint[], $10::double precision[], $11::integer[],
			$12::double precision[]) AS u
		ON CONFLICT (id) DO UPDATE SET document_name = excluded.document_name, customer_id = excluded.customer_id,
			dataset_type = excluded.dataset_type, status = excluded.status, is_verified = excluded.is_verified,
			page_count = excluded.page_count, created_at = excluded.created_at, updated_at = excluded.updated_at,
			overall_accuracy = excluded.overall_accuracy, field_count = excluded.field_count,
			min_confidence = excluded.min_confidence, seen_walk = greatest(datasets.seen_walk, excluded.seen_walk),
			seen_at = greatest(datasets.seen_at, excluded.seen_at), gone = false`),
		ids, names, customers, types, statuses, verified, pages, created, updated, accuracy, fieldCount, minConf, walk, nanos(at)); err != nil {
		return res, err
	}

	var movedIDs []string
	var movedAt []int64
	for _, d := range items {
		id, u := pgText(d.ID), nanos(d.UpdatedAt)
		before, ok := known[id]
		switch {
		case !ok:
			res.New++
			res.ChangedIDs = append(res.ChangedIDs, d.ID)
		case before != u:
			res.Changed++
			res.ChangedIDs = append(res.ChangedIDs, d.ID)
			movedIDs, movedAt = append(movedIDs, id), append(movedAt, u)
		default:
			res.Unchanged++
		}
	}
	if len(movedIDs) > 0 {
		if _, err := tx.Exec(ctx, s.q(`UPDATE {s}.details x SET stale = true FROM unnest($1::text[], $2::bigint[]) AS u (id, updated)
			WHERE x.id = u.id AND x.updated_at <> u.updated`), movedIDs, movedAt); err != nil {
			return res, err
		}
	}
	return res, nil
}

func (s *pgStore) PutPage(ctx context.Context, p Page) (PageResult, error) {
	var res PageResult
	err := s.write(ctx, "page", func(tx pgx.Tx) error {
		// The walk row is locked for the transaction: two syncers' pages
		// take turns, as SQLite's one writer makes them.
		w, err := s.readWalk(ctx, lockRow{tx})
		if err != nil {
			return err
		}
		current := p.Walk == w.NextWalk()
		if current && !w.InProgress {
			w = WalkState{Walk: p.Walk, InProgress: true, StartedAt: p.At,
				LastComplete: w.LastComplete, LastFinishedAt: w.LastFinishedAt}
		}
		walk := int64(0)
		if current {
			walk = p.Walk
		}
		if res, err = s.upsertSummaries(ctx, tx, p.Items, walk, p.At); err != nil {
			return err
		}
		if !current {
			return nil
		}
		w.Pages++
		w.Cursor, w.CursorAt = p.Next, p.At
		if p.Next == "" {
			tag, err := tx.Exec(ctx, s.q("UPDATE {s}.datasets SET gone = true WHERE NOT gone AND seen_walk < $1 AND seen_at < $2"),
				w.Walk, nanos(w.StartedAt))
			if err != nil {
				return err
			}
			res.Gone = int(tag.RowsAffected())
			w.InProgress = false
			w.LastComplete, w.LastFinishedAt = w.StartedAt, p.At
		}
		return s.writeWalk(ctx, tx, w)
	})
	if err != nil {
		return PageResult{}, err
	}
	return res, nil
}

// lockRow reads with FOR UPDATE.
type lockRow struct{ tx pgx.Tx }

func (l lockRow) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	return l.tx.QueryRow(ctx, sql+" FOR UPDATE", args...)
}

func (s *pgStore) RestartWalk(ctx context.Context, walk int64, at time.Time) error {
	return s.write(ctx, "walk", func(tx pgx.Tx) error {
		w, err := s.readWalk(ctx, lockRow{tx})
		if err != nil || !w.InProgress || w.Walk != walk {
			return err
		}
		w.Cursor, w.CursorAt = "", at
		return s.writeWalk(ctx, tx, w)
	})
}

func (s *pgStore) writeWalk(ctx context.Context, tx pgx.Tx, w WalkState) error {
	_, err := tx.Exec(ctx, s.q(`UPDATE {s}.walk SET walk = $1, in_progress = $2, started_at = $3, pages = $4, cursor = $5,
		cursor_at = $6, last_complete = $7, last_finished = $8 WHERE one = 1`),
		w.Walk, w.InProgress, nanos(w.StartedAt), w.Pages, pgText(w.Cursor), nanos(w.CursorAt), nanos(w.LastComplete), nanos(w.LastFinishedAt))
	return err
}

func (s *pgStore) PutDetail(ctx context.Context, d client.Dataset, at time.Time) error {
	if d.ID == "" {
		return fmt.Errorf("store: a dataset without an id")
	}
	body, err := encodeDetail(d)
	if err != nil {
		return err
	}
	id := pgText(d.ID)
	return s.write(ctx, "detail "+id, func(tx pgx.Tx) error {
		updated := nanos(d.UpdatedAt)
		var stored int64
		err := tx.QueryRow(ctx, s.q("SELECT updated_at FROM {s}.datasets WHERE id = $1 FOR UPDATE"), id).Scan(&stored)
		exists := err == nil
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		if !exists || updated > stored {
			summary := d
			count, minConf := ownFigures(d)
			if d.Status != client.StatusComplete {
				count, minConf = 0, nil
			}
			summary.FieldCount, summary.MinConfidence = &count, minConf
			if _, err := s.upsertSummaries(ctx, tx, []client.Dataset{summary}, 0, at); err != nil {
				return err
			}
		}
		stale := exists && updated < stored
		_, err = tx.Exec(ctx, s.q(`INSERT INTO {s}.details (id, updated_at, fetched_at, stale, body) VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at, fetched_at = excluded.fetched_at,
				stale = excluded.stale, body = excluded.body`), id, updated, nanos(at), stale, body)
		return err
	})
}

func (s *pgStore) MarkStale(ctx context.Context, ids []string) error {
	return s.write(ctx, "stale", func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, s.q("UPDATE {s}.details SET stale = true WHERE id = ANY($1)"), pgTexts(ids))
		return err
	})
}

func (s *pgStore) PutSearch(ctx context.Context, p SearchPage) error {
	key := []byte(searchKey(p.Key))
	return s.write(ctx, "search", func(tx pgx.Tx) error {
		if _, err := s.upsertSummaries(ctx, tx, p.Items, 0, p.At); err != nil {
			return err
		}
		if p.First {
			if _, err := tx.Exec(ctx, s.q("DELETE FROM {s}.searches WHERE key = $1"), key); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(ctx, s.q(`INSERT INTO {s}.searches (key, fetched_at, complete, next_cursor) VALUES ($1, $2, $3, $4)
			ON CONFLICT (key) DO UPDATE SET fetched_at = excluded.fetched_at, complete = excluded.complete,
				next_cursor = excluded.next_cursor`), key, nanos(p.At), p.Next == "", pgText(p.Next)); err != nil {
			return err
		}
		// The search's row is locked by the upsert above: two writers of
		// one search take turns numbering its results.
		var next int
		if err := tx.QueryRow(ctx, s.q("SELECT count(*) FROM {s}.search_results WHERE key = $1"), key).Scan(&next); err != nil {
			return err
		}
		ids := make([]string, len(p.Items))
		for i, d := range p.Items {
			ids[i] = pgText(d.ID)
		}
		_, err := tx.Exec(ctx, s.q(`INSERT INTO {s}.search_results (key, pos, id)
			SELECT $1, $2 + u.n - 1, u.id FROM unnest($3::text[]) WITH ORDINALITY AS u (id, n)
			ON CONFLICT DO NOTHING`), key, next, ids)
		return err
	})
}

func (s *pgStore) RecordEvent(ctx context.Context, e Event) (bool, error) {
	fresh := false
	err := s.write(ctx, "event "+pgText(e.DatasetID), func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, s.q(`INSERT INTO {s}.events (event_id, type, dataset_id, received_at) VALUES ($1, $2, $3, $4)
			ON CONFLICT (event_id) DO NOTHING`), pgText(e.ID), pgText(e.Type), pgText(e.DatasetID), nanos(e.ReceivedAt))
		fresh = tag.RowsAffected() == 1
		return err
	})
	return fresh, err
}

func (s *pgStore) PruneEvents(ctx context.Context, before time.Time) (int, error) {
	var n int64
	err := s.write(ctx, "events", func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, s.q("DELETE FROM {s}.events WHERE received_at < $1"), nanos(before))
		n = tag.RowsAffected()
		return err
	})
	return int(n), err
}

func (s *pgStore) SetState(ctx context.Context, key, value string) error {
	return s.write(ctx, "state", func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, s.q(`INSERT INTO {s}.ui_state (key, value) VALUES ($1, $2)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`), pgText(key), pgText(value))
		return err
	})
}
