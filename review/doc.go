// Package review is the review domain: the one join of a dataset's
// extracted fields, its line items and its ground truth into a field per
// name, each with its score, its verdict and its confidence flags. The
// detail view, the stats, the export and the embedded API's scorer all read
// a dataset through it, so they agree on what a field is and how it did.
//
// The join (Join, Joiner):
//
//   - A field is named by its key, the name ground_truth and
//     accuracy.field_scores use: a header field's own name, or
//     "line_items[<index>].<name>" for a line-item cell (LineItemKey,
//     ParseLineItemKey).
//   - Fields come in the order of the answer: the header fields, then the
//     line items' cells item by item, then the ground truth that nothing was
//     extracted for, in the ground truth's order.
//   - A key given twice keeps its first occurrence, whether the extraction
//     lists a field twice or the ground truth names one twice. The contract
//     (api-reference Part 2) makes no key unique but field_scores, a JSON
//     object; "first wins" is what the detail view, the stats and the
//     export have always done, and the embedded API's scorer now does too.
//     The keys dropped are reported (Joiner.Repeated, Review.Repeated).
//
// The verdict (Verdict, Judge) needs a score: a field the server did not
// score is NotReviewed, never wrong. The confidence flags (Thresholds) need
// the extraction: a field only in the ground truth has no confidence.
//
// The consistency checks (CheckDataset, Checker) read one dataset's
// extracted values, with no ground truth: its arithmetic, dates, currency,
// the fields its type always carries and the shape of its vendor's
// identifiers. The last two need the other datasets, through a Profile the
// caller builds from the datasets it holds (ProfileBuilder). Each result
// names the fields it read and shows its working; a check without its
// inputs is NotChecked, never Passed.
//
// Everything here is plain data and pure functions: no I/O, no terminal.
// Strings are as the server sent them; whoever shows them sanitizes them.
package review
