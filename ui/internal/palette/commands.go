package palette

import (
	"slices"
	"strings"

	"github.com/dxdash/dxdash/ui/internal/common"
)

// Source is what the palette completes from: the view it was opened over
// says which values it knows (its rows' ids, customers, types) and which
// sort orders it has.
type Source interface {
	PaletteValues() Values
}

// Values complete the commands' arguments.
type Values = common.PaletteValues

// command is one palette command: its name, what it does, and the values
// its argument takes (nil: none, or free text).
type command struct {
	name, help string
	args       func(Values) []string
}

var commands = []command{
	{"open", "open a dataset by id (or type the id alone)", func(v Values) []string { return v.IDs }},
	{"sort", "sort the list", func(v Values) []string { return v.Sorts }},
	{"customer", "filter by customer (empty: any)", func(v Values) []string { return v.Customers }},
	{"type", "filter by dataset type (empty: any)", func(v Values) []string { return v.Types }},
	{"verified", "filter by verification", func(Values) []string { return []string{"true", "false", "any"} }},
	{"clear", "clear every filter", nil},
	{"stats", "accuracy stats over the list", nil},
	{"export", "write the list's rows to a CSV file", nil},
	{"help", "every key and mark", nil},
	{"quit", "quit dxdash", nil},
}

func find(name string) (command, bool) {
	i := slices.IndexFunc(commands, func(c command) bool { return c.name == name })
	if i < 0 {
		return command{}, false
	}
	return commands[i], true
}

// completions are the lines that typed text can complete to, best first:
// command names while the first word is typed (and dataset ids, which open
// by themselves), then the values of the command's argument.
func completions(typed string, v Values) []string {
	name, arg, hasArg := strings.Cut(strings.TrimLeft(typed, " "), " ")
	if !hasArg {
		var out []string
		for _, c := range commands {
			if strings.HasPrefix(c.name, name) {
				out = append(out, c.name)
			}
		}
		if name != "" {
			for _, id := range v.IDs {
				if strings.HasPrefix(id, name) {
					out = append(out, id)
				}
			}
		}
		return out
	}
	c, ok := find(name)
	if !ok || c.args == nil {
		return nil
	}
	var out []string
	for _, a := range c.args(v) {
		if strings.HasPrefix(strings.ToLower(a), strings.ToLower(strings.TrimSpace(arg))) {
			out = append(out, c.name+" "+a)
		}
	}
	return out
}
