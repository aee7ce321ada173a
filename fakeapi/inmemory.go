package fakeapi

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
)

// InMemory is an http.RoundTripper that serves each request by calling
// Handler on the caller's goroutine. No socket is involved, so a
// testing/synctest bubble holds the whole exchange and its waits run on the
// bubble's fake clock. A handler that aborts (the dropped-connection fault,
// which cannot hijack a recorder) becomes the error a client sees when a
// server closes the connection without answering.
type InMemory struct {
	Handler http.Handler
	// Rewrite, when set, may change each response before the client reads
	// it, e.g. to put in headers that a real socket would refuse.
	Rewrite func(*http.Response)
}

func (m InMemory) RoundTrip(req *http.Request) (resp *http.Response, err error) {
	if err := req.Context().Err(); err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			if r != http.ErrAbortHandler {
				panic(r)
			}
			resp, err = nil, fmt.Errorf("server closed the connection: %w", io.EOF)
		}
	}()
	rec := httptest.NewRecorder()
	m.Handler.ServeHTTP(rec, req)
	resp = rec.Result()
	resp.Request = req
	if m.Rewrite != nil {
		m.Rewrite(resp)
	}
	return resp, nil
}
