package fakeapi

import (
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"testing"

	"github.com/dxdash/dxdash/client"
)

// Targets (issue 3): a 100 000-dataset corpus in under 2 s and 500 MB; a
// 100-item list page in under 1 ms; a detail in under 200 µs.

func BenchmarkBuildCorpus100k(b *testing.B) {
	const n = 100_000
	b.ReportAllocs()
	var before, after runtime.MemStats
	var c *corpus
	for b.Loop() {
		c = nil
		runtime.GC()
		runtime.ReadMemStats(&before)
		c = buildCorpus(DefaultSeed, n, DefaultEpoch, Rates{})
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "retained-MB")
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/n, "retained-B/dataset")
	runtime.KeepAlive(c)
}

// discardWriter is a ResponseWriter that only counts: a benchmark measures
// the server, not a recorder copying the body.
type discardWriter struct {
	header http.Header
	status int
	bytes  int
}

func (w *discardWriter) Header() http.Header         { return w.header }
func (w *discardWriter) WriteHeader(status int)      { w.status = status }
func (w *discardWriter) Write(p []byte) (int, error) { w.bytes += len(p); return len(p), nil }

func benchmarkRequest(b *testing.B, srv *Server, target string) {
	req := httptest.NewRequest(http.MethodGet, target, nil)
	req.Header.Set("Authorization", "Bearer "+DemoKey)
	b.ReportAllocs()
	var w discardWriter
	for b.Loop() {
		w = discardWriter{header: http.Header{}}
		srv.ServeHTTP(&w, req)
		if w.status != http.StatusOK {
			b.Fatalf("%s: status %d", target, w.status)
		}
	}
	b.ReportMetric(float64(w.bytes), "body-bytes")
}

func benchServer(count int) *Server {
	cfg := DefaultConfig()
	cfg.DatasetCount, cfg.ReadPerMinute = count, unlimited
	return New(cfg)
}

func BenchmarkListPage100(b *testing.B) {
	benchmarkRequest(b, benchServer(DefaultDatasetCount), datasetsPath+"?limit=100")
}

func BenchmarkListPage100Filtered100k(b *testing.B) {
	benchmarkRequest(b, benchServer(100_000), datasetsPath+"?limit=100&customer_id=cus_initech&is_verified=true")
}

// A rare search term scans every record's values.
func BenchmarkSearch100k(b *testing.B) {
	benchmarkRequest(b, benchServer(100_000), datasetsPath+"?limit=100&search=quokka")
}

// BenchmarkGetDataset fetches a verified detail of median size and the
// largest one, the worst case.
func BenchmarkGetDataset(b *testing.B) {
	srv := benchServer(DefaultDatasetCount)
	var verified []client.Dataset
	for _, d := range srv.Datasets() {
		if d.IsVerified {
			verified = append(verified, d)
		}
	}
	slices.SortFunc(verified, func(x, y client.Dataset) int { return *x.FieldCount - *y.FieldCount })
	for name, d := range map[string]client.Dataset{"median": verified[len(verified)/2], "largest": verified[len(verified)-1]} {
		b.Run(name, func(b *testing.B) {
			benchmarkRequest(b, srv, datasetPathPrefix+d.ID)
			b.ReportMetric(float64(*d.FieldCount), "fields")
		})
	}
}
