package ui

import (
	"errors"
	"testing"

	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/uitest"
)

// A success and a failure of the same operation travel through commands,
// which may deliver them in either order: the error line follows the order
// in which the views made them, not the order they arrive in.
func TestErrorLineFollowsTheOrderOperationsEnded(t *testing.T) {
	run(t, func(t *testing.T) {
		h := newHarness(t, uitest.NewAPI(uitest.Corpus(3)), common.Options{}, 100, 20)
		defer h.close()
		const source = "list1:page"
		shown := func() bool { return uitest.ContainsPlain(h.view(), "page two refused") }

		// Page one succeeded, then page two failed; the failure arrives
		// first and the older success after it: the failure stays.
		resolved := common.ResolveError(source)().(common.ErrorResolvedMsg)
		failed := common.ReportError(source, errors.New("page two refused"), "r to retry")().(common.ErrorMsg)
		h.send(failed)
		h.send(resolved)
		if !shown() {
			t.Fatalf("an older success cleared a newer failure:\n%s", h.view())
		}

		// The retry succeeds: its resolution is newer and clears the line.
		h.send(common.ResolveError(source)().(common.ErrorResolvedMsg))
		if shown() {
			t.Fatalf("a newer success left the failure on screen:\n%s", h.view())
		}

		// A failure reported before that success, delivered only now, is
		// out of date and never shown.
		h.send(failed)
		if shown() {
			t.Fatalf("a failure older than the last success was shown:\n%s", h.view())
		}
	})
}
