package receiver_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/client/webhook"
	"github.com/dxdash/dxdash/fakeapi"
	"github.com/dxdash/dxdash/receiver"
	"github.com/dxdash/dxdash/store"
	"github.com/dxdash/dxdash/syncer"
)

// The datasets processing at the epoch complete 5 to 40 s after it: the
// API reports each, and each costs the receiver exactly one GET, for
// datasets it never stored before too.
func TestAGoodEventUpdatesTheStoreWithOneGET(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		e := newEnv(t, setup{datasets: 500})
		time.Sleep(2 * time.Minute)
		synctest.Wait()
		events := e.reported(start)
		if len(events) == 0 {
			t.Fatal("the account reported nothing")
		}
		for _, ev := range events {
			if ev.Type != webhook.EventExtractionCompleted && ev.Type != webhook.EventExtractionFailed {
				t.Errorf("%s: %s, want an extraction event", ev.EventID, ev.Type)
			}
			if n := e.processed(ev.EventID); n[receiver.Updated] != 1 || len(n) != 1 {
				t.Errorf("%s (%s): outcomes %v, want updated once", ev.EventID, ev.Data.DatasetID, n)
			}
			if n := e.gets.of(ev.Data.DatasetID); n != 1 {
				t.Errorf("%s: %d GETs, want 1", ev.Data.DatasetID, n)
			}
			e.agrees(ev.Data.DatasetID)
		}
		if n := e.gets.total(); n != len(events) {
			t.Errorf("%d GETs for %d events", n, len(events))
		}
		s := e.rcv.Snapshot()
		if s.Received != len(events) || s.Fetches != len(events) || s.Pending != 0 || s.RejectedTotal() != 0 || s.LastEvent.IsZero() {
			t.Errorf("snapshot %+v after %d events", s, len(events))
		}
		if st := e.sender.Stats(); st.Delivered != len(events) || st.Failed != 0 {
			t.Errorf("sender %+v", st)
		}
	})
}

func post(h http.Handler, body []byte, sig string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, receiver.DefaultPath, bytes.NewReader(body))
	req.RemoteAddr = "203.0.113.7:41000"
	if sig != "" {
		req.Header.Set(webhook.SignatureHeader, sig)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// anEvent is a matching.completed event for a complete dataset of the API.
func anEvent(t *testing.T, api *fakeapi.Server, id string) webhook.Event {
	t.Helper()
	for _, d := range api.Datasets() {
		if d.Status == client.StatusComplete {
			return webhook.Event{EventID: id, Type: webhook.EventMatchingCompleted, CreatedAt: d.UpdatedAt,
				Data: webhook.EventData{DatasetID: d.ID, Status: d.Status}}
		}
	}
	t.Fatal("no complete dataset")
	return webhook.Event{}
}

func TestABadSignatureIsRefusedAndChangesNothing(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e := newEnv(t, setup{datasets: 20})
		ev := anEvent(t, e.api, "evt_forged")
		body, good := signed(ev)
		for name, sig := range map[string]string{
			"another secret": webhook.Sign(body, []byte("not the secret")),
			"unsigned":       "",
			"not hex":        "zz" + good[2:],
			"the body's own": webhook.Sign(append(body, ' '), secret),
		} {
			if rec := post(e.rcv, body, sig); rec.Code != http.StatusUnauthorized {
				t.Errorf("%s: %d, want 401", name, rec.Code)
			}
		}
		synctest.Wait()
		s := e.rcv.Snapshot()
		if s.Rejected[receiver.RejectSignature] != 4 || s.Received != 0 || s.Pending != 0 || e.gets.total() != 0 {
			t.Errorf("after four forgeries: %+v, %d GETs", s, e.gets.total())
		}
		if _, ok, _ := e.st.Row(context.Background(), ev.Data.DatasetID); ok {
			t.Error("a forged event stored its dataset")
		}
		e.mu.Lock()
		logs := strings.Join(e.logs, "\n")
		e.mu.Unlock()
		if !strings.Contains(logs, "203.0.113.7:41000") || !strings.Contains(logs, "bad signature") ||
			strings.Contains(logs, ev.EventID) || strings.Contains(logs, string(secret)) || strings.Contains(logs, good) {
			t.Errorf("rejections logged as:\n%s", logs)
		}

		// Nothing was recorded: the genuine delivery of the same event is
		// processed.
		if rec := post(e.rcv, body, good); rec.Code != http.StatusOK {
			t.Fatalf("genuine: %d", rec.Code)
		}
		time.Sleep(time.Second)
		synctest.Wait()
		if n := e.processed(ev.EventID); n[receiver.Updated] != 1 || e.gets.total() != 1 {
			t.Errorf("genuine delivery after forgeries: %v, %d GETs", n, e.gets.total())
		}
		e.agrees(ev.Data.DatasetID)
	})
}

