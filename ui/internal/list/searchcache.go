package list

import "github.com/dxdash/dxdash/ui/internal/common"

// The session's search results, kept per (query, filters), so going back
// to a query already answered shows its rows again without a request.

// searchKey names one set of results: a query under some filters.
type searchKey struct {
	query   string // trimmed; "" is the unfiltered list, never searched
	filters common.FilterKey
}

// searchCacheSize bounds the session's cached result lists. Each holds
// what was loaded for one query, usually a page; the least recently shown
// goes first.
const searchCacheSize = 32

// searchCache maps a search to its result list. A list in the cache is
// parked (no request in flight, no poll scheduled) unless a search view
// is showing it.
type searchCache struct {
	lists map[searchKey]*listModel
	order []searchKey // least recently used first
}

func newSearchCache() *searchCache {
	return &searchCache{lists: make(map[searchKey]*listModel)}
}

// Get returns the list cached for k and marks it the most recently used.
func (c *searchCache) Get(k searchKey) (*listModel, bool) {
	l, ok := c.lists[k]
	if ok {
		c.touch(k)
	}
	return l, ok
}

func (c *searchCache) Put(k searchKey, l *listModel) {
	if _, ok := c.lists[k]; !ok && len(c.order) >= searchCacheSize {
		oldest := c.order[0]
		c.order = c.order[1:]
		delete(c.lists, oldest)
	}
	c.lists[k] = l
	c.touch(k)
}

func (c *searchCache) drop(k searchKey) {
	delete(c.lists, k)
	c.remove(k)
}

func (c *searchCache) touch(k searchKey) {
	c.remove(k)
	c.order = append(c.order, k)
}

func (c *searchCache) remove(k searchKey) {
	for i, o := range c.order {
		if o == k {
			c.order = append(c.order[:i], c.order[i+1:]...)
			return
		}
	}
}

// park makes a list that leaves the screen quiet: its request in flight is
// cancelled, and the answer, should it arrive anyway, belongs to a
// generation that is over. It reports whether the list has rows worth
// keeping: a list whose first page never came is not a result.
func (l *listModel) park() (worthKeeping bool) {
	p := &l.paging
	if p.cancel != nil {
		p.cancel()
		p.cancel = nil
	}
	if p.loading != nil {
		p.loading = nil
		p.gen++
	}
	l.Blur()
	return p.pages > 0
}

// revive readies a parked list to be shown again. It takes a new id: a
// poll timer or an answer still addressed to the old one finds nobody, so
// nothing from before parking can reach it; polling starts afresh.
func (l *listModel) revive() {
	l.id = l.c.NewViewID()
	l.poll = newPollState()
}
