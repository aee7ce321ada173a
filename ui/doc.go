// Package ui is dxdash's Bubble Tea program. Its root model only routes: it
// keeps the stack of views (the list at the bottom; a dataset, the
// filters, the stats or help above it), hands keys to the view on top and
// every other message to every view, opens and closes views at once (never
// through a message, so the next key finds the right view), and draws what
// belongs to no view: the status bar with the live rate budget, the error
// line, the help screen, and the screens that replace everything (too
// small, 401). Update and View never block and never do I/O: every request
// is a tea.Cmd.
//
// # The house
//
//	ui                     the root: app.go (routing), router.go (keys to the
//	                       top view), statusbar.go, help.go, screens.go;
//	                       catalog.go, the store-backed API (NewLocal)
//	ui/internal/common     what every view shares: the View interface, the
//	                       Context (API, options, clock, styles, budget, the
//	                       detail cache), messages, commands, keys, Row,
//	                       formatting and the text input
//	ui/internal/styles     colours and text styles per theme
//	ui/internal/list       the dataset list, with the search and the quick
//	                       filter over it
//	ui/internal/detail     one dataset reviewed against its ground truth
//	ui/internal/filter     the filter panel
//	ui/internal/statsview  accuracy analytics over the list's rows
//	ui/internal/uitest     test helpers: the fake API, fixtures, a host
//	ui/internal/screentest golden screens
//
// # The local store
//
// NewLocal puts a catalog (catalog.go) between the views and the client:
// it is the API the views call (list pages read from the store, a stored
// current detail returned without a request, searches stored per query
// and filters, or answered locally offline) and common.Catalog (stored
// details in one read, the sync's progress as CatalogMsg, the rows the
// sync found new or changed). Its methods run only in commands. The root
// alone imports store and syncer; the views see the interface.
//
// NewLocalLive adds a webhook receiver beside it (catalog_live.go): the
// caller runs the receiver in its own goroutines with the returned Live as
// its refresher, so an event's one GET is stored and its row delivered as
// a CatalogMsg like the sync's; the detail and the stats view take the
// changed dataset from the store, and the receiver's state
// (CatalogStatus.Webhooks) is what the status bar shows and what keeps
// the views from polling processing rows (common.WebhookStatus.PollDue).
//
// Imports run one way (imports_test.go at the module root enforces it):
// the root imports common, styles and the views it builds (list, detail);
// a view imports common and styles, and another view only downwards (the
// list opens the filter panel and the stats view; nothing opens the list);
// common imports styles and nothing of the views. No package under ui
// imports fakeapi, except the test helpers, which only _test.go files
// import. A view never holds another view's concrete type: what it needs
// of the view beneath, it declares as a small interface (statsview's
// statsSource, the list's quickSource and searchBase).
//
// # Adding a view
//
//  1. A package under ui/internal with a model that implements
//     common.View, its own key map (help is drawn from it) and a doc.go.
//  2. Answers to its requests carry its id (common.Context.NewViewID) so
//     it ignores those addressed to another; commands capture by value.
//  3. Whoever opens it: the view beneath returns it from Opens (a key), or
//     the root builds it for a message (common.OpenDatasetMsg).
//  4. It closes by returning true from Closing after the key that closed it.
//  5. Its own tests run in uitest.Host; whole-program tests stay here.
//  6. A line for it in allowedImports (imports_test.go).
package ui
