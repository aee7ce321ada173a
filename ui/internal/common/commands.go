package common

import (
	"context"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
)

// Every request runs in a command built here. Each builder receives by
// value everything the request needs and the closure touches nothing else,
// so a command never reads or writes model state from its goroutine.

func FetchDatasetCmd(ctx context.Context, api API, owner int, id string) tea.Cmd {
	return func() tea.Msg {
		ds, err := api.GetDataset(ctx, id)
		return DatasetMsg{Owner: owner, ID: id, Dataset: ds, Err: err, budget: api.Budget()}
	}
}

// TimerCmd is tea.Tick that gives up when ctx ends: a timer pending when
// the user quits does not outlive the program.
func TimerCmd(ctx context.Context, after time.Duration, msg func(time.Time) tea.Msg) tea.Cmd {
	return func() tea.Msg {
		t := time.NewTimer(after)
		defer t.Stop()
		select {
		case at := <-t.C:
			return msg(at)
		case <-ctx.Done():
			return nil
		}
	}
}

// Emit delivers msg through the program's loop: how a view talks to the
// root without holding a reference to it.
func Emit(msg tea.Msg) tea.Cmd {
	return func() tea.Msg { return msg }
}

// errorSeq numbers error reports and resolutions when a view makes them,
// in Update, so the root can tell which came last whatever order their
// commands deliver them in.
var errorSeq atomic.Uint64

// ReportError puts err on the error line (the 401 screen for a refused
// key), until the operation named source succeeds or the view owner
// closes.
func ReportError(owner int, source string, err error, hint string) tea.Cmd {
	return Emit(ErrorMsg{Owner: owner, Source: source, Err: err, Hint: hint, Seq: errorSeq.Add(1)})
}

// ResolveError says the operation named source succeeded: an error it
// reported before clears; one reported after stays.
func ResolveError(source string) tea.Cmd {
	return Emit(ErrorResolvedMsg{Source: source, Seq: errorSeq.Add(1)})
}
