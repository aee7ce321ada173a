package stats

import (
	"math"
	"strconv"
)

// FormatFigure writes a figure for a file (the stats view's CSV): the
// shortest decimal that reads back as the very same float64 (strconv's
// shortest form, without an exponent), so a spreadsheet or a script gets
// the figure the screen was drawn from: 0.29, never 0.290000; a computed
// 1/3 as 0.3333333333333333. NaN and infinities have no decimal: "" (a
// file's "no value").
func FormatFigure(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}
