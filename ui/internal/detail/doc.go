// Package detail is one dataset reviewed: every field and line-item cell
// against its ground truth and score (review.go joins them once, on
// arrival), sorted problems first, filtered to mismatches, walked with n/N
// (across datasets, through the navigator the opener hands over), with the
// full value, a page map of the bounding boxes, and copy (OSC 52).
//
// It may import common, styles, client, termtext and match; it imports no
// other view. The root builds it for a common.OpenDatasetMsg.
package detail
