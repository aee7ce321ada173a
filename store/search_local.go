package store

import (
	"context"
	"strings"

	"github.com/dxdash/dxdash/client"
)

// SearchLocal answers a search from what st holds, for --offline: the
// datasets matching f one of whose stored field or line-item values
// contains query (case-insensitively, as the server searches), newest
// first, up to limit (0: no limit). A dataset whose detail was never
// stored cannot be searched by value, so its document name and id are
// searched instead: the answer is what is known locally, and the caller
// says so. It works through Rows and Details, so any engine has it.
func SearchLocal(ctx context.Context, st Store, query string, f Filter, limit int) ([]Row, error) {
	q := strings.ToLower(strings.TrimSpace(query))
	const chunk = 1000
	var out []Row
	for offset := 0; ; offset += chunk {
		rows, err := st.Rows(ctx, Query{Filter: f, Sort: SortNewest, Offset: offset, Limit: chunk})
		if err != nil {
			return nil, err
		}
		ids := make([]string, 0, len(rows))
		for _, r := range rows {
			if r.Detail != DetailNone {
				ids = append(ids, r.ID)
			}
		}
		details, err := st.Details(ctx, ids)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			d, ok := details[r.ID]
			// As the server does, the values are searched; a dataset
			// never fetched in full has only its name and id to search.
			if q == "" || ok && valuesMatch(d.Dataset, q) || !ok && summaryMatches(r.Dataset, q) {
				out = append(out, r)
				if limit > 0 && len(out) == limit {
					return out, nil
				}
			}
		}
		if len(rows) < chunk {
			return out, nil
		}
	}
}

func summaryMatches(d client.Dataset, q string) bool {
	for _, s := range []string{d.DocumentName, d.ID} {
		if strings.Contains(strings.ToLower(s), q) {
			return true
		}
	}
	return false
}

func valuesMatch(d client.Dataset, q string) bool {
	match := func(fields []client.Field) bool {
		for _, f := range fields {
			if !f.Value.IsNull() && strings.Contains(strings.ToLower(f.Value.String()), q) {
				return true
			}
		}
		return false
	}
	if match(d.Fields) {
		return true
	}
	for _, li := range d.LineItems {
		if match(li.Fields) {
			return true
		}
	}
	return false
}
