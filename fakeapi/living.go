package fakeapi

import (
	"container/heap"
	"sort"
	"time"
)

// The living account: after the epoch, new datasets arrive, each is
// processed for a minute or two and completes (or fails), and reviewers
// verify completed ones, at the rates Config.Arrivals and Config.Reviews
// set. What happens is a pure function of the seed and the time: every
// event sits at a fixed instant after the epoch, the simulation replays
// them in order up to the clock's now, and a server started later, or asked
// less often, reaches the same account. Every change is logged, so "what
// changed between t0 and t1" is a binary search (Server.Changes).

// Rates are the living account's rates of change, per hour. Zero rates
// keep the corpus still: it is then what it was at the epoch, but for the
// few datasets processing at the epoch, which complete a few seconds after
// it.
type Rates struct {
	ArrivalsPerHour int // new datasets uploaded
	ReviewsPerHour  int // reviews of completed, unverified datasets
}

// MaxRatePerHour bounds each rate: one event a second.
const MaxRatePerHour = 3600

// Demo rates: a change every minute or so, when `dxdash demo-api` is not
// told otherwise.
const (
	DemoArrivalsPerHour = 30
	DemoReviewsPerHour  = 40
)

// DayEpoch is the start of now's UTC day: the epoch a living demo account
// takes, so that it has lived for hours, not months, and is the same
// account all day whenever its server starts.
func DayEpoch(now time.Time) time.Time {
	return now.UTC().Truncate(24 * time.Hour)
}

// ChangeKind is what happened to a dataset.
type ChangeKind uint8

// The changes of the living account. Completed, Failed and Reviewed are the
// moments webhooks report (extraction.completed, extraction.failed,
// matching.completed); Arrived has no webhook.
const (
	Arrived ChangeKind = iota + 1
	Completed
	Failed
	Reviewed
)

func (k ChangeKind) String() string {
	switch k {
	case Arrived:
		return "arrived"
	case Completed:
		return "completed"
	case Failed:
		return "failed"
	case Reviewed:
		return "reviewed"
	}
	return "unknown"
}

// Change is one event of the living account.
type Change struct {
	At        time.Time
	DatasetID string
	Kind      ChangeKind
}

// living is the simulation's state. Every field is guarded by corpus.mu.
type living struct {
	seed    uint64
	rates   Rates
	epoch   int64
	simTo   int64 // every event at or before simTo has happened
	arrived int   // arrivals so far
	reviews int   // review events so far (some find nothing to review)
	// pending are extractions under way: record indexes by done time.
	pending doneHeap
	// pool holds the complete, unreviewed datasets a reviewer may pick.
	pool    []int
	changes []change
	scratch scratch
}

type change struct {
	at   int64
	rec  int
	kind ChangeKind
}

func newLiving(seed uint64, c *corpus, rates Rates) living {
	l := living{seed: seed, rates: rates, epoch: c.epoch, simTo: c.epoch}
	// The epoch's datasets awaiting review, in list order; and the few
	// still processing at the epoch, which join the pool when done.
	for i := range c.records {
		rec := &c.records[i]
		switch {
		case rec.failed || rec.reviewed != 0:
		case rec.done > c.epoch:
			heap.Push(&l.pending, pendingDone{at: rec.done, rec: i})
		default:
			l.pool = append(l.pool, i)
		}
	}
	return l
}

// slotTime is the instant, in whole seconds after the epoch, of the n-th
// event of a kind happening perHour times an hour: one in each slot of
// 3600/perHour seconds, at a point in it drawn from the seed. Events are
// strictly increasing in n, at least a second apart.
func slotTime(seed, stream uint64, n, perHour int) int64 {
	lo := ceilDiv(int64(n)*3600, int64(perHour))
	hi := ceilDiv(int64(n+1)*3600, int64(perHour)) - 1
	r := newRNG(mix64(seed+uint64(n)), stream)
	return lo + int64(r.between(0, int(hi-lo)))
}

func ceilDiv(a, b int64) int64 { return (a + b - 1) / b }

// The rng streams of the living account's draws.
const (
	streamArrival = 101
	streamReview  = 102
	streamPick    = 103
)

