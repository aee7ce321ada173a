package common

import (
	"fmt"
	"math"
	"strings"
	"time"

	"charm.land/bubbles/v2/spinner"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/dxdash/dxdash/ui/internal/styles"
)

// Small formatting helpers shared by the views. None of them sees server
// text: that goes through termtext first.

// SpinnerFrames are one cell wide. The frame shown is a function of the
// clock, not a counter: the root's tick only asks for a redraw, and a fixed
// clock (tests, golden screens) always shows the same frame.
var SpinnerFrames = func() []string {
	frames := make([]string, len(spinner.Dot.Frames))
	for i, f := range spinner.Dot.Frames {
		frames[i] = strings.TrimSpace(f)
	}
	return frames
}()

// SpinnerInterval is how often a spinner moves.
var SpinnerInterval = spinner.Dot.FPS

func spinnerFrameAt(now time.Time) int {
	n := int64(len(SpinnerFrames))
	return int((now.UnixNano()/int64(SpinnerInterval)%n + n) % n)
}

// Glyphs that carry meaning without colour.
const (
	GlyphMatch    = "✓"
	GlyphMismatch = "✗"
	GlyphPartial  = "~"
	GlyphNull     = "∅"
	GlyphInvalid  = "⚠" // a server's number outside its range
	GlyphLow      = "▼"
	GlyphMedium   = "▽"
	GlyphBlocked  = "⏸"
	GlyphNone     = "—"
	GlyphCheck    = "⚑" // a consistency check failed over it
	GlyphNo       = "·"
	GlyphInFlight = "⇅"
	GlyphFrees    = "⟳"
	GlyphSelected = "▌"
	GlyphChanged  = "•" // new or changed since the last session
	gaugeFull     = "▮"
	gaugeEmpty    = "▯"
)

// Gauge draws fraction (0–1) as cells ▮ and ▯.
func Gauge(fraction float64, cells int) string {
	if cells <= 0 {
		return ""
	}
	fraction = min(max(fraction, 0), 1)
	full := int(math.Round(fraction * float64(cells)))
	return strings.Repeat(gaugeFull, full) + strings.Repeat(gaugeEmpty, cells-full)
}

// InvalidText stands for a server's number outside its range (an accuracy
// of 1.7, a confidence of -3.5): never a bar or a percentage that looks
// real.
const InvalidText = GlyphInvalid + " invalid"

// Percent formats a fraction as "60.0%".
func Percent(fraction float64) string {
	return fmt.Sprintf("%.1f%%", fraction*100)
}

// Countdown formats a duration still to wait, rounded up to the second, as
// a person reads it: "12s", "1m05s".
func Countdown(d time.Duration) string {
	secs := int(math.Ceil(d.Seconds()))
	if secs < 60 {
		return fmt.Sprintf("%ds", secs)
	}
	return fmt.Sprintf("%dm%02ds", secs/60, secs%60)
}

// FitLine cuts a styled line to width cells and pads it to exactly width,
// so every line a view returns is as wide as the screen and no wider.
func FitLine(line string, width int) string {
	if width <= 0 {
		return ""
	}
	w := ansi.StringWidth(line)
	if w > width {
		line = ansi.Truncate(line, width, "…")
		w = ansi.StringWidth(line)
	}
	if w < width {
		line += strings.Repeat(" ", width-w)
	}
	return line
}

// FitLines makes lines exactly height lines of width cells: cut, or padded
// with blank lines.
func FitLines(lines []string, width, height int) string {
	if height <= 0 {
		return ""
	}
	if len(lines) > height {
		lines = lines[:height]
	}
	var b strings.Builder
	for i := range height {
		if i > 0 {
			b.WriteByte('\n')
		}
		if i < len(lines) {
			b.WriteString(FitLine(lines[i], width))
		} else {
			b.WriteString(strings.Repeat(" ", max(width, 0)))
		}
	}
	return b.String()
}

// JoinRight puts right at the right edge of a width-cell line, after left;
// when both do not fit, left is cut first, then right.
func JoinRight(left, right string, width int) string {
	rw := ansi.StringWidth(right)
	if rw >= width {
		return FitLine(right, width)
	}
	return FitLine(left, width-rw-1) + " " + right
}

func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// The list's row layout, which the detail's tables share.
const (
	GutterWidth = 1 // the selected row's ▌
	ColumnGap   = "  "
)

// LevelStyle picks the style for a score by the thresholds: low, medium or
// good.
func LevelStyle(st *styles.Styles, score float64, t Thresholds) lipgloss.Style {
	switch {
	case score < t.Low:
		return st.Low
	case score < t.Medium:
		return st.Medium
	default:
		return st.Good
	}
}
