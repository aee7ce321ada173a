package uitest

import (
	"context"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/dxdash/dxdash/client"
)

// SearchingAPI answers list requests the way the server does: it narrows
// the corpus by the filters and by search, here a case-insensitive
// substring of name, id or customer (a stand-in for the extracted values
// the real search looks in), and pages the result by offset cursors.
func SearchingAPI(data []client.Dataset) *API {
	s := NewAPI(data)
	s.List = func(_ context.Context, p client.ListParams) (client.Page, error) {
		narrowed := NewAPI(Matching(data, p))
		return narrowed.Page(p)
	}
	return s
}

func Matching(data []client.Dataset, p client.ListParams) []client.Dataset {
	var out []client.Dataset
	q := strings.ToLower(p.Search)
	for _, d := range data {
		switch {
		case p.CustomerID != "" && d.CustomerID != p.CustomerID,
			p.DatasetType != "" && d.DatasetType != p.DatasetType,
			p.IsVerified != nil && d.IsVerified != *p.IsVerified,
			q != "" && !strings.Contains(strings.ToLower(d.DocumentName+" "+d.ID+" "+d.CustomerID), q):
			continue
		}
		out = append(out, d)
	}
	return out
}

// SearchCalls are the list requests that searched.
func SearchCalls(api *API) []client.ListParams {
	var out []client.ListParams
	for _, p := range api.ListCalls() {
		if p.Search != "" {
			out = append(out, p)
		}
	}
	return out
}

// HeldLists holds list answers for the requests that match until
// released, and records whether their context was cancelled meanwhile.
// A held answer is sent even after cancellation, as a server that
// answered just too late would: the dashboard must drop it.
type HeldLists struct {
	mu        sync.Mutex
	hold      func(client.ListParams) bool
	release   chan struct{}
	once      sync.Once
	cancelled []client.ListParams
}

func HoldLists(api *API, hold func(client.ListParams) bool) *HeldLists {
	h := &HeldLists{hold: hold, release: make(chan struct{})}
	answer := api.List
	api.List = func(ctx context.Context, p client.ListParams) (client.Page, error) {
		if h.hold(p) {
			select {
			case <-h.release:
			case <-ctx.Done():
				h.mu.Lock()
				h.cancelled = append(h.cancelled, p)
				h.mu.Unlock()
				<-h.release
			}
		}
		if answer != nil {
			return answer(context.Background(), p)
		}
		return api.Page(p)
	}
	return h
}

func (h *HeldLists) CancelledCalls() []client.ListParams {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]client.ListParams(nil), h.cancelled...)
}

// ReleaseAll lets every held answer go; later calls do nothing.
func (h *HeldLists) ReleaseAll() { h.once.Do(func() { close(h.release) }) }

// MaskChecks blanks the list's CHECKS column in a plain screen: opening a
// dataset makes its checks known, so a list is otherwise "as it was"
// with that column changed.
func MaskChecks(screen string) string {
	lines := strings.Split(screen, "\n")
	col := -1
	for i, line := range lines {
		if col < 0 {
			if at := strings.Index(line, "CHECKS"); at >= 0 {
				col = utf8.RuneCountInString(line[:at])
			}
			continue
		}
		r := []rune(line)
		if len(r) >= col+6 {
			copy(r[col:col+6], []rune("      "))
			lines[i] = string(r)
		}
	}
	return strings.Join(lines, "\n")
}
