package match

import (
	"math"
	"strconv"
	"strings"
)

// currencySymbols may stand before an amount ("$1,234.50").
const currencySymbols = "$€£¥"

// ParseAmount reads an amount or number the contract's way: "1,234.50",
// "$1,234.50", "1234.5 EUR", "EUR 12" or "-12". Commas group thousands.
// Any other letter makes it no number at all: an OCR "l" for "1" is a wrong
// amount, not a different one. strconv.ParseFloat has the last word, so
// "inf" reads as infinity (the scorer has always let it).
func ParseAmount(s string) (float64, bool) {
	s = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(s), currencySymbols))
	s = withoutCurrencyCode(s)
	f, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	return f, err == nil
}

// ParseAmountLenient is ParseAmount for text a real server may have
// matched: it also takes a symbol after the amount ("12.50 €") and the
// European "1.234,50", where the comma is the last separator and a dot
// comes before it; it never reads infinity or NaN as a number.
func ParseAmountLenient(s string) (float64, bool) {
	s = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(s), currencySymbols))
	s = strings.TrimSpace(strings.TrimRight(s, currencySymbols))
	s = withoutCurrencyCode(s)
	if strings.LastIndexByte(s, ',') > strings.LastIndexByte(s, '.') && strings.Contains(s, ".") {
		s = strings.ReplaceAll(s, ".", "")
		s = strings.Replace(s, ",", ".", 1)
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// withoutCurrencyCode drops a three-letter code set off by a space before
// or after the amount: "EUR 12" and "12 eur" are both 12.
func withoutCurrencyCode(s string) string {
	n := len(s)
	switch {
	case n > 4 && s[3] == ' ' && isASCIILetters(s[:3]):
		return s[4:]
	case n > 4 && s[n-4] == ' ' && isASCIILetters(s[n-3:]):
		return s[:n-4]
	}
	return s
}

func isASCIILetters(s string) bool {
	for i := range len(s) {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}
