package common

import (
	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/review"
)

// The consistency checks of the datasets whose detail is at hand. Presence
// and identifier shapes need the other datasets, so the checks run against
// a profile of everything in the detail cache. The profile is rebuilt only
// when details of a tenth of the cache (and at least profileStep) have
// arrived since the last build, so results stay put between builds: the list and the
// detail read the same figures, and a screen does not reshuffle with
// every detail that arrives. Checks (the lookup by id) is the one door;
// the list reads the stored details of its rows on screen into the cache,
// so a synced store's checks show without a request.

// profileStep is the fewest arrivals that rebuild the profile.
const profileStep = 10

type checkBook struct {
	profile *review.Profile
	built   int    // details the profile was built from
	arrived int    // details put since: a full cache no longer grows
	gen     uint32 // bumps with every rebuild: every result is then stale
	results map[string]checkEntry
	checker review.Checker
}

type checkEntry struct {
	results []review.CheckResult
	failed  int
}

// changed forgets id's results, its detail being new, and rebuilds the
// profile over the cache when enough details have come since the last
// build (by arrivals, not the cache's size, which stops at its capacity
// while what it holds goes on changing).
func (b *checkBook) changed(id string, c *detailCache) {
	delete(b.results, id)
	b.arrived++
	if b.profile == nil || b.arrived >= max(profileStep, b.built/10) {
		n := c.len()
		var pb review.ProfileBuilder
		for e := c.order.Back(); e != nil; e = e.Prev() {
			pb.Add(&e.Value.(*cachedDetail).ds)
		}
		b.profile, b.built, b.arrived = pb.Profile(), n, 0
		b.gen++
		clear(b.results)
	}
}

// Checks returns the consistency checks of the dataset with id, when its
// detail is at hand, computed once per profile. The results are shared:
// callers must not change them.
func (c *Context) Checks(id string) ([]review.CheckResult, bool) {
	e, ok := c.checkEntry(id)
	return e.results, ok
}

// FailedChecks is how many of id's checks failed, when its detail is at
// hand.
func (c *Context) FailedChecks(id string) (int, bool) {
	e, ok := c.checkEntry(id)
	return e.failed, ok
}

// ChecksGen bumps whenever the profile is rebuilt: every count known
// before may have changed.
func (c *Context) ChecksGen() uint32 { return c.Details.book.gen }

func (c *Context) checkEntry(id string) (checkEntry, bool) {
	b := &c.Details.book
	if e, ok := b.results[id]; ok {
		return e, true
	}
	ds, ok := c.Details.peek(id)
	if !ok || ds.Status != client.StatusComplete {
		return checkEntry{}, false
	}
	results := review.CheckDataset(&ds, b.profile)
	e := checkEntry{results: results, failed: review.Failures(results)}
	if b.results == nil {
		b.results = make(map[string]checkEntry)
	}
	b.results[id] = e
	return e, true
}

// ChecksProfile is the profile the checks run against now (nil before any
// detail arrived).
func (c *Context) ChecksProfile() *review.Profile { return c.Details.book.profile }
