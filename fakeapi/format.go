package fakeapi

import (
	"strconv"
	"time"
)

// How values are written: canonical forms for the ground truth (what a
// reviewer keys in) and printed forms for what a page shows.

// canonicalCents writes an amount in minor units as "1230.00".
func canonicalCents(cents int64) string {
	return string(appendCents(nil, cents, false))
}

// printedCents writes an amount as invoices print it: "1,230.00".
func printedCents(cents int64) string {
	return string(appendCents(nil, cents, true))
}

func appendCents(b []byte, cents int64, thousands bool) []byte {
	if cents < 0 {
		b = append(b, '-')
		cents = -cents
	}
	units := cents / 100
	if thousands {
		b = appendGrouped(b, units)
	} else {
		b = strconv.AppendInt(b, units, 10)
	}
	b = append(b, '.')
	frac := cents % 100
	if frac < 10 {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, frac, 10)
}

// appendGrouped writes n with a comma between groups of three digits.
func appendGrouped(b []byte, n int64) []byte {
	if n < 1000 {
		return strconv.AppendInt(b, n, 10)
	}
	b = appendGrouped(b, n/1000)
	r := n % 1000
	b = append(b, ',')
	if r < 100 {
		b = append(b, '0')
	}
	if r < 10 {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, r, 10)
}

// canonicalTenths writes a quantity kept in tenths: "12" or "7.5".
func canonicalTenths(tenths int) string {
	if tenths%10 == 0 {
		return strconv.Itoa(tenths / 10)
	}
	return strconv.Itoa(tenths/10) + "." + strconv.Itoa(tenths%10)
}

// printedTenths writes a fractional quantity as a page prints it: "12.0".
func printedTenths(tenths int) string {
	return strconv.Itoa(tenths/10) + "." + strconv.Itoa(tenths%10)
}

// canonicalRate writes a tax rate in basis points as a percentage: "19" or "8.25".
func canonicalRate(bp int) string {
	s := strconv.Itoa(bp / 100)
	switch frac := bp % 100; {
	case frac == 0:
		return s
	case frac%10 == 0:
		return s + "." + strconv.Itoa(frac/10)
	case frac < 10:
		return s + ".0" + strconv.Itoa(frac)
	default:
		return s + "." + strconv.Itoa(frac)
	}
}

const isoDate = "2006-01-02"

func printedDate(t time.Time, style dateStyle) string {
	switch style {
	case dateUS:
		return t.Format("01/02/2006")
	case dateDotted:
		return t.Format("02.01.2006")
	case dateLong:
		return t.Format("2 Jan 2006")
	default:
		return t.Format(isoDate)
	}
}

// rfc3339 writes a timestamp the way the API does: UTC, whole seconds.
func rfc3339(unix int64) string {
	return time.Unix(unix, 0).UTC().Format(time.RFC3339)
}

// fillDigits expands a number format: 'Y' is the four-digit year, 'y' the
// two-digit year, '#' a digit of seq (most significant first, zero padded).
func fillDigits(format string, year int, seq int) string {
	digits := 0
	for i := range len(format) {
		if format[i] == '#' {
			digits++
		}
	}
	seqText := strconv.Itoa(seq)
	for len(seqText) < digits {
		seqText = "0" + seqText
	}
	seqText = seqText[len(seqText)-digits:]
	out := make([]byte, 0, len(format)+4)
	next := 0
	for i := range len(format) {
		switch c := format[i]; c {
		case 'Y':
			out = strconv.AppendInt(out, int64(year), 10)
		case 'y':
			out = append(out, byte('0'+year/10%10), byte('0'+year%10))
		case '#':
			out = append(out, seqText[next])
			next++
		default:
			out = append(out, c)
		}
	}
	return string(out)
}
