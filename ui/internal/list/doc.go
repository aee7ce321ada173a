// Package list is the dataset list: rows paged in lazily from the server
// (one generation per walk, stale answers dropped), sorted, rendered from a
// cache keyed by row version and width so a cursor move repaints one line,
// with processing rows on screen polled within the budget. The search (a
// list of results per query and filters, cached for the session) and the
// quick filter (fuzzy over the rows loaded) open over it and live here too.
//
// It may import common, styles, client, termtext, and the views it opens:
// filter (f) and statsview (S). Nothing imports it but the root.
package list
