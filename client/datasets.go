package client

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/url"
	"strconv"
)

// MaxListLimit is the largest page the API serves.
const MaxListLimit = 100

// ListDatasets fetches one page of datasets matching p. A Limit outside
// 0–MaxListLimit is refused before anything is sent; 0 means the server's
// default (20).
//
// Whoever pages by calling it again with each page's NextCursor is guarded
// against a server whose listing never ends: asking for a cursor that the
// same walk through the listing has already used is refused before anything
// is sent, and a page that makes maxFruitlessPages in a row without a
// dataset the walk has not seen is refused after; both errors match
// ErrEndlessListing. A walk starts at every first page (and at any cursor
// the client did not hand out itself).
func (c *Client) ListDatasets(ctx context.Context, p ListParams) (Page, error) {
	if p.Limit < 0 || p.Limit > MaxListLimit {
		return Page{}, fmt.Errorf("dataextractor: list limit %d is outside 0–%d: %w", p.Limit, MaxListLimit, ErrValidation)
	}
	u := c.endpoint("/datasets", "")
	u.RawQuery = p.query().Encode()
	filters := p
	filters.Cursor = ""
	key := walkKey{query: filters.query().Encode(), cursor: p.Cursor}
	w := c.walks.resume(key)
	if err := w.enter(p.Cursor); err != nil {
		return Page{}, fmt.Errorf("dataextractor: GET %s: %w", u.EscapedPath(), err)
	}
	var page Page
	err := c.get(ctx, c.read, u, func(body []byte) error {
		if err := c.decodeJSONObject(body, &page); err != nil {
			return err
		}
		for i, d := range page.Data {
			if d.ID == "" {
				return fmt.Errorf("list item %d has no id", i)
			}
		}
		return nil
	})
	if err != nil {
		return Page{}, err
	}
	if err := w.page(c.walks, page); err != nil {
		return Page{}, fmt.Errorf("dataextractor: GET %s: %w", u.EscapedPath(), err)
	}
	if page.NextCursor != "" {
		c.walks.park(walkKey{query: key.query, cursor: page.NextCursor}, w)
	}
	return page, nil
}

// query encodes the non-zero parameters.
func (p ListParams) query() url.Values {
	q := url.Values{}
	set := func(key, value string) {
		if value != "" {
			q.Set(key, value)
		}
	}
	set("customer_id", p.CustomerID)
	set("dataset_type", p.DatasetType)
	set("search", p.Search)
	if p.IsVerified != nil {
		q.Set("is_verified", strconv.FormatBool(*p.IsVerified))
	}
	if p.Limit > 0 {
		q.Set("limit", strconv.Itoa(p.Limit))
	}
	set("cursor", p.Cursor)
	return q
}

// GetDataset fetches one dataset with its fields, line items, ground truth
// and accuracy.
func (c *Client) GetDataset(ctx context.Context, id string) (Dataset, error) {
	if id == "" || id == "." || id == ".." {
		return Dataset{}, c.redactErr(fmt.Errorf("dataextractor: dataset id %q is not valid: %w", id, ErrValidation))
	}
	u := c.endpoint("/datasets/", id)
	var ds Dataset
	err := c.get(ctx, c.read, u, func(body []byte) error {
		if err := c.decodeJSONObject(body, &ds); err != nil {
			return err
		}
		if ds.ID == "" {
			return errors.New("dataset has no id")
		}
		return nil
	})
	if err != nil {
		return Dataset{}, err
	}
	return ds, nil
}

// endpoint is the URL of path under the API root, followed by segment
// escaped as one path segment.
func (c *Client) endpoint(path, segment string) *url.URL {
	u := *c.base
	u.Path = c.base.Path + path + segment
	u.RawPath = c.base.EscapedPath() + path + url.PathEscape(segment)
	return &u
}

// maxCursorRestarts bounds how often Datasets starts over after an expired
// cursor, so a server that expires every cursor cannot keep it looping.
const maxCursorRestarts = 3

// Datasets walks every page of datasets matching p, starting at p.Cursor if
// set. It goes on past an empty page or two that still have a cursor, and
// ends with an error matching ErrEndlessListing when the server's cursors
// go round in a circle or keep coming with nothing new (see ListDatasets).
// When the cursor expires it starts again from the first page, skipping
// datasets it has already yielded, so no id comes twice. Any other error is
// yielded once (with a zero Dataset) and ends the walk; so does breaking out
// of the loop.
func (c *Client) Datasets(ctx context.Context, p ListParams) iter.Seq2[Dataset, error] {
	return func(yield func(Dataset, error) bool) {
		for page, err := range c.DatasetPages(ctx, p) {
			if err != nil {
				yield(Dataset{}, err)
				return
			}
			for _, d := range page {
				if !yield(d, nil) {
					return
				}
			}
		}
	}
}

// DatasetPages is Datasets a page at a time, for a caller that acts between
// pages (an export writes each page before it asks for the next): each
// page's datasets less those an earlier page gave, in the server's order. A
// page may come out empty when it brought nothing new; an error ends the
// walk.
func (c *Client) DatasetPages(ctx context.Context, p ListParams) iter.Seq2[[]Dataset, error] {
	return func(yield func([]Dataset, error) bool) {
		seen := make(map[string]struct{})
		restarts := 0
		for {
			page, err := c.ListDatasets(ctx, p)
			if errors.Is(err, ErrCursorExpired) && p.Cursor != "" && restarts < maxCursorRestarts {
				restarts++
				p.Cursor = ""
				continue
			}
			if err != nil {
				yield(nil, err)
				return
			}
			fresh := page.Data[:0:0]
			for _, d := range page.Data {
				if _, dup := seen[d.ID]; dup {
					continue
				}
				seen[d.ID] = struct{}{}
				fresh = append(fresh, d)
			}
			if !yield(fresh, nil) || page.NextCursor == "" {
				return
			}
			p.Cursor = page.NextCursor
		}
	}
}
