// Package stats computes accuracy analytics over reviewed datasets: how
// each field name fares, accuracy by customer and by dataset type (with a
// weekly series), how well confidence predicts correctness (calibration),
// what a confidence threshold for auto-accepting fields would let through,
// and which fields were wrong despite a high confidence.
//
// The fields are package review's: its join, its verdicts, its rule for
// confidently wrong. Everything here is a pure function of the datasets (as
// GET /datasets/{id} returns them) and a threshold: no I/O, no clock, no
// terminal. The datasets' strings are returned as the server sent them;
// whoever shows them sanitizes them.
//
// It may import client, match and review; it knows nothing of terminals.
package stats
