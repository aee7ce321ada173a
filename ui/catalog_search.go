package ui

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/store"
)

// Searches through the store: online, the server's answer is stored per
// (query, filters) as it arrives; offline, the stored values are searched
// locally.

func searchKey(p client.ListParams) store.SearchKey {
	return store.SearchKey{Query: p.Search, CustomerID: p.CustomerID, DatasetType: p.DatasetType, IsVerified: p.IsVerified}
}

// localSearchLimit bounds an offline answer: a list of more than this is
// not read, it is narrowed.
const localSearchLimit = 5000

func (c *catalog) search(ctx context.Context, p client.ListParams) (client.Page, error) {
	if c.offline {
		if p.Cursor != "" {
			return client.Page{}, nil
		}
		rows, err := store.SearchLocal(ctx, c.st, p.Search, filterOf(p), localSearchLimit)
		return client.Page{Data: datasets(rows)}, err
	}
	seen, cursor := 0, ""
	if rest, ok := strings.CutPrefix(p.Cursor, searchPrefix); ok {
		n, next, _ := strings.Cut(rest, ":")
		seen, _ = strconv.Atoi(n)
		cursor = next
	} else if p.Cursor != "" {
		return c.api.ListDatasets(ctx, p)
	}
	if c.team != nil {
		if a, ok, err := c.teamSearch(ctx, searchKey(p), cursor); ok || err != nil {
			return answerPage(a, seen), err
		}
	}
	a, err := c.sy.Search(ctx, searchKey(p), cursor)
	if err != nil {
		return client.Page{}, err
	}
	return answerPage(a, seen), nil
}

// answerPage is the rows of a stored answer from the seen-th on.
func answerPage(a store.SearchAnswer, seen int) client.Page {
	var page client.Page
	if seen < len(a.Rows) {
		page.Data = datasets(a.Rows[seen:])
	}
	if !a.Complete && a.Next != "" {
		page.NextCursor = searchPrefix + strconv.Itoa(len(a.Rows)) + ":" + a.Next
	}
	return page
}

func (c *catalog) StoredSearch(ctx context.Context, p client.ListParams) (client.Page, time.Time, bool) {
	if c.offline {
		return client.Page{}, time.Time{}, false
	}
	a, ok, err := c.st.Search(ctx, searchKey(p))
	if err != nil || !ok {
		return client.Page{}, time.Time{}, false
	}
	return answerPage(a, 0), a.FetchedAt, true
}
