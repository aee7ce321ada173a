// Package statsview is the accuracy analytics view over the rows of the
// list it opens on (through statsSource, which it declares): it fetches
// the verified, complete datasets it lacks, one at a time, and shows the
// stats package's figures in five modes (per field, by customer or type,
// calibration, what-if, confidently wrong), with drill-down and CSV export.
//
// It may import common, styles, client, termtext and stats; no other view.
package statsview
