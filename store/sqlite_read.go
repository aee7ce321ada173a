package store

import (
	"context"
	"database/sql"
	"strings"

	"github.com/dxdash/dxdash/client"
)

// rowColumns are what a Row is read from; detailState is 0, 1 or 2 as
// DetailState counts.
const rowColumns = `d.id, d.document_name, d.customer_id, d.dataset_type, d.status, d.is_verified, d.page_count,
	d.created_at, d.updated_at, d.overall_accuracy, d.field_count, d.min_confidence, d.gone,
	CASE WHEN x.id IS NULL THEN 0 WHEN x.stale = 1 OR x.updated_at <> d.updated_at THEN 1 ELSE 2 END`

func scanRow(rows *sql.Rows) (Row, error) {
	var r Row
	var created, updated int64
	var accuracy, minConf sql.NullFloat64
	var fieldCount sql.NullInt64
	var state int
	err := rows.Scan(&r.ID, &r.DocumentName, &r.CustomerID, &r.DatasetType, &r.Status, &r.IsVerified, &r.PageCount,
		&created, &updated, &accuracy, &fieldCount, &minConf, &r.Gone, &state)
	if err != nil {
		return Row{}, err
	}
	r.CreatedAt, r.UpdatedAt = fromNanos(created), fromNanos(updated)
	if accuracy.Valid {
		a := accuracy.Float64
		r.Accuracy = &client.Accuracy{OverallAccuracy: &a}
	}
	if fieldCount.Valid {
		n := int(fieldCount.Int64)
		r.FieldCount = &n
	}
	if minConf.Valid {
		c := minConf.Float64
		r.MinConfidence = &c
	}
	r.Detail = DetailState(state)
	return r, nil
}

func (s *sqliteStore) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if err := s.check(); err != nil {
		return nil, err
	}
	rows, err := s.r.QueryContext(ctx, q, args...)
	return rows, classify(err)
}

func (s *sqliteStore) collectRows(ctx context.Context, q string, args ...any) ([]Row, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Row
	for rows.Next() {
		r, err := scanRow(rows)
		if err != nil {
			return nil, classify(err)
		}
		out = append(out, r)
	}
	return out, classify(rows.Err())
}

// where turns a filter into a WHERE clause (without gone) and its args.
func where(f Filter) (string, []any) {
	var conds []string
	var args []any
	add := func(cond string, arg any) {
		conds = append(conds, cond)
		args = append(args, arg)
	}
	if f.CustomerID != "" {
		add("d.customer_id = ?", f.CustomerID)
	}
	if f.DatasetType != "" {
		add("d.dataset_type = ?", f.DatasetType)
	}
	if f.IsVerified != nil {
		add("d.is_verified = ?", *f.IsVerified)
	}
	if f.Status != "" {
		add("d.status = ?", f.Status)
	}
	if len(conds) == 0 {
		return "1", nil
	}
	return strings.Join(conds, " AND "), args
}

var orders = map[Sort]string{
	SortNewest:        "d.created_at DESC, d.id",
	SortAccuracy:      "d.overall_accuracy IS NULL, d.overall_accuracy, d.created_at DESC, d.id",
	SortMinConfidence: "d.min_confidence IS NULL, d.min_confidence, d.created_at DESC, d.id",
}

func (s *sqliteStore) Rows(ctx context.Context, q Query) ([]Row, error) {
	cond, args := where(q.Filter)
	if !q.Filter.IncludeGone {
		cond = "d.gone = 0 AND " + cond
	}
	order, ok := orders[q.Sort]
	if !ok {
		order = orders[SortNewest]
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 100
	}
	args = append(args, limit, max(0, q.Offset))
	return s.collectRows(ctx, "SELECT "+rowColumns+" FROM datasets d LEFT JOIN details x ON x.id = d.id WHERE "+cond+
		" ORDER BY "+order+" LIMIT ? OFFSET ?", args...)
}

func (s *sqliteStore) Count(ctx context.Context, f Filter) (Counts, error) {
	cond, args := where(f)
	rows, err := s.query(ctx, `SELECT d.gone, count(*), total(d.is_verified), total(d.status = 'processing'),
		total(d.status = 'failed') FROM datasets d INDEXED BY datasets_counts WHERE `+cond+` GROUP BY d.gone`, args...)
	if err != nil {
		return Counts{}, err
	}
	defer rows.Close()
	var c Counts
	for rows.Next() {
		var gone bool
		var n int
		var verified, processing, failed float64
		if err := rows.Scan(&gone, &n, &verified, &processing, &failed); err != nil {
			return Counts{}, classify(err)
		}
		if gone {
			c.Gone = n
			if !f.IncludeGone {
				continue
			}
		}
		c.Rows += n
		c.Verified += int(verified)
		c.Processing += int(processing)
		c.Failed += int(failed)
	}
	if err := rows.Err(); err != nil {
		return Counts{}, classify(err)
	}
	if !f.IncludeGone {
		cond = "d.gone = 0 AND " + cond
	}
	err = s.r.QueryRowContext(ctx, "SELECT count(*) FROM details x JOIN datasets d ON d.id = x.id WHERE "+cond, args...).Scan(&c.Details)
	return c, classify(err)
}

