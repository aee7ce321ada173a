package list

import (
	"charm.land/bubbles/v2/key"
	"github.com/dxdash/dxdash/ui/internal/common"
)

type listKeys struct {
	common.MoveKeys
	findKeys   // searchkeys.go
	columnKeys // columnkeys.go
	Open       key.Binding
	Sort       key.Binding
	Reload     key.Binding
	Dismiss    key.Binding
	Stats      key.Binding
	Copy       key.Binding
}

func newListKeys() listKeys {
	return listKeys{
		MoveKeys:   common.NewMoveKeys(),
		findKeys:   newFindKeys(),
		columnKeys: newColumnKeys(),
		Open:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Sort:       key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sort")),
		Reload:     key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refresh")),
		Dismiss:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "dismiss error")),
		Stats:      key.NewBinding(key.WithKeys("S", "tab"), key.WithHelp("S/tab", "accuracy stats")),
		Copy:       key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy id")),
	}
}

func (k listKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Move, k.Open, k.Search, k.Filter, k.Sort, k.Reload}
}

func (k listKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.Column(), {k.Open, k.Sort, k.Reload, k.Copy, k.Dismiss, k.Stats}, k.findColumn(), k.columnKeys.column()}
}
