package contract_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/dxdash/dxdash/fakeapi"
	"github.com/dxdash/dxdash/fakeapi/contract"
)

// The middleware passes fakeapi's answers and catches one that strays.
func TestHandlerCatchesAStrayResponse(t *testing.T) {
	checker, err := contract.Default()
	if err != nil {
		t.Fatal(err)
	}
	stray := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Request-Id", "req_1")
		_, _ = w.Write([]byte(`{"data": [{"id": 7}], "next_cursor": null}`))
	})
	for _, tc := range []struct {
		name   string
		h      http.Handler
		strays bool
	}{
		{"fakeapi", fakeapi.New(fakeapi.DefaultConfig()), false},
		{"a page whose id is a number", stray, true},
	} {
		var violations []error
		h := contract.Handler(checker, tc.h, func(err error) { violations = append(violations, err) })
		req := httptest.NewRequest(http.MethodGet, "/api/v1/datasets?limit=3", nil)
		req.Header.Set("Authorization", "Bearer "+fakeapi.DemoKey)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Errorf("%s: status %d passed on as %d", tc.name, http.StatusOK, rec.Code)
		}
		if got := len(violations) > 0; got != tc.strays {
			t.Errorf("%s: violations %v, want strays=%v", tc.name, violations, tc.strays)
		}
	}
}