func (s *sqliteStore) Row(ctx context.Context, id string) (Row, bool, error) {
	rows, err := s.collectRows(ctx, "SELECT "+rowColumns+" FROM datasets d LEFT JOIN details x ON x.id = d.id WHERE d.id = ?", id)
	if err != nil || len(rows) == 0 {
		return Row{}, false, err
	}
	return rows[0], true, nil
}

func (s *sqliteStore) Details(ctx context.Context, ids []string) (map[string]Detail, error) {
	out := make(map[string]Detail, len(ids))
	names := make(map[string]string)
	for start := 0; start < len(ids); start += batch {
		part := ids[start:min(start+batch, len(ids))]
		rows, err := s.query(ctx, `SELECT x.id, x.body, x.fetched_at, x.stale = 0 AND x.updated_at = d.updated_at
			FROM details x JOIN datasets d ON d.id = x.id WHERE x.id IN (`+placeholders(len(part))+")", anys(part)...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id string
			var body []byte
			var fetched int64
			var current bool
			if err := rows.Scan(&id, &body, &fetched, &current); err != nil {
				rows.Close()
				return nil, classify(err)
			}
			d, err := decodeDetail(body, names)
			if err != nil {
				rows.Close()
				return nil, err
			}
			out[id] = Detail{Dataset: d, FetchedAt: fromNanos(fetched), Current: current}
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, classify(err)
		}
	}
	return out, nil
}

func (s *sqliteStore) NeedDetails(ctx context.Context, ids []string) ([]string, error) {
	current := make(map[string]bool, len(ids))
	for start := 0; start < len(ids); start += batch {
		part := ids[start:min(start+batch, len(ids))]
		rows, err := s.query(ctx, `SELECT x.id FROM details x JOIN datasets d ON d.id = x.id
			WHERE x.stale = 0 AND x.updated_at = d.updated_at AND x.id IN (`+placeholders(len(part))+")", anys(part)...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, classify(err)
			}
			current[id] = true
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, classify(err)
		}
	}
	var need []string
	seen := make(map[string]bool, len(ids))
	for _, id := range ids {
		if !current[id] && !seen[id] {
			need = append(need, id)
		}
		seen[id] = true
	}
	return need, nil
}

func (s *sqliteStore) DetailsWanted(ctx context.Context, p DetailPolicy, limit int) ([]string, error) {
	if p == DetailsNone || limit <= 0 {
		return nil, nil
	}
	cond := "d.gone = 0 AND d.status = 'complete'"
	if p == DetailsVerified {
		cond += " AND d.is_verified = 1"
	}
	rows, err := s.query(ctx, `SELECT d.id FROM datasets d LEFT JOIN details x ON x.id = d.id
		WHERE `+cond+` AND (x.id IS NULL OR x.stale = 1 OR x.updated_at <> d.updated_at)
		ORDER BY d.created_at DESC, d.id LIMIT ?`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, classify(err)
		}
		out = append(out, id)
	}
	return out, classify(rows.Err())
}

func (s *sqliteStore) Search(ctx context.Context, key SearchKey) (SearchAnswer, bool, error) {
	k := searchKey(key)
	rows, err := s.query(ctx, "SELECT fetched_at, complete, next_cursor FROM searches WHERE key = ?", k)
	if err != nil {
		return SearchAnswer{}, false, err
	}
	var a SearchAnswer
	found := rows.Next()
	if found {
		var fetched int64
		if err := rows.Scan(&fetched, &a.Complete, &a.Next); err != nil {
			rows.Close()
			return SearchAnswer{}, false, classify(err)
		}
		a.FetchedAt = fromNanos(fetched)
	}
	err = rows.Err()
	rows.Close()
	if err != nil || !found {
		return SearchAnswer{}, false, classify(err)
	}
	a.Rows, err = s.collectRows(ctx, "SELECT "+rowColumns+` FROM search_results r JOIN datasets d ON d.id = r.id
		LEFT JOIN details x ON x.id = d.id WHERE r.key = ? ORDER BY r.pos`, k)
	if err != nil {
		return SearchAnswer{}, false, err
	}
	return a, true, nil
}

func (s *sqliteStore) Walk(ctx context.Context) (WalkState, error) {
	if err := s.check(); err != nil {
		return WalkState{}, err
	}
	w, err := readWalk(ctx, s.r)
	return w, classify(err)
}

func (s *sqliteStore) State(ctx context.Context, key string) (string, bool, error) {
	if err := s.check(); err != nil {
		return "", false, err
	}
	var v string
	err := s.r.QueryRowContext(ctx, "SELECT value FROM ui_state WHERE key = ?", key).Scan(&v)
	if err == sql.ErrNoRows {
		return "", false, nil
	}
	if err != nil {
		return "", false, classify(err)
	}
	return v, true, nil
}

// ensure the engine satisfies the interface.
var _ Store = (*sqliteStore)(nil)
