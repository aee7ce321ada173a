package receiver_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/client/webhook"
	"github.com/dxdash/dxdash/receiver"
	"github.com/dxdash/dxdash/store"
	"github.com/dxdash/dxdash/syncer"
)

// noAPI answers every Refresh without a request: the fuzz target checks
// request handling, not the GETs (never made: the receiver is not
// started).
type noAPI struct{}

func (noAPI) Refresh(context.Context, string, syncer.Priority) (client.Dataset, bool, error) {
	return client.Dataset{}, false, nil
}

// FuzzServeHTTP throws requests at the handler: any method, path,
// signature header and body. Whatever comes, it answers one of its
// statuses; it takes (200) only a POST to its path whose body the secret
// signs and that parses; and a request it refuses leaves no trace. The
// same body signed with the secret is taken exactly when it parses.
func FuzzServeHTTP(f *testing.F) {
	good := []byte(`{"event_id":"evt_1","type":"extraction.completed","created_at":"2026-04-12T09:33:41Z","data":{"dataset_id":"ds_1","status":"complete"}}`)
	f.Add(http.MethodPost, receiver.DefaultPath, webhook.Sign(good, secret), good)
	f.Add(http.MethodPost, receiver.DefaultPath, webhook.Sign(good, []byte("x")), good)
	f.Add(http.MethodGet, receiver.DefaultPath, "", []byte(nil))
	st, err := store.OpenMemory(context.Background())
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { st.Close() })
	rcv, err := receiver.New(receiver.Options{Secrets: [][]byte{secret}, Store: st, Syncer: noAPI{}})
	if err != nil {
		f.Fatal(err)
	}
	allowed := map[int]bool{200: true, 400: true, 401: true, 404: true, 405: true, 413: true}

	f.Fuzz(func(t *testing.T, method, path, sig string, body []byte) {
		serve := func(sig string) int {
			req, err := http.NewRequest(method, "http://dxdash.test/", bytes.NewReader(body))
			if err != nil {
				return -1 // not a request net/http would hand a handler
			}
			req.URL.Path = path
			req.Header.Set(webhook.SignatureHeader, sig)
			rec := httptest.NewRecorder()
			before := rcv.Snapshot()
			rcv.ServeHTTP(rec, req)
			after := rcv.Snapshot()
			if !allowed[rec.Code] {
				t.Fatalf("answered %d", rec.Code)
			}
			seen := after.Received + after.Duplicates - before.Received - before.Duplicates
			switch {
			case rec.Code != http.StatusOK && seen != 0:
				t.Fatalf("refused with %d, yet counted as an event", rec.Code)
			case rec.Code == http.StatusOK && seen != 1:
				t.Fatalf("taken, yet counted %d times", seen)
			case rec.Code != http.StatusOK && after.RejectedTotal() != before.RejectedTotal()+1:
				t.Fatalf("refused with %d and not counted as a rejection", rec.Code)
			}
			return rec.Code
		}
		code := serve(sig)
		if code < 0 {
			return
		}
		target := method == http.MethodPost && path == receiver.DefaultPath
		_, parseErr := webhook.Parse(body)
		if code == http.StatusOK && (!target || webhook.Verify(body, sig, secret) != nil || parseErr != nil) {
			t.Fatalf("took %s %q signed %q", method, path, sig)
		}
		if !target {
			return
		}
		switch code := serve(webhook.Sign(body, secret)); {
		case len(body) > webhook.MaxBodySize && code != http.StatusRequestEntityTooLarge:
			t.Fatalf("oversized body, signed: %d", code)
		case len(body) <= webhook.MaxBodySize && (code == http.StatusOK) != (parseErr == nil):
			t.Fatalf("signed body: %d; Parse says %v", code, parseErr)
		}
	})
}
