package client

import (
	"errors"
	"fmt"
	"hash/maphash"
	"sync"
)

// ErrEndlessListing is a listing that would never end: the server's cursors
// go round in a circle, or it keeps handing out fresh cursors with pages
// that bring nothing new. Whoever follows next_cursor (the Datasets
// iterator, the dashboard's list, an export) would otherwise page forever.
var ErrEndlessListing = errors.New("the listing does not end")

// maxFruitlessPages is how many pages in a row may bring no dataset the
// walk has not listed before it is called endless. A filtered listing can
// legitimately hand out an empty page or two with a cursor still to follow
// (the server stops scanning after a while); five in a row is a server
// going nowhere.
const maxFruitlessPages = 5

// maxOpenWalks bounds the walks remembered between pages. A walk nobody
// follows any more (the user typed another search, say) is forgotten once
// this many newer ones are open; one that is being followed parks again at
// every page, so it is never the oldest.
const maxOpenWalks = 64

// walk is what one walk through the listing has seen: the cursors it asked
// for and the datasets it was given (as hashes, so that a walk over 100 000
// datasets costs about 2 MB rather than a copy of every id).
type walk struct {
	used      map[string]struct{}
	seen      map[uint64]struct{}
	pages     int
	fruitless int // pages in a row with nothing new
}

// walkBook remembers the open walks by the cursor each goes on with, so
// that ListDatasets, called one page at a time by whoever pages, can tell a
// cursor that comes round again within the same walk.
//
// A parked walk is taken out when its cursor is used, so each walk has at
// most one request in flight, and two callers who happen to be handed the
// same cursor never share one: the second one to ask starts a fresh walk
// there. A cursor the book does not know (the first page, a caller's own
// cursor, a retry after an error) starts a fresh walk too; what a fresh
// walk misses, it catches within one more turn of the circle.
type walkBook struct {
	seed maphash.Seed

	mu     sync.Mutex
	parked map[walkKey]parkedWalk
	clock  uint64 // orders the parked walks, oldest first
}

// walkKey is where a walk goes on: its filters (the query without the
// cursor) and the cursor.
type walkKey struct {
	query, cursor string
}

type parkedWalk struct {
	w  *walk
	at uint64
}

func newWalkBook() *walkBook {
	return &walkBook{seed: maphash.MakeSeed(), parked: map[walkKey]parkedWalk{}}
}

// resume takes out the walk parked at key, or starts one.
func (b *walkBook) resume(key walkKey) *walk {
	b.mu.Lock()
	defer b.mu.Unlock()
	if p, ok := b.parked[key]; ok {
		delete(b.parked, key)
		return p.w
	}
	return &walk{used: map[string]struct{}{}, seen: map[uint64]struct{}{}}
}

// park keeps w until someone asks for key, forgetting the oldest walk when
// too many are open.
func (b *walkBook) park(key walkKey, w *walk) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.clock++
	b.parked[key] = parkedWalk{w: w, at: b.clock}
	if len(b.parked) <= maxOpenWalks {
		return
	}
	oldest, first := walkKey{}, true
	for k, p := range b.parked {
		if first || p.at < b.parked[oldest].at {
			oldest, first = k, false
		}
	}
	delete(b.parked, oldest)
}

// enter records that w asks for cursor, and refuses a cursor it has used.
// The error names no cursor: a cursor is server text, and a hostile server
// could have put anything in it.
func (w *walk) enter(cursor string) error {
	if _, again := w.used[cursor]; again {
		return fmt.Errorf("%w: after %d pages the server handed back a cursor this listing had already used (its cursors go round in a circle)", ErrEndlessListing, w.pages)
	}
	w.used[cursor] = struct{}{}
	return nil
}

// page records a page w was given, and refuses the one that makes too many
// in a row with nothing new.
func (w *walk) page(b *walkBook, p Page) error {
	w.pages++
	fresh := false
	for _, d := range p.Data {
		h := maphash.String(b.seed, d.ID)
		if _, old := w.seen[h]; !old {
			w.seen[h] = struct{}{}
			fresh = true
		}
	}
	if fresh {
		w.fruitless = 0
		return nil
	}
	w.fruitless++
	if w.fruitless >= maxFruitlessPages && p.NextCursor != "" {
		return fmt.Errorf("%w: %d pages in a row brought no dataset not already listed, after %d pages, and the server still hands out cursors", ErrEndlessListing, w.fruitless, w.pages)
	}
	return nil
}
