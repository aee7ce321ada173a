package match

import (
	"math"
	"testing"
)

func TestParseAmount(t *testing.T) {
	type reading struct {
		value float64
		ok    bool
	}
	no := reading{}
	n := func(f float64) reading { return reading{f, true} }
	for _, tc := range []struct {
		in              string
		strict, lenient reading
	}{
		{"1234.5", n(1234.5), n(1234.5)},
		{"1,234.50", n(1234.5), n(1234.5)},
		{"$1,234.50", n(1234.5), n(1234.5)},
		{"$ 1,234.50", n(1234.5), n(1234.5)},
		{"  €12", n(12), n(12)},
		{"1234.50 EUR", n(1234.5), n(1234.5)},
		{"1234.50 eur", n(1234.5), n(1234.5)}, // folded text, as the scorer passes it
		{"EUR 12", n(12), n(12)},
		{"usd 12", n(12), n(12)},
		{"-12", n(-12), n(-12)},
		{"12.0", n(12), n(12)},
		{"75", n(75), n(75)},
		{"1,2,3.4", n(123.4), n(123.4)}, // a comma is never a decimal point here
		{"12,3", n(123), n(123)},
		// Letters make no number: an OCR "l" for "1" is a wrong amount.
		{"l230.00", no, no},
		{"12 e1r", no, no},
		{"EURO 12", no, no},
		{"", no, no},
		{"$", no, no},
		// Only the lenient reading takes a symbol after the amount ...
		{"12.50 €", no, n(12.5)},
		{"12.50$", no, n(12.5)},
		// ... and the European "1.234,50", which the contract's reading
		// takes for 1.2345 ...
		{"1.234,50", n(1.2345), n(1234.5)},
		{"EUR 1.234,5", n(1.2345), n(1234.5)},
		{"1.234.567,8", no, n(1234567.8)},
		// ... and refuses infinity and NaN, which the contract's reading,
		// as strconv.ParseFloat, lets through.
		{"inf", n(math.Inf(1)), no},
		{"-Inf", n(math.Inf(-1)), no},
		{"1e400", no, no},
	} {
		check := func(name string, parse func(string) (float64, bool), want reading) {
			t.Helper()
			got, ok := parse(tc.in)
			if ok != want.ok || (ok && got != want.value) {
				t.Errorf("%s(%q) = %v, %v; want %v, %v", name, tc.in, got, ok, want.value, want.ok)
			}
		}
		check("ParseAmount", ParseAmount, tc.strict)
		check("ParseAmountLenient", ParseAmountLenient, tc.lenient)
	}
	if f, ok := ParseAmount("nan"); !ok || !math.IsNaN(f) {
		t.Errorf(`ParseAmount("nan") = %v, %v; want NaN, true (NaN equals nothing, so it never scores)`, f, ok)
	}
	if f, ok := ParseAmountLenient("NaN"); ok {
		t.Errorf(`ParseAmountLenient("NaN") = %v, true; want no number`, f)
	}
}
