package fakeapi

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"
	"testing/synctest"
	"time"
)

func TestFaultsMixFailuresAndNeverCorruptState(t *testing.T) {
	clock := newFakeClock()
	cfg := DefaultConfig()
	cfg.Now, cfg.ReadPerMinute, cfg.FaultRate = clock.Now, unlimited, 0.5
	cfg.FaultKinds = []FaultKind{FaultServerError, FaultTruncatedBody, FaultMalformedBody, FaultDroppedConnection}
	srv := New(cfg)
	ts := httptest.NewServer(srv)
	defer ts.Close()

	var violations []error
	base := &http.Transport{DisableKeepAlives: true} // no silent retry on a reused connection
	defer base.CloseIdleConnections()
	httpClient := &http.Client{Transport: validatingTransport(t, base, func(err error) { violations = append(violations, err) })}

	outcomes := map[string]int{}
	id := srv.Datasets()[3].ID
	for i := range 80 {
		target := ts.URL + datasetsPath + "?limit=10"
		if i%2 == 1 {
			target = ts.URL + datasetPathPrefix + id
		}
		req, _ := http.NewRequest(http.MethodGet, target, nil)
		req.Header.Set("Authorization", "Bearer "+DemoKey)
		violations = violations[:0]
		resp, err := httpClient.Do(req)
		if err != nil {
			if !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
				t.Logf("dropped connection surfaced as %v", err)
			}
			outcomes["dropped"]++
			continue
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		switch {
		case resp.StatusCode == http.StatusInternalServerError:
			outcomes["500"]++
		case resp.StatusCode == http.StatusOK && !json.Valid(body):
			outcomes["bad body"]++
			violations = nil // expected: the body is not the document's JSON
		case resp.StatusCode == http.StatusOK:
			outcomes["ok"]++
		default:
			t.Errorf("unexpected status %d", resp.StatusCode)
		}
		if resp.Header.Get("X-Request-Id") == "" {
			t.Error("a response without X-Request-Id")
		}
		for _, v := range violations {
			t.Errorf("contract violation: %v", v)
		}
	}
	for _, outcome := range []string{"ok", "500", "bad body", "dropped"} {
		if outcomes[outcome] == 0 {
			t.Errorf("no %q outcome in 80 requests at fault rate 0.5: %v", outcome, outcomes)
		}
	}
	if got := srv.Requests().Faults; got != 80-outcomes["ok"] {
		t.Errorf("Requests().Faults = %d, want %d", got, 80-outcomes["ok"])
	}

	// The corpus is what a server that never faulted serves.
	clean := DefaultConfig()
	clean.Now = clock.Now
	fresh := New(clean)
	if !reflect.DeepEqual(srv.Datasets(), fresh.Datasets()) {
		t.Error("faults changed the list")
	}
	got, _ := srv.Dataset(id)
	want, _ := fresh.Dataset(id)
	if !reflect.DeepEqual(got, want) {
		t.Error("faults changed a dataset")
	}
}

func TestSlowResponsesWaitOnTheClockAndStopWhenTheClientLeaves(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		cfg := DefaultConfig()
		cfg.DatasetCount, cfg.FaultRate, cfg.FaultKinds = 50, 1, []FaultKind{FaultSlowResponse}
		srv := New(cfg) // default clock and timers: fake inside the bubble

		start := time.Now()
		req := httptest.NewRequest(http.MethodGet, datasetsPath, nil)
		req.Header.Set("Authorization", "Bearer "+DemoKey)
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if waited := time.Since(start); waited < minSlowDelay || waited > maxSlowDelay {
			t.Errorf("a slow response took %v, want %v to %v", waited, minSlowDelay, maxSlowDelay)
		}
		if err := contractFor(t).Check(req, rec.Code, rec.Header(), rec.Body.Bytes()); err != nil || rec.Code != http.StatusOK {
			t.Errorf("the slow response: %d, %v", rec.Code, err)
		}

		ctx, cancel := context.WithCancel(context.Background())
		abandoned := httptest.NewRecorder()
		done := make(chan struct{})
		go func() {
			srv.ServeHTTP(abandoned, req.WithContext(ctx))
			close(done)
		}()
		synctest.Wait() // the handler is waiting out its delay
		start = time.Now()
		cancel()
		<-done
		if time.Since(start) != 0 {
			t.Error("the handler kept waiting after the client left")
		}
		if abandoned.Body.Len() != 0 || abandoned.Header().Get("Content-Type") != "" {
			t.Errorf("an abandoned request was answered: %q", abandoned.Body)
		}
	})
}

func TestDroppedConnectionWithoutHijackAborts(t *testing.T) {
	cfg := DefaultConfig()
	cfg.DatasetCount, cfg.FaultRate, cfg.FaultKinds = 10, 1, []FaultKind{FaultDroppedConnection}
	srv := New(cfg)
	defer func() {
		if r := recover(); r != http.ErrAbortHandler {
			t.Errorf("recovered %v, want http.ErrAbortHandler", r)
		}
	}()
	req := httptest.NewRequest(http.MethodGet, datasetsPath, nil)
	req.Header.Set("Authorization", "Bearer "+DemoKey)
	srv.ServeHTTP(httptest.NewRecorder(), req)
}

func TestFaultKindNames(t *testing.T) {
	for _, k := range allFaultKinds {
		if k.String() == "no fault" {
			t.Errorf("kind %d has no name", k)
		}
	}
}
