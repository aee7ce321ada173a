package common

// listProgress is how far a list has got through the pages on the server.
type Progress struct {
	Started  bool // the first page has arrived
	Loading  bool // a page is on its way
	Complete bool // the last page has arrived
	Failed   bool // the last request failed; r in the list retries it
}
