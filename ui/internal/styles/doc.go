// Package styles holds the dashboard's text styles for each theme (dark,
// light, mono for NO_COLOR) and colour profile. Colour is never the only
// signal: every mark is a glyph too (common holds the glyphs).
//
// It imports nothing of dxdash.
package styles
