package fakeapi

import (
	"bytes"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"

	"github.com/dxdash/dxdash/client"
)

// Server is the embedded dataextractor.io API: an http.Handler serving
// GET /api/v1/datasets and GET /api/v1/datasets/{id} over a generated
// corpus. It is safe for concurrent requests.
//
// Every request goes through the same steps, in this order: a request id;
// authentication (401, not counted against any limit); the rate limit
// (429); an injected fault, if one is drawn; then routing (404, 405) and
// the endpoint itself.
type Server struct {
	cfg     Config
	corpus  *corpus
	keys    []APIKey
	limiter *limiter
	faults  *faultInjector
	cursors cursorCodec
	ids     *requestIDs
	counts  counters
	hostile *hostileCorpus // nil unless Config.Hostile
}

// New builds the corpus and returns the server. It panics on a Config that
// Validate rejects: check user input with Validate first.
func New(cfg Config) *Server {
	if err := cfg.Validate(); err != nil {
		panic(err)
	}
	cfg = cfg.withDefaults()
	s := &Server{
		cfg:     cfg,
		keys:    append([]APIKey(nil), cfg.APIKeys...),
		limiter: newLimiter(cfg.ReadPerMinute, cfg.ExtractionPerMinute),
		faults:  newFaultInjector(cfg.Seed, cfg.FaultRate, cfg.FaultKinds),
		cursors: newCursorCodec(cfg.Seed, cfg.CursorLifetime),
		ids:     newRequestIDs(cfg.Seed),
	}
	count, rates := cfg.DatasetCount, cfg.Living
	if cfg.Hostile {
		s.hostile, count, rates = newHostileCorpus(), 0, Rates{}
	}
	s.corpus = buildCorpus(cfg.Seed, count, cfg.Epoch, rates)
	return s
}

// Paths the API serves.
const (
	datasetsPath      = "/api/v1/datasets"
	datasetPathPrefix = datasetsPath + "/"
)

type endpoint uint8

const (
	endpointOther endpoint = iota
	endpointList
	endpointGet
)

// route tells which endpoint a request is for, and the dataset id for a get.
func route(r *http.Request) (endpoint, string) {
	path := r.URL.Path
	if path == datasetsPath {
		return endpointList, ""
	}
	if id, ok := strings.CutPrefix(path, datasetPathPrefix); ok && id != "" && !strings.Contains(id, "/") {
		return endpointGet, id
	}
	return endpointOther, ""
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	header := w.Header()
	header.Set("X-Request-Id", s.requestID())
	ep, id := route(r)
	s.counts.received(ep, r.Method)

	keyName, problem := s.authenticate(r)
	if problem != "" {
		s.counts.unauthorized.Add(1)
		header.Set("WWW-Authenticate", `Bearer realm="dataextractor"`)
		writeJSON(w, http.StatusUnauthorized, errorJSON{Detail: problem})
		return
	}
	d := s.limiter.admit(keyName, rateRead, s.cfg.Now())
	d.setHeaders(header)
	if !d.allowed {
		s.counts.rateLimited.Add(1)
		writeJSON(w, http.StatusTooManyRequests, errorJSON{Detail: fmt.Sprintf(
			"rate limit exceeded: %d requests per minute for list and get", d.limit)})
		return
	}

	fault, delay := s.faults.draw()
	if fault != 0 {
		s.counts.faults.Add(1)
	}
	switch fault {
	case FaultServerError:
		writeJSON(w, http.StatusInternalServerError, errorJSON{Detail: "internal server error: retry with backoff; if it persists, quote request id " + header.Get("X-Request-Id")})
		return
	case FaultDroppedConnection:
		dropConnection(w)
		return
	case FaultSlowResponse:
		select {
		case <-s.cfg.After(delay):
		case <-r.Context().Done():
			return // the client gave up; nobody is left to answer
		}
	}

	status, payload := s.respond(r, ep, id)
	if status == http.StatusMethodNotAllowed {
		header.Set("Allow", http.MethodGet)
	}
	body := encodeJSON(payload)
	switch fault {
	case FaultTruncatedBody:
		status, body = http.StatusOK, body[:len(body)/2]
	case FaultMalformedBody:
		status, body = http.StatusOK, []byte(malformedBody)
	}
	writeBody(w, status, body)
}

// requestID is the next X-Request-Id: hostile ones on a hostile server.
func (s *Server) requestID() string {
	if s.hostile != nil {
		return s.hostile.requestID()
	}
	return s.ids.next()
}

// respond answers a request that passed authentication and the rate limit.
func (s *Server) respond(r *http.Request, ep endpoint, id string) (int, any) {
	if ep == endpointOther {
		path := r.URL.Path
		if len(path) > 100 {
			path = path[:100] + "…"
		}
		return http.StatusNotFound, errorJSON{Detail: "no such endpoint: " + r.Method + " " + path}
	}
	if r.Method != http.MethodGet {
		return http.StatusMethodNotAllowed, errorJSON{Detail: "method " + r.Method + " not allowed: this endpoint answers GET only"}
	}
	now := s.cfg.Now()
	if ep == endpointList {
		return s.list(r.URL.Query(), now)
	}
	return s.get(id, now)
}

