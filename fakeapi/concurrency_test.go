package fakeapi

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

func TestConcurrentRequestsShareOneBudget(t *testing.T) {
	h := newHarness(t, func(c *Config) {
		c.ReadPerMinute = 100
		c.FaultRate = 0.2
		c.FaultKinds = []FaultKind{FaultServerError, FaultTruncatedBody}
	})
	ids := ids(h.srv.Datasets())
	type exchange struct {
		req *http.Request
		rec *httptest.ResponseRecorder
	}
	const workers, each = 8, 50
	results := make([][]exchange, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				target := datasetsPath + "?limit=3"
				if i%2 == 1 {
					target = datasetPathPrefix + ids[(w*each+i)%len(ids)]
				}
				req := httptest.NewRequest(http.MethodGet, target, nil)
				req.Header.Set("Authorization", "Bearer "+DemoKey)
				rec := httptest.NewRecorder()
				h.srv.ServeHTTP(rec, req)
				results[w] = append(results[w], exchange{req, rec})
			}
		})
	}
	wg.Wait()

	statuses := map[int]int{}
	for _, worker := range results {
		for _, x := range worker {
			statuses[x.rec.Code]++
			truncated := x.rec.Code == http.StatusOK && x.rec.Body.Bytes()[x.rec.Body.Len()-1] != '\n'
			if truncated {
				continue // an injected fault: not the document's JSON
			}
			if err := contractFor(t).Check(x.req, x.rec.Code, x.rec.Header(), x.rec.Body.Bytes()); err != nil {
				t.Errorf("contract violation: %v", err)
			}
		}
	}
	// All at one instant: exactly the limit gets through, faults or not.
	if admitted := statuses[http.StatusOK] + statuses[http.StatusInternalServerError]; admitted != 100 {
		t.Errorf("statuses %v: %d admitted, want exactly 100", statuses, admitted)
	}
	counts := h.srv.Requests()
	if counts.Total != workers*each || counts.RateLimited != statuses[http.StatusTooManyRequests] || counts.List+counts.Get != workers*each {
		t.Errorf("counts %+v, statuses %v", counts, statuses)
	}
	if statuses[http.StatusInternalServerError] == 0 || counts.Faults < statuses[http.StatusInternalServerError] {
		t.Errorf("no faults at rate 0.2: %v %+v", statuses, counts)
	}
}
