package contract_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/dxdash/dxdash/fakeapi"
	"github.com/dxdash/dxdash/fakeapi/contract"
)

// BenchmarkCheck validates fakeapi's answers as the tests' middleware does:
// a 100-item list page, a detail, and a 404 (the shared error responses).
func BenchmarkCheck(b *testing.B) {
	checker, err := contract.Default()
	if err != nil {
		b.Fatal(err)
	}
	cfg := fakeapi.DefaultConfig()
	cfg.ReadPerMinute = 1 << 30
	srv := fakeapi.New(cfg)
	var detail string
	for _, d := range srv.Datasets() {
		if d.IsVerified && d.Status == "complete" {
			detail = d.ID
			break
		}
	}
	for _, tc := range []struct{ name, target string }{
		{"list100", "/api/v1/datasets?limit=100"},
		{"detail", "/api/v1/datasets/" + detail},
		{"notfound", "/api/v1/nowhere"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, tc.target, nil)
			req.Header.Set("Authorization", "Bearer "+fakeapi.DemoKey)
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, req)
			body := rec.Body.Bytes()
			b.ReportAllocs()
			for b.Loop() {
				if err := checker.Check(req, rec.Code, rec.Header(), body); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(body)), "body-bytes")
		})
	}
}
