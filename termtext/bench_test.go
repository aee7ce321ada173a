package termtext

import (
	"strings"
	"testing"
)

// Both inputs are 100 bytes: a typical document name or field value.
var (
	cleanInput = strings.Repeat("northwind-invoice-2026-0412.pdf ", 4)[:100]
	dirtyInput = ("\x1b]0;t\x07inv\u202eoice\x1b[31m-2026\x1b[0m\r\n\xff" +
		strings.Repeat("total_amount ", 8))[:100]
)

func BenchmarkSanitizeClean(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Sanitize(cleanInput)
	}
}

func BenchmarkSanitizeDirty(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Sanitize(dirtyInput)
	}
}

func BenchmarkFit(b *testing.B) {
	b.Run("ascii cut", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			Fit(cleanInput, 32)
		}
	})
	b.Run("ascii pad", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			Fit("ds_8f3k2j9q", 16)
		}
	})
	b.Run("wide cut", func(b *testing.B) {
		wide := strings.Repeat("請求書👩\u200d👩\u200d👧e\u0301", 10)
		b.ReportAllocs()
		for b.Loop() {
			Fit(wide, 32)
		}
	})
}
