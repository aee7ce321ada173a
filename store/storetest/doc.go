// Package storetest is the behaviour suite every store engine passes: Run
// it from an engine's tests with a function that opens a new, empty store
// of that engine. It imports store, client and the standard library only.
package storetest
