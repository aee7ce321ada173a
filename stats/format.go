package stats

import (
	"math"
	"strconv"
	"strings"
)

// FormatFigure writes a figure computed here (a mean, a share, a
// difference: the stats export) for a file: the shortest decimal that
// reads back as the figure to the 15 significant digits float64 carries
// exactly. Past them is float noise: 1 − 0.71 is written 0.29, not
// 0.29000000000000004. Any decimal of 15 significant digits or fewer reads
// back to the very float64 it was parsed from, so an input figure (a
// confidence of 0.29, a threshold of 0.85) comes back as it was. NaN and
// infinities have no decimal: "" (a file's "no value").
//
// A server's own numbers are exported as sent instead, every digit (the
// export command's strconv 'f' -1), so that they read back bit for bit.
func FormatFigure(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	exact := strconv.FormatFloat(v, 'f', -1, 64)
	short := strconv.FormatFloat(v, 'g', 15, 64)
	if strings.ContainsAny(short, "e") {
		return exact // very large or very small: keep every digit, no exponent
	}
	if f, err := strconv.ParseFloat(short, 64); err == nil {
		short = strconv.FormatFloat(f, 'f', -1, 64) // 'g' keeps no trailing zeros, but be sure
	}
	if len(short) < len(exact) {
		return short
	}
	return exact
}