func TestAnOversizedBodyIs413(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e := newEnv(t, setup{datasets: 20})
		big := bytes.Repeat([]byte(" "), webhook.MaxBodySize+1)
		if rec := post(e.rcv, big, webhook.Sign(big, secret)); rec.Code != http.StatusRequestEntityTooLarge {
			t.Errorf("declared length: %d, want 413", rec.Code)
		}
		// No Content-Length: the cap stops the read.
		req := httptest.NewRequest(http.MethodPost, receiver.DefaultPath, struct{ *bytes.Reader }{bytes.NewReader(big)})
		req.ContentLength = -1
		req.Header.Set(webhook.SignatureHeader, webhook.Sign(big, secret))
		rec := httptest.NewRecorder()
		e.rcv.ServeHTTP(rec, req)
		if rec.Code != http.StatusRequestEntityTooLarge {
			t.Errorf("chunked: %d, want 413", rec.Code)
		}
		if s := e.rcv.Snapshot(); s.Rejected[receiver.RejectOversized] != 2 || s.Received != 0 {
			t.Errorf("snapshot %+v", s)
		}
		// Only POST, only to the path.
		for _, c := range []struct{ method, path string }{{http.MethodGet, receiver.DefaultPath}, {http.MethodPost, "/other"}} {
			rec := httptest.NewRecorder()
			e.rcv.ServeHTTP(rec, httptest.NewRequest(c.method, c.path, nil))
			if rec.Code != http.StatusMethodNotAllowed && rec.Code != http.StatusNotFound {
				t.Errorf("%s %s: %d", c.method, c.path, rec.Code)
			}
		}
	})
}

// Every event delivered twice is processed once; and a receiver started
// again on the same store file knows the event still.
func TestADuplicateIsProcessedOnceAlsoAfterARestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "store.db")
	synctest.Test(t, func(t *testing.T) {
		st, err := store.OpenSQLite(context.Background(), path, store.SQLiteOptions{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		start := time.Now()
		e := newEnv(t, setup{datasets: 500, store: st,
			webhooks: fakeapi.Webhooks{Faults: 1, FaultKinds: []fakeapi.DeliveryFault{fakeapi.FaultDuplicate}}})
		time.Sleep(2 * time.Minute)
		synctest.Wait()
		events := e.reported(start)
		for _, ev := range events {
			if n := e.processed(ev.EventID); n[receiver.Updated] != 1 || n[receiver.Duplicate] != 1 {
				t.Errorf("%s delivered twice: %v", ev.EventID, n)
			}
			if n := e.gets.of(ev.Data.DatasetID); n != 1 {
				t.Errorf("%s: %d GETs", ev.Data.DatasetID, n)
			}
		}
		if s := e.rcv.Snapshot(); s.Received != len(events) || s.Duplicates != len(events) {
			t.Errorf("snapshot %+v for %d events", s, len(events))
		}

		// dxdash restarts: a new receiver, a new syncer, the store file
		// opened again. The API retries the first event once more.
		e.rcv.Close()
		st.Close()
		st2, err := store.OpenSQLite(context.Background(), path, store.SQLiteOptions{})
		if err != nil {
			t.Fatal(err)
		}
		defer st2.Close()
		c, _ := client.New("http://127.0.0.1", fakeapi.DemoKey, client.WithHTTPClient(&http.Client{Transport: e.gets}))
		e.st, e.sync = st2, syncer.New(c, st2, syncer.Options{})
		e.restart()
		before := e.gets.total()
		e.sender.Enqueue(events[0])
		time.Sleep(time.Minute)
		synctest.Wait()
		if n := e.processed(events[0].EventID); n[receiver.Duplicate] != 2 || n[receiver.Updated] != 1 {
			t.Errorf("after the restart: %v", n)
		}
		if e.gets.total() != before {
			t.Errorf("the retry after the restart cost %d GETs", e.gets.total()-before)
		}
		e.rcv.Close()
	})
}

// The receiver is down when the first events come and for a while after:
// the API's retries get each through once it is back, processed once.
func TestAReceiverThatWasDownGetsTheEventsThroughRetries(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		e := newEnv(t, setup{datasets: 500})
		e.net.down.Store(true)
		time.Sleep(5 * time.Minute) // the first attempt and two retries are refused
		synctest.Wait()
		refused := e.net.refused.Load()
		events := e.reported(start)
		if refused < 3*int64(len(events)) || len(e.results()) != 0 {
			t.Fatalf("%d refused attempts for %d events, %d processed while down", refused, len(events), len(e.results()))
		}
		e.net.down.Store(false)
		time.Sleep(30 * time.Minute) // the rest of the retry horizon
		synctest.Wait()
		for _, ev := range events {
			if n := e.processed(ev.EventID); n[receiver.Updated] != 1 || len(n) != 1 {
				t.Errorf("%s: %v", ev.EventID, n)
			}
			e.agrees(ev.Data.DatasetID)
		}
		if st := e.sender.Stats(); st.GaveUp != 0 || st.Delivered != len(events) {
			t.Errorf("sender %+v for %d events", st, len(events))
		}
	})
}

