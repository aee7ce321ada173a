package ui

import "github.com/dxdash/dxdash/client"

// Messages that cross between commands, views and the root model. Every
// answer to a request carries who asked (a view instance id) and, for
// lists, the generation that asked, so an answer nobody is waiting for any
// more is recognised and dropped.

// budgetCarrier is an answer that brings the budget as it stood when the
// answer arrived, so the status bar is right even without a BudgetFeed.
type budgetCarrier interface{ budgetSnapshot() client.Budget }

// datasetMsg is the answer to GetDataset.
type datasetMsg struct {
	owner  int    // the view instance that asked
	id     string // the id asked for
	ds     client.Dataset
	err    error
	budget client.Budget
}

func (m datasetMsg) budgetSnapshot() client.Budget { return m.budget }

// openDatasetMsg asks the root to open a dataset in the detail view.
type openDatasetMsg struct {
	id      string
	summary row // what the list already knows, shown while the detail loads
	// highlight marks the fields whose value contains it: the search
	// query a dataset was found by ("" for none).
	highlight string
	// entry says where to land (a field, the first or last field to
	// review) and what comes next in the list (detailnav.go).
	entry detailEntry
	// replaces is the detail view (by id) this one takes the place of, when
	// n or N crosses to the next dataset; 0 opens on top.
	replaces int
}

// errorMsg reports a failure for the status bar's error line, or the 401
// screen. source names the operation, so a later success can clear it.
type errorMsg struct {
	source string
	err    error
	hint   string // what the user can do, e.g. "r to retry"
}

// errorResolvedMsg says the operation behind source succeeded: its error
// line, if still shown, is out of date.
type errorResolvedMsg struct{ source string }

// dismissErrorMsg clears the status bar's error line (esc in the list).
type dismissErrorMsg struct{}

// datasetNavigator gives the dataset before (dir -1) or after (dir 1) the
// one with id, in the order of the list a detail was opened from.
type datasetNavigator interface {
	neighbour(id string, dir int) (row, bool)
}

// detailEntry says where a detail lands once its dataset is shown.
type detailEntry struct {
	field  string           // select this field key ("" for none): the stats view's enter
	review int              // 1: the first row that needs review; -1: the last; 0: neither
	nav    datasetNavigator // nil: n and N stay within the table shown
	// skipped counts the datasets passed over on the way here because
	// nothing in them needed review.
	skipped int
}
