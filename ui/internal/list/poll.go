package list

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/common"
)

// Re-polling the rows still processing. Only rows on screen are polled,
// only while the list is the view on top, a few per interval, and never
// with the last few requests of the read budget, which stay for the user.

type pollState struct {
	scheduled bool                 // a pollTickMsg is on its way
	inFlight  map[string]bool      // ids asked for, not yet answered
	polledAt  map[string]time.Time // when each id was last answered
}

func newPollState() pollState {
	return pollState{inFlight: make(map[string]bool), polledAt: make(map[string]time.Time)}
}

// processingIDs lists the ids of the processing rows on screen.
func (l *listModel) processingIDs() []string {
	var ids []string
	for pos, end := l.offset, l.screenEnd(); pos < end; pos++ {
		if r := l.store.at(pos); r.Processing() {
			ids = append(ids, r.ID)
		}
	}
	return ids
}

func (l *listModel) processingOnScreen() bool {
	for pos, end := l.offset, l.screenEnd(); pos < end; pos++ {
		if l.store.at(pos).Processing() {
			return true
		}
	}
	return false
}

// ensurePoll schedules the next poll if a processing row is on screen and
// none is scheduled.
func (l *listModel) ensurePoll() tea.Cmd {
	if l.poll.scheduled || !l.focused || !l.processingOnScreen() || l.c.Offline() {
		return nil
	}
	l.poll.scheduled = true
	return pollTickCmd(l.c.Ctx, l.c.Opts.PollInterval, l.id)
}

// onPollTick fetches the processing rows on screen that were polled
// longest ago, as many as the budget allows.
func (l *listModel) onPollTick() tea.Cmd {
	l.poll.scheduled = false
	if !l.focused {
		return nil // Focus schedules again
	}
	hooks, now := l.c.Local.Webhooks, l.c.Now()
	due := slices.DeleteFunc(l.processingIDs(), func(id string) bool {
		// With webhooks listening, a row waits for its event, and is
		// polled only after a quiet spell.
		return l.poll.inFlight[id] || !hooks.PollDue(l.poll.polledAt[id], now)
	})
	slices.SortStableFunc(due, func(a, b string) int {
		return l.poll.polledAt[a].Compare(l.poll.polledAt[b])
	})
	due = due[:min(len(due), l.c.Polls.Allowance(l.c.Budget.Read, l.c.Now()))]
	l.c.Polls.Sent(l.c.Now(), len(due))
	cmds := make([]tea.Cmd, 0, len(due)+1)
	for _, id := range due {
		l.poll.inFlight[id] = true
		cmds = append(cmds, common.FetchDatasetCmd(l.c.Ctx, l.c.API, l.id, id))
	}
	return tea.Batch(append(cmds, l.ensurePoll())...)
}

func (l *listModel) onPolled(msg common.DatasetMsg) tea.Cmd {
	delete(l.poll.inFlight, msg.ID)
	l.poll.polledAt[msg.ID] = l.c.Now()
	source := fmt.Sprintf("list%d:poll", l.id)
	if msg.Err != nil {
		if errors.Is(msg.Err, client.ErrNotFound) || errors.Is(msg.Err, context.Canceled) {
			return nil // deleted meanwhile (the next reload drops it), or quitting
		}
		return common.ReportError(l.id, source, msg.Err, "")
	}
	l.keepSelection(func() { l.store.update(msg.Dataset) })
	if msg.Dataset.Status != client.StatusProcessing {
		delete(l.poll.polledAt, msg.ID)
	}
	return tea.Batch(common.ResolveError(source), l.ensurePoll())
}
