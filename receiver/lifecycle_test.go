package receiver_test

import (
	"context"
	"net/http"
	"testing"
	"testing/synctest"
	"time"

	"github.com/dxdash/dxdash/receiver"
)

// Shutdown: deliveries after it are answered 503 (the API keeps them and
// retries), and it returns once the events in hand have their GET.
func TestShutdownFinishesTheEventsInHand(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e := newEnv(t, setup{datasets: 50})
		e.sender.Stop()
		ev := anEvent(t, e.api, "evt_in_hand")
		body, sig := signed(ev)
		if rec := post(e.rcv, body, sig); rec.Code != http.StatusOK {
			t.Fatalf("delivery: %d", rec.Code)
		}
		if err := e.rcv.Shutdown(context.Background()); err != nil {
			t.Fatal(err)
		}
		if n := e.processed(ev.EventID); n[receiver.Updated] != 1 {
			t.Errorf("Shutdown returned with the event in hand not done: %v", n)
		}
		e.agrees(ev.Data.DatasetID)
		late := anEvent(t, e.api, "evt_late")
		body, sig = signed(late)
		if rec := post(e.rcv, body, sig); rec.Code != http.StatusServiceUnavailable {
			t.Errorf("delivery after Shutdown: %d, want 503", rec.Code)
		}
		if s := e.rcv.Snapshot(); s.Received != 1 || s.RejectedTotal() != 0 {
			t.Errorf("snapshot %+v", s)
		}
	})
}

// Ctrl+C: Shutdown gives up when its context ends, with the GET still
// waiting for the budget.
func TestShutdownEndsWithItsContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e := newEnv(t, setup{datasets: 50, rpm: 1}) // one request a minute: the GET waits
		e.sender.Stop()
		for i, id := range []string{"evt_a", "evt_b", "evt_c"} {
			ev := anEvent(t, e.api, id)
			ev.Data.DatasetID = e.api.Datasets()[i].ID
			body, sig := signed(ev)
			post(e.rcv, body, sig)
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		if err := e.rcv.Shutdown(ctx); err == nil {
			t.Error("Shutdown waited for GETs a minute apart")
		}
	})
}

// An event id is remembered for the retention (24 h), far beyond the
// API's retries (about 31 minutes), and forgotten after it.
func TestEventIDsAreForgottenAfterTheRetention(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e := newEnv(t, setup{datasets: 50})
		e.sender.Stop()
		ev := anEvent(t, e.api, "evt_kept")
		body, sig := signed(ev)
		post(e.rcv, body, sig)
		time.Sleep(receiver.DefaultRetention - time.Hour)
		post(e.rcv, body, sig)
		time.Sleep(2*time.Hour + time.Minute) // the hourly pruning has run past the retention
		synctest.Wait()
		post(e.rcv, body, sig)
		time.Sleep(time.Minute)
		synctest.Wait()
		if n := e.processed(ev.EventID); n[receiver.Updated] != 2 || n[receiver.Duplicate] != 1 {
			t.Errorf("outcomes %v: want the retry within a day a duplicate, the delivery after it new", n)
		}
	})
}
