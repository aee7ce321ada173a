package common

import "github.com/dxdash/dxdash/client"

// Messages that cross between commands, views and the root model. Every
// answer to a request carries who asked (a view instance id) and, for
// lists, the generation that asked, so an answer nobody is waiting for any
// more is recognised and dropped.

// BudgetCarrier is an answer that brings the budget as it stood when the
// answer arrived, so the status bar is right even without a BudgetFeed.
type BudgetCarrier interface{ BudgetSnapshot() client.Budget }

// DatasetMsg is the answer to GetDataset.
type DatasetMsg struct {
	Owner   int    // the view instance that asked
	ID      string // the id asked for
	Dataset client.Dataset
	Err     error
	budget  client.Budget
}

func (m DatasetMsg) BudgetSnapshot() client.Budget { return m.budget }

// OpenDatasetMsg asks the root to open a dataset in the detail view.
type OpenDatasetMsg struct {
	ID      string
	Summary Row // what the list already knows, shown while the detail loads
	// Highlight marks the fields whose value contains it: the search
	// query a dataset was found by ("" for none).
	Highlight string
	// Entry says where to land (a field, the first or last field to
	// review) and what comes next in the list (detailnav.go).
	Entry DetailEntry
	// Replaces is the detail view (by id) this one takes the place of, when
	// n or N crosses to the next dataset; 0 opens on top.
	Replaces int
}

// ErrorMsg reports a failure for the status bar's error line, or the 401
// screen. source names the operation, so a later success can clear it.
type ErrorMsg struct {
	// Owner is the view that asked (its ID): when it closes, its error
	// line goes with it.
	Owner  int
	Source string
	Err    error
	Hint   string // what the user can do, e.g. "r to retry"
	// Seq orders reports and resolutions as the views made them: both
	// travel through commands, which may deliver them out of order.
	Seq uint64
}

// ErrorResolvedMsg says the operation behind source succeeded: its error
// line, if still shown and older than Seq, is out of date.
type ErrorResolvedMsg struct {
	Source string
	Seq    uint64
}

// DismissErrorMsg clears the status bar's error line (esc in the list).
type DismissErrorMsg struct{}

// DatasetNavigator gives the dataset before (dir -1) or after (dir 1) the
// one with id, in the order of the list a detail was opened from.
type DatasetNavigator interface {
	Neighbour(id string, dir int) (Row, bool)
}

// DetailEntry says where a detail lands once its dataset is shown.
type DetailEntry struct {
	Field  string           // select this field key ("" for none): the stats view's enter
	Review int              // 1: the first row that needs review; -1: the last; 0: neither
	Nav    DatasetNavigator // nil: n and N stay within the table shown
	// Skipped counts the datasets passed over on the way here because
	// nothing in them needed review.
	Skipped int
}

// Command is a palette command for the view beneath the palette: "sort",
// "customer", "type", "verified" with their argument, "clear", "export".
type Command struct {
	Name, Arg string
}

// CommandMsg carries a palette command to the view on top once the palette
// has closed.
type CommandMsg struct{ Command Command }

// PaletteValues are what a view offers the command palette to complete
// from.
type PaletteValues struct {
	IDs       []string // dataset ids on hand, for :<id> and :open
	Customers []string
	Types     []string
	Sorts     []string // sort orders by name
}
