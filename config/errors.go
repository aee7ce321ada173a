package config

import (
	"fmt"
	"strconv"
	"strings"
)

// Error is a problem with the config file. It prints as
// "file:line:col: key: message", leaving out what is unknown. Messages quote
// keys but never values: a value might be the API key in the wrong place.
type Error struct {
	File   string
	Line   int // 1-based; 0 when the problem is not at a place in the file
	Column int // 1-based; 0 when unknown
	Key    string
	Msg    string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		b.WriteString(":" + strconv.Itoa(e.Line))
		if e.Column > 0 {
			b.WriteString(":" + strconv.Itoa(e.Column))
		}
	}
	if e.Key != "" {
		b.WriteString(": " + e.Key)
	}
	b.WriteString(": " + e.Msg)
	return b.String()
}

// Warning is something worth telling the user that does not stop dxdash.
type Warning struct {
	File string
	Msg  string
}

func (w Warning) String() string {
	return fmt.Sprintf("%s: %s", w.File, w.Msg)
}
