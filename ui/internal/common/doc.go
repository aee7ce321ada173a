// Package common is what the dashboard's views share with each other and
// with the root: the View interface and the optional ones the root asks
// (ViewOpener, TextCapturer, Identified), the Context every view reads
// (the API, the options, the clock, the styles, the latest budget, the
// cache of datasets fetched in full), the messages that cross between
// views and the root, the commands that make requests, the move keys, the
// Row a list item is reduced to, the Catalog interface the local store is
// seen through (catalog.go), and formatting (glyphs, gauges, fitting
// lines to a width).
//
// It may import client, termtext and ui/internal/styles; it never imports
// a view package, so every view can import it.
package common
