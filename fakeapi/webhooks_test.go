package fakeapi

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/dxdash/dxdash/client/webhook"
)

// hookLog is a receiver that records every delivery and answers what
// answer says.
type hookLog struct {
	mu     sync.Mutex
	got    []hookHit
	answer func(n int) (status int, wait time.Duration)
}

type hookHit struct {
	at   time.Time
	body []byte
	sig  string
}

func (h *hookLog) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	h.mu.Lock()
	h.got = append(h.got, hookHit{at: time.Now(), body: body, sig: r.Header.Get(webhook.SignatureHeader)})
	n := len(h.got)
	h.mu.Unlock()
	status, wait := http.StatusOK, time.Duration(0)
	if h.answer != nil {
		status, wait = h.answer(n)
	}
	if wait > 0 {
		select {
		case <-time.After(wait):
		case <-r.Context().Done():
			return
		}
	}
	w.WriteHeader(status)
}

func (h *hookLog) hits() []hookHit {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]hookHit(nil), h.got...)
}

var hookSecret = []byte("whsec_fakeapi")

// livingServer is a still corpus whose epoch is the bubble's now: its few
// processing datasets complete 5 to 40 s later.
func livingServer(rates Rates) *Server {
	cfg := DefaultConfig()
	cfg.Epoch = time.Now()
	cfg.Living = rates
	return New(cfg)
}

func startHooks(s *Server, h http.Handler, w Webhooks) *Sender {
	w.URL, w.Secret = "http://receiver.test/hook", hookSecret
	w.Client = &http.Client{Transport: InMemory{Handler: h}}
	return s.StartWebhooks(w)
}

// Every change the reference names is reported once, signed over the raw
// body, in the payload of api-reference Part 2.
func TestWebhooksReportEveryChangeSigned(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		s := livingServer(Rates{ArrivalsPerHour: 120, ReviewsPerHour: 120})
		h := &hookLog{}
		snd := startHooks(s, h, Webhooks{})
		defer snd.Stop()
		time.Sleep(30 * time.Minute)
		synctest.Wait()
		want := map[string]Change{}
		kinds := map[ChangeKind]int{}
		for _, ch := range s.Changes(start, time.Now().Add(-time.Second)) {
			if ev, ok := s.EventFor(ch); ok {
				want[ev.EventID] = ch
				kinds[ch.Kind]++
			}
		}
		if kinds[Completed] == 0 || kinds[Reviewed] == 0 {
			t.Fatalf("changes by kind: %v", kinds)
		}
		seen := map[string]bool{}
		for _, hit := range h.hits() {
			if err := webhook.Verify(hit.body, hit.sig, hookSecret); err != nil {
				t.Fatalf("delivery not signed over its body: %v", err)
			}
			ev, err := webhook.Parse(hit.body)
			if err != nil {
				t.Fatalf("payload %s: %v", hit.body, err)
			}
			if seen[ev.EventID] {
				t.Errorf("%s delivered twice without a fault", ev.EventID)
			}
			seen[ev.EventID] = true
			ch, ok := want[ev.EventID]
			if !ok {
				continue // a change of the last second
			}
			d, _ := s.Dataset(ch.DatasetID)
			wantType, wantStatus := map[ChangeKind]string{Completed: webhook.EventExtractionCompleted, Failed: webhook.EventExtractionFailed,
				Reviewed: webhook.EventMatchingCompleted}[ch.Kind], map[ChangeKind]string{Failed: "failed"}[ch.Kind]
			if wantStatus == "" {
				wantStatus = "complete"
			}
			if ev.Type != wantType || ev.Data.DatasetID != ch.DatasetID || ev.Data.Status != wantStatus || !ev.CreatedAt.Equal(ch.At) {
				t.Errorf("%s reports %+v for %v", ev.EventID, ev, ch)
			}
			if ch.Kind == Reviewed && !d.IsVerified {
				t.Errorf("%s: matching.completed for a dataset not verified", ch.DatasetID)
			}
			if !hit.at.Before(ch.At.Add(2 * time.Second)) {
				t.Errorf("%s delivered %s after the change", ev.EventID, hit.at.Sub(ch.At))
			}
		}
		for id := range want {
			if !seen[id] {
				t.Errorf("%s (%v) never delivered", id, want[id])
			}
		}
		if !bytes.Contains(h.hits()[0].body, []byte(`"data":{"dataset_id":`)) {
			t.Errorf("payload keys: %s", h.hits()[0].body)
		}
	})
}

