package detail

import (
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/dxdash/dxdash/ui/internal/common"
)

// A processing dataset is fetched again every PollInterval while its
// detail is the view on top, until it is complete or failed. Each answer
// also reaches the list, whose row takes the fresher data. Like the list's
// polling, it never spends the last requests of the read budget: those stay
// for what the user asks for.

// detailPollTickMsg tells a detail view its poll interval has passed.
type detailPollTickMsg struct{ owner int }

type detailPoll struct {
	scheduled bool // a detailPollTickMsg is on its way
	// paused: the last tick found no budget headroom and waited for the
	// next, which the summary line says.
	paused bool
	// polledAt is when the last poll went: with webhooks listening, a
	// poll waits for a quiet spell after it (common.WebhookFallback).
	polledAt time.Time
}

// ensurePoll schedules the next poll while the dataset is processing and
// the view is on top.
func (d *detailModel) ensurePoll() tea.Cmd {
	if d.poll.scheduled || !d.focused || !d.Processing() || d.c.Offline() {
		return nil
	}
	d.poll.scheduled = true
	owner := d.id
	return common.TimerCmd(d.c.Ctx, d.c.Opts.PollInterval, func(time.Time) tea.Msg { return detailPollTickMsg{owner: owner} })
}

func (d *detailModel) onPollTick() tea.Cmd {
	d.poll.scheduled = false
	switch {
	case !d.focused || !d.Processing():
		return nil // Focus schedules again; a finished dataset needs nothing
	case d.fetching:
		return d.ensurePoll() // r got there first
	case !d.c.Local.Webhooks.PollDue(d.poll.polledAt, d.c.Now()):
		return d.ensurePoll() // the webhooks say when it moves on
	case d.c.Polls.Allowance(d.c.Budget.Read, d.c.Now()) == 0:
		d.poll.paused = true
		return d.ensurePoll()
	}
	d.poll.paused = false
	d.c.Polls.Sent(d.c.Now(), 1)
	d.poll.polledAt = d.c.Now()
	return d.fetch()
}
