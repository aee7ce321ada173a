package receiver

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/dxdash/dxdash/client/webhook"
	"github.com/dxdash/dxdash/store"
)

// ServeHTTP takes one delivery. It answers before any GET is made: at
// most one store write (the event_id) stands between the body and the
// answer.
func (r *Receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	switch {
	case req.URL.Path != r.o.Path:
		r.reject(w, req, http.StatusNotFound, RejectPath)
		return
	case req.Method != http.MethodPost:
		w.Header().Set("Allow", http.MethodPost)
		r.reject(w, req, http.StatusMethodNotAllowed, RejectMethod)
		return
	}
	r.mu.Lock()
	draining := r.draining
	r.mu.Unlock()
	if draining {
		// Not a rejection: the API keeps the event and retries it, and the
		// next receiver on this store takes it.
		w.Header().Set("Retry-After", "60")
		answer(w, http.StatusServiceUnavailable, "shutting down")
		return
	}

	if req.ContentLength > webhook.MaxBodySize {
		r.reject(w, req, http.StatusRequestEntityTooLarge, RejectOversized)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, req.Body, webhook.MaxBodySize))
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		r.reject(w, req, http.StatusRequestEntityTooLarge, RejectOversized)
		return
	case err != nil:
		// The client went away mid-body: nobody to answer, nothing to count.
		answer(w, http.StatusBadRequest, "unreadable body")
		return
	}

	// The raw bytes are checked before a byte of them is parsed.
	if err := webhook.Verify(body, req.Header.Get(webhook.SignatureHeader), r.secrets...); err != nil {
		r.reject(w, req, http.StatusUnauthorized, RejectSignature)
		return
	}
	ev, err := webhook.Parse(body)
	if err != nil {
		r.reject(w, req, http.StatusBadRequest, RejectMalformed)
		return
	}

	now := r.o.Clock.Now()
	ctx, cancel := context.WithTimeout(req.Context(), recordTimeout)
	fresh, err := r.o.Store.RecordEvent(ctx, store.Event{ID: ev.EventID, Type: ev.Type, DatasetID: ev.Data.DatasetID, ReceivedAt: now})
	cancel()
	if err != nil {
		// Nothing processed: answering non-2xx has the API deliver it again.
		r.log(fmt.Sprintf("webhook: could not record an event, asked for a retry: %v", err))
		answer(w, http.StatusServiceUnavailable, "try again later")
		return
	}
	out := Outcome{EventID: ev.EventID, Type: ev.Type, DatasetID: ev.Data.DatasetID}
	r.mu.Lock()
	if fresh {
		r.status.Received++
		r.status.LastEvent = now
	} else {
		r.status.Duplicates++
	}
	r.mu.Unlock()
	switch {
	case !fresh:
		out.Result = Duplicate
	case !known(ev.Type) || ev.Data.DatasetID == "":
		// A type of a newer API, or no dataset: nothing to fetch, and
		// nothing the API should send again.
		out.Result = Ignored
	default:
		r.q.add(ev.Data.DatasetID, ev, now)
	}
	answer(w, http.StatusOK, "ok")
	if out.Result != 0 {
		r.report(out)
	}
}

func known(typ string) bool {
	switch typ {
	case webhook.EventExtractionCompleted, webhook.EventExtractionFailed, webhook.EventMatchingCompleted:
		return true
	}
	return false
}

// reject answers a refused delivery, counts it and logs it with the remote
// address: never its body or a header's value but a forwarding proxy's
// note of the client, quoted.
func (r *Receiver) reject(w http.ResponseWriter, req *http.Request, status int, why Reason) {
	answer(w, status, string(why))
	r.mu.Lock()
	r.status.Rejected[why]++
	n := r.status.Rejected[why]
	r.mu.Unlock()
	// A flood of junk must not flood the log: the first few of each
	// reason, then every hundredth with the count.
	if n > logFirst && n%100 != 0 {
		return
	}
	from := req.RemoteAddr
	if fwd := req.Header.Get("X-Forwarded-For"); fwd != "" {
		if len(fwd) > 64 {
			fwd = fwd[:64]
		}
		from += fmt.Sprintf(" (forwarded for %q)", fwd)
	}
	r.log(fmt.Sprintf("webhook: rejected a delivery from %s: %s (%d so far)", from, why, n))
}

const logFirst = 10

func answer(w http.ResponseWriter, status int, text string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, text+"\n")
}