// Deliveries late, twice and out of order, in a lively account: whatever
// order they came in, each dataset ends as the server has it.
func TestOutOfOrderEventsEndInTheServersState(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		e := newEnv(t, setup{datasets: 100, rates: fakeapi.Rates{ArrivalsPerHour: 300, ReviewsPerHour: 600},
			webhooks: fakeapi.Webhooks{Faults: 0.7, Workers: 4,
				FaultKinds: []fakeapi.DeliveryFault{fakeapi.FaultReorder, fakeapi.FaultDelay, fakeapi.FaultDuplicate}}})
		time.Sleep(15 * time.Minute)
		synctest.Wait()
		settled := time.Now().Add(-3 * time.Minute)
		last := map[string]time.Time{}
		for _, ch := range e.api.Changes(start, time.Now()) {
			last[ch.DatasetID] = ch.At
		}
		checked := 0
		for _, ev := range e.reported(start) {
			if id := ev.Data.DatasetID; last[id].Before(settled) {
				e.agrees(id)
				checked++
			}
		}
		st := e.sender.Stats()
		if checked < 50 || st.Reordered == 0 || st.Delayed == 0 || st.Duplicated == 0 {
			t.Errorf("%d datasets checked; sender %+v", checked, st)
		}
		if r := e.api.Requests(); r.RateLimited != 0 {
			t.Errorf("%d answered 429", r.RateLimited)
		}

		// And by hand: the newer event first, then an older one.
		ev := anEvent(t, e.api, "evt_newer")
		old := ev
		old.EventID, old.Type, old.CreatedAt = "evt_older", webhook.EventExtractionCompleted, ev.CreatedAt.Add(-time.Hour)
		e.sender.Enqueue(ev)
		time.Sleep(time.Minute)
		e.sender.Enqueue(old)
		time.Sleep(time.Minute)
		synctest.Wait()
		e.agrees(ev.Data.DatasetID)
	})
}

// 1 000 events for 200 datasets at once: one GET per dataset, paced
// within the budget, no 429.
func TestABurstCostsOneGETPerDataset(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e := newEnv(t, setup{datasets: 500, webhooks: fakeapi.Webhooks{Workers: 4}})
		var picked []client.Dataset
		for _, d := range e.api.Datasets() {
			if d.Status == client.StatusComplete && len(picked) < 200 {
				picked = append(picked, d)
			}
		}
		var burst []webhook.Event
		types := []string{webhook.EventExtractionCompleted, webhook.EventMatchingCompleted}
		for round := range 5 {
			for i, d := range picked {
				burst = append(burst, webhook.Event{EventID: fmt.Sprintf("evt_burst_%d_%d", round, i), Type: types[round%2],
					CreatedAt: d.UpdatedAt, Data: webhook.EventData{DatasetID: d.ID, Status: d.Status}})
			}
		}
		e.sender.Enqueue(burst...)
		deadline := time.Now().Add(time.Hour)
		for time.Sleep(time.Minute); e.rcv.Snapshot().Pending > 0 && time.Now().Before(deadline); time.Sleep(time.Minute) {
		}
		synctest.Wait()
		gets := 0
		for _, d := range picked {
			gets += e.gets.of(d.ID)
			e.agrees(d.ID)
		}
		if gets > 200 {
			t.Errorf("%d GETs for 1 000 events of 200 datasets", gets)
		}
		if r := e.api.Requests(); r.RateLimited != 0 {
			t.Errorf("%d answered 429", r.RateLimited)
		}
		shared := 0
		for _, o := range e.results() {
			if o.Shared {
				shared++
			}
		}
		if s := e.rcv.Snapshot(); s.Received < 1000 || shared < 1000 {
			t.Errorf("%d received, %d shared a GET", s.Received, shared)
		}
		t.Logf("1 000 events, 200 datasets: %d GETs, done in %s of the bubble's time", gets, time.Since(deadline.Add(-time.Hour)).Round(time.Second))
	})
}
