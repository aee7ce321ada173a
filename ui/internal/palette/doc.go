// Package palette is the command palette, k9s style: `:` opens an input
// with completion, and enter runs what was typed: open a dataset by id
// (`:ds_8f3k2j9q`), sort, filter (`:customer cus_acme`, `:type invoice`,
// `:verified true`), the stats, an export of the list, quit. It knows the
// commands and their values through a Source its opener gives it, and
// hands a command to the view beneath as a common.CommandMsg.
//
// It may import common, styles and termtext; no other view.
package palette
