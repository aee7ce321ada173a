package ui

import "github.com/dxdash/dxdash/client"

// Messages that cross between commands, views and the root model. Every
// answer to a request carries who asked (a view instance id) and, for
// lists, the generation that asked, so an answer nobody is waiting for any
// more is recognised and dropped.

// budgetFeedMsg is a snapshot from the BudgetFeed; the root listens for the
// next one after each.
type budgetFeedMsg struct{ budget client.Budget }

// budgetMsg is a snapshot taken on demand (when a countdown ran out).
type budgetMsg struct{ budget client.Budget }

// budgetCarrier is an answer that brings the budget as it stood when the
// answer arrived, so the status bar is right even without a BudgetFeed.
type budgetCarrier interface{ budgetSnapshot() client.Budget }

// tickMsg redraws the spinners and the status bar's countdowns.
type tickMsg struct{}

// pageMsg is the answer to one page request of a list.
type pageMsg struct {
	list   int // the list instance that asked
	req    pageRequest
	page   client.Page
	err    error
	budget client.Budget
}

func (m pageMsg) budgetSnapshot() client.Budget { return m.budget }

// datasetMsg is the answer to GetDataset.
type datasetMsg struct {
	owner  int    // the view instance that asked
	id     string // the id asked for
	ds     client.Dataset
	err    error
	budget client.Budget
}

func (m datasetMsg) budgetSnapshot() client.Budget { return m.budget }

// pollTickMsg tells a list to fetch its processing rows on screen again.
type pollTickMsg struct{ list int }

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
