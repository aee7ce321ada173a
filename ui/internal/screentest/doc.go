// Package screentest takes golden screens of a Bubble Tea model: it runs the
// model in teatest in a colour terminal or one with NO_COLOR set, and keeps
// the final screen as that terminal receives it. Only tests import it.
//
// Test code only: imported by _test.go files, never by the program.
package screentest
