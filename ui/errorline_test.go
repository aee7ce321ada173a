package ui

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/dxdash/dxdash/client"
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
		failed := common.ReportError(1, source, errors.New("page two refused"), "r to retry")().(common.ErrorMsg)
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

// The error line belongs to what failed: a dataset that could not be
// fetched takes its error with it when its view closes, so the next,
// good dataset opens without it.
func TestErrorLineClosesWithItsView(t *testing.T) {
	run(t, func(t *testing.T) {
		api := uitest.NewAPI(uitest.Corpus(5))
		api.Get = func(_ context.Context, id string) (client.Dataset, error) {
			if id == "ds_0000" {
				return client.Dataset{}, &client.APIError{StatusCode: 404, Detail: "gone away"}
			}
			for _, d := range uitest.Corpus(5) {
				if d.ID == id {
					return d, nil
				}
			}
			return client.Dataset{}, errors.New("unexpected id " + id)
		}
		h := newHarness(t, api, common.Options{}, 120, 30)
		defer h.close()
		h.press("enter")
		if !uitest.ContainsPlain(h.view(), "gone away") {
			t.Fatalf("the failed fetch is not on the error line:\n%s", h.view())
		}
		h.press("esc", "j", "enter")
		if uitest.ContainsPlain(h.view(), "gone away") {
			t.Fatalf("ds_0000's error followed the reviewer to ds_0001:\n%s", h.view())
		}
		if !uitest.ContainsPlain(h.view(), "ds_0001") {
			t.Fatalf("ds_0001 did not open:\n%s", h.view())
		}
	})
}

// E shows the error line's error whole: wrapped, with the request id, when
// it happened and what to do; esc goes back.
func TestErrorInfoShowsTheWholeError(t *testing.T) {
	run(t, func(t *testing.T) {
		api := uitest.NewAPI(uitest.Corpus(60))
		api.List = func(_ context.Context, p client.ListParams) (client.Page, error) {
			if p.Cursor != "" {
				return client.Page{}, &client.APIError{StatusCode: 503, RequestID: "req_9f2c", Detail: strings.Repeat("the upstream OCR cluster is draining; ", 6)}
			}
			return api.Page(p)
		}
		h := newHarness(t, api, common.Options{}, 80, 24)
		defer h.close()
		h.press("G") // to the end of the first page: the next one fails
		if !uitest.ContainsPlain(h.view(), "E the whole error") {
			t.Fatalf("the error line does not offer E:\n%s", ansi.Strip(h.view()))
		}
		h.press("E")
		view := ansi.Strip(h.view())
		for _, want := range []string{"what failed", "server error 503", "OCR cluster is draining", "req_9f2c", "when", "ago", "r to retry"} {
			if !strings.Contains(view, want) {
				t.Fatalf("the whole error lacks %q:\n%s", want, view)
			}
		}
		assertFits(t, h.view(), 80, 24)
		h.press("esc")
		if uitest.ContainsPlain(h.view(), "what failed") || !uitest.ContainsPlain(h.view(), "ds_00") {
			t.Fatalf("esc did not go back to the list:\n%s", ansi.Strip(h.view()))
		}
	})
}
