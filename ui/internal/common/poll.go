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