// advance brings the simulation up to now and returns now in Unix seconds.
func (c *corpus) advance(now time.Time) int64 {
	at := now.Unix()
	c.mu.RLock()
	done := at <= c.live.simTo
	c.mu.RUnlock()
	if done {
		return at
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	l := &c.live
	for at > l.simTo {
		// The next event: an arrival, an extraction finishing, or a review,
		// in that order when they share a second.
		next, kind := int64(-1), ChangeKind(0)
		consider := func(t int64, k ChangeKind) {
			if t <= at && (next < 0 || t < next) {
				next, kind = t, k
			}
		}
		if l.rates.ArrivalsPerHour > 0 {
			consider(l.epoch+slotTime(l.seed, streamArrival, l.arrived, l.rates.ArrivalsPerHour), Arrived)
		}
		if len(l.pending) > 0 {
			consider(l.pending[0].at, Completed)
		}
		if l.rates.ReviewsPerHour > 0 {
			consider(l.epoch+slotTime(l.seed, streamReview, l.reviews, l.rates.ReviewsPerHour), Reviewed)
		}
		if next < 0 {
			l.simTo = at
			break
		}
		switch kind {
		case Arrived:
			c.arrive(next)
		case Completed:
			c.finish()
		case Reviewed:
			c.review(next)
		}
	}
	return at
}

// arrive adds the next arrival, processing until its done time.
func (c *corpus) arrive(at int64) {
	l := &c.live
	index := c.atEpoch + l.arrived
	l.arrived++
	var buf []byte
	rec, _ := newRecord(planArrival(l.seed, index, at), &l.scratch, buf)
	i := len(c.records)
	c.records = append(c.records, rec)
	c.byID[rec.id] = i
	heap.Push(&l.pending, pendingDone{at: rec.done, rec: i})
	l.changes = append(l.changes, change{at: at, rec: i, kind: Arrived})
}

// finish ends the earliest extraction under way.
func (c *corpus) finish() {
	l := &c.live
	p := heap.Pop(&l.pending).(pendingDone)
	rec := &c.records[p.rec]
	kind := Completed
	if rec.failed {
		kind = Failed
	}
	l.changes = append(l.changes, change{at: p.at, rec: p.rec, kind: kind})
	if !rec.failed {
		l.pool = append(l.pool, p.rec)
	}
}

// review is a reviewer verifying one complete, unreviewed dataset, drawn
// from the seed; when there is none, the reviewer has nothing to do.
func (c *corpus) review(at int64) {
	l := &c.live
	n := l.reviews
	l.reviews++
	if len(l.pool) == 0 {
		return
	}
	r := newRNG(mix64(l.seed^uint64(n)), streamPick)
	k := r.intn(len(l.pool))
	i := l.pool[k]
	l.pool[k] = l.pool[len(l.pool)-1]
	l.pool = l.pool[:len(l.pool)-1]
	rec := &c.records[i]
	doc := generateDocument(rec.plan, &l.scratch)
	rec.overall = overallAccuracy(&doc)
	rec.reviewed = at
	l.changes = append(l.changes, change{at: at, rec: i, kind: Reviewed})
}

// visible is how many records exist at now: the epoch's and the arrivals
// uploaded by then. The caller holds c.mu.
func (c *corpus) visible(now int64) int {
	arrivals := c.records[c.atEpoch:]
	return c.atEpoch + sort.Search(len(arrivals), func(i int) bool { return arrivals[i].created > now })
}

// inOrder is the i-th of the first n visible records in list order: the
// arrivals newest first, then the epoch's.
func (c *corpus) inOrder(i, n int) *record {
	if arrivals := n - c.atEpoch; i < arrivals {
		return &c.records[c.atEpoch+arrivals-1-i]
	}
	return &c.records[i-(n-c.atEpoch)]
}

// lookup finds a dataset that exists at now; nil if there is none. The
// caller holds c.mu.
func (c *corpus) lookup(id string, now int64) *record {
	i, ok := c.byID[id]
	if !ok || (i >= c.atEpoch && c.records[i].created > now) {
		return nil
	}
	return &c.records[i]
}

// changesBetween lists the changes in (from, to], oldest first. The caller
// has advanced the corpus to to and holds c.mu.
func (c *corpus) changesBetween(from, to int64) []Change {
	log := c.live.changes
	lo := sort.Search(len(log), func(i int) bool { return log[i].at > from })
	hi := sort.Search(len(log), func(i int) bool { return log[i].at > to })
	out := make([]Change, 0, max(0, hi-lo))
	for _, ch := range log[lo:max(lo, hi)] {
		out = append(out, Change{At: time.Unix(ch.at, 0).UTC(), DatasetID: c.records[ch.rec].id, Kind: ch.kind})
	}
	return out
}

// Changes returns what changed in the account after from and up to to (at
// most the clock's now), oldest first: arrivals, extractions completing or
// failing, reviews. The epoch's history before it is not listed.
func (s *Server) Changes(from, to time.Time) []Change {
	if now := s.cfg.Now(); to.After(now) {
		to = now
	}
	at := s.corpus.advance(to)
	s.corpus.mu.RLock()
	defer s.corpus.mu.RUnlock()
	return s.corpus.changesBetween(from.Unix(), at)
}

type pendingDone struct {
	at  int64
	rec int
}

// doneHeap orders extractions under way by done time, then record.
type doneHeap []pendingDone

func (h doneHeap) Len() int { return len(h) }
func (h doneHeap) Less(i, j int) bool {
	if h[i].at != h[j].at {
		return h[i].at < h[j].at
	}
	return h[i].rec < h[j].rec
}
func (h doneHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *doneHeap) Push(x any)   { *h = append(*h, x.(pendingDone)) }
func (h *doneHeap) Pop() (x any) { old := *h; x = old[len(old)-1]; *h = old[:len(old)-1]; return x }
