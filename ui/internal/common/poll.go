package common

import (
	"time"

	"github.com/dxdash/dxdash/client"
)

const (
	// Polling stops while the read budget's remaining requests are at or
	// below a third of the limit (and never goes below pollReserve), so
	// paging through the list always has requests left.
	pollReserve         = 5
	pollReserveFraction = 3
	// PollsPerTick caps the requests one poll interval sends, whatever
	// the number of processing rows on screen.
	PollsPerTick = 2
)

// PollAllowance is how many polls the read budget affords now. The list
// and the detail view both poll within it.
func PollAllowance(b client.Bucket, now time.Time) int {
	switch {
	case b.BlockedUntil.After(now):
		return 0
	case b.Limit == 0:
		return PollsPerTick // no figures yet: the client still paces itself
	}
	reserve := max(pollReserve, b.Limit/pollReserveFraction)
	return min(max(b.Remaining-reserve, 0), PollsPerTick)
}

// pollShareDivisor: polling may spend at most a tenth of the read limit in
// any minute, so a screen full of processing rows leaves the budget to the
// person at the keyboard (60 a minute allows 6 polls).
const pollShareDivisor = 10

// defaultReadLimit is assumed while the client has reported no figures.
const defaultReadLimit = 60

// PollLedger remembers when polls were sent, so the list and the detail
// together stay within their share of the budget. Views use it from Update
// only, like the rest of the Context.
type PollLedger struct {
	sent []time.Time // oldest first, within the last minute
}

// Allowance is how many polls may go now: what the budget affords
// (PollAllowance), within polling's share of the last minute.
func (p *PollLedger) Allowance(b client.Bucket, now time.Time) int {
	p.forget(now)
	limit := b.Limit
	if limit == 0 {
		limit = defaultReadLimit
	}
	share := max(limit/pollShareDivisor, 1)
	return min(PollAllowance(b, now), max(share-len(p.sent), 0))
}

// Sent records n polls sent at now.
func (p *PollLedger) Sent(now time.Time, n int) {
	for range n {
		p.sent = append(p.sent, now)
	}
}

func (p *PollLedger) forget(now time.Time) {
	cut := 0
	for cut < len(p.sent) && now.Sub(p.sent[cut]) >= time.Minute {
		cut++
	}
	p.sent = p.sent[cut:]
}
