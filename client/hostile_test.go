package client

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
)

// bidiControls reorder the text after them on screen ("Trojan Source"):
// text the client calls safe to print must not carry them.
const bidiControls = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

// TestServerTextDropsBidiControls: a hostile detail and request id lose
// their bidi overrides, as they lose their escape sequences, and keep
// their text.
func TestServerTextDropsBidiControls(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Request-Id", "req_\u202eevil\u202c_\u2066id\u2069")
		writeDetail(w, http.StatusNotFound, "dataset \u202etxt.exe\u202c not \x1b[2Jfound \u200fhere\u061c")
	})
	c := newMemoryClient(t, h, noRetries)
	_, err := c.GetDataset(context.Background(), "ds_1")
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("GetDataset: %v, want an *APIError", err)
	}
	for what, text := range map[string]string{
		"detail": apiErr.Detail, "request id": apiErr.RequestID,
		"error": err.Error(), "budget's request id": c.Budget().LastRequestID,
	} {
		if i := strings.IndexAny(text, bidiControls); i >= 0 {
			t.Errorf("%s keeps a bidi control: %q", what, text)
		}
	}
	if apiErr.RequestID != "req_evil_id" {
		t.Errorf("request id %q, want req_evil_id", apiErr.RequestID)
	}
	if want := "dataset txt.exe not [2Jfound here"; apiErr.Detail != want {
		t.Errorf("detail %q, want %q", apiErr.Detail, want)
	}
}
