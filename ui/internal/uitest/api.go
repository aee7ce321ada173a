package uitest

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/fakeapi"
)

// API is the fake API every ui test uses: a corpus served in pages by
// offset cursors, recording every call. Tests replace List or Get to
// misbehave; Details, when set, answers a GetDataset that Get does not.
type API struct {
	mu     sync.Mutex
	data   []client.Dataset
	lists  []client.ListParams
	gets   []string
	budget client.Budget

	// List and Get answer the calls; nil means "from the corpus".
	List func(ctx context.Context, p client.ListParams) (client.Page, error)
	Get  func(ctx context.Context, id string) (client.Dataset, error)
	// details answers GetDataset from a fuller source than the list's
	// items (the demo server's documents); nil means "the corpus item".
	details func(id string) (client.Dataset, bool)
}

// NewAPI serves data, newest first as given.
func NewAPI(data []client.Dataset) *API { return &API{data: data} }

// DemoNow is the demo corpus's fixed clock: golden screens never move.
var DemoNow = fakeapi.DefaultEpoch

// NewDemoAPI serves the demo corpus (fakeapi, seed 1) without HTTP, on the
// fixed clock and with a fixed budget, so screens are byte-identical from
// run to run.
func NewDemoAPI() *API {
	cfg := fakeapi.DefaultConfig()
	cfg.Now = func() time.Time { return DemoNow }
	srv := fakeapi.New(cfg)
	a := NewAPI(srv.Datasets())
	a.details = srv.Dataset
	a.budget = client.Budget{AsOf: DemoNow, Read: client.Bucket{
		Limit: 60, Remaining: 47, FreesAt: DemoNow.Add(12 * time.Second), FromServer: true,
	}}
	return a
}

func (a *API) ListDatasets(ctx context.Context, p client.ListParams) (client.Page, error) {
	a.mu.Lock()
	a.lists = append(a.lists, p)
	list := a.List
	a.mu.Unlock()
	if list != nil {
		return list(ctx, p)
	}
	return a.Page(p)
}

// Page serves the corpus from the offset in the cursor, as ListDatasets
// does by default; a List hook can call it to answer normally.
func (a *API) Page(p client.ListParams) (client.Page, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	start := 0
	if p.Cursor != "" {
		start, _ = strconv.Atoi(p.Cursor)
	}
	limit := p.Limit
	if limit == 0 {
		limit = 20
	}
	start = min(start, len(a.data))
	end := min(start+limit, len(a.data))
	page := client.Page{Data: append([]client.Dataset(nil), a.data[start:end]...)}
	if end < len(a.data) {
		page.NextCursor = strconv.Itoa(end)
	}
	return page, nil
}

func (a *API) GetDataset(ctx context.Context, id string) (client.Dataset, error) {
	a.mu.Lock()
	a.gets = append(a.gets, id)
	get, details := a.Get, a.details
	a.mu.Unlock()
	if get != nil {
		return get(ctx, id)
	}
	if details != nil {
		if ds, ok := details(id); ok {
			return ds, nil
		}
		return client.Dataset{}, &client.APIError{StatusCode: 404, Detail: "no such dataset"}
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, d := range a.data {
		if d.ID == id {
			return d, nil
		}
	}
	return client.Dataset{}, &client.APIError{StatusCode: 404, Detail: "no such dataset"}
}

func (a *API) Budget() client.Budget {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.budget
}

func (a *API) SetBudget(b client.Budget) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.budget = b
}

// SetData replaces the corpus: the server's account changed.
func (a *API) SetData(data []client.Dataset) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.data = data
}

// Data is the corpus as served now.
func (a *API) Data() []client.Dataset {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]client.Dataset(nil), a.data...)
}

// ListCalls are the list requests made so far, in order.
func (a *API) ListCalls() []client.ListParams {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]client.ListParams(nil), a.lists...)
}

// GetCalls are the ids asked for so far, in order.
func (a *API) GetCalls() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]string(nil), a.gets...)
}

// Corpus makes n plain datasets, newest first: ds_0000 is the newest.
func Corpus(n int) []client.Dataset {
	base := time.Date(2026, 4, 12, 9, 0, 0, 0, time.UTC)
	types := []string{client.TypeInvoice, client.TypePurchaseOrder, client.TypeReceipt}
	out := make([]client.Dataset, n)
	for i := range out {
		acc := float64((i*37)%100) / 100
		conf := float64((i*53)%100) / 100
		fields := 5
		out[i] = client.Dataset{
			ID:            fmt.Sprintf("ds_%04d", i),
			DocumentName:  fmt.Sprintf("document-%04d.pdf", i),
			CustomerID:    fmt.Sprintf("cus_%02d", i%7),
			DatasetType:   types[i%len(types)],
			Status:        client.StatusComplete,
			IsVerified:    true,
			CreatedAt:     base.Add(-time.Duration(i) * time.Minute),
			Accuracy:      &client.Accuracy{OverallAccuracy: &acc},
			FieldCount:    &fields,
			MinConfidence: &conf,
		}
	}
	return out
}
