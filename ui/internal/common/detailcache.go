package common

import (
	"container/list"

	"github.com/dxdash/dxdash/client"
)

// detailCache keeps the datasets fetched in full, so opening one again
// costs no request. It is bounded: past its capacity the dataset used least
// recently is forgotten. It lives in common, shared by every detail view
// (and any later view that reads full datasets), and like the rest of
// common it is touched only from Update.
type detailCache struct {
	capacity int
	order    *list.List               // most recently used at the front
	byID     map[string]*list.Element // values are *cachedDetail
	book     checkBook                // the checks of what is here (checks.go)
}

type cachedDetail struct {
	id string
	ds client.Dataset
}

func newDetailCache(capacity int) *detailCache {
	return &detailCache{
		capacity: max(capacity, 1),
		order:    list.New(),
		byID:     make(map[string]*list.Element),
	}
}

// Get returns the dataset fetched for id, and marks it used.
func (c *detailCache) Get(id string) (client.Dataset, bool) {
	e, ok := c.byID[id]
	if !ok {
		return client.Dataset{}, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*cachedDetail).ds, true
}

// peek is Get without marking the dataset used: for a lookup that is
// not a visit (the checks of a row on screen).
func (c *detailCache) peek(id string) (client.Dataset, bool) {
	e, ok := c.byID[id]
	if !ok {
		return client.Dataset{}, false
	}
	return e.Value.(*cachedDetail).ds, true
}

// Put stores the dataset fetched for id (the id asked for, not the one in
// the answer: that is what the next get asks for), replacing an older copy.
func (c *detailCache) Put(id string, ds client.Dataset) {
	defer c.book.changed(id, c)
	if e, ok := c.byID[id]; ok {
		e.Value.(*cachedDetail).ds = ds
		c.order.MoveToFront(e)
		return
	}
	c.byID[id] = c.order.PushFront(&cachedDetail{id: id, ds: ds})
	for c.order.Len() > c.capacity {
		oldest := c.order.Back()
		c.order.Remove(oldest)
		delete(c.byID, oldest.Value.(*cachedDetail).id)
	}
}

func (c *detailCache) len() int { return c.order.Len() }

// ForgetOutdated drops the copy of row's dataset when row says it has
// moved on since (a newer updated_at, another status or verdict: a
// webhook's GET or a sync stored it anew), so the next open reads the
// store rather than showing the old copy.
func (c *detailCache) ForgetOutdated(row client.Dataset) {
	e, ok := c.byID[row.ID]
	if !ok {
		return
	}
	ds := e.Value.(*cachedDetail).ds
	if !ds.UpdatedAt.Before(row.UpdatedAt) && ds.Status == row.Status && ds.IsVerified == row.IsVerified {
		return
	}
	c.order.Remove(e)
	delete(c.byID, row.ID)
	delete(c.book.results, row.ID)
}