// authenticate returns the name of the request's key, or why there is none.
// The key itself never appears in a message.
func (s *Server) authenticate(r *http.Request) (name, problem string) {
	auth := r.Header.Get("Authorization")
	if auth == "" {
		return "", "missing API key: send it as Authorization: Bearer <api-key>"
	}
	scheme, token, _ := strings.Cut(auth, " ")
	token = strings.TrimSpace(token)
	if !strings.EqualFold(scheme, "Bearer") || token == "" {
		return "", "malformed Authorization header: expected Bearer <api-key>"
	}
	// Compare with every key, in constant time, so timing tells nothing.
	for _, k := range s.keys {
		if subtle.ConstantTimeCompare([]byte(token), []byte(k.Key)) == 1 {
			name = k.Name
		}
	}
	if name == "" {
		return "", "invalid API key"
	}
	return name, ""
}

// dropConnection closes the connection without a response. Where the
// connection cannot be taken over (HTTP/2, a recorder), net/http's own
// abort does the same.
func dropConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}

// encodeJSON writes a response body. The two large shapes, list pages and
// details, take the fast writer (jsonwrite.go); it writes the same bytes as
// encoding/json, which a test checks.
func encodeJSON(payload any) []byte {
	switch p := payload.(type) {
	case pageJSON:
		return append(appendPage(make([]byte, 0, 512*len(p.Data)+64), &p), '\n')
	case datasetDetailJSON:
		return append(appendDetail(make([]byte, 0, p.sizeHint()), &p), '\n')
	}
	return encodeWithStdlib(payload)
}

func encodeWithStdlib(payload any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // "City Power & Light", not "\u0026"
	if err := enc.Encode(payload); err != nil {
		// Every payload is one of this package's plain structs.
		panic(fmt.Sprintf("fakeapi: encoding a response: %v", err))
	}
	return buf.Bytes()
}

func writeJSON(w http.ResponseWriter, status int, payload any) {
	writeBody(w, status, encodeJSON(payload))
}

func writeBody(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(body) //nolint:errcheck // the client has gone; nothing to do
}

// Datasets returns every dataset as a list item shows it now, in list order
// (newest first). For tests and tools that need the corpus without HTTP.
func (s *Server) Datasets() []client.Dataset {
	if s.hostile != nil {
		return s.hostile.summaries()
	}
	c := s.corpus
	now := c.advance(s.cfg.Now())
	c.mu.RLock()
	defer c.mu.RUnlock()
	n := c.visible(now)
	out := make([]client.Dataset, n)
	for i := range n {
		out[i] = c.summary(c.inOrder(i, n), now)
	}
	return out
}

// Dataset returns one dataset as GET /api/v1/datasets/{id} shows it now:
// the very response body, decoded with the client's types.
func (s *Server) Dataset(id string) (client.Dataset, bool) {
	if s.hostile != nil {
		return s.hostile.detail(id)
	}
	c := s.corpus
	now := c.advance(s.cfg.Now())
	c.mu.RLock()
	rec := c.lookup(id, now)
	var body []byte
	if rec != nil {
		body = encodeJSON(c.detail(rec, now))
	}
	c.mu.RUnlock()
	if rec == nil {
		return client.Dataset{}, false
	}
	var d client.Dataset
	if err := json.Unmarshal(body, &d); err != nil {
		panic(fmt.Sprintf("fakeapi: decoding dataset %s: %v", id, err))
	}
	return d, true
}

// RequestCounts counts the requests a server received, by outcome.
type RequestCounts struct {
	Total        int // every request
	List         int // GET /api/v1/datasets, whatever the outcome
	Get          int // GET /api/v1/datasets/{id}, whatever the outcome
	Other        int // any other path or method
	Unauthorized int // answered 401
	RateLimited  int // answered 429
	Faults       int // given an injected fault
}

type counters struct {
	total, list, get, other, unauthorized, rateLimited, faults atomic.Int64
}

func (c *counters) received(ep endpoint, method string) {
	c.total.Add(1)
	switch {
	case method != http.MethodGet:
		c.other.Add(1)
	case ep == endpointList:
		c.list.Add(1)
	case ep == endpointGet:
		c.get.Add(1)
	default:
		c.other.Add(1)
	}
}

// Requests returns the counts so far.
func (s *Server) Requests() RequestCounts {
	c := &s.counts
	return RequestCounts{
		Total: int(c.total.Load()), List: int(c.list.Load()), Get: int(c.get.Load()), Other: int(c.other.Load()),
		Unauthorized: int(c.unauthorized.Load()), RateLimited: int(c.rateLimited.Load()), Faults: int(c.faults.Load()),
	}
}
