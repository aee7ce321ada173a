package store

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/dxdash/dxdash/client"
)

// pgRowColumns are what a Row is read from, as rowColumns for SQLite.
const pgRowColumns = `d.id, d.document_name, d.customer_id, d.dataset_type, d.status, d.is_verified, d.page_count,
	d.created_at, d.updated_at, d.overall_accuracy, d.field_count, d.min_confidence, d.gone,
	CASE WHEN x.id IS NULL THEN 0 WHEN x.stale OR x.updated_at <> d.updated_at THEN 1 ELSE 2 END`

func pgScanRow(rows pgx.CollectableRow) (Row, error) {
	var r Row
	var created, updated int64
	var accuracy, minConf *float64
	var fieldCount *int
	var state int
	err := rows.Scan(&r.ID, &r.DocumentName, &r.CustomerID, &r.DatasetType, &r.Status, &r.IsVerified, &r.PageCount,
		&created, &updated, &accuracy, &fieldCount, &minConf, &r.Gone, &state)
	if err != nil {
		return Row{}, err
	}
	r.CreatedAt, r.UpdatedAt = fromNanos(created), fromNanos(updated)
	if accuracy != nil {
		r.Accuracy = &client.Accuracy{OverallAccuracy: accuracy}
	}
	r.FieldCount, r.MinConfidence = fieldCount, minConf
	r.Detail = DetailState(state)
	return r, nil
}

func (s *pgStore) collectRows(ctx context.Context, q string, args ...any) ([]Row, error) {
	if err := s.check(); err != nil {
		return nil, err
	}
	rows, err := s.pool.Query(ctx, s.q(q), args...)
	if err != nil {
		return nil, s.wrap("reading", err)
	}
	out, err := pgx.CollectRows(rows, pgScanRow)
	return out, s.wrap("reading", err)
}

// pgWhere is where for PostgreSQL: numbered parameters from $1.
func pgWhere(f Filter) (string, []any) {
	var conds []string
	var args []any
	add := func(cond string, arg any) {
		args = append(args, arg)
		conds = append(conds, cond+" $"+strconv.Itoa(len(args)))
	}
	if f.CustomerID != "" {
		add("d.customer_id =", pgText(f.CustomerID))
	}
	if f.DatasetType != "" {
		add("d.dataset_type =", pgText(f.DatasetType))
	}
	if f.IsVerified != nil {
		add("d.is_verified =", *f.IsVerified)
	}
	if f.Status != "" {
		add("d.status =", pgText(f.Status))
	}
	if len(conds) == 0 {
		return "true", nil
	}
	return strings.Join(conds, " AND "), args
}

// pgOrders match the indexes: NULLS LAST is SQLite's "x IS NULL, x".
var pgOrders = map[Sort]string{
	SortNewest:        "d.created_at DESC, d.id",
	SortAccuracy:      "d.overall_accuracy ASC NULLS LAST, d.created_at DESC, d.id",
	SortMinConfidence: "d.min_confidence ASC NULLS LAST, d.created_at DESC, d.id",
}

func (s *pgStore) Rows(ctx context.Context, q Query) ([]Row, error) {
	cond, args := pgWhere(q.Filter)
	if !q.Filter.IncludeGone {
		cond = "NOT d.gone AND " + cond
	}
	order, ok := pgOrders[q.Sort]
	if !ok {
		order = pgOrders[SortNewest]
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 100
	}
	n := len(args)
	args = append(args, limit, max(0, q.Offset))
	return s.collectRows(ctx, "SELECT "+pgRowColumns+" FROM {s}.datasets d LEFT JOIN {s}.details x ON x.id = d.id WHERE "+cond+
		" ORDER BY "+order+" LIMIT $"+strconv.Itoa(n+1)+" OFFSET $"+strconv.Itoa(n+2), args...)
}

func (s *pgStore) Count(ctx context.Context, f Filter) (Counts, error) {
	if err := s.check(); err != nil {
		return Counts{}, err
	}
	cond, args := pgWhere(f)
	// The counts table's groups (see migration 3): a few dozen rows, not
	// one per dataset.
	rows, err := s.pool.Query(ctx, s.q(`SELECT d.gone, sum(d.n)::bigint, coalesce(sum(d.n) FILTER (WHERE d.is_verified), 0)::bigint,
		coalesce(sum(d.n) FILTER (WHERE d.status = 'processing'), 0)::bigint,
		coalesce(sum(d.n) FILTER (WHERE d.status = 'failed'), 0)::bigint,
		sum(d.details)::bigint FROM {s}.counts d WHERE `+cond+` GROUP BY d.gone`), args...)
	if err != nil {
		return Counts{}, s.wrap("reading", err)
	}
	defer rows.Close()
	var c Counts
	for rows.Next() {
		var gone bool
		var n, verified, processing, failed, details int
		if err := rows.Scan(&gone, &n, &verified, &processing, &failed, &details); err != nil {
			return Counts{}, s.wrap("reading", err)
		}
		if gone {
			c.Gone = n
			if !f.IncludeGone {
				continue
			}
		}
		c.Rows += n
		c.Verified += verified
		c.Processing += processing
		c.Failed += failed
		c.Details += details
	}
	return c, s.wrap("reading", rows.Err())
}

func (s *pgStore) Row(ctx context.Context, id string) (Row, bool, error) {
	rows, err := s.collectRows(ctx, "SELECT "+pgRowColumns+" FROM {s}.datasets d LEFT JOIN {s}.details x ON x.id = d.id WHERE d.id = $1", pgText(id))
	if err != nil || len(rows) == 0 {
		return Row{}, false, err
	}
	return rows[0], true, nil
}

