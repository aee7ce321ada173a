package fakeapi

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/dxdash/dxdash/client"
)

// Serving the hostile corpus (Config.Hostile): the same endpoints, query
// validation, filters, signed cursors, rate limits and faults as the
// honest server, over buildHostileDatasets.

type hostileCorpus struct {
	datasets []hostileDataset // list order
	byID     map[string]int
	ids      atomic.Uint64 // turns through hostileRequestIDs
}

func newHostileCorpus() *hostileCorpus {
	c := &hostileCorpus{datasets: buildHostileDatasets(), byID: map[string]int{}}
	for i, d := range c.datasets {
		c.byID[d.ID] = i
	}
	return c
}

// requestID is the next hostile X-Request-Id.
func (c *hostileCorpus) requestID() string {
	n := c.ids.Add(1) - 1
	return hostileRequestIDs[n%uint64(len(hostileRequestIDs))]
}

// matches applies a list filter. Search looks through the values and the
// document name, case-insensitively, as the honest server's does.
func (d *hostileDataset) matches(f listFilter) bool {
	text := func(s *string) string {
		if s == nil {
			return ""
		}
		return *s
	}
	switch {
	case f.customerID != "" && text(d.CustomerID) != f.customerID,
		f.datasetType != "" && text(d.DatasetType) != f.datasetType,
		f.verified != nil && (d.IsVerified != nil && *d.IsVerified) != *f.verified:
		return false
	case f.search == "":
		return true
	}
	if strings.Contains(strings.ToLower(text(d.DocumentName)), f.search) {
		return true
	}
	for _, field := range d.Fields {
		if s, ok := field.Value.(string); ok && strings.Contains(strings.ToLower(s), f.search) {
			return true
		}
	}
	return false
}

// list serves one page. The cursor's position holds the index the next
// page starts at, in its created slot (the codec does not look inside),
// and no id: a hostile id may be longer than a cursor can hold.
func (c *hostileCorpus) list(s *Server, lq listQuery, now time.Time) (int, any) {
	hash := lq.filter.hash()
	start := 0
	if lq.cursor != "" {
		pos, err := s.cursors.open(lq.cursor, hash, now)
		if err != nil || pos.created < 0 || pos.created > int64(len(c.datasets)) {
			return http.StatusBadRequest, errorJSON{Detail: cursorProblem(err)}
		}
		start = int(pos.created)
	}
	page := struct {
		Data       []hostileSummary `json:"data"`
		NextCursor *string          `json:"next_cursor"`
	}{Data: []hostileSummary{}}
	for i := start; i < len(c.datasets); i++ {
		d := &c.datasets[i]
		if !d.matches(lq.filter) {
			continue
		}
		if len(page.Data) == lq.limit {
			next := s.cursors.issue(position{created: int64(i)}, hash, now)
			page.NextCursor = &next
			break
		}
		page.Data = append(page.Data, d.summary())
	}
	return http.StatusOK, page
}

func cursorProblem(err error) string {
	if err == nil {
		return errCursorInvalid.Error()
	}
	return err.Error()
}

func (c *hostileCorpus) get(id string) (int, any) {
	i, ok := c.byID[id]
	if !ok {
		return http.StatusNotFound, errorJSON{Detail: "dataset " + strconv.Quote(id) + " not found in this account"}
	}
	return http.StatusOK, c.datasets[i]
}

// summaries and detail decode the hostile JSON with the client's types,
// for Server.Datasets and Server.Dataset.
func (c *hostileCorpus) summaries() []client.Dataset {
	out := make([]client.Dataset, len(c.datasets))
	for i := range c.datasets {
		decodeInto(c.datasets[i].summary(), &out[i])
	}
	return out
}

func (c *hostileCorpus) detail(id string) (client.Dataset, bool) {
	i, ok := c.byID[id]
	if !ok {
		return client.Dataset{}, false
	}
	var d client.Dataset
	decodeInto(c.datasets[i], &d)
	return d, true
}

func decodeInto(v any, into *client.Dataset) {
	if err := json.Unmarshal(encodeWithStdlib(v), into); err != nil {
		panic(fmt.Sprintf("fakeapi: decoding a hostile dataset: %v", err))
	}
}
