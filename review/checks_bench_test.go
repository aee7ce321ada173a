package review_test

import (
	"runtime"
	"testing"

	"github.com/dxdash/dxdash/review"
)

// Every check over 10 000 datasets of the demo corpus, with their profile
// at hand (built once per corpus: BenchmarkProfile10000). Goal: < 50 ms.
func BenchmarkChecks10000(b *testing.B) {
	ds := demoDetails(10_000)
	p := review.BuildProfile(ds)
	runtime.GC() // the corpus's decoding is not the checks' garbage
	failed := 0
	var ck review.Checker
	start := cpuTime()
	for b.Loop() {
		failed = 0
		for i := range ds {
			failed += review.Failures(ck.Check(&ds[i], p))
		}
	}
	b.ReportMetric(float64(failed), "failures")
	// CPU time as well as wall time: the goal is about the work, and a
	// loaded machine stretches the wall clock.
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N)/1e6, "cpu-ms/op")
}

// The profile of 10 000 datasets, built from nothing.
func BenchmarkProfile10000(b *testing.B) {
	ds := demoDetails(10_000)
	runtime.GC()
	start := cpuTime()
	for b.Loop() {
		review.BuildProfile(ds)
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N)/1e6, "cpu-ms/op")
}
