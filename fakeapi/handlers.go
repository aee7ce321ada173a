package fakeapi

import (
	"crypto/sha256"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/dxdash/dxdash/client"
)

// The two endpoints: validation of the query, filtering and paging.

const (
	defaultLimit = 20
	maxLimit     = 100
)

// listFilter is what a listing is narrowed to. Cursors are bound to it.
type listFilter struct {
	customerID  string
	datasetType string
	verified    *bool
	search      string // trimmed and lower-cased; "" matches everything
}

func (f listFilter) hash() filtersHash {
	h := sha256.New()
	verified := "any"
	if f.verified != nil {
		verified = strconv.FormatBool(*f.verified)
	}
	for _, part := range []string{f.customerID, f.datasetType, verified, f.search} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	var out filtersHash
	copy(out[:], h.Sum(nil))
	return out
}

type listQuery struct {
	filter listFilter
	limit  int
	cursor string
}

// parseListQuery validates the query as api-reference Part 2 says: limit
// is an integer from 1 to 100, is_verified is true or false, unknown
// parameters are ignored.
func parseListQuery(q url.Values) (listQuery, string) {
	lq := listQuery{limit: defaultLimit, cursor: q.Get("cursor")}
	if q.Has("limit") {
		n, err := strconv.Atoi(q.Get("limit"))
		if err != nil || n < 1 || n > maxLimit {
			return lq, "limit must be an integer from 1 to 100, got " + strconv.Quote(q.Get("limit"))
		}
		lq.limit = n
	}
	if q.Has("is_verified") {
		switch v := q.Get("is_verified"); v {
		case "true", "false":
			b := v == "true"
			lq.filter.verified = &b
		default:
			return lq, "is_verified must be true or false, got " + strconv.Quote(v)
		}
	}
	lq.filter.customerID = q.Get("customer_id")
	lq.filter.datasetType = q.Get("dataset_type")
	lq.filter.search = strings.ToLower(strings.TrimSpace(q.Get("search")))
	return lq, ""
}

func (s *Server) list(q url.Values, now time.Time) (int, any) {
	lq, problem := parseListQuery(q)
	if problem != "" {
		return http.StatusBadRequest, errorJSON{Detail: problem}
	}
	if s.hostile != nil {
		return s.hostile.list(s, lq, now)
	}
	hash := lq.filter.hash()
	var after *position
	if lq.cursor != "" {
		pos, err := s.cursors.open(lq.cursor, hash, now)
		if err != nil {
			return http.StatusBadRequest, errorJSON{Detail: err.Error()}
		}
		after = &pos
	}
	at := s.corpus.advance(now)
	s.corpus.mu.RLock()
	defer s.corpus.mu.RUnlock()
	records, more := s.corpus.page(lq.filter, after, lq.limit, at)
	page := pageJSON{Data: make([]datasetSummaryJSON, len(records))}
	for i, rec := range records {
		page.Data[i] = summaryWire(s.corpus.summary(rec, at))
	}
	if more {
		last := records[len(records)-1]
		next := s.cursors.issue(position{created: last.created, id: last.id}, hash, now)
		page.NextCursor = &next
	}
	return http.StatusOK, page
}

func (s *Server) get(id string, now time.Time) (int, any) {
	if s.hostile != nil {
		return s.hostile.get(id)
	}
	at := s.corpus.advance(now)
	s.corpus.mu.RLock()
	defer s.corpus.mu.RUnlock()
	rec := s.corpus.lookup(id, at)
	if rec == nil {
		if len(id) > 64 {
			id = id[:64] + "…"
		}
		return http.StatusNotFound, errorJSON{Detail: "dataset " + strconv.Quote(id) + " not found in this account"}
	}
	return http.StatusOK, s.corpus.detail(rec, at)
}

// page returns up to limit records matching f that come after the given
// position, and whether more follow. The caller holds c.mu for reading.
func (c *corpus) page(f listFilter, after *position, limit int, now int64) ([]*record, bool) {
	n := c.visible(now)
	start := 0
	if after != nil {
		start = sort.Search(n, func(i int) bool {
			rec := c.inOrder(i, n)
			return compareKeys(rec.created, rec.id, after.created, after.id) > 0
		})
	}
	match := c.matcher(f)
	out := make([]*record, 0, limit)
	for i := start; i < n; i++ {
		rec := c.inOrder(i, n)
		if !match(rec, now) {
			continue
		}
		if len(out) == limit {
			return out, true
		}
		out = append(out, rec)
	}
	return out, false
}

// matcher turns a filter into a predicate; cheap comparisons come first,
// the substring search last.
func (c *corpus) matcher(f listFilter) func(*record, int64) bool {
	customer, docType := -1, -1
	if f.customerID != "" {
		customer = len(customers) // matches nothing unless found
		for i := range customers {
			if customers[i].id == f.customerID {
				customer = i
			}
		}
	}
	if f.datasetType != "" {
		docType = len(docTypeNames)
		for i, name := range docTypeNames {
			if name == f.datasetType {
				docType = i
			}
		}
	}
	return func(rec *record, now int64) bool {
		switch {
		case customer >= 0 && int(rec.customer) != customer,
			docType >= 0 && int(rec.docType) != docType,
			f.verified != nil && (c.status(rec, now) == client.StatusComplete && c.reviewed(rec, now)) != *f.verified:
			return false
		case f.search == "":
			return true
		}
		// Only completed extractions have values to search.
		return rec.search != "" && strings.Contains(rec.search, f.search) && !c.processing(rec, now)
	}
}