// A receiver that answers 500, or takes longer than 10 s, gets the same
// body again after 1, 2, 4, 8 and 16 minutes, and no more.
func TestWebhooksRetryWithBackoffThenGiveUp(t *testing.T) {
	for name, answer := range map[string]func(int) (int, time.Duration){
		"500":  func(int) (int, time.Duration) { return http.StatusInternalServerError, 0 },
		"slow": func(int) (int, time.Duration) { return http.StatusOK, 11 * time.Second },
	} {
		t.Run(name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				s := livingServer(Rates{})
				h := &hookLog{answer: answer}
				snd := startHooks(s, h, Webhooks{})
				defer snd.Stop()
				time.Sleep(2 * time.Hour)
				synctest.Wait()
				byID := map[string][]hookHit{}
				for _, hit := range h.hits() {
					ev, _ := webhook.Parse(hit.body)
					byID[ev.EventID] = append(byID[ev.EventID], hit)
				}
				if len(byID) == 0 {
					t.Fatal("nothing delivered")
				}
				for id, hits := range byID {
					if len(hits) != 1+MaxRetries {
						t.Errorf("%s: %d attempts, want %d", id, len(hits), 1+MaxRetries)
						continue
					}
					for i := 1; i < len(hits); i++ {
						gap := hits[i].at.Sub(hits[i-1].at)
						want := RetryBackoff << (i - 1)
						if name == "slow" {
							want += DeliveryTimeout
						}
						if gap < want || gap > want+2*time.Second || !bytes.Equal(hits[i].body, hits[0].body) {
							t.Errorf("%s: retry %d after %s, want %s, same body %v", id, i, gap, want, bytes.Equal(hits[i].body, hits[0].body))
						}
					}
				}
				if st := snd.Stats(); st.GaveUp != len(byID) || st.Delivered != 0 || snd.Pending() != 0 {
					t.Errorf("stats %+v, %d pending", st, snd.Pending())
				}
			})
		})
	}
}

// Faults: every event dropped, or duplicated, or delayed, or reordered.
func TestWebhookFaults(t *testing.T) {
	for _, kind := range []DeliveryFault{FaultDrop, FaultDuplicate, FaultDelay, FaultReorder} {
		synctest.Test(t, func(t *testing.T) {
			start := time.Now()
			s := livingServer(Rates{ArrivalsPerHour: 600, ReviewsPerHour: 600})
			h := &hookLog{}
			snd := startHooks(s, h, Webhooks{Faults: 1, FaultKinds: []DeliveryFault{kind}})
			defer snd.Stop()
			time.Sleep(10 * time.Minute)
			snd.Stop()
			var order []string
			for _, ch := range s.Changes(start, time.Now()) {
				if ev, ok := s.EventFor(ch); ok {
					order = append(order, ev.EventID)
				}
			}
			var got []string
			for _, hit := range h.hits() {
				ev, _ := webhook.Parse(hit.body)
				got = append(got, ev.EventID)
			}
			st := snd.Stats()
			switch kind {
			case FaultDrop:
				if len(got) != 0 || st.Dropped != len(order) {
					t.Errorf("drop: %d delivered, stats %+v", len(got), st)
				}
			case FaultDuplicate:
				if len(got) < 2*len(order)-2 || st.Duplicated != len(order) {
					t.Errorf("duplicate: %d deliveries of %d events", len(got), len(order))
				}
			case FaultDelay, FaultReorder:
				if strings.Join(got, ",") == strings.Join(order[:len(got)], ",") || st.Delayed+st.Reordered == 0 {
					t.Errorf("%d: delivered in the order of the changes", kind)
				}
			}
		})
	}
}
