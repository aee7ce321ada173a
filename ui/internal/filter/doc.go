// Package filter is the filter panel drawn over a list: customer typed
// with suggestions from the rows seen, the dataset type and is_verified
// chosen. Enter hands the filters to the function its opener gave; esc
// leaves everything as it was.
//
// It may import common, styles, client and termtext; no other view.
package filter
