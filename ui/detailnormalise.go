package ui

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// The server scores a field 1.0 when the extracted value equals the ground
// truth after normalisation (api-reference Part 2). The dashboard never
// re-scores; it only needs to tell a reviewer why two different-looking
// texts count as equal, so a match that is not identical says how it was
// normalised. The rules here mirror the contract's: case and white space
// folded, amounts and numbers compared as numbers, dates as dates.

// equivalence is how an extracted text relates to its ground truth.
type equivalence int

const (
	eqIdentical   equivalence = iota // byte for byte
	eqFolded                         // equal once case and white space are folded
	eqNumber                         // the same amount or number
	eqDate                           // the same day
	eqBoolean                        // the same yes or no
	eqUnexplained                    // not equal by any rule known here
)

// compareValues tells how got relates to want for a field of type typ.
// Numbers, dates and booleans are tried whatever the type: the server's
// type can be "string" for a value that is plainly an amount.
func compareValues(typ, got, want string) equivalence {
	switch {
	case got == want:
		return eqIdentical
	case foldText(got) == foldText(want):
		return eqFolded
	}
	try := []equivalence{eqNumber, eqDate, eqBoolean}
	switch typ {
	case "date":
		try = []equivalence{eqDate}
	case "amount", "number":
		try = []equivalence{eqNumber}
	case "boolean":
		try = []equivalence{eqBoolean}
	}
	for _, eq := range try {
		if sameAs(eq, got, want) {
			return eq
		}
	}
	return eqUnexplained
}

func sameAs(eq equivalence, got, want string) bool {
	switch eq {
	case eqNumber:
		g, okG := parseNumber(got)
		w, okW := parseNumber(want)
		return okG && okW && g == w
	case eqDate:
		g, okG := parseDate(got)
		w, okW := parseDate(want)
		return okG && okW && g.Equal(w)
	case eqBoolean:
		g, okG := parseBoolean(got)
		w, okW := parseBoolean(want)
		return okG && okW && g == w
	}
	return false
}

// how words an equivalence for the normalisation note.
func (eq equivalence) how() string {
	switch eq {
	case eqFolded:
		return "case and spacing"
	case eqNumber:
		return "as numbers"
	case eqDate:
		return "as dates"
	case eqBoolean:
		return "as yes/no"
	}
	return "by the server's rules"
}

// normalisationNote explains a match whose texts differ, from texts that
// are already sanitized: "≈ normalised: 1,234.50 = 1234.5 (as numbers)".
// It is "" when the texts are identical.
func normalisationNote(typ, got, want string) string {
	eq := compareValues(typ, got, want)
	if eq == eqIdentical {
		return ""
	}
	return "≈ normalised: " + got + " = " + want + " (" + eq.how() + ")"
}

// foldText lowers the case and collapses each run of white space to one
// space, trimming the ends.
func foldText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range strings.TrimSpace(s) {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// parseNumber reads "1,234.50", "$1,234.50", "1234.5 EUR", "EUR 12" or
// "-12" as a number. Commas group thousands, except in the European
// "1.234,50", where the comma is the last separator and a dot comes before it.
func parseNumber(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimSpace(strings.TrimLeft(s, "$€£¥"))
	s = strings.TrimSpace(strings.TrimRight(s, "$€£¥"))
	if n := len(s); n > 4 && s[3] == ' ' && isCurrencyCode(s[:3]) {
		s = s[4:]
	} else if n > 4 && s[n-4] == ' ' && isCurrencyCode(s[n-3:]) {
		s = s[:n-4]
	}
	if strings.LastIndexByte(s, ',') > strings.LastIndexByte(s, '.') && strings.Contains(s, ".") {
		s = strings.ReplaceAll(s, ".", "")
		s = strings.Replace(s, ",", ".", 1)
	}
	s = strings.ReplaceAll(s, ",", "")
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

func isCurrencyCode(s string) bool {
	for i := range len(s) {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// dateLayouts are the ways documents and extractors write a day. Slashes
// read month first, as the server reads them.
var dateLayouts = []string{
	"2006-01-02", "01/02/2006", "02.01.2006", "2006/01/02", "2006.01.02",
	"2 Jan 2006", "Jan 2, 2006", "Jan 2 2006", "2 January 2006", "January 2, 2006",
	"02-Jan-2006", time.RFC3339,
}

// parseDate reads any of dateLayouts, in any case, as a day.
func parseDate(s string) (time.Time, bool) {
	s = strings.Join(strings.Fields(s), " ")
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			y, m, d := t.Date()
			return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), true
		}
	}
	return time.Time{}, false
}

func parseBoolean(s string) (bool, bool) {
	switch foldText(s) {
	case "true", "yes", "y", "1":
		return true, true
	case "false", "no", "n", "0":
		return false, true
	}
	return false, false
}