func (s *pgStore) Details(ctx context.Context, ids []string) (map[string]Detail, error) {
	if err := s.check(); err != nil {
		return nil, err
	}
	out := make(map[string]Detail, len(ids))
	names := make(map[string]string)
	rows, err := s.pool.Query(ctx, s.q(`SELECT x.id, x.body, x.fetched_at, NOT x.stale AND x.updated_at = d.updated_at
		FROM {s}.details x JOIN {s}.datasets d ON d.id = x.id WHERE x.id = ANY($1)`), pgTexts(ids))
	if err != nil {
		return nil, s.wrap("reading", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var body []byte
		var fetched int64
		var current bool
		if err := rows.Scan(&id, &body, &fetched, &current); err != nil {
			return nil, s.wrap("reading", err)
		}
		d, err := decodeDetail(body, names)
		if err != nil {
			return nil, err
		}
		out[id] = Detail{Dataset: d, FetchedAt: fromNanos(fetched), Current: current}
	}
	return out, s.wrap("reading", rows.Err())
}

func (s *pgStore) NeedDetails(ctx context.Context, ids []string) ([]string, error) {
	current, err := s.ids(ctx, `SELECT x.id FROM {s}.details x JOIN {s}.datasets d ON d.id = x.id
		WHERE NOT x.stale AND x.updated_at = d.updated_at AND x.id = ANY($1)`, pgTexts(ids))
	if err != nil {
		return nil, err
	}
	have := make(map[string]bool, len(current))
	for _, id := range current {
		have[id] = true
	}
	var need []string
	seen := make(map[string]bool, len(ids))
	for _, id := range ids {
		if !have[pgText(id)] && !seen[id] {
			need = append(need, id)
		}
		seen[id] = true
	}
	return need, nil
}

// ids runs a query of one text column.
func (s *pgStore) ids(ctx context.Context, q string, args ...any) ([]string, error) {
	if err := s.check(); err != nil {
		return nil, err
	}
	rows, err := s.pool.Query(ctx, s.q(q), args...)
	if err != nil {
		return nil, s.wrap("reading", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	return out, s.wrap("reading", err)
}

func (s *pgStore) DetailsWanted(ctx context.Context, p DetailPolicy, limit int) ([]string, error) {
	if p == DetailsNone || limit <= 0 {
		return nil, nil
	}
	cond := "NOT d.gone AND d.status = 'complete'"
	if p == DetailsVerified {
		cond += " AND d.is_verified"
	}
	return s.ids(ctx, `SELECT d.id FROM {s}.datasets d LEFT JOIN {s}.details x ON x.id = d.id
		WHERE `+cond+` AND (x.id IS NULL OR x.stale OR x.updated_at <> d.updated_at)
		ORDER BY d.created_at DESC, d.id LIMIT $1`, limit)
}

func (s *pgStore) Search(ctx context.Context, key SearchKey) (SearchAnswer, bool, error) {
	if err := s.check(); err != nil {
		return SearchAnswer{}, false, err
	}
	k := []byte(searchKey(key))
	var a SearchAnswer
	var fetched int64
	err := s.pool.QueryRow(ctx, s.q("SELECT fetched_at, complete, next_cursor FROM {s}.searches WHERE key = $1"), k).
		Scan(&fetched, &a.Complete, &a.Next)
	if errors.Is(err, pgx.ErrNoRows) {
		return SearchAnswer{}, false, nil
	}
	if err != nil {
		return SearchAnswer{}, false, s.wrap("reading", err)
	}
	a.FetchedAt = fromNanos(fetched)
	a.Rows, err = s.collectRows(ctx, "SELECT "+pgRowColumns+` FROM {s}.search_results r JOIN {s}.datasets d ON d.id = r.id
		LEFT JOIN {s}.details x ON x.id = d.id WHERE r.key = $1 ORDER BY r.pos`, k)
	if err != nil {
		return SearchAnswer{}, false, err
	}
	return a, true, nil
}

func (s *pgStore) Walk(ctx context.Context) (WalkState, error) {
	if err := s.check(); err != nil {
		return WalkState{}, err
	}
	w, err := s.readWalk(ctx, s.pool)
	return w, s.wrap("reading", err)
}

func (s *pgStore) readWalk(ctx context.Context, q queryer) (WalkState, error) {
	var w WalkState
	var started, cursorAt, lastComplete, lastFinished int64
	err := q.QueryRow(ctx, s.q(`SELECT walk, in_progress, started_at, pages, cursor, cursor_at, last_complete, last_finished
		FROM {s}.walk WHERE one = 1`)).Scan(&w.Walk, &w.InProgress, &started, &w.Pages, &w.Cursor, &cursorAt, &lastComplete, &lastFinished)
	if err != nil {
		return WalkState{}, err
	}
	w.StartedAt, w.CursorAt = fromNanos(started), fromNanos(cursorAt)
	w.LastComplete, w.LastFinishedAt = fromNanos(lastComplete), fromNanos(lastFinished)
	return w, nil
}

func (s *pgStore) State(ctx context.Context, key string) (string, bool, error) {
	if err := s.check(); err != nil {
		return "", false, err
	}
	var v string
	err := s.pool.QueryRow(ctx, s.q("SELECT value FROM {s}.ui_state WHERE key = $1"), pgText(key)).Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, s.wrap("reading", err)
	}
	return v, true, nil
}

// pgText makes a string storable as TEXT, which cannot hold NUL: the
// server's JSON can (\u0000), so NUL becomes U+FFFD, as the JSON decoder
// does for bytes that are not UTF-8. The detail's body keeps it exactly.
func pgText(s string) string {
	if strings.IndexByte(s, 0) < 0 {
		return s
	}
	return strings.ReplaceAll(s, "\x00", "\uFFFD")
}

func pgTexts(ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = pgText(id)
	}
	return out
}
