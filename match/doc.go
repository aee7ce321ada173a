// Package match is the API contract's value normalisation: when an extracted
// value equals its ground truth. api-reference Part 2 scores a field 1.0 "for
// a match after normalisation (case and white space folded; dates and
// amounts compared as values)"; this package holds those readings so that
// the embedded API's scorer (fakeapi) and the dashboard's explainer (ui)
// apply one set of rules.
//
// The two callers do not want quite the same thing. The scorer computes the
// numbers the embedded API reports, so it reads values the contract's way:
// ParseDate, ParseAmount, ParseBool. The explainer must also account for
// matches made by the real server, which may accept more formats, so it
// reads a little more: ParseDateLenient, ParseAmountLenient. Where the two
// differ the function's name says so, and the tests pin each difference.
// Explain is the explainer itself: which rule makes two different texts
// equal, worded for a note beside the match.
//
// The package imports nothing of ours.
package match
